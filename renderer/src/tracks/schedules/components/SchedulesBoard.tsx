// The Schedules tab's content: the monitor's line; who runs the jobs now (at a glance, mid-cutover), the plan-wide
// totals and the alerts; the slot legend (folded); then every job grouped by wave and stack in the plan's order. Pure:
// the slice, the plan and the actions come in as props (SchedulesView reads them from the store).
import type { PlanView } from '../../../../../main/api/contract';
import { groupJobs, ownerCounts, planTotals, waveTitle } from '../jobs';
import { jobKey, type SchedulesActions, type SchedulesSlice } from '../slice';
import { ownerLines, monitorText } from '../words';
import { AlertsList } from './AlertsList';
import { JobCard } from './JobCard';
import { TrackMonitorLine } from '../../../components/common/TrackMonitorLine';
import { SlotLegend } from './SlotStrip';
import { Totals } from './Totals';

export interface SchedulesBoardProps {
  plan: PlanView | null;
  slice: SchedulesSlice;
  actions: SchedulesActions;
}

export function SchedulesBoard({ plan, slice, actions }: SchedulesBoardProps) {
  const clock = slice.monitor?.dataClock ?? null;
  const groups = groupJobs(plan, slice.jobs);
  return (
    <section className="sch-view" aria-label="Scheduled jobs" data-testid="schedules-view">
      <header className="sch-view-head">
        <h2 className="sch-view-title">Scheduled jobs</h2>
        <TrackMonitorLine monitor={slice.monitor} planLoaded={plan !== null} name="the schedules monitor" testId="schedules-monitor" text={monitorText} />
      </header>
      {plan === null ? null : groups.length === 0 ? (
        <p className="muted" data-testid="schedules-empty">
          {emptyText(plan, slice)}
        </p>
      ) : (
        <>
          <section className="sch-summary-panel" aria-label="Who runs the jobs now" data-testid="schedules-owners-panel">
            <h3 className="sch-section-title">Who runs the jobs now</h3>
            <ul className="sch-totals" aria-label="Jobs by the side whose trigger fires" data-testid="schedules-owners">
              {ownerLines(ownerCounts(slice.jobs)).map((line) => (
                <li key={line.owner} data-owner={line.owner} data-bad={line.bad || undefined} className={line.bad ? 'count-bad' : undefined}>
                  {line.text}
                </li>
              ))}
            </ul>
          </section>
          <section className="sch-summary-panel" aria-label="Totals" data-testid="schedules-totals-panel">
            <h3 className="sch-section-title">Totals since the monitor started watching each job</h3>
            <Totals totals={planTotals(plan, slice.jobs)} label="Totals of every job" testId="schedules-totals" />
          </section>
          <AlertsList
            plan={plan}
            alerts={slice.alerts}
            acknowledging={slice.acknowledging}
            ackRefusal={slice.ackRefusal}
            clock={clock}
            onAcknowledge={(ids) => void actions.acknowledge(ids)}
            onDismissRefusal={actions.dismissAckRefusal}
          />
          <SlotLegend clock={clock} />
          {groups.map((group) => (
            <section key={group.waveId ?? '(no wave)'} className="sch-wave" aria-label={waveTitle(group)} data-wave-id={group.waveId ?? undefined}>
              <h3 className="sch-wave-title">
                {group.wave ? <span className="wave-order">{group.wave.order}</span> : null}
                <span>{waveTitle(group)}</span>
              </h3>
              {group.stacks.map((stack) => (
                <section
                  key={stack.stackId}
                  className="sch-stack"
                  aria-label={`Scheduled jobs of ${stack.name}`}
                  data-schedules-stack={stack.stackId}
                  data-focused={slice.focusStackId === stack.stackId || undefined}
                >
                  <h4 className="sch-stack-title">
                    {stack.name}
                    {stack.name !== stack.stackId ? <code className="muted sch-stack-id">{stack.stackId}</code> : null}
                  </h4>
                  <div className="sch-job-list">
                    {stack.jobs.map((job) => {
                      const key = jobKey(job);
                      return (
                        <JobCard
                          key={key}
                          job={job}
                          clock={clock}
                          pending={slice.pending[key]}
                          refusal={slice.refusals[key]}
                          answered={slice.tests[key]}
                          actions={actions}
                        />
                      );
                    })}
                  </div>
                </section>
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/**
 * Why there is no job to show. The plan view says whether the plan uses the track only through a gate column of the
 * track's; without one and before the monitor reports, either may be the reason, and the words say both.
 */
export function emptyText(plan: PlanView, slice: Pick<SchedulesSlice, 'monitor'>): string {
  const planUses = plan.gateColumns.some((column) => column.track === 'schedules');
  if (planUses)
    return slice.monitor === null
      ? 'The schedules monitor has not reported this plan’s scheduled jobs yet.'
      : 'The schedules monitor reports no scheduled job for this plan.';
  return slice.monitor === null
    ? 'No scheduled jobs reported: no stack of this plan has scheduled jobs (schedules.jobs), or the schedules monitor has not reported yet.'
    : 'No stack of this plan has scheduled jobs (no stack lists schedules.jobs).';
}
