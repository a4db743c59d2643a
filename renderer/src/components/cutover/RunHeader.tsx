// The runbook's sticky head: the wave's phase, the run's status, its clock and downtime budget, who started it.
import type { CutoverRunView, WaveView } from '../../../../main/api/contract';
import { useNow } from '../../hooks/use-now';
import { clocksTick, downtime, runClock, runStatusWords } from '../../lib/cutover';
import { formatDuration, formatUtcAndLocal, formatUtcSeconds } from '../../lib/format';
import { useCockpit } from '../../store/context';
import { ActorName } from '../common/ActorName';
import { PhaseBadge } from '../common/PhaseBadge';

/** Status, the T-minus / elapsed clock and the downtime budget, on the core's time, ticking every second. */
export function RunHeader({ wave, run }: { wave: WaveView; run: CutoverRunView }) {
  const skew = useCockpit((state) => state.cutover.skewMs[wave.id] ?? 0);
  const now = useNow(clocksTick(run), 1000);
  const coreNow = now + skew;
  const clock = runClock(run, coreNow, wave.cutoverWindow?.start ?? null);
  const budget = downtime(run, coreNow);
  const phase = useCockpit((state) => state.readiness.waves[wave.id]);
  const downtimeFrom = downtimeStartLabel(run);
  // The wave's phase is the one truth; the run's status beside it never contradicts it (a rolled-back run's end is history).
  const status = runStatusWords(run, phase?.phase);
  return (
    // Sticky: the elapsed clock and the budget stay in view while the operator scrolls through the steps.
    <div className="runbook-head" data-testid="runbook-head">
      {phase ? <PhaseBadge wave={phase} testId="runbook-phase" /> : null}
      <span className="muted">Runbook</span>
      <span className="runbook-status" data-status={run.status} data-tone={status.tone ?? undefined} data-testid="runbook-status" title={status.title}>
        {status.label}
      </span>
      {clock.kind !== 'none' ? (
        <span
          className="runbook-clock"
          data-kind={clock.kind}
          data-testid="runbook-clock"
          title={clock.kind === 't-minus' ? `Time to the start of the cutover window, ${formatUtcAndLocal(clock.windowStart)}` : 'Time since the run started'}
        >
          {clock.label}
        </span>
      ) : null}
      {/* What the countdown counts to, with its clock: a bare T− says neither. */}
      {clock.kind === 't-minus' ? (
        <span className="muted runbook-window" data-testid="runbook-window">
          {clock.ms >= 0 ? 'to the window at' : 'the window opened at'} {formatUtcAndLocal(clock.windowStart)}
        </span>
      ) : null}
      <span
        className="runbook-downtime"
        data-exceeded={budget.exceeded}
        data-testid="runbook-downtime"
        title={`Downtime budget ${formatDuration(run.clock.downtimeBudgetMinutes * 60)}${downtimeFrom ? `, counted from ${downtimeFrom}` : ''}${run.clock.downtimeStartedAt ? `, since ${formatUtcSeconds(run.clock.downtimeStartedAt)}` : ''}; a failed or aborted run's downtime lasts until its rollback completes`}
      >
        {budget.label}
      </span>
      {run.startedAt ? (
        <span className="muted runbook-times" data-testid="runbook-times">
          Started {formatUtcAndLocal(run.startedAt)}
          {run.startedBy ? (
            <>
              {' '}
              by <ActorName name={run.startedBy} actor={run.startedByActor} testId="runbook-started-by" />
            </>
          ) : null}
          {run.finishedAt ? `, ended ${formatUtcAndLocal(run.finishedAt)}` : ''}
        </span>
      ) : null}
    </div>
  );
}

/** Which step started the downtime (the core decides: the first step a track declares as starting it, unless the plan says otherwise). */
function downtimeStartLabel(run: CutoverRunView): string | null {
  const started = run.clock.downtimeStartedAt;
  const step = started ? run.steps.find((candidate) => candidate.startedAt === started) : undefined;
  return step ? `step '${step.name}'` : started ? 'the start of the run' : null;
}
