// The health track's runtime (started once by the core): one poller over the probed stacks of the loaded plan,
// kept across plan edits (a hold must not restart because a wave's description changed), and the health.snapshot
// handler. The probes run on the data clock of the plan's environment: the embedded rehearsal's simulated time
// when the plan targets it, else the wall clock, so a hold is measured on the same clock as every other gate.
import type { MonitorStatusView } from '../../api/contract/shared';
import type { HandlersOf } from '../../api/contract/track';
import type { DataClock } from '../../monitoring/data-clock';
import { DEFAULT_PACE_INTERVALS, type PaceIntervals } from '../../monitoring/pace';
import { PlanMonitor } from '../../monitoring/plan-monitor';
import { startTrackPoller } from '../../monitoring/poller';
import type { MigrationPlan } from '../../plan/model';
import type { TrackContext, TrackRuntime } from '../../seam/track';
import { dataClockFor } from '../../seam/track-environment';
import type { HealthCommands, HealthProbeView } from './contract';
import { HealthProbes, type ProbeTarget } from './monitor';
import { healthPlan, probedStacks } from './plan';

export interface HealthTuning {
  readonly intervals?: PaceIntervals;
  /** The clock when the plan does not run on the embedded rehearsal's (tests). */
  readonly clock?: DataClock;
}

export interface HealthRuntime extends TrackRuntime {
  readonly handlers: HandlersOf<HealthCommands>;
  /** Runs one probe cycle now (tests). */
  refreshNow(): Promise<void>;
}

/** Health probes are cheap: a faster pace than the AWS monitors' by default. */
const HEALTH_INTERVALS: PaceIntervals = { ...DEFAULT_PACE_INTERVALS, fastMs: 2_000, normalMs: 5_000, idleMs: 15_000 };

export function startHealthRuntime(context: TrackContext, tuning: HealthTuning = {}): HealthRuntime {
  let plan: MigrationPlan | undefined;
  let latest: readonly HealthProbeView[] = [];
  let monitor: MonitorStatusView | null = null;

  // Read at every cycle from the plan loaded now: an edited timeout or hold counts from the next probe.
  const targets = (): ProbeTarget[] =>
    plan
      ? probedStacks(plan).map(({ stackId, health, healthyForSeconds }) => {
          const url = context.stackOutputs(stackId)?.[health.output];
          return {
            stackId,
            url: typeof url === 'string' && url ? url : null,
            output: health.output,
            expectStatus: health.expectStatus,
            timeoutMs: health.timeoutSeconds * 1000,
            healthyForSeconds,
          };
        })
      : [];

  const start = (next: MigrationPlan) => {
    const clock = dataClockFor(next, context, tuning.clock);
    const abort = new AbortController();
    const probes = new HealthProbes({
      targets,
      clock: () => clock.now(),
      publish: (views) => {
        latest = views;
        context.publish({ type: 'health.probes', probes: [...views] });
      },
    });
    const poller = startTrackPoller({
      name: 'health monitor',
      target: next.environment.aws.endpoint === 'rehearsal' ? 'rehearsal' : 'health URLs',
      intervals: tuning.intervals ?? HEALTH_INTERVALS,
      clock,
      stop: abort.signal,
      log: context.log,
      track: probes,
      status: (status) => {
        monitor = status;
        context.publish({ type: 'health.monitor', monitor });
      },
    });
    return { poller, stop: abort, probes, clock };
  };

  // The same environment keeps the poller and every hold; another one (or none) starts over.
  const monitors = new PlanMonitor({
    uses: (next) => healthPlan.uses(next),
    environmentOf: (next) => next.environment.aws.endpoint ?? 'aws',
    start,
    cleared: (why) => {
      const probed = latest.length > 0;
      latest = [];
      if (why === 'environment') return;
      monitor = null;
      // Views still showing probes of the previous plan learn there are none now.
      if (probed) context.publish({ type: 'health.probes', probes: [] });
    },
  });

  return {
    handlers: {
      'health.snapshot': async () => ({ monitor, probes: [...latest] }),
    },
    async setPlan(next) {
      plan = next;
      await monitors.setPlan(next);
    },
    clock: () => monitors.running?.clock,
    refreshNow: async () => monitors.running?.poller.refreshNow(),
    close: () => monitors.stop(),
  };
}
