// The cutover view: a wave picker with each wave's READY / NOT READY, the chosen wave's gate matrix and, under it,
// its runbook (components/cutover/RunbookPanel.tsx).
import { useMemo } from 'react';
import type { PlanView } from '../../../../main/api/contract';
import { useActions, useCockpit } from '../../store/context';
import { GateMatrix } from './GateMatrix';
import { RunbookPanel } from './RunbookPanel';

export function ReadinessView({ plan }: { plan: PlanView | null }) {
  const chosenWaveId = useCockpit((state) => state.readinessWaveId);
  const readiness = useCockpit((state) => state.readiness.waves);
  const runs = useCockpit((state) => state.cutover.runs);
  const { openReadiness } = useActions();
  const waves = plan?.waves ?? [];
  const wave = waves.find((w) => w.id === chosenWaveId) ?? waves.find((w) => readiness[w.id] && !readiness[w.id]!.cutOver) ?? waves[0];
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
                {state ? (
                  <span className="readiness-pill small" data-ready={state.ready}>
                    {state.cutOver ? 'cut over' : state.ready ? 'ready' : `${state.blockingCount} blocking`}
                  </span>
                ) : null}
                {runs[w.id] && runs[w.id]!.status !== 'not-started' ? (
                  <span className="runbook-pill" data-status={runs[w.id]!.status} title="The wave's latest cutover run">
                    {runs[w.id]!.status}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      )}
      {wave ? <GateMatrix key={wave.id} wave={wave} stacks={stacks} /> : null}
      {wave ? <RunbookPanel key={`runbook-${wave.id}`} wave={wave} /> : null}
    </section>
  );
}

/** A wave's readiness in one pill, for the plan view's wave header; opens the gate matrix. */
export function ReadinessPill({ waveId }: { waveId: string }) {
  const state = useCockpit((s) => s.readiness.waves[waveId]);
  const { openReadiness } = useActions();
  if (!state) return null;
  const label = state.cutOver ? 'Cut over' : state.ready ? 'Ready for cutover' : `Not ready: ${state.blockingCount} blocking`;
  return (
    <button type="button" className="readiness-pill link" data-ready={state.ready} data-testid="readiness-pill" title="Open the gate matrix of this wave" onClick={() => openReadiness(waveId)}>
      {label}
    </button>
  );
}
