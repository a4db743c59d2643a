// How many waves are in each phase, in the phases' lifecycle order: the state of the whole estate in one line.
import { WAVE_PHASE_WORDS } from '../../../../common/states';
import type { WavePhase, WaveView } from '../../../../main/api/contract';
import { phaseTone } from '../../lib/wave-phase';
import { useCockpit } from '../../store/context';

const PHASE_ORDER = Object.keys(WAVE_PHASE_WORDS) as WavePhase[];

export function PhaseTally({ waves }: { waves: readonly WaveView[] }) {
  const readiness = useCockpit((state) => state.readiness.waves);
  const counts = new Map<WavePhase, number>();
  for (const wave of waves) {
    const phase = readiness[wave.id]?.phase;
    if (phase) counts.set(phase, (counts.get(phase) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  return (
    <ul className="phase-tally" aria-label="Waves by phase" data-testid="phase-tally">
      {PHASE_ORDER.filter((phase) => counts.has(phase)).map((phase) => (
        <li key={phase} className="phase-badge small" data-phase={phase} data-tone={phaseTone(phase)}>
          {counts.get(phase)} {WAVE_PHASE_WORDS[phase].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
