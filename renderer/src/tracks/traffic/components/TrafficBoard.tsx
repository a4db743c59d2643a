// The Traffic tab's content: the monitor's line, then per wave (the plan's order) its shift on top — or what starts
// one — and its services, each with its split, health, hour and analysis. Pure: the slice, the plan and the actions
// come in as props (TrafficView reads them from the store).
import type { PlanView } from '../../../../../main/api/contract';
import { TrackMonitorLine } from '../../../components/common/TrackMonitorLine';
import { groupServices, shiftOfService, stackName, waveTitle, type TrafficWaveGroup } from '../services';
import type { RunRollback } from '../shifts';
import type { TrafficActions, TrafficSlice } from '../slice';
import { emptyText, monitorText, TRAFFIC_STEP_LABELS } from '../words';
import { ServiceCard } from './ServiceCard';
import { ShiftPanel } from './ShiftPanel';

export interface TrafficBoardProps {
  plan: PlanView | null;
  slice: TrafficSlice;
  actions: TrafficActions;
  /** wave id -> the rollback of the run its shift was a step of (the cutover's view), when there was one. */
  rollbacks?: Readonly<Record<string, RunRollback>>;
}

export function TrafficBoard({ plan, slice, actions, rollbacks = {} }: TrafficBoardProps) {
  const groups = groupServices(plan, slice.services, slice.shifts);
  return (
    <section className="trf-view" aria-label="Traffic" data-testid="traffic-view">
      <header className="trf-view-head">
        <h2 className="trf-view-title">Traffic</h2>
        <TrackMonitorLine monitor={slice.monitor} planLoaded={plan !== null} name="the traffic monitor" testId="traffic-monitor" text={monitorText} />
      </header>
      {plan === null ? null : groups.length === 0 ? (
        <p className="muted" data-testid="traffic-empty">
          {emptyText(plan, slice)}
        </p>
      ) : (
        groups.map((group) => (
          <WaveGroup
            key={group.waveId ?? '(no wave)'}
            group={group}
            plan={plan}
            slice={slice}
            actions={actions}
            rollback={group.waveId !== null ? (rollbacks[group.waveId] ?? null) : null}
          />
        ))
      )}
    </section>
  );
}

interface WaveGroupProps {
  group: TrafficWaveGroup;
  plan: PlanView;
  slice: TrafficSlice;
  actions: TrafficActions;
  rollback: RunRollback | null;
}

function WaveGroup({ group, plan, slice, actions, rollback }: WaveGroupProps) {
  const clock = slice.monitor?.dataClock ?? null;
  const title = waveTitle(group);
  const nameOf = (stackId: string) => stackName(plan, stackId);
  const { shift, waveId } = group;
  return (
    <section className="trf-wave" aria-label={`Traffic of ${title}`} data-wave-id={waveId ?? undefined}>
      <h3 className="trf-wave-title">
        {group.wave ? <span className="wave-order">{group.wave.order}</span> : null}
        <span>{title}</span>
      </h3>
      {shift && waveId !== null ? (
        <ShiftPanel
          shift={shift}
          waveName={title}
          clock={clock}
          pending={slice.pending[waveId]}
          refusal={slice.refusals[waveId]}
          sent={slice.sent[waveId]}
          actions={actions}
          stackName={nameOf}
          services={group.services}
          rollback={rollback}
        />
      ) : waveId !== null ? (
        <p className="muted trf-no-shift" data-testid="traffic-no-shift">
          No shift has run for this wave: its cutover runbook’s step “{TRAFFIC_STEP_LABELS['traffic-shift']}” (traffic-shift) starts one.
        </p>
      ) : (
        <p className="muted trf-no-shift" data-testid="traffic-no-shift">
          These services are in no wave: no runbook shifts them.
        </p>
      )}
      {group.services.length === 0 ? (
        <p className="muted">The traffic monitor reports no service of this wave now.</p>
      ) : (
        <div className="trf-service-list">
          {group.services.map((view) => (
            <ServiceCard
              key={view.stackId}
              view={view}
              stackName={nameOf(view.stackId)}
              shift={shiftOfService(slice.shifts, view)}
              clock={clock}
              focused={slice.focusStackId === view.stackId}
            />
          ))}
        </div>
      )}
    </section>
  );
}
