// The health track's gate, `health`: a probed stack is green once every probe for its wave's hold answered as
// expected (hold.ts), on probes that are current; a stack without `health` reads green ("not probed"). Judged from
// the monitor's published events (`health.probes`, `health.monitor`); a monitor that falls silent or degrades
// turns the gate unknown.
import { MonitorWatch } from '../../monitoring/monitor-watch';
import type { StackHealth } from '../../api/contract/readiness';
import type { MigrationPlan, StackModel } from '../../plan/model';
import type { GateJudge, GateVerdict, JudgeMoment, ReadinessPart } from '../../seam/readiness-part';
import type { HealthProbeView } from './contract';
import { clockText, healthVerdict, type HealthHistory } from './hold';
import { probedStacks } from './plan';

const NOT_PROBED: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze(['not probed']), holdRemainingSeconds: null, applies: false });
/** Probes older than this many monitor intervals (on the data clock) are not current. */
const STALE_AFTER_INTERVALS = 3;

class HealthJudge implements GateJudge {
  /** Each probed stack's hold, from its latest view. */
  private readonly histories = new Map<string, HealthHistory>();
  private readonly holds = new Map<string, number>();
  private readonly watch = new MonitorWatch(15_000, { monitor: 'the health monitor', data: 'health' });
  private staleAfterMs = Infinity;

  constructor(plan: MigrationPlan) {
    for (const { stackId, healthyForSeconds } of probedStacks(plan)) this.holds.set(stackId, healthyForSeconds);
  }

  observe(event: Parameters<GateJudge['observe']>[0], now: number): boolean {
    if (event.type === 'health.probes') {
      for (const probe of event.probes) this.histories.set(probe.stackId, historyOf(probe));
      return true;
    }
    if (event.type === 'health.monitor') {
      this.watch.seen(event.monitor, now);
      const { intervalSeconds, dataClock } = event.monitor;
      this.staleAfterMs = STALE_AFTER_INTERVALS * intervalSeconds * 1000 * (dataClock?.rate ?? 1);
      return true;
    }
    return false;
  }

  silence(now: number): string | null {
    return this.holds.size > 0 ? this.watch.problem(now) : null;
  }

  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void {
    const healthyForSeconds = this.holds.get(stack.id);
    if (healthyForSeconds === undefined) out[0] = NOT_PROBED;
    else if (moment.silence) out[0] = { status: 'unknown', reasons: [moment.silence], holdRemainingSeconds: null };
    else
      out[0] = healthVerdict(
        this.histories.get(stack.id) ?? { last: null, healthySince: null },
        { healthyForSeconds, staleAfterMs: this.staleAfterMs },
        moment.dataNow,
      );
  }

  /** A failed last probe makes its stack degraded, as the stack cards and the panel say (one truth with the gate). */
  health(stack: StackModel): StackHealth | null {
    const last = this.holds.has(stack.id) ? this.histories.get(stack.id)?.last : undefined;
    if (!last || last.ok) return null;
    return {
      status: 'degraded',
      reason: `health probe failed at ${clockText(last.at)}: ${last.problem ?? 'unexpected answer'}`,
    };
  }
}

function historyOf(probe: HealthProbeView): HealthHistory {
  if (probe.checkedAt === null) return { last: null, healthySince: null };
  return {
    last: { ok: probe.ok, at: Date.parse(probe.checkedAt), problem: probe.problem },
    healthySince: probe.healthySince === null ? null : Date.parse(probe.healthySince),
  };
}

export const healthReadiness: ReadinessPart = {
  gates: [
    {
      id: 'health',
      label: 'Health',
      help: "Every probed stack's health URL (a stack output) answered the expected status on every probe for the wave's hold, on current probes.",
    },
  ],
  createJudge: (plan) => new HealthJudge(plan),
};
