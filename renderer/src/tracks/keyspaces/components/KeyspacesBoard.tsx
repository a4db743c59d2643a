// The Keyspaces tab's content: the monitor's line, then one card per moving stack grouped by wave in the plan's
// order. Pure: the slice, the plan and the actions come in as props (KeyspacesView reads them from the store).
import type { PlanView } from '../../../../../main/api/contract';
import type { KeyspacesActions, KeyspacesSlice } from '../slice';
import { groupByWave, stackName, type KeyspacesWaveGroup } from '../stacks';
import { monitorText } from '../words';
import { TrackMonitorLine } from '../../../components/common/TrackMonitorLine';
import { StackCard } from './StackCard';

export interface KeyspacesBoardProps {
  plan: PlanView | null;
  slice: KeyspacesSlice;
  actions: KeyspacesActions;
}

export function KeyspacesBoard({ plan, slice, actions }: KeyspacesBoardProps) {
  const groups = groupByWave(plan, slice.stacks);
  const clock = slice.monitor?.dataClock ?? null;
  const planUses = plan?.gateColumns.some((column) => column.track === 'keyspaces') ?? false;
  return (
    <section className="ks-view" aria-label="Keyspaces" data-testid="keyspaces-view">
      <header className="ks-view-head">
        <h2 className="ks-view-title">Keyspaces</h2>
        <TrackMonitorLine monitor={slice.monitor} planLoaded={plan !== null} name="the Keyspaces monitor" testId="keyspaces-monitor" text={monitorText} />
      </header>
      {plan === null ? null : groups.length === 0 ? (
        <p className="muted" data-testid="keyspaces-empty">
          {planUses
            ? 'The Keyspaces monitor has not reported the stacks whose Cassandra data moves yet.'
            : 'No stack of this plan moves Cassandra data (no stack has keyspaces settings).'}
        </p>
      ) : (
        groups.map((group) => (
          <section key={group.waveId ?? '(no wave)'} className="ks-wave" aria-label={waveTitle(group)} data-wave-id={group.waveId ?? undefined}>
            <h3 className="ks-wave-title">
              {group.wave ? <span className="wave-order">{group.wave.order}</span> : null}
              <span>{waveTitle(group)}</span>
            </h3>
            <div className="ks-card-list">
              {group.stacks.map((view) => (
                <StackCard
                  key={view.stackId}
                  view={view}
                  name={stackName(plan, view.stackId)}
                  validation={slice.validations[view.stackId]}
                  clock={clock}
                  pending={slice.pending[view.stackId]}
                  refusal={slice.refusals[view.stackId]}
                  launched={slice.launched[view.stackId]}
                  focused={slice.focusStackId === view.stackId}
                  actions={actions}
                />
              ))}
            </div>
          </section>
        ))
      )}
    </section>
  );
}

function waveTitle(group: KeyspacesWaveGroup): string {
  if (group.wave) return group.wave.name;
  return group.waveId === null ? 'In no wave' : `Wave ${group.waveId}`;
}
