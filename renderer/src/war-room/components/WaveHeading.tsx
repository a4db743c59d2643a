// The wave on the wall: its name, its phase (the core's one lifecycle) and the run's status beside it in the
// runbook header's words (lib/cutover runStatusWords), and why the wall shows this wave.
import type { WaveView } from '../../../../main/api/contract';
import { PhaseBadge } from '../../components/common/PhaseBadge';
import { runStatusWords } from '../../lib/cutover';
import { useCockpit } from '../../store/context';
import { CHOICE_WORDS, type WaveChoice } from '../lib/choose-wave';

export function WaveHeading({ wave, choice }: { wave: WaveView; choice: WaveChoice }) {
  const run = useCockpit((state) => state.cutover.runs[wave.id]);
  const phase = useCockpit((state) => state.readiness.waves[wave.id]);
  const status = run ? runStatusWords(run, phase?.phase) : null;
  return (
    <div className="wr-wave" data-testid="wall-wave" data-wave-id={wave.id} data-reason={choice.reason}>
      <p className="wr-wave-why">
        {wave.id} · {CHOICE_WORDS[choice.reason]}
      </p>
      <h1 className="wr-wave-name">{wave.name}</h1>
      <div className="wr-wave-state">
        {phase ? <PhaseBadge wave={phase} testId="wall-phase" /> : null}
        {run && status ? (
          <span className="wr-run-status" data-status={run.status} data-tone={status.tone ?? undefined} data-testid="wall-run-status">
            Run: {status.label}
          </span>
        ) : null}
      </div>
    </div>
  );
}
