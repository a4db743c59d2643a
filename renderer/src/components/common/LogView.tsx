// A live log as a virtualized list (only the rows in view are in the DOM), so it stays smooth however many lines
// its ring buffer holds: a Pulumi operation's event log (OperationLog) and a DMS task's CloudWatch log
// (TaskLogPanel). It follows new lines while the operator is at the bottom; scrolling up stops following (the
// lines in view then stay put, even while the oldest lines are dropped), and "Follow" (or scrolling back to the
// bottom) resumes it. The head says how many lines are kept and how many older ones were dropped.
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { formatClock, formatCount } from '../../lib/format';
import { droppedCount, itemAt, type LogBuffer } from '../../store/log-buffer';

/** What a log line needs to be shown: its number (increasing), time, level and text. */
export interface LogViewLine {
  readonly seq: number;
  readonly at: string;
  readonly level: string;
  readonly text: string;
}

export interface LogViewTestIds {
  /** The line count in the head. */
  readonly count: string;
  /** The scrolling list (role="log"). */
  readonly lines: string;
  /** Each line. */
  readonly line: string;
}

export interface LogViewProps<T extends LogViewLine> {
  readonly lines: LogBuffer<T> | undefined;
  /** The list's accessible name. */
  readonly label: string;
  readonly testIds: LogViewTestIds;
  /** Shown when there is no line. */
  readonly emptyText: string;
  readonly id?: string;
  /** Added to the outer element's `op-log`, the list's `op-log-scroll` and each line's `log-line`. */
  readonly className?: string;
  readonly scrollClassName?: string;
  readonly lineClassName?: string;
  /** Before the line count in the head (a title). */
  readonly title?: ReactNode;
  /** Inside the count, before it (where the lines come from). */
  readonly source?: ReactNode;
  /** After the count (lines missed, whether the source is followed). */
  readonly notes?: string;
  /** The count's `data-state` (e.g. whether the source is followed). */
  readonly state?: string;
  /** Between the head and the list (why there are no lines, an error). */
  readonly message?: ReactNode;
  /** The level as the line shows it (default: the level itself). */
  readonly levelLabel?: (level: T['level']) => string;
}

const ROW_ESTIMATE = 20;
/** Within this many pixels of the bottom counts as "at the bottom". */
const BOTTOM_SLACK = 24;

export function LogView<T extends LogViewLine>(props: LogViewProps<T>) {
  const { lines, label, testIds, emptyText, levelLabel } = props;
  const count = lines?.length ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  /** The line at the top of the view and how far into it the view starts, to keep it in place. */
  const anchor = useRef<{ seq: number; offset: number } | null>(null);

  // The app does not use the React Compiler; the virtualizer re-renders this component itself when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 16,
    getItemKey: (index) => (lines ? (itemAt(lines, index)?.seq ?? -index) : index),
  });
  const totalSize = virtualizer.getTotalSize();
  const items = virtualizer.getVirtualItems();

  const rememberAnchor = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !lines) return;
    const item = itemAtOffset(virtualizer.measurementsCache, element.scrollTop);
    const line = item ? itemAt(lines, item.index) : undefined;
    anchor.current = item && line ? { seq: line.seq, offset: element.scrollTop - item.start } : null;
  }, [lines, virtualizer]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !lines) return;
    if (following) {
      element.scrollTop = element.scrollHeight;
      return;
    }
    // Not following: the oldest lines may have been dropped, which would shift the view; put the anchor back.
    const saved = anchor.current;
    if (!saved) return;
    const index = indexOfSeq(lines, saved.seq);
    // The anchored line itself was dropped: stay on the oldest line that is still kept.
    const dropped = index < 0 && saved.seq < (itemAt(lines, 0)?.seq ?? 0);
    const start = dropped ? 0 : index >= 0 ? virtualizer.measurementsCache[index]?.start : undefined;
    if (start === undefined) return;
    const target = dropped ? 0 : start + saved.offset;
    if (Math.abs(element.scrollTop - target) > 1) element.scrollTop = target;
  }, [lines, following, totalSize, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
    if (atBottom !== following) setFollowing(atBottom);
    rememberAnchor();
  };

  const dropped = lines ? droppedCount(lines) : 0;
  const join = (base: string, extra: string | undefined) => (extra ? `${base} ${extra}` : base);

  return (
    <div id={props.id} className={join('op-log', props.className)}>
      <div className="op-log-head">
        {props.title}
        <span className="muted op-log-count" data-testid={testIds.count} data-state={props.state}>
          {props.source}
          {formatCount(count)} {count === 1 ? 'line' : 'lines'}
          {dropped > 0 && lines ? ` · ${formatCount(dropped)} older dropped (the last ${formatCount(lines.capacity)} are kept)` : ''}
          {props.notes ?? ''}
        </span>
        <button
          type="button"
          className="follow-button"
          aria-pressed={following}
          disabled={following}
          title={following ? 'Following new lines' : 'Scroll to the newest line and keep following'}
          onClick={() => setFollowing(true)}
        >
          Follow
        </button>
      </div>
      {props.message}
      <div
        ref={scrollRef}
        className={join('op-log-scroll', props.scrollClassName)}
        data-testid={testIds.lines}
        data-following={following}
        role="log"
        aria-live="off"
        aria-label={label}
        tabIndex={0}
        onScroll={onScroll}
      >
        {count === 0 ? (
          <p className="op-log-empty muted">{emptyText}</p>
        ) : (
          <div className="op-log-inner" style={{ height: totalSize }}>
            {items.map((item) => {
              const line = itemAt(lines!, item.index)!;
              return (
                <LogRow
                  key={item.key}
                  line={line}
                  level={levelLabel ? levelLabel(line.level) : line.level}
                  item={item}
                  measure={virtualizer.measureElement}
                  className={join('log-line', props.lineClassName)}
                  testId={testIds.line}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

function LogRow({
  line,
  level,
  item,
  measure,
  className,
  testId,
}: {
  line: LogViewLine;
  level: string;
  item: VirtualItem;
  measure: (element: Element | null) => void;
  className: string;
  testId: string;
}) {
  return (
    <div
      ref={measure}
      data-index={item.index}
      className={className}
      data-testid={testId}
      data-level={line.level}
      data-seq={line.seq}
      style={{ transform: `translateY(${item.start}px)` }}
    >
      <time className="log-time" dateTime={line.at}>
        {formatClock(line.at)}
      </time>
      <span className="log-level">{level}</span>
      <span className="log-text">{line.text}</span>
    </div>
  );
}

/** The index of the line with this number (line numbers increase), or -1 when it is no longer kept. */
function indexOfSeq(lines: LogBuffer<LogViewLine>, seq: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = itemAt(lines, middle)!.seq;
    if (value === seq) return middle;
    if (value < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The first measured row that reaches below `offset`. */
function itemAtOffset(measurements: readonly VirtualItem[], offset: number): VirtualItem | undefined {
  let low = 0;
  let high = measurements.length - 1;
  let found: VirtualItem | undefined;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const item = measurements[middle]!;
    if (item.end > offset) {
      found = item;
      high = middle - 1;
    } else {
      low = middle + 1;
    }
  }
  return found;
}
