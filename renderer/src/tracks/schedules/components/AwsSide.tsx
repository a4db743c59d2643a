// A job's AWS side: the Scheduler schedule (group and name, the schedule in words as the plan gives it, ENABLED or
// DISABLED, its start date, the next slot), the Lambda function and its reserved concurrency (0: the kill switch, amber
// while the schedule is off, red while it fires), the newest minute with invocations, when it was read and its problem
// in words; and the test invocation: its result, "Test invocation" (held while one is on its way or no function is
// deployed) and the core's refusal in its words.
import type { AwsSideView, TestInvocationView } from '../../../../../main/tracks/schedules/contract';
import type { ClockRate } from '../../../lib/readiness';
import type { SchedulesRefusal } from '../slice';
import {
  awsLastRunText,
  awsNextSlotText,
  awsStateText,
  concurrencyText,
  killSwitchInDanger,
  killSwitchOn,
  startDateText,
  TEST_GATE_NOTE,
  testInvocationText,
  testInvocationTone,
  whenText,
} from '../words';
import { Dot } from './Pill';
import { Refusal } from './Refusal';

export interface AwsSideProps {
  aws: AwsSideView;
  schedule: string;
  clock: ClockRate | null;
  /** The test invocation to show: the newer of the monitor's and the operator's answer. */
  test: TestInvocationView | null;
  /** Why "Test invocation" cannot be pressed now, or null. */
  blocked: string | null;
  refusal: SchedulesRefusal | null;
  onTest: () => void;
  onDismiss: () => void;
}

export function AwsSide({ aws, schedule, clock, test, blocked, refusal, onTest, onDismiss }: AwsSideProps) {
  const killed = killSwitchOn(aws);
  // The kill switch is the safe state after a rollback (amber); with the schedule ENABLED its slots run nowhere (red).
  const danger = killSwitchInDanger(aws);
  return (
    <section
      className="sch-side"
      aria-label="AWS side"
      data-testid="schedules-aws"
      data-schedule-state={aws.state ?? 'unknown'}
      data-kill-switch={killed || undefined}
      data-danger={danger || undefined}
    >
      <header className="sch-side-head">
        <h6 className="sch-side-title">AWS</h6>
        <span className="muted">EventBridge Scheduler → Lambda</span>
      </header>
      <dl className="sch-facts">
        <dt>Schedule</dt>
        <dd>
          {aws.scheduleName !== null ? (
            <code>{aws.scheduleGroup !== null ? `${aws.scheduleGroup}/${aws.scheduleName}` : aws.scheduleName}</code>
          ) : (
            <span className="muted">not deployed</span>
          )}
          <br />
          <code>{schedule}</code>
        </dd>
        <dt>State</dt>
        <dd data-testid="schedules-aws-state" className={aws.state === null ? 'muted' : 'sch-strong'}>
          {awsStateText(aws.state)}
        </dd>
        <dt>Start date</dt>
        <dd>{startDateText(aws.startDate, clock)}</dd>
        <dt>Next slot</dt>
        <dd>{awsNextSlotText(aws, clock)}</dd>
        <dt>Function</dt>
        <dd>{aws.functionName !== null ? <code>{aws.functionName}</code> : <span className="muted">not deployed</span>}</dd>
        <dt>Concurrency</dt>
        <dd data-testid="schedules-aws-concurrency" className={danger ? 'count-bad' : killed ? 'count-warn' : undefined}>
          {aws.functionName === null && aws.reservedConcurrency === null ? 'no function yet' : concurrencyText(aws.reservedConcurrency, aws.state)}
        </dd>
        <dt>Last run</dt>
        <dd data-testid="schedules-aws-last" className={aws.lastRun && aws.lastRun.errors > 0 ? 'count-bad' : undefined}>
          {awsLastRunText(aws.lastRun, clock)}
        </dd>
        <dt>Read</dt>
        <dd className="muted">{aws.checkedAt !== null ? whenText(aws.checkedAt, clock) : 'not yet'}</dd>
      </dl>
      {aws.problem !== null ? (
        <div className="error-box" data-testid="schedules-aws-problem">
          <strong>The AWS side could not be read:</strong>
          <pre className="error-text">{aws.problem}</pre>
        </div>
      ) : null}
      <div className="sch-test" data-testid="schedules-test" data-ok={test ? String(test.ok) : 'none'}>
        <p className="sch-test-line">
          <span className="sch-test-label">Test invocation</span> <Dot tone={testInvocationTone(test)} />
          <span data-testid="schedules-test-result" className={test && !test.ok ? 'count-bad' : undefined}>
            {testInvocationText(test, clock)}
          </span>
        </p>
        {!test?.ok ? <p className="muted sch-gate-note">{TEST_GATE_NOTE}</p> : null}
        <div className="sch-actions">
          <button
            type="button"
            data-command="test-invoke"
            disabled={blocked !== null}
            title={blocked ?? `Invokes ${aws.functionName ?? 'the function'} once with a test event: it answers without doing the job's work`}
            onClick={onTest}
          >
            Test invocation
          </button>
          {blocked !== null ? <span className="muted sch-why">{blocked}</span> : null}
        </div>
        {refusal ? <Refusal refusal={refusal} onDismiss={onDismiss} /> : null}
      </div>
    </section>
  );
}
