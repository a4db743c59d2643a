// The health track's monitor: one GET per probed stack per cycle, at most 8 in flight, on the shared poller (pace,
// backoff, status). Call floor: `GET = probed stacks` per cycle, nothing else. A failed probe is the signal the
// gate judges, not a failure of the monitor: the poller backs off only when the probes cannot run at all.
// Each cycle folds the probes into every stack's history and publishes the views of all probed stacks.
import { CallLedger } from '../../monitoring/aws-call';
import { settleWithLimit } from '../../monitoring/concurrency';
import type { CycleOutcome } from '../../monitoring/cycle-outcome';
import type { Activity } from '../../monitoring/pace';
import type { PolledTrack } from '../../monitoring/poller';
import { NO_HISTORY, record, type HealthHistory } from './hold';
import { probeHealth, type ProbeResult } from './probe';

/** A stack the monitor probes, as the plan and its outputs say now. */
export interface ProbeTarget {
  readonly stackId: string;
  /** The URL from the stack's output, or null when the stack has no such output yet (not deployed). */
  readonly url: string | null;
  /** Which output holds the URL, for the operator's words when it is missing. */
  readonly output: string;
  readonly expectStatus: number;
  /** How long its probe may take (the stack's `health.timeoutSeconds`). */
  readonly timeoutMs: number;
  readonly healthyForSeconds: number;
}

/** One stack's health as the views show it. */
export interface HealthProbeView {
  readonly stackId: string;
  readonly url: string | null;
  readonly httpStatus: number | null;
  readonly ok: boolean;
  readonly latencyMs: number | null;
  /** When the last probe answered (ISO, data clock), or null before the first. */
  readonly checkedAt: string | null;
  /** Since when every probe was healthy (ISO, data clock), or null. */
  readonly healthySince: string | null;
  readonly problem: string | null;
}

export const PROBES_IN_FLIGHT = 8;

export interface HealthMonitorOptions {
  /** The stacks to probe now (read at every cycle: outputs arrive as stacks deploy). */
  readonly targets: () => readonly ProbeTarget[];
  /** The data clock (ms). */
  readonly clock: () => number;
  readonly publish: (views: readonly HealthProbeView[]) => void;
  readonly fetch?: typeof fetch;
}

export class HealthProbes implements PolledTrack {
  private readonly histories = new Map<string, HealthHistory>();
  private readonly last = new Map<string, { url: string | null; result: ProbeResult | null; problem: string | null }>();
  private targets: readonly ProbeTarget[] = [];

  constructor(private readonly options: HealthMonitorOptions) {}

  async fetch(): Promise<CycleOutcome> {
    const ledger = new CallLedger();
    this.targets = this.options.targets();
    const probed = this.targets.filter((target) => target.url !== null);
    const results = await settleWithLimit(probed, PROBES_IN_FLIGHT, (target) => {
      ledger.count('GET');
      return probeHealth(target.url!, {
        expectStatus: target.expectStatus,
        timeoutMs: target.timeoutMs,
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
    });
    const at = this.options.clock();
    probed.forEach((target, index) => {
      const settled = results[index]!;
      // probeHealth never rejects; a rejection here is a bug and reads as a failed probe, not a healthy one.
      const result: ProbeResult =
        settled.status === 'fulfilled' ? settled.value : { httpStatus: null, ok: false, latencyMs: 0, problem: String(settled.reason) };
      this.histories.set(target.stackId, record(this.histories.get(target.stackId) ?? NO_HISTORY, { ok: result.ok, at, problem: result.problem }));
      this.last.set(target.stackId, { url: target.url, result, problem: result.problem });
    });
    for (const target of this.targets)
      if (target.url === null) {
        this.histories.delete(target.stackId);
        this.last.set(target.stackId, { url: null, result: null, problem: `the stack has no output '${target.output}' yet: deploy it first` });
      }
    return { ledger, failedCalls: 0, problem: null, credentials: false };
  }

  activity(): Activity {
    // Fast while a hold runs or a probe fails: the gate is about to change.
    const now = this.options.clock();
    for (const target of this.targets) {
      const history = this.histories.get(target.stackId);
      if (!history?.last) continue;
      if (!history.last.ok) return 'fast';
      if (history.healthySince !== null && now - history.healthySince < target.healthyForSeconds * 1000) return 'fast';
    }
    return 'normal';
  }

  afterCycle(): void {
    this.options.publish(this.views());
  }

  views(): HealthProbeView[] {
    return this.targets.map((target) => {
      const history = this.histories.get(target.stackId);
      const last = this.last.get(target.stackId);
      const result = last?.result ?? null;
      return {
        stackId: target.stackId,
        url: target.url,
        httpStatus: result?.httpStatus ?? null,
        ok: result?.ok ?? false,
        latencyMs: result?.latencyMs ?? null,
        checkedAt: history?.last ? new Date(history.last.at).toISOString() : null,
        healthySince: history && history.healthySince !== null ? new Date(history.healthySince).toISOString() : null,
        problem: last?.problem ?? null,
      };
    });
  }
}
