// The run's clocks on the core's time (ticking every second): elapsed, the window, the downtime budget, the point
// of no return (lib/budget.ts, from the runbook header's own functions).
import type { CutoverRunView, WaveView } from '../../../../main/api/contract';
import { downtimeFact, noReturnFact, runFact, windowFact } from '../lib/budget';
import { useCoreNow } from '../hooks';
import { Fact } from './Fact';

export function TimePanel({ wave, run }: { wave: WaveView; run: CutoverRunView }) {
  const coreNow = useCoreNow(wave.id);
  const elapsed = runFact(run, coreNow);
  return (
    <section className="wr-panel wr-time" aria-label="Time and budget" data-testid="wall-time">
      <h2 className="wr-panel-title">Time and budget</h2>
      {elapsed ? <Fact fact={elapsed} testId="wall-elapsed" /> : null}
      <Fact fact={windowFact(run, wave, coreNow)} testId="wall-window" />
      <Fact fact={downtimeFact(run, coreNow)} testId="wall-downtime" />
      <Fact fact={noReturnFact(run)} testId="wall-no-return" />
    </section>
  );
}
