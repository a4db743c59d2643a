// The waves with a cutover window on a timeline of those windows, in UTC: days along the top (6-hour lines at the
// Day scale), the current time as a line, and each wave as a bar the length of its window with its name, window,
// phase and stack count. Overlapping windows (and labels longer than their window) go to separate lanes
// (lib/wave-timeline.ts). It opens at the window running now or the next one. The waves are one list in time
// order with one Tab stop: Left / Right go back and forth in time, Up / Down to the nearest wave of the lane
// above / below, Home / End to the first / last; Enter opens the wave on the Cutover tab. When waves lie beyond
// either edge of the visible part, that edge fades and the heading row says how many ("2 later →"); a click scrolls to the nearest one.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { WaveView } from '../../../../main/api/contract';
import { useNow } from '../../hooks/use-now';
import { formatUtc } from '../../lib/format';
import {
  currentItem,
  formatDay,
  formatHour,
  formatWindowShort,
  HOUR_MS,
  layoutTimeline,
  moveInTimeline,
  offscreenItems,
  scrollLeftFor,
  timelineTicks,
  TIMELINE_KEYS,
  type TimelineItem,
} from '../../lib/wave-timeline';
import { usePlanAccounts } from '../../hooks/use-placements';
import { placementShort, placementsOf, stacksByIds, type Placement } from '../../lib/accounts';
import { useCockpit } from '../../store/context';
import { TimelineWave, TIMELINE_LANE_HEIGHT, TIMELINE_PLACEMENT_LINE } from './TimelineWave';

export interface ScheduledWave {
  readonly wave: WaveView;
  readonly startMs: number;
  readonly endMs: number;
}

const SCALES = [
  { id: 'day', label: 'Day', pxPerHour: 24 },
  { id: 'week', label: 'Week', pxPerHour: 4 },
  { id: 'month', label: 'Month', pxPerHour: 1 },
] as const;
type ScaleId = (typeof SCALES)[number]['id'];

const AXIS_HEIGHT = 28;
/** Room at the left for the sticky "UTC" label, so it covers no day at the start. */
const LEFT_PAD = 44;
const RIGHT_PAD = 12;
/** An item is never narrower than its status line (phase badge and stack count) and never wider than this. */
const MIN_LABEL_WIDTH = 236;
const MAX_LABEL_WIDTH = 320;

export function WaveTimeline({ waves }: { waves: readonly ScheduledWave[] }) {
  const headingId = useId();
  const [scaleId, setScaleId] = useState<ScaleId>('week');
  const pxPerHour = SCALES.find((scale) => scale.id === scaleId)!.pxPerHour;
  const stacks = useCockpit((state) => (state.snapshot?.status === 'loaded' ? state.snapshot.plan.stacks : null));
  const layout = useMemo(() => {
    const byId = new Map((stacks ?? []).map((stack) => [stack.id, stack]));
    return layoutTimeline(
      waves.map(({ wave, startMs, endMs }) => ({
        id: wave.id,
        startMs,
        endMs,
        labelWidth: labelWidth(wave.name, formatWindowShort(startMs, endMs), placementsOf(stacksByIds(byId, wave.stackIds))),
      })),
      { pxPerHour, minBarWidth: 6, gap: 12 },
    );
  }, [waves, stacks, pxPerHour]);
  // A plan with accounts gives each wave a line more (its accounts and regions); one without keeps its lanes.
  const laneHeight = TIMELINE_LANE_HEIGHT + (usePlanAccounts().length > 0 ? TIMELINE_PLACEMENT_LINE : 0);
  const ticks = useMemo(() => timelineTicks(layout, pxPerHour), [layout, pxPerHour]);
  const byId = useMemo(() => new Map(waves.map((scheduled) => [scheduled.wave.id, scheduled.wave])), [waves]);
  const now = useNow(true, 60_000);
  const nowX = now >= layout.originMs && now <= layout.endMs ? ((now - layout.originMs) / HOUR_MS) * pxPerHour : null;

  const [focusedId, setFocusedId] = useState<string | null>(null);
  const tabbableId = focusedId !== null && byId.has(focusedId) ? focusedId : (layout.items[0]?.id ?? null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const scrollRef = useRef<HTMLDivElement>(null);
  // The handlers read the latest layout through a ref so they keep one identity and the memoized items do not
  // all re-render when the focus moves or the clock ticks.
  const itemsRef = useRef(layout.items);
  useLayoutEffect(() => {
    itemsRef.current = layout.items;
  }, [layout.items]);

  // Open at the window running now or the next one, a day before it; again when the scale changes, but not when
  // the plan is re-sent (every lifecycle change), which would pull the timeline away from where the operator is.
  useEffect(() => {
    const target = currentItem(itemsRef.current, Date.now());
    if (scrollRef.current && target) scrollRef.current.scrollLeft = Math.max(0, target.x - 24 * pxPerHour);
  }, [pxPerHour]);

  const onKeyDown = useCallback((waveId: string, event: KeyboardEvent<HTMLButtonElement>) => {
    if (!TIMELINE_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = moveInTimeline(itemsRef.current, waveId, event.key);
    const element = next === null ? undefined : buttons.current.get(next);
    element?.focus();
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, []);
  const register = useCallback((waveId: string, element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(waveId, element);
    else buttons.current.delete(waveId);
  }, []);

  // The visible part of the timeline (timeline px), to say which waves lie beyond its edges.
  const [view, setView] = useState<{ left: number; width: number } | null>(null);
  const measureView = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const next = { left: Math.round(element.scrollLeft), width: Math.max(0, element.clientWidth - LEFT_PAD) };
    setView((current) => (current && current.left === next.left && current.width === next.width ? current : next));
  }, []);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    measureView();
    const observer = new ResizeObserver(measureView);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measureView, waves.length]);
  const offscreen = useMemo(() => (view ? offscreenItems(layout.items, view.left, view.width) : null), [layout.items, view]);
  // Room enough before the wave that the edge's fade (56 px) does not cover its label.
  const scrollTo = (item: TimelineItem) => scrollRef.current?.scrollTo({ left: scrollLeftFor(item, 64), behavior: 'auto' });

  if (waves.length === 0) return null;
  return (
    <section className="wave-timeline" aria-labelledby={headingId} data-testid="wave-timeline">
      <div className="wave-timeline-head">
        <h3 id={headingId} className="overview-subtitle">
          Cutover windows <span className="muted">(times in UTC)</span>
        </h3>
        <span className="muted" data-testid="overview-span">
          {formatUtc(new Date(layout.items[0]!.startMs).toISOString())} to{' '}
          {formatUtc(new Date(Math.max(...layout.items.map((item) => item.endMs))).toISOString())}
        </span>
        {/* In the heading row, not over the axis: a cue drawn on the timeline covered its day labels. */}
        <div className="overview-more-group">
          {offscreen && offscreen.before.length > 0 ? (
            <MoreWaves side="before" items={offscreen.before} byId={byId} onGo={() => scrollTo(offscreen.before[offscreen.before.length - 1]!)} />
          ) : null}
          {offscreen && offscreen.after.length > 0 ? (
            <MoreWaves side="after" items={offscreen.after} byId={byId} onGo={() => scrollTo(offscreen.after[0]!)} />
          ) : null}
        </div>
        <div className="segmented overview-scale" role="group" aria-label="Timeline scale">
          {SCALES.map((scale) => (
            <button key={scale.id} type="button" aria-pressed={scale.id === scaleId} onClick={() => setScaleId(scale.id)}>
              {scale.label}
            </button>
          ))}
        </div>
      </div>
      <div
        className="overview-scroll-frame"
        style={{ '--overview-axis-height': `${AXIS_HEIGHT}px` } as CSSProperties}
        data-more-before={offscreen && offscreen.before.length > 0 ? true : undefined}
        data-more-after={offscreen && offscreen.after.length > 0 ? true : undefined}
      >
        <div className="overview-scroll" ref={scrollRef} onScroll={measureView}>
          <div className="overview-canvas" style={{ width: LEFT_PAD + layout.width + RIGHT_PAD, height: AXIS_HEIGHT + layout.lanes * laneHeight }}>
            <span className="overview-clock" title="The timeline and every time on it are in UTC">
              UTC
            </span>
            <div className="overview-axis" style={{ height: AXIS_HEIGHT }} />
            {ticks.map((tick) => (
              <span key={tick.ms} className="overview-tick" data-day={tick.day || undefined} style={{ left: LEFT_PAD + tick.x }} aria-hidden="true">
                {tick.labelled ? (tick.day ? formatDay(tick.ms) : formatHour(tick.ms)) : null}
              </span>
            ))}
            {nowX !== null ? (
              <div className="overview-now" style={{ left: LEFT_PAD + nowX }} data-testid="overview-now">
                <span>now {formatHour(now)} UTC</span>
              </div>
            ) : null}
            <ol className="overview-items" aria-label="Waves by cutover window, in time order">
              {layout.items.map((item) => (
                <TimelineWave
                  key={item.id}
                  item={item}
                  left={LEFT_PAD + item.x}
                  top={AXIS_HEIGHT + item.lane * laneHeight}
                  wave={byId.get(item.id)!}
                  tabbable={item.id === tabbableId}
                  register={register}
                  onKeyDown={onKeyDown}
                  onFocus={setFocusedId}
                />
              ))}
            </ol>
          </div>
        </div>
      </div>
    </section>
  );
}

/** The cue at an edge of the timeline: how many waves lie beyond it (named in the tooltip); scrolls to the nearest. */
function MoreWaves({
  side,
  items,
  byId,
  onGo,
}: {
  side: 'before' | 'after';
  items: readonly TimelineItem[];
  byId: ReadonlyMap<string, WaveView>;
  onGo(): void;
}) {
  const names = items.map((item) => byId.get(item.id)?.name ?? item.id);
  const nearest = side === 'before' ? names[names.length - 1] : names[0];
  const text = side === 'before' ? `← ${items.length} earlier` : `${items.length} later →`;
  const where = side === 'before' ? 'left' : 'right';
  return (
    <button
      type="button"
      className="overview-more"
      data-side={side}
      data-testid={`overview-more-${side}`}
      aria-label={`${items.length} ${items.length === 1 ? 'wave' : 'waves'} ${side === 'before' ? 'earlier' : 'later'}, off to the ${where}: scroll to ${nearest}`}
      title={`Off to the ${where} (scroll sideways, or click to go to ${nearest}): ${names.join(', ')}`}
      onClick={onGo}
    >
      {text}
    </button>
  );
}

/**
 * The width (px) an item's label needs, estimated from its text so the layout stays pure and does not move when a
 * phase changes: the name line (order badge and name) or the window line, at least the status line.
 */
function labelWidth(name: string, window: string, placements: readonly Placement[]): number {
  const nameLine = 36 + name.length * 7.4;
  const windowLine = window.length * 6.6;
  // The accounts line: each placement's short words, its "production" marker, 10 px between placements.
  const accountsLine = placements.reduce(
    (width, placement) => width + placementShort(placement).length * 6.8 + (placement.account.production ? 86 : 0) + 10,
    0,
  );
  return Math.min(MAX_LABEL_WIDTH, Math.max(MIN_LABEL_WIDTH, nameLine, windowLine, accountsLine) + 12);
}
