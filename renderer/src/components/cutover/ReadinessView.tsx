// The cutover view: a wave picker with each wave's phase (the core's one lifecycle), the chosen wave's gate matrix
// and, under it, its runbook (components/cutover/RunbookPanel.tsx).
import { useMemo } from 'react';
import type { PlanView } from '../../../../main/api/contract';
import { useActions, useCockpit } from '../../store/context';
import { PhaseBadge } from '../common/PhaseBadge';
import { GateMatrix } from './GateMatrix';
import { RunbookPanel } from './RunbookPanel';

export function ReadinessView({ plan }: { plan: PlanView | null }) {
  const chosenWaveId = useCockpit((state) => state.readinessWaveId);
  const readiness = useCockpit((state) => state.readiness.waves);
  const { openReadiness } = useActions();
  const waves = plan?.waves ?? [];
  const wave = waves.find((w) => w.id === chosenWaveId) ?? waves.find((w) => readiness[w.id] && !FINISHED.has(readiness[w.id]!.phase)) ?? waves[0];
  const stacks = useMemo(() => new Map((plan?.stacks ?? []).map((stack) => [stack.id, stack])), [plan?.stacks]);

  return (
    <section className="readiness-view" aria-label="Cutover" data-testid="readiness-view">
      <header className="replication-head">
        <h2 className="replication-title">Cutover</h2>
      </header>
      {waves.length === 0 ? (
        <p className="muted">{plan ? 'The plan has no waves.' : 'No plan is loaded.'}</p>
      ) : (
        <div className="segmented wave-picker" role="group" aria-label="Waves">
          {waves.map((w) => {
            const state = readiness[w.id];
            return (
              <button key={w.id} type="button" aria-pressed={w.id === wave?.id} data-wave-id={w.id} onClick={() => openReadiness(w.id)}>
                <span className="wave-order">{w.order}</span> {w.name}
                {state ? <PhaseBadge wave={state} small testId="wave-picker-phase" /> : null}
              </button>
            );
          })}
        </div>
      )}
      {wave && plan ? <GateMatrix key={wave.id} wave={wave} stacks={stacks} columns={plan.gateColumns} /> : null}
      {wave ? <RunbookPanel key={`runbook-${wave.id}`} wave={wave} /> : null}
    </section>
  );
}

/** Phases after which the picker opens another wave by default (nothing is left to do on this one). */
const FINISHED = new Set(['cut-over', 'finalized', 'deployed']);

/** A wave's phase in one button, for the plan view's wave header; opens the wave on the Cutover tab. */
export function ReadinessPill({ waveId }: { waveId: string }) {
  const state = useCockpit((s) => s.readiness.waves[waveId]);
  const { openReadiness } = useActions();
  if (!state) return null;
  return (
    <button
      type="button"
      className="phase-link"
      data-testid="readiness-pill"
      data-phase={state.phase}
      title={`${state.phaseDetail}. Open this wave on the Cutover tab`}
      onClick={() => openReadiness(waveId)}
    >
      <PhaseBadge wave={state} />
    </button>
  );
}
