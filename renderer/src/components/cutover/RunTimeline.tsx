// The run's planned-vs-actual timeline (computed by the core, main/cutover/timeline.ts): per step a planned bar and
// an actual bar on one time axis, per stack its own operation's bar under its step. Times are UTC on the core's clock.
import type { TimelineStepView } from '../../../../main/api/contract';
import { formatUtcSeconds } from '../../lib/format';

export function RunTimeline({ timeline, now }: { timeline: readonly TimelineStepView[]; now: number }) {
  const times = timeline.flatMap((step) => [step.plannedStart, step.plannedEnd, step.actualStart, step.actualEnd, ...step.stacks.flatMap((stack) => [stack.start, stack.end])]);
  const parsed = times.flatMap((iso) => (iso ? [Date.parse(iso)] : [])).filter(Number.isFinite);
  if (parsed.length === 0) return null;
  const from = Math.min(...parsed);
  const to = Math.max(...parsed, timeline.some((step) => step.actualStart && !step.actualEnd) ? now : -Infinity);
  const span = Math.max(1, to - from);
  const bar = (start: string | null, end: string | null, kind: 'planned' | 'actual' | 'stack', label: string) => {
    if (!start) return <span className={`timeline-bar ${kind} empty`} aria-hidden="true" />;
    const left = ((Date.parse(start) - from) / span) * 100;
    const right = ((end ? Date.parse(end) : now) - from) / span * 100;
    return <span className={`timeline-bar ${kind}${end ? '' : ' open'}`} style={{ left: `${left}%`, width: `${Math.max(0.5, right - left)}%` }} title={label} />;
  };
  const range = (start: string | null, end: string | null) => (start ? `${formatUtcSeconds(start)} – ${end ? formatUtcSeconds(end) : 'now'}` : 'not planned');
  return (
    <details className="run-timeline" data-testid="run-timeline">
      <summary>
        Planned vs actual ({formatUtcSeconds(new Date(from).toISOString())} – {formatUtcSeconds(new Date(to).toISOString())})
      </summary>
      <ol className="timeline-rows">
        {timeline.map((step) => (
          <li key={step.stepId} data-step-id={step.stepId}>
            <span className="timeline-name">{step.name}</span>
            <span className="timeline-track">
              {bar(step.plannedStart, step.plannedEnd, 'planned', `Planned: ${range(step.plannedStart, step.plannedEnd)}`)}
              {bar(step.actualStart, step.actualEnd, 'actual', `Actual: ${range(step.actualStart, step.actualEnd)} (${step.status})`)}
            </span>
            {step.stacks.length > 0 ? (
              <ol className="timeline-stacks">
                {step.stacks.map((stack) => (
                  <li key={stack.stackId}>
                    <span className="timeline-name">{stack.stackId}</span>
                    <span className="timeline-track">{bar(stack.start, stack.end, 'stack', `${stack.stackId}: ${range(stack.start, stack.end)} (${stack.status})`)}</span>
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="muted timeline-legend">
        <span className="timeline-bar planned legend" /> planned <span className="timeline-bar actual legend" /> actual <span className="timeline-bar stack legend" /> per stack · UTC, the cockpit&apos;s clock
      </p>
    </details>
  );
}
