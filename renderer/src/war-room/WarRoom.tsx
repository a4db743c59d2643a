// The war-room view: a read-only wall screen for the room during a cutover. Large type, nothing to click: the clock
// (UTC and local), the wave it shows and why, the run's clocks and budget, the gates, the current step, the runbook,
// the live charts, and what is wrong with the link to the core or the team store.
import type { PlanView, WaveView } from '../../../main/api/contract';
import { useCockpit } from '../store/context';
import { ChartsPanel } from './components/ChartsPanel';
import { GatesPanel } from './components/GatesPanel';
import { NowPanel } from './components/NowPanel';
import { RunbookList } from './components/RunbookList';
import { TimePanel } from './components/TimePanel';
import { WallBanners } from './components/WallBanners';
import { WallClock } from './components/WallClock';
import { WaveHeading } from './components/WaveHeading';
import { useChosenWave, usePlan } from './hooks';
import type { LastData } from './last-data';
import type { WaveChoice } from './lib/choose-wave';

export function WarRoom({ lastData }: { lastData: LastData }) {
  const plan = usePlan();
  const choice = useChosenWave(plan);
  const wave = plan && choice ? plan.waves.find((candidate) => candidate.id === choice.waveId) : undefined;
  return (
    <div className="war-room" data-testid="war-room">
      <WallBanners lastData={lastData} />
      <header className="wr-top">
        {plan && wave && choice ? <WaveHeading wave={wave} choice={choice} /> : <WallEmpty plan={plan} />}
        <WallClock />
      </header>
      {plan && wave && choice ? <WaveBoard plan={plan} wave={wave} choice={choice} /> : null}
      <footer className="wr-footer" data-testid="war-room-footer">
        Read-only war-room view — actions are taken in the cockpit
      </footer>
    </div>
  );
}

function WaveBoard({ plan, wave }: { plan: PlanView; wave: WaveView; choice: WaveChoice }) {
  const run = useCockpit((state) => state.cutover.runs[wave.id]);
  const loaded = useCockpit((state) => state.cutover.loaded);
  return (
    // One grid (war-room.css): time and budget down the left; the current step over the runbook; the gates over the
    // charts. Each column's lower panel takes the height left, so nothing is pushed off a screen that cannot scroll.
    <main className="wr-board">
      {run ? <TimePanel wave={wave} run={run} /> : <NoRunbook loaded={loaded} />}
      {run ? <NowPanel wave={wave} run={run} /> : null}
      {run ? <RunbookList run={run} /> : null}
      <GatesPanel plan={plan} wave={wave} />
      <ChartsPanel plan={plan} wave={wave} />
    </main>
  );
}

function NoRunbook({ loaded }: { loaded: boolean }) {
  return (
    <section className="wr-panel wr-time" aria-label="Runbook">
      <h2 className="wr-panel-title">Runbook</h2>
      <p className="wr-note">{loaded ? 'This wave has no cutover runbook in the plan.' : 'Reading the runbook…'}</p>
    </section>
  );
}

/** Before a plan arrives, or with none: said in words, large. */
function WallEmpty({ plan }: { plan: PlanView | null }) {
  const snapshot = useCockpit((state) => state.snapshot);
  const text =
    snapshot === null
      ? 'Reading the cockpit…'
      : snapshot.status === 'none'
        ? 'No plan is open in the cockpit.'
        : snapshot.status === 'invalid'
          ? 'The plan file is invalid: the cockpit shows its errors.'
          : plan && plan.waves.length === 0
            ? 'The plan has no waves.'
            : 'No wave to show.';
  return (
    <div className="wr-wave">
      <h1 className="wr-wave-name">{text}</h1>
    </div>
  );
}
