// The Waves tab: every wave of the plan at once. The waves with a cutover window on a timeline of those windows
// (UTC), the others listed apart in dependency order; each with its phase (the same badge as everywhere), its
// readiness and its stack count, and a tally of the waves by phase. Choosing a wave opens it on the Cutover tab.
import { useMemo } from 'react';
import type { PlanView, WaveView } from '../../../../main/api/contract';
import { formatCount, plural } from '../../lib/format';
import { parseWindow } from '../../lib/wave-timeline';
import { PhaseTally } from './PhaseTally';
import { UnscheduledWaves } from './UnscheduledWaves';
import { WaveTimeline, type ScheduledWave } from './WaveTimeline';

export function WavesOverview({ plan }: { plan: PlanView | null }) {
  const waves = plan?.waves;
  const { scheduled, unscheduled } = useMemo(() => bySchedule(waves ?? []), [waves]);
  return (
    <section className="waves-overview" aria-labelledby="waves-overview-title" data-testid="waves-overview">
      <header className="replication-head waves-overview-head">
        <h2 id="waves-overview-title" className="replication-title">
          Waves
        </h2>
        {plan ? (
          <span className="muted">
            {plural(plan.waves.length, 'wave')} with {formatCount(plan.stacks.length)} stacks; {scheduled.length} with a cutover window
          </span>
        ) : null}
        {plan ? <PhaseTally waves={plan.waves} /> : null}
      </header>
      {!plan ? <p className="muted">No plan is loaded.</p> : plan.waves.length === 0 ? <p className="muted">The plan has no waves.</p> : null}
      <WaveTimeline waves={scheduled} />
      <UnscheduledWaves waves={unscheduled} />
    </section>
  );
}

/** Waves with a readable cutover window, and the others in the plan's (dependency) order. */
function bySchedule(waves: readonly WaveView[]): { scheduled: ScheduledWave[]; unscheduled: WaveView[] } {
  const scheduled: ScheduledWave[] = [];
  const unscheduled: WaveView[] = [];
  for (const wave of waves) {
    const window = parseWindow(wave.cutoverWindow);
    if (window) scheduled.push({ wave, ...window });
    else unscheduled.push(wave);
  }
  return { scheduled, unscheduled };
}
