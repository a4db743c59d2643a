// A wave's cutover gate on the Plan tab. The monitor's verdict (green or red, tasks green, why not) shows only while
// the gates decide whether the wave may start its cutover (lib/wave-phase.ts gatesDecide); before a deploy and during
// or after a cutover they decide nothing, and a wave without gates has nothing to judge: both are said neutrally,
// never in red.
import type { WaveView } from '../../../../../main/api/contract';
import { planGate } from '../lib/plan-gate';
import { useCockpit } from '../../../store/context';
import { WaveGateSummary } from './WaveGateSummary';

export function WaveGate({ wave }: { wave: WaveView }) {
  const phase = useCockpit((state) => state.readiness.waves[wave.id]?.phase);
  const gate = planGate(wave.gates !== null, phase);
  if (gate.kind === 'judged') return <WaveGateSummary wave={wave} compact />;
  return (
    <div className="wave-gate" data-testid="wave-gate" data-status={gate.kind} role="group" aria-label={`Cutover gate of ${wave.name}`}>
      <span className="gate-pill" data-gate="neutral" title={gate.detail} data-testid="wave-gate-neutral">
        <span className="gate-dot" aria-hidden="true" />
        {gate.label}
      </span>
    </div>
  );
}
