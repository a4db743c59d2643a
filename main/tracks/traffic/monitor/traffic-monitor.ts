// The traffic track's monitor: a PolledTrack on the shared poller. Each cycle reads, per placement (account and
// region), at the call floor of poll-planner.ts: each service's split as AWS holds it (its weights), each target
// group's health, each pending Route 53 change's status, and the target groups' one-minute AWS/ApplicationELB
// periods (requests, 5xx, response time) — all settled: a failed read is said on the service, never thrown. The
// views it publishes (each service's weights, their history, each side's health and minutes) are what the gate, the
// Traffic tab and the evidence read; a shift's writes reach it through recordWrite, so the history has them at once.
import { awsCaller, CallLedger, describeAwsError, type AwsCallOptions, type AwsCaller } from '../../../monitoring/aws-call';
import { cycleOutcome, type CycleOutcome } from '../../../monitoring/cycle-outcome';
import type { Activity } from '../../../monitoring/pace';
import type { PolledTrack } from '../../../monitoring/poller';
import type { TrafficAwsApi, TargetHealth } from '../aws-api';
import { SERIES_MINUTES, WEIGHT_HISTORY_MAX, type ServiceMinute, type ServiceView, type TargetHealthView } from '../contract';
import { metricBatches, readGroupPeriods, type GroupPeriod, type GroupToRead } from '../metric-queries';
import { awsPercentOf, readWeights, type SplitWeights, type WeightWrite } from '../weights';
import type { WatchedService } from '../watched-services';

export interface TrafficMonitorOptions {
  readonly services: () => readonly WatchedService[];
  /** A placement's AWS API, or why there is none. */
  readonly api: (placement: string) => TrafficAwsApi | { readonly unavailable: string };
  /** The percent the stack's cutover overlay says. */
  readonly plannedPercent: (stackId: string) => number;
  /** Whether a shift runs now (the monitor then reads at its fast pace). */
  readonly shifting: () => boolean;
  /** The data clock (ms). */
  readonly clock: () => number;
  readonly stop: AbortSignal;
  readonly publish: (services: readonly ServiceView[]) => void;
  readonly callOptions?: AwsCallOptions;
}

const MINUTE_MS = 60_000;
/** Datapoints may arrive late: every cycle reads the last minutes again. */
const REREAD_MS = 5 * MINUTE_MS;
const TARGETS_SHOWN = 50;

interface ServiceState {
  weights: SplitWeights | null;
  readonly history: { at: number; weights: SplitWeights }[];
  change: { id: string; status: 'PENDING' | 'INSYNC'; submittedAt: number | null } | null;
  targets: { aws: TargetHealthView | null; dc: TargetHealthView | null };
  readonly minutes: Map<number, ServiceMinute>;
  readUntil: number | null;
  checkedAt: number | null;
  problem: string | null;
}

const newState = (): ServiceState => ({
  weights: null,
  history: [],
  change: null,
  targets: { aws: null, dc: null },
  minutes: new Map(),
  readUntil: null,
  checkedAt: null,
  problem: null,
});

export class TrafficMonitor implements PolledTrack {
  private services: readonly WatchedService[] = [];
  private readonly states = new Map<string, ServiceState>();

  constructor(private readonly options: TrafficMonitorOptions) {}

  async fetch(): Promise<CycleOutcome> {
    const ledger = new CallLedger();
    const call = awsCaller(ledger, this.options.stop, this.options.callOptions);
    this.services = this.options.services();
    for (const service of this.services) if (!this.states.has(service.stackId)) this.states.set(service.stackId, newState());
    for (const key of [...this.states.keys()]) if (!this.services.some((service) => service.stackId === key)) this.states.delete(key);
    const now = this.options.clock();
    const failures: unknown[] = [];
    const problems: string[] = [];
    const byPlacement = new Map<string, WatchedService[]>();
    for (const service of this.services) byPlacement.set(service.placement, [...(byPlacement.get(service.placement) ?? []), service]);
    await Promise.all(
      [...byPlacement].map(async ([placement, services]) => {
        const api = this.options.api(placement);
        if ('unavailable' in api) {
          problems.push(api.unavailable);
          for (const service of services) this.states.get(service.stackId)!.problem = api.unavailable;
          return;
        }
        failures.push(...(await this.readPlacement(services, api, call, now)));
      }),
    );
    const outcome = cycleOutcome(ledger, failures);
    return problems.length > 0 && !outcome.problem ? { ...outcome, problem: problems.join('; ') } : outcome;
  }

  activity(): Activity {
    if (this.options.shifting()) return 'fast';
    for (const state of this.states.values()) if (state.change?.status === 'PENDING') return 'fast';
    return this.services.length > 0 ? 'normal' : 'idle';
  }

  afterCycle(): void {
    this.options.publish(this.views());
  }

  /** A write the shift (or its compensation) made: in the history at once, its change watched until INSYNC. */
  recordWrite(stackId: string, write: WeightWrite, at: number): void {
    const state = this.states.get(stackId) ?? newState();
    this.states.set(stackId, state);
    this.noteWeights(state, write.after, at);
    if (write.change) state.change = { id: write.change.id, status: write.change.status, submittedAt: write.change.submittedAt?.getTime() ?? at };
  }

  /** A change's status as the shift read it. */
  recordChange(stackId: string, changeId: string, status: 'PENDING' | 'INSYNC'): void {
    const state = this.states.get(stackId);
    if (state?.change?.id === changeId) state.change.status = status;
  }

  /** One-minute periods of the service's AWS target group already read, for [from, to). */
  awsPeriods(stackId: string, from: number, to: number): GroupPeriod[] {
    const state = this.states.get(stackId);
    if (!state) return [];
    return [...state.minutes.entries()]
      .filter(([at]) => at >= from && at < to)
      .map(([at, minute]) => ({ at, ...minute.aws, healthyMin: null, unhealthyMax: null }));
  }

  views(): ServiceView[] {
    return this.services.map((service) => this.view(service));
  }

  private view(service: WatchedService): ServiceView {
    const state = this.states.get(service.stackId) ?? newState();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      stackId: service.stackId,
      waveId: service.waveId,
      service: service.traffic.service,
      split: service.traffic.split,
      weights: state.weights,
      awsPercent: state.weights ? awsPercentOf(state.weights) : null,
      plannedPercent: this.options.plannedPercent(service.stackId),
      change: state.change ? { id: state.change.id, status: state.change.status, submittedAt: iso(state.change.submittedAt) } : null,
      weightHistory: state.history.map((entry) => ({ at: new Date(entry.at).toISOString(), ...entry.weights })),
      targets: state.targets,
      minutes: [...state.minutes.values()].slice(-SERIES_MINUTES),
      thresholds: thresholdsOf(service.analysis),
      checkedAt: iso(state.checkedAt),
      problem: 'problem' in service.resources ? service.resources.problem : state.problem,
    };
  }

  private noteWeights(state: ServiceState, weights: SplitWeights, at: number): void {
    const last = state.history[state.history.length - 1];
    state.weights = weights;
    if (last && last.weights.dc === weights.dc && last.weights.aws === weights.aws) return;
    state.history.push({ at, weights });
    if (state.history.length > WEIGHT_HISTORY_MAX) state.history.splice(0, state.history.length - WEIGHT_HISTORY_MAX);
  }

  private async readPlacement(services: readonly WatchedService[], api: TrafficAwsApi, call: AwsCaller, now: number): Promise<unknown[]> {
    const failures: unknown[] = [];
    const deployed = services.flatMap((service) => ('problem' in service.resources ? [] : [{ service, resources: service.resources }]));
    await Promise.all(
      deployed.map(async ({ service, resources }) => {
        const state = this.states.get(service.stackId)!;
        const problems: string[] = [];
        const read = async <T>(what: string, operation: string, attempt: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
          try {
            return await call(operation, attempt);
          } catch (error) {
            failures.push(error);
            problems.push(`${what}: ${describeAwsError(error)}`);
            return undefined;
          }
        };
        const weights = await read('the split', resources.split === 'route53' ? 'ListResourceRecordSets' : 'DescribeListeners', (signal) =>
          readWeights(api, resources, signal),
        );
        if (weights) this.noteWeights(state, weights, now);
        const aws = await read('the AWS targets', 'DescribeTargetHealth', (signal) => api.targetHealth(resources.targetGroups.aws.arn, signal));
        if (aws) state.targets.aws = healthView(aws);
        const dcGroup = resources.targetGroups.dc;
        if (dcGroup) {
          const dc = await read('the on-premises targets', 'DescribeTargetHealth', (signal) => api.targetHealth(dcGroup.arn, signal));
          if (dc) state.targets.dc = healthView(dc);
        }
        // The last change a deploy made (the program reports it; a restarted cockpit knows no other) is read once.
        const deployed = resources.route53?.changeId;
        if (deployed && state.change === null) state.change = { id: deployed, status: 'PENDING', submittedAt: null };
        const pending = state.change?.status === 'PENDING' ? state.change : null;
        if (pending) {
          const change = await read(`the Route 53 change ${pending.id}`, 'GetChange', (signal) => api.getChange(pending.id, signal));
          if (change) pending.status = change.status;
        }
        state.problem = problems.length > 0 ? problems.join('; ') : null;
        if (problems.length === 0) state.checkedAt = now;
      }),
    );
    failures.push(...(await this.readMinutes(deployed, api, call, now)));
    return failures;
  }

  /** The one-minute periods of every deployed service's target groups since the last read (and a few minutes again). */
  private async readMinutes(
    deployed: readonly { service: WatchedService; resources: Exclude<WatchedService['resources'], { problem: string }> }[],
    api: TrafficAwsApi,
    call: AwsCaller,
    now: number,
  ): Promise<unknown[]> {
    if (deployed.length === 0) return [];
    const groups: GroupToRead[] = deployed.flatMap(({ service, resources }) => [
      { key: `${service.stackId}#aws`, group: resources.targetGroups.aws, loadBalancerDimension: resources.loadBalancer.dimension },
      ...(resources.targetGroups.dc
        ? [{ key: `${service.stackId}#dc`, group: resources.targetGroups.dc, loadBalancerDimension: resources.loadBalancer.dimension }]
        : []),
    ]);
    const end = Math.floor(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    const since = Math.min(
      ...deployed.map(({ service }) => {
        const until = this.states.get(service.stackId)!.readUntil;
        return until === null ? end - SERIES_MINUTES * MINUTE_MS : until - REREAD_MS;
      }),
    );
    const results = [];
    try {
      for (const queries of metricBatches(groups, 60)) {
        let nextToken: string | undefined;
        do {
          const page = await call('GetMetricData', (signal) =>
            api.getMetricData({ queries, start: new Date(since), end: new Date(end), ...(nextToken ? { nextToken } : {}) }, signal),
          );
          results.push(...page.results);
          nextToken = page.nextToken;
        } while (nextToken);
      }
    } catch (error) {
      for (const { service } of deployed) {
        const state = this.states.get(service.stackId)!;
        state.problem = [state.problem, `the ALB metrics: ${describeAwsError(error)}`].filter(Boolean).join('; ');
      }
      return [error];
    }
    const periods = readGroupPeriods(groups, results);
    for (const { service, resources } of deployed) {
      const state = this.states.get(service.stackId)!;
      const aws = periods.get(`${service.stackId}#aws`) ?? [];
      const dc = resources.targetGroups.dc ? (periods.get(`${service.stackId}#dc`) ?? []) : null;
      for (let at = since; at < end; at += MINUTE_MS) {
        const side = (list: readonly GroupPeriod[]) => {
          const period = list.find((candidate) => candidate.at === at);
          return { requests: period?.requests ?? null, errors5xx: period?.errors5xx ?? null, responseTimeMs: period?.responseTimeMs ?? null };
        };
        // Minutes before the service's first read stay out (the chart starts where the data does).
        state.minutes.set(at, { at: new Date(at).toISOString(), aws: side(aws), dc: dc ? side(dc) : null });
      }
      for (const at of [...state.minutes.keys()].sort((a, b) => a - b).slice(0, -SERIES_MINUTES)) state.minutes.delete(at);
      state.readUntil = end;
    }
    return [];
  }
}

/** The thresholds a service is judged against, as the views carry them. */
export function thresholdsOf(analysis: WatchedService['analysis']): ServiceView['thresholds'] {
  const { max5xxPercent, maxResponseTimeMs, minHealthyHosts, maxUnhealthyHosts, minRequests } = analysis;
  return { max5xxPercent, maxResponseTimeMs, minHealthyHosts, maxUnhealthyHosts, minRequests };
}

function healthView(targets: readonly TargetHealth[]): TargetHealthView {
  return {
    healthy: targets.filter((target) => target.state === 'healthy').length,
    unhealthy: targets.filter((target) => target.state === 'unhealthy').length,
    other: targets.filter((target) => target.state !== 'healthy' && target.state !== 'unhealthy').length,
    targets: targets.slice(0, TARGETS_SHOWN).map((target) => ({
      id: target.id,
      port: target.port,
      state: target.state,
      reason: target.state === 'healthy' ? null : (target.description ?? target.reason),
    })),
  };
}
