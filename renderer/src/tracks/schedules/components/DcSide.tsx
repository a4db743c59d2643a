// A job's data-center side: the Jenkins job or cron entry and its scheduler, the schedule in words as the plan gives
// it, the trigger ON or OFF, a run in progress since when (and how long at the last check), a queued run, the last run
// and its result, the next slot, when it was read, and its problem in words when it could not be.
import type { DcSideView } from '../../../../../main/tracks/schedules/contract';
import type { ClockRate } from '../../../lib/readiness';
import { dcKindText, dcLastRunText, dcNextSlotText, dcQueuedText, dcResultTone, dcRunningText, dcTriggerText, whenText } from '../words';
import { Dot } from './Pill';

export function DcSide({ dc, schedule, clock }: { dc: DcSideView; schedule: string; clock: ClockRate | null }) {
  return (
    <section
      className="sch-side"
      aria-label="Data-center side"
      data-testid="schedules-dc"
      data-enabled={dc.enabled === null ? 'unknown' : String(dc.enabled)}
      data-running={dc.running !== null || undefined}
    >
      <header className="sch-side-head">
        <h6 className="sch-side-title">Data center</h6>
        <span className="muted">{dcKindText(dc)}</span>
      </header>
      <dl className="sch-facts">
        <dt>{dc.kind === 'jenkins' ? 'Job' : 'Entry'}</dt>
        <dd>
          <code>{dc.name}</code>
        </dd>
        <dt>Schedule</dt>
        <dd>
          <code>{schedule}</code>
        </dd>
        <dt>Trigger</dt>
        <dd data-testid="schedules-dc-trigger" className={dc.enabled === null ? 'muted' : 'sch-strong'}>
          {dcTriggerText(dc.enabled)}
        </dd>
        <dt>Running</dt>
        <dd data-testid="schedules-dc-running" className={dc.running ? 'sch-running' : 'muted'}>
          {dc.running ? <Dot tone="holding" /> : null}
          {dcRunningText(dc, clock)}
        </dd>
        <dt>Queued</dt>
        <dd className={dc.queued ? 'count-warn' : 'muted'}>{dcQueuedText(dc.queued)}</dd>
        <dt>Last run</dt>
        <dd data-testid="schedules-dc-last">
          {dc.lastRun ? <Dot tone={dcResultTone(dc.lastRun.result)} /> : null}
          {dcLastRunText(dc.lastRun, clock)}
        </dd>
        <dt>Next slot</dt>
        <dd>{dcNextSlotText(dc, clock)}</dd>
        <dt>Read</dt>
        <dd className="muted">{dc.checkedAt !== null ? whenText(dc.checkedAt, clock) : 'not yet'}</dd>
      </dl>
      {dc.problem !== null ? (
        <div className="error-box" data-testid="schedules-dc-problem">
          <strong>The data-center side could not be read:</strong>
          <pre className="error-text">{dc.problem}</pre>
        </div>
      ) : null}
    </section>
  );
}
