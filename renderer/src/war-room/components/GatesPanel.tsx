// The readiness gates in large type: the wave's headline and one line per gate of the plan (lib/gates.ts). While a
// cutover runs they are "not judged", as in the cutover view's gate matrix.
import type { PlanView, WaveView } from '../../../../main/api/contract';
import { useDataClock } from '../../hooks/use-data-clock';
import { useNow } from '../../hooks/use-now';
import { dataNow } from '../../lib/readiness';
import { useCockpit } from '../../store/context';
import { gateSummary, VERDICT_WORDS } from '../lib/gates';

export function GatesPanel({ plan, wave }: { plan: PlanView; wave: WaveView }) {
  const readiness = useCockpit((state) => state.readiness.waves[wave.id]);
  const loaded = useCockpit((state) => state.readiness.loaded);
  const now = dataNow(useDataClock(), useNow(true, 1000));
  if (!readiness)
    return (
      <section className="wr-panel wr-gates" aria-label="Gates" data-testid="wall-gates">
        <h2 className="wr-panel-title">Gates</h2>
        <p className="wr-note">{loaded ? 'No readiness for this wave yet.' : 'Reading readiness…'}</p>
      </section>
    );
  const summary = gateSummary(readiness, plan.gateColumns, now);
  return (
    <section className="wr-panel wr-gates" aria-label="Gates" data-testid="wall-gates" data-judged={summary.judged}>
      <h2 className="wr-panel-title">Gates</h2>
      <p className="wr-gates-headline" data-tone={summary.tone} data-testid="wall-gates-headline">
        {summary.headline}
      </p>
      {summary.judged ? (
        <ul className="wr-gate-list" aria-label="Gates of the wave">
          {summary.lines.map((line) => (
            <li key={line.id} className="wr-gate" data-verdict={line.verdict} data-testid="wall-gate">
              <span className="wr-gate-verdict">{VERDICT_WORDS[line.verdict]}</span>
              <span className="wr-gate-label">{line.label}</span>
              <span className="wr-gate-count">{line.text}</span>
            </li>
          ))}
        </ul>
      ) : (
        // Every gate alike while they decide nothing: one sentence, not a column of identical badges.
        <p className="wr-note" data-testid="wall-gates-not-judged">
          {summary.phase}: the gates judge a wave before its cutover and decide nothing now ({summary.lines.map((line) => line.label).join(', ')}).
        </p>
      )}
    </section>
  );
}
