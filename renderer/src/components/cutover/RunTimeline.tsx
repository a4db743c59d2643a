// The run's planned-vs-actual timeline (computed by the core, main/cutover/timeline.ts), on the run's own scale:
// 0 is the run's start, the planned steps count from there (how far the start was from the cutover window is said
// once, above the axis), with an axis in minutes and every bar's duration as text. Per step a planned bar (only from
// its planned minutes: a timeout is no plan) and an actual bar per attempt (a retried step's earlier attempts hatched
// red); per stack its own operation's bar under its step. The axis spans the whole plan, or only the actual run (first
// for a stopped run, and for a succeeded one much shorter than its plan: a rehearsal); the operator's choice holds.
import { useMemo, useState, type CSSProperties } from 'react';
import type { CutoverRunView } from '../../../../main/api/contract';
import { defaultTimelineScale, formatSpan, timelineLayout, windowOffset, type TimelineBar } from '../../lib/cutover';
import { formatUtcSeconds } from '../../lib/format';

type Scale = 'plan' | 'actual';

export function RunTimeline({ run, now }: { run: CutoverRunView; now: number }) {
  // Null until the operator picks a scale: the default follows the run (a run that stops opens on what it attempted).
  const [chosen, setScale] = useState<Scale | null>(null);
  const whole = useMemo(() => timelineLayout(run.timeline, run.startedAt, now, 'plan'), [run.timeline, run.startedAt, now]);
  const scale = chosen ?? defaultTimelineScale(whole, run.status);
  const zoomed = useMemo(
    () => (scale === 'actual' ? timelineLayout(run.timeline, run.startedAt, now, 'actual') : null),
    [run.timeline, run.startedAt, now, scale],
  );
  const layout = zoomed ?? whole;
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
                  <Bar
                    bar={row.planned}
                    kind="planned"
                    title={
                      row.planned
                        ? `Planned: ${row.planned.duration}, from the run's start + ${formatSpan((row.planned.left / 100) * layout.span)}`
                        : 'Not planned'
                    }
                  />
                  {row.earlierAttempts.map((attempt) => {
                    const times = view?.attempts.find((candidate) => candidate.attempt === attempt.attempt);
                    return (
                      <Bar
                        key={attempt.attempt}
                        bar={attempt.bar}
                        kind="attempt"
                        status={attempt.status}
                        title={`${attempt.label}: ${range(times?.start ?? null, times?.end ?? null)}`}
                      />
                    );
                  })}
                  <Bar
                    bar={row.actual}
                    kind="actual"
                    status={row.status}
                    title={`Actual${row.attemptLabel ? ` (${row.attemptLabel})` : ''}: ${range(view?.actualStart ?? null, view?.actualEnd ?? null)} (${row.status})`}
                  />
                </span>
                <span className="timeline-duration" data-testid="timeline-duration">
                  <span className="muted">{row.planned ? row.planned.duration : '—'}</span> ·{' '}
                  <span data-over={row.planned && row.actual ? row.actual.ms > row.planned.ms : undefined}>
                    {row.actual ? `${row.actual.duration}${row.actual.open ? ' so far' : ''}` : 'not run'}
                  </span>
                  {row.earlierAttempts.map((attempt) => (
                    <span key={attempt.attempt} className="timeline-attempt" data-status={attempt.status} data-testid="timeline-attempt">
                      {' '}
                      · {attempt.label} after {attempt.bar.duration}
                    </span>
                  ))}
                </span>
                {row.stacks.length > 0 ? (
                  <ol className="timeline-stacks" aria-label={`Stacks of ${row.name}`}>
                    {row.stacks.map((stack) => {
                      const times = view?.stacks.find((candidate) => candidate.stackId === stack.stackId);
                      return (
                        <li key={stack.stackId}>
                          <span className="timeline-name">{stack.stackId}</span>
                          <span className="timeline-track">
                            <Bar
                              bar={stack.bar}
                              kind="stack"
                              title={`${stack.stackId}: ${range(times?.start ?? null, times?.end ?? null)} (${stack.status})`}
                            />
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
        <span className="timeline-bar planned legend" /> planned (each step&apos;s planned minutes; none where the plan gives none){' '}
        <span className="timeline-bar actual legend" /> actual <span className="timeline-bar attempt legend" /> earlier attempt of a retried step{' '}
        <span className="timeline-bar stack legend" /> per stack · times UTC, the cockpit&apos;s clock
      </p>
    </details>
  );
}

function Bar({ bar, kind, title, status }: { bar: TimelineBar | null; kind: 'planned' | 'actual' | 'attempt' | 'stack'; title: string; status?: string }) {
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
      data-failed={status === 'failed' || undefined}
      data-testid={kind === 'attempt' ? 'timeline-attempt-bar' : undefined}
      style={{ left: `${bar.left}%`, width: `max(3px, ${bar.width}%)` }}
      title={`${title}${bar.clipped ? ' — goes on past the end of this scale' : ''}`}
    />
  );
}
