// One scheduled job on the Schedules tab: its id and description, whether it is idempotent, who owns it now (both or
// neither in the danger colours, with what comes of it in words), both sides side by side, the slot strip around now
// and its totals. Pure: what it shows and what its button calls come in as props.
import type { JobView, TestInvocationView } from '../../../../../main/tracks/schedules/contract';
import type { ClockRate } from '../../../lib/readiness';
import { jobKey, shownTestInvocation, type SchedulesActions, type SchedulesCommandKind, type SchedulesRefusal } from '../slice';
import { nextSlotSummary, OWNER_TONE, OWNER_WORDS, ownerInDanger, ownerSentence, testBlocked, whenText } from '../words';
import { AwsSide } from './AwsSide';
import { DcSide } from './DcSide';
import { TonePill } from './Pill';
import { SlotStrip } from './SlotStrip';
import { Totals } from './Totals';

export interface JobCardProps {
  job: JobView;
  clock: ClockRate | null;
  pending: SchedulesCommandKind | undefined;
  refusal: SchedulesRefusal | undefined;
  /** The operator's test invocation answered and not yet in the monitor's view. */
  answered: TestInvocationView | undefined;
  actions: SchedulesActions;
}

export function JobCard({ job, clock, pending, refusal, answered, actions }: JobCardProps) {
  const key = jobKey(job);
  const danger = ownerInDanger(job.owner);
  return (
    <article
      className="sch-job"
      aria-label={`Job ${job.jobId}`}
      data-testid="schedules-job"
      data-job={key}
      data-owner={job.owner}
      data-danger={danger || undefined}
    >
      <header className="sch-job-head">
        <h5 className="sch-job-title">{job.jobId}</h5>
        <TonePill tone={OWNER_TONE[job.owner]} label={OWNER_WORDS[job.owner]} testId="schedules-owner" title="Whose trigger fires now" />
        <span className={job.idempotent ? 'muted' : 'count-warn'} data-testid="schedules-idempotent">
          {job.idempotent ? 'idempotent' : 'not idempotent: a double run does its work twice'}
        </span>
        {job.watchedSince !== null ? <span className="muted">watched since {whenText(job.watchedSince, clock)}</span> : null}
      </header>
      {job.description !== null ? <p className="sch-job-description">{job.description}</p> : null}
      {danger ? (
        <p className="sch-owner-danger" data-testid="schedules-owner-danger">
          {ownerSentence(job.owner, nextSlotSummary(job, clock))}
        </p>
      ) : (
        <p className="muted sch-owner-line" data-testid="schedules-owner-line">
          {ownerSentence(job.owner, null)}
        </p>
      )}
      <div className="sch-sides">
        <DcSide dc={job.dc} schedule={job.dcSchedule} clock={clock} />
        <AwsSide
          aws={job.aws}
          schedule={job.awsSchedule}
          clock={clock}
          test={shownTestInvocation(job, answered)}
          blocked={testBlocked(job, pending)}
          refusal={refusal ?? null}
          onTest={() => void actions.testInvoke(job.stackId, job.jobId)}
          onDismiss={() => actions.dismissRefusal(key)}
        />
      </div>
      <SlotStrip slots={job.slots} clock={clock} jobName={job.jobId} />
      <Totals totals={job.totals} group={job.aws.scheduleGroup} label={`Totals of ${job.jobId}`} testId="schedules-job-totals" />
    </article>
  );
}
