// A wave's phase in one badge, the same words and colour wherever it shows (plan view, Cutover tab, runbook).
import type { WaveReadinessView } from '../../../../main/api/contract';
import { formatUtcSeconds } from '../../lib/format';
import { phaseLabel, phaseTone } from '../../lib/wave-phase';

export function PhaseBadge({ wave, small = false, testId = 'wave-phase' }: { wave: WaveReadinessView; small?: boolean; testId?: string }) {
  const since = wave.phaseSince ? ` (since ${formatUtcSeconds(wave.phaseSince)})` : '';
  return (
    <span
      className={`phase-badge${small ? ' small' : ''}`}
      data-phase={wave.phase}
      data-tone={wave.deploying ? 'active' : phaseTone(wave.phase)}
      data-testid={testId}
      title={`${wave.phaseDetail}${since}`}
    >
      {phaseLabel(wave)}
    </span>
  );
}
