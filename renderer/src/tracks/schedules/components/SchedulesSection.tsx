// The stack detail panel's section of the scheduled jobs, for a stack that has some (nothing for one without): one
// compact line per job (who owns it, the next slot, the last run, with their clock) and the way to the stack's jobs
// on the tab.
import { useMemo } from 'react';
import type { MonitorStatusView, PlanView, StackView } from '../../../../../main/api/contract';
import type { JobView } from '../../../../../main/tracks/schedules/contract';
import { jobsOfStack } from '../jobs';
import { useSchedules, useSchedulesActions } from '../slice';
import { jobLineParts, OWNER_TONE, ownerInDanger } from '../words';
import { Dot } from './Pill';

export function SchedulesSection({ stack }: { plan: PlanView; stack: StackView }) {
  const all = useSchedules((slice) => slice.jobs);
  const monitor = useSchedules((slice) => slice.monitor);
  const { openSchedules } = useSchedulesActions();
  const jobs = useMemo(() => jobsOfStack(all, stack.id), [all, stack.id]);
  if (jobs.length === 0) return null;
  return <SchedulesSummary stackName={stack.name} jobs={jobs} monitor={monitor} onOpen={() => openSchedules(stack.id)} />;
}

export interface SchedulesSummaryProps {
  stackName: string;
  jobs: readonly JobView[];
  monitor: MonitorStatusView | null;
  onOpen: () => void;
}

/** The section's content. */
export function SchedulesSummary({ stackName, jobs, monitor, onOpen }: SchedulesSummaryProps) {
  const clock = monitor?.dataClock ?? null;
  return (
    <section aria-label={`Scheduled jobs of ${stackName}`} data-testid="schedules-summary">
      <h3>Scheduled jobs</h3>
      <ul className="sch-summary-list">
        {jobs.map((job) => {
          const { owner, rest } = jobLineParts(job, clock);
          return (
            <li key={job.jobId} data-testid="schedules-summary-job" data-owner={job.owner}>
              <Dot tone={OWNER_TONE[job.owner]} />
              <code>{job.jobId}</code>: <span className={ownerInDanger(job.owner) ? 'count-bad' : undefined}>{owner}</span>
              {rest}
            </li>
          );
        })}
      </ul>
      <button type="button" className="link-button sch-open" onClick={onOpen} title={`Both sides, slots and alerts of the scheduled jobs of ${stackName}`}>
        Scheduled jobs of {stackName} →
      </button>
    </section>
  );
}
