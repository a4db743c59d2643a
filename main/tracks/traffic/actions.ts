// The traffic track's runbook part: the action `traffic-shift` (the wave's services shifted step by step by the
// engine, shift-engine.ts, each weight written through the overlay and the API and each step analysed) and its
// compensation `traffic-dc` in the `traffic` phase (every service the shift reached back to 0 % AWS, in sync). The
// ports the engine acts through are here: the overlay first (journaled, so a deploy at any moment writes what the
// shift wrote), then the read-modify-write of the weights, the Route 53 change's status, and the analysis's
// CloudWatch reads of a window.
import type { CutoverStepTargetView } from '../../api/contract/cutover';
import { describeAwsError } from '../../monitoring/aws-call';
import type { MigrationPlan, WaveModel } from '../../plan/model';
import {
  stepTarget,
  type ActionDecl,
  type CompensationDecl,
  type CompensationDef,
  type RanStep,
  type StepContext,
  type StepOutcome,
} from '../../seam/runbook-part';
import type { TrafficAwsApi } from './aws-api';
import { thresholdsOf } from './monitor/traffic-monitor';
import { awsGroupPeriods } from './aws-periods';
import { PERCENT_KEY, SHIFT, trafficPlan } from './plan';
import { stepsOf, type Shift } from './plan-schema';
import type { TrafficResources } from './resources';
import type { TrafficRuntime } from './runtime';
import { runShift, type ShiftPorts, type ShiftRecord, type ShiftService } from './shift-engine';
import { plannedPercent, type WatchedService } from './watched-services';
import { awsPercentOf, readWeights, writeWeights } from './weights';

const DEFAULT_POLL_MS = 1000;

/** The wave's services the step shifts: its stacks with `traffic`, narrowed to `stacks` when the action names some. */
export function shiftedServices(action: Shift, wave: WaveModel, runtime: Pick<TrafficRuntime, 'services'>): WatchedService[] {
  return runtime.services().filter((service) => wave.stackIds.includes(service.stackId) && (!action.stacks || action.stacks.includes(service.stack.name)));
}

type Deployed = WatchedService & { readonly resources: TrafficResources };

/** The engine's ports for these services (their APIs resolved already). */
function shiftPorts(
  runtime: TrafficRuntime,
  apis: ReadonlyMap<string, TrafficAwsApi>,
  byStack: ReadonlyMap<string, Deployed>,
  step: StepContext | null,
  changed: (record: ShiftRecord) => void,
): ShiftPorts {
  return {
    now: () => runtime.now(),
    poll: (signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason as Error);
        const timer = setTimeout(resolve, runtime.pollMs ?? DEFAULT_POLL_MS);
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
      }),
    metricsLagMs: runtime.metricsLagMs,
    async write(service, percent, why, signal) {
      const watched = byStack.get(service.stackId)!;
      const overlay = runtime.stackChanges.overlayOf(service.stackId);
      await runtime.stackChanges.setOverlay(
        service.stackId,
        { ...overlay, [PERCENT_KEY]: percent },
        step ? { waveId: step.wave.id, stepId: step.stepId, attemptId: step.attemptId } : undefined,
      );
      const write = await writeWeights(apis.get(service.stackId)!, watched.resources, percent, `migration cockpit: ${watched.traffic.service} ${why}`, signal);
      runtime.monitorHooks.recordWrite(service.stackId, write, runtime.now());
      return write;
    },
    async changeStatus(service, changeId, signal) {
      const info = await apis.get(service.stackId)!.getChange(changeId, signal);
      runtime.monitorHooks.recordChange(service.stackId, changeId, info.status);
      return info.status;
    },
    periods: (service, from, to, signal) => awsGroupPeriods(apis.get(service.stackId)!, byStack.get(service.stackId)!.resources, from, to, signal),
    changed,
  };
}

async function runTrafficShift(action: Shift, step: StepContext, runtime: TrafficRuntime): Promise<StepOutcome> {
  const services = shiftedServices(action, step.wave, runtime);
  if (services.length === 0) return { ok: true, message: 'the wave has no traffic services to shift', details: { services: [] } };
  const settings = services[0]!.settings;
  const targets = new Map<string, CutoverStepTargetView>(services.map((service) => [service.stackId, stepTarget(service.stackId, 'pending')]));

  // Nothing is touched unless every service can be shifted.
  const apis = new Map<string, TrafficAwsApi>();
  const blocked: string[] = [];
  for (const service of services) {
    if ('problem' in service.resources) {
      blocked.push(service.resources.problem);
      continue;
    }
    const api = runtime.awsApi(service);
    if ('unavailable' in api) blocked.push(`${service.stackId}: AWS cannot be reached: ${api.unavailable}`);
    else apis.set(service.stackId, api);
  }
  if (blocked.length > 0)
    return {
      ok: false,
      message: `nothing shifted: ${blocked.join('; ')}`,
      targets: [...targets.values()],
      details: { services: services.map((s) => s.stackId), reached: [] },
    };
  const byStack = new Map(services.map((service) => [service.stackId, service as Deployed]));

  // Lock-step from where the services are (the lowest, so no service skips a step it has not been analysed at), and
  // never above the last percent the wave's previous shift saw promoted: the overlay is written before the weights,
  // so after a cockpit stopped mid-step it may name a percent no analysis passed (that step runs again).
  const overlays = Math.min(...services.map((service) => plannedPercent(runtime.stackChanges.overlayOf(service.stackId))));
  const resume = await runtime.resumePoint(step.wave.id);
  const fromPercent = resume === null ? overlays : Math.min(overlays, resume);
  const engineServices: ShiftService[] = services.map((service) => ({
    stackId: service.stackId,
    service: service.traffic.service,
    split: service.traffic.split,
    analysis: service.analysis,
  }));
  const steps = stepsOf(settings);
  const shift = runtime.beginShift({
    waveId: step.wave.id,
    runId: step.runId,
    stepId: step.stepId,
    services: services.map((service) => ({
      stackId: service.stackId,
      service: service.traffic.service,
      thresholds: thresholdsOf(service.analysis),
    })),
    steps,
    onFailure: settings.onFailure,
    intervalSeconds: settings.analysis.intervalSeconds,
    failureLimit: settings.analysis.failureLimit,
  });
  const reached = new Set<string>();
  const changed = (record: ShiftRecord) => {
    for (const write of record.steps.flatMap((entry) => entry.writes)) reached.add(write.stackId);
    shift.changed(record);
    const current = record.steps[record.steps.length - 1];
    // Each service's own share, as its last write that landed left it (an abort's writes may not all have).
    const lastWrite = (stackId: string) =>
      [...(record.abort?.writes ?? []), ...record.steps.flatMap((entry) => entry.writes).reverse()].find((write) => write.stackId === stackId);
    for (const service of services) {
      const write = lastWrite(service.stackId);
      const share = write ? `${write.after.aws} % to AWS (weights ${write.after.dc}/${write.after.aws})` : `${record.fromPercent} % to AWS`;
      targets.set(service.stackId, stepTarget(service.stackId, record.endedAt ? (record.state === 'completed' ? 'succeeded' : 'failed') : 'running', share));
    }
    step.progress(progressWords(record, current?.step, steps.length), [...targets.values()]);
  };
  const record = await runShift(
    engineServices,
    {
      steps,
      // Resolvers keep a Route 53 answer for its TTL: the analysis starts once users follow the new weights.
      settleSeconds: Math.max(0, ...services.map((service) => (service.traffic.split === 'route53' ? (service.traffic.route53?.ttl ?? 0) : 0))),
      onFailure: settings.onFailure,
      changeTimeoutSeconds: settings.changeTimeoutSeconds,
      intervalSeconds: settings.analysis.intervalSeconds,
      failureLimit: settings.analysis.failureLimit,
    },
    fromPercent,
    shift.control,
    shiftPorts(runtime, apis, byStack, step, changed),
    step.signal,
  );
  runtime.refreshSoon();
  return {
    ok: record.state === 'completed',
    message: record.message ?? record.state,
    targets: [...targets.values()],
    details: { services: services.map((service) => service.stackId), reached: [...reached], state: record.state, percent: record.percent },
  };
}

/** What the step says while it runs. */
function progressWords(record: ShiftRecord, step: number | undefined, of: number): string {
  const at = step === undefined ? '' : `step ${step} of ${of}, `;
  switch (record.state) {
    case 'writing':
      return `${at}writing the weights for ${record.percent} % to AWS`;
    case 'syncing':
      return `${at}${record.percent} % to AWS: waiting for the change to be in sync`;
    case 'analysing':
      return `${at}${record.percent} % to AWS: analysing`;
    case 'paused':
      return `${at}${record.percent} % to AWS: PAUSED by the operator (the analysis still aborts on failure)`;
    case 'awaiting-operator':
      return `${at}${record.percent} % to AWS: waiting for the operator — ${record.message ?? ''}`;
    case 'aborting':
      return `aborting: ${record.abort?.why ?? ''}; weights back to ${record.abort?.to ?? 0} %`;
    default:
      return record.message ?? record.state;
  }
}

const recordedList = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/** Every service the step may have reached (its latest attempt's journal, else the wave's services): back to the data center. */
function shiftBack(action: Shift, step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): CompensationDef[] {
  // After a cockpit stopped mid-step the journal has only the step's start: the wave's stacks with a service then.
  const hasService = (stackId: string) => {
    const stack = plan.stacks.get(stackId);
    return stack !== undefined && trafficPlan.of(stack).traffic !== undefined;
  };
  const reached = recordedList(step.details.services) ?? (wave ? wave.stackIds.filter(hasService) : []);
  const names = action.stacks;
  return reached
    .filter((stackId) => !names || names.includes(plan.stacks.get(stackId)?.name ?? ''))
    .map((stackId) => ({
      id: `traffic-dc:${stackId}`,
      label: `users back to the data center (0 % AWS): ${stackId}`,
      action: 'traffic-dc',
      system: 'traffic',
      stackId,
      forStepId: step.def.id,
    }));
}

export const TRAFFIC_SHIFT: ActionDecl<Shift, TrafficRuntime> = {
  type: SHIFT.type,
  role: SHIFT.role,
  describe: (action) =>
    `shift the users of ${action.stacks ? action.stacks.join(', ') : "the wave's services"} to AWS step by step, each step analysed (5xx, response time, target health) and aborted back on failure`,
  plannedDetails: (action, wave) => ({ planned: action.stacks ?? 'all', waveStacks: wave.stackIds.length }),
  run: (action, step, runtime) => runTrafficShift(action, step, runtime),
  compensations: (action, step, wave, plan) => shiftBack(action, step, wave, plan),
};

const backToDataCenter: CompensationDecl<TrafficRuntime> = {
  action: 'traffic-dc',
  system: 'traffic',
  systemTitle: 'Traffic',
  phase: 'traffic',
  async execute(def, context, runtime) {
    const service = runtime.services().find((candidate) => candidate.stackId === def.stackId);
    if (!service) return { status: 'skipped', message: `stack ${def.stackId} has no traffic service in the loaded plan: no users to move back` };
    if ('problem' in service.resources) return { status: 'failed', message: service.resources.problem };
    const api = runtime.awsApi(service);
    if ('unavailable' in api) return { status: 'failed', message: `AWS cannot be reached: ${api.unavailable}` };
    const resources = service.resources;
    try {
      const now = await readWeights(api, resources, context.signal);
      if (now.aws === 0 && plannedPercent(runtime.stackChanges.overlayOf(def.stackId)) === 0)
        return { status: 'skipped', message: `${service.traffic.service} sends no users to AWS (weights ${now.dc}/${now.aws}): nothing to move back` };
    } catch (error) {
      return { status: 'failed', message: `the split of ${service.traffic.service} could not be read: ${describeAwsError(error)}` };
    }
    const byStack = new Map([[service.stackId, service as Deployed]]);
    const ports = shiftPorts(runtime, new Map([[service.stackId, api]]), byStack, null, () => undefined);
    const engineService: ShiftService = {
      stackId: service.stackId,
      service: service.traffic.service,
      split: service.traffic.split,
      analysis: service.analysis,
    };
    try {
      const write = await ports.write(engineService, 0, 'rollback: all users back to the data center', context.signal);
      if (write.change) {
        const deadline = runtime.now() + service.settings.changeTimeoutSeconds * 1000;
        let lastError = '';
        for (;;) {
          // A status read that fails is tried again until the deadline: the weights are written already.
          const status = await ports.changeStatus(engineService, write.change.id, context.signal).catch((error: unknown) => {
            lastError = describeAwsError(error);
            return 'PENDING' as const;
          });
          if (status === 'INSYNC') break;
          if (runtime.now() >= deadline || context.signal.aborted)
            return {
              status: 'failed',
              message: `weights written back to ${write.after.dc}/${write.after.aws} (data center/AWS), but Route 53 change ${write.change.id} was not seen INSYNC within ${service.settings.changeTimeoutSeconds} s${lastError ? ` (${lastError})` : ''}: users may still reach AWS until it is`,
            };
          await ports.poll(context.signal).catch(() => undefined);
        }
      }
      runtime.refreshSoon();
      return {
        status: 'succeeded',
        message: `${service.traffic.service}: weights ${write.before.dc}/${write.before.aws} → ${write.after.dc}/${write.after.aws} (data center/AWS), ${awsPercentOf(write.after)} % to AWS${write.change ? `, change ${write.change.id} in sync` : ''}`,
      };
    } catch (error) {
      return { status: 'failed', message: `the weights of ${service.traffic.service} could not be written back: ${describeAwsError(error)}` };
    }
  },
  standing: (def, status, message) =>
    status === 'succeeded' || status === 'skipped'
      ? `${def.stackId}: all users in the data center`
      : `${def.stackId}: users may still reach AWS — ${message ?? 'the weights were not written back'}`,
};

export const TRAFFIC_ACTIONS = [TRAFFIC_SHIFT] as const;
export const TRAFFIC_COMPENSATIONS = [backToDataCenter] as const;
