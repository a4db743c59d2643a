// The run's planned-vs-actual timeline (computed by the core, main/cutover/timeline.ts), on the run's own scale:
// 0 is the run's start, the planned steps count from there (the core plans from the cutover window's start, days
// away in a rehearsal: that offset is said once, above the axis), with an axis in minutes and every bar's duration
// as text. Per step a planned and an actual bar; per stack its own operation's bar under its step. The axis spans
// the whole plan, or only the actual run (first for an ended run much shorter than its plan: a rehearsal).
import { useMemo, useState, type CSSProperties } from 'react';
import type { CutoverRunView } from '../../../../main/api/contract';
import { defaultTimelineScale, formatSpan, timelineLayout, windowOffset, type TimelineBar } from '../../lib/cutover';
import { formatUtcSeconds } from '../../lib/format';

type Scale = 'plan' | 'actual';

export function RunTimeline({ run, now }: { run: CutoverRunView; now: number }) {
  const [scale, setScale] = useState<Scale>(() => defaultTimelineScale(timelineLayout(run.timeline, run.startedAt, now), run.finishedAt !== null));
  const layout = useMemo(() => timelineLayout(run.timeline, run.startedAt, now, scale), [run.timeline, run.startedAt, now, scale]);
  if (!layout) return null;
  const offset = windowOffset(run);
  const byStep = new Map(run.timeline.map((step) => [step.stepId, step]));
  // Zooming to the actual run matters when it is much shorter than the plan (its bars would be slivers).
  const zoomable = layout.actualMs > 0 && layout.plannedMs > layout.actualMs * 1.5;
  const range = (start: string | null, end: string | null) => (start ? `${formatUtcSeconds(start)} – ${end ? formatUtcSeconds(end) : 'now'}` : 'not started');
  const track = { '--tick': `${(layout.tickMs / layout.span) * 100}%` } as CSSProperties;
  return (
    <details className="run-timeline" data-testid="run-timeline">
      <summary>Planned vs actual, from the run&apos;s start{run.startedAt ? ` at ${formatUtcSeconds(run.startedAt)}` : ''}</summary>
      <div className="timeline-head">
        {offset ? (
          <p className="timeline-offset" data-inside={offset.inside} data-testid="timeline-window-offset">
            Started {offset.text}. Planned times count from the run&apos;s start.
          </p>
        ) : null}
        {zoomable || scale === 'actual' ? (
          <div className="segmented timeline-scale" role="group" aria-label="Timeline scale">
            <button type="button" aria-pressed={scale === 'plan'} onClick={() => setScale('plan')}>
              Whole plan ({formatSpan(Math.max(layout.plannedMs, layout.actualMs))})
            </button>
            <button type="button" aria-pressed={scale === 'actual'} onClick={() => setScale('actual')}>
              Actual run ({formatSpan(layout.actualMs)})
            </button>
          </div>
        ) : null}
      </div>
      <div className="timeline-grid" style={track}>
        <div className="timeline-axis-row" aria-hidden="true">
          <span className="timeline-name muted">Time from the start</span>
          <span className="timeline-axis">
            {layout.ticks.map((tick) => (
              <span key={tick.at} className="timeline-tick" data-edge={tick.at > 92 ? 'end' : undefined} style={{ left: `${tick.at}%` }}>
                {tick.label}
              </span>
            ))}
          </span>
          <span className="timeline-duration muted">planned · actual</span>
        </div>
        <ol className="timeline-rows" aria-label="Steps, planned and actual">
          {layout.rows.map((row) => {
            const view = byStep.get(row.stepId);
            return (
              <li key={row.stepId} data-step-id={row.stepId} data-status={row.status}>
                <span className="timeline-name">{row.name}</span>
                <span className="timeline-track">
                  <Bar bar={row.planned} kind="planned" title={row.planned ? `Planned: ${row.planned.duration}, from the run's start + ${formatSpan(((row.planned.left / 100) * layout.span))}` : 'Not planned'} />
                  <Bar bar={row.actual} kind="actual" title={`Actual: ${range(view?.actualStart ?? null, view?.actualEnd ?? null)} (${row.status})`} />
                </span>
                <span className="timeline-duration" data-testid="timeline-duration">
                  <span className="muted">{row.planned ? row.planned.duration : '—'}</span> · <span data-over={row.planned && row.actual ? row.actual.ms > row.planned.ms : undefined}>{row.actual ? `${row.actual.duration}${row.actual.open ? ' so far' : ''}` : 'not run'}</span>
                </span>
                {row.stacks.length > 0 ? (
                  <ol className="timeline-stacks" aria-label={`Stacks of ${row.name}`}>
                    {row.stacks.map((stack) => {
                      const times = view?.stacks.find((candidate) => candidate.stackId === stack.stackId);
                      return (
                        <li key={stack.stackId}>
                          <span className="timeline-name">{stack.stackId}</span>
                          <span className="timeline-track">
                            <Bar bar={stack.bar} kind="stack" title={`${stack.stackId}: ${range(times?.start ?? null, times?.end ?? null)} (${stack.status})`} />
                          </span>
                          <span className="timeline-duration">{stack.bar ? `${stack.bar.duration}${stack.bar.open ? ' so far' : ''}` : '—'}</span>
                        </li>
                      );
                    })}
                  </ol>
                ) : null}
              </li>
            );
          })}
        </ol>
      </div>
      <p className="muted timeline-legend">
        <span className="timeline-bar planned legend" /> planned (each step&apos;s planned minutes, else its timeout) <span className="timeline-bar actual legend" /> actual{' '}
        <span className="timeline-bar stack legend" /> per stack · times UTC, the cockpit&apos;s clock
      </p>
    </details>
  );
}

function Bar({ bar, kind, title }: { bar: TimelineBar | null; kind: 'planned' | 'actual' | 'stack'; title: string }) {
  if (!bar) return null;
  // Wholly past the end of the scale (zoomed to the actual run): a mark at the edge says it comes later.
  if (bar.left >= 100) {
    return (
      <span className={`timeline-later ${kind}`} title={`${title} — past the end of this scale`}>
        ▸
      </span>
    );
  }
  return (
    <span
      className={`timeline-bar ${kind}${bar.open ? ' open' : ''}`}
      data-clipped={bar.clipped || undefined}
      style={{ left: `${bar.left}%`, width: `max(3px, ${bar.width}%)` }}
      title={`${title}${bar.clipped ? ' — goes on past the end of this scale' : ''}`}
    />
  );
}
