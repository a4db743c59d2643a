// A wave's cutover gate as the monitor judges it: status, tasks green out of all, and why it is not green. While the
// gates decide nothing (the wave's phase: cutting over, cut over, rolling back…; lib/wave-phase.ts gatesDecide) or
// the wave has none, it says so neutrally instead: never a red gate for replication the runbook stopped on purpose.
import type { WaveView } from '../../../../../main/api/contract';
import { GatePill, useGateJudgement } from './TaskCard';
import { useDms } from '../slice';

export function WaveGateSummary({ wave, compact = false }: { wave: WaveView; compact?: boolean }) {
  const gate = useDms((slice) => slice.dms.waves[wave.id]);
  const loaded = useDms((slice) => slice.dms.loaded);
  const judgement = useGateJudgement(wave);
  if (judgement.kind !== 'judged') {
    return (
      <div className="wave-gate" data-testid="wave-gate" data-status={judgement.kind} aria-label={`Cutover gate of ${wave.name}`} role="group">
        <GatePill status="neutral" label={judgement.label.charAt(0).toUpperCase() + judgement.label.slice(1)} title={judgement.text} />
        <span className="wave-gate-note muted" data-testid="wave-gate-note">
          {judgement.why}
        </span>
      </div>
    );
  }
  if (!loaded || !gate) return null;
  const reasons = compact ? gate.reasons.slice(0, 2) : gate.reasons;
  return (
    <div className="wave-gate" data-testid="wave-gate" data-status={gate.status} aria-label={`Cutover gate of ${wave.name}`} role="group">
      <GatePill status={gate.status} label={`Data gate ${gate.status}`} />
      <span className="wave-gate-count" data-testid="wave-gate-count">
        {gate.tasksGreen}/{gate.tasksTotal} tasks green
      </span>
      {reasons.length > 0 ? (
        <ul className="gate-reasons" aria-label={`Why the gate of ${wave.name} is not green`}>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
          {gate.reasons.length > reasons.length ? <li className="muted">and {gate.reasons.length - reasons.length} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
