// The core's own runbook actions and their compensations, declared the way a track declares its own
// (main/seam/runbook-part.ts): pulumi-up moves traffic (each stack deployed with its cutover config), register
// registers every stack with its registries, http-check checks a URL per stack; a rollback puts each stack's config
// back to the data center (config-back) and removes the registrations the cutover created (deregister).
import type { CutoverStepTargetView, OperationView } from '../api/contract';
import type { MigrationPlan, StackModel, WaveModel } from '../plan/model';
import type { RunbookAction } from '../plan/schema';
import { sleep } from '../monitoring/aws-call';
import type { OperationBody } from '../pulumi/operations';
import { registrationOperation, registrationUrn, stackOperation } from '../pulumi/stack-operations';
import type { ActionDecl, CompensationDecl, CompensationDef, RunbookPart, StepContext, StepOutcome } from '../seam/runbook-part';

import type { OverlayConfig, OverlayOrigin } from '../seam/stack-changes';

export type { OverlayConfig, OverlayOrigin };

/** What the core's actions and compensations act through. */
export interface CoreRuntime {
  /** Runs an operation on a stack as part of the step; resolves when it ends, cancels it when `signal` aborts. */
  runOperation(stackId: string, body: OperationBody, parentOperationId: string, signal?: AbortSignal): Promise<OperationView>;
  /**
   * Sets (or with undefined clears) a stack's cutover config: every later operation on the stack runs with it.
   * Called per stack just before its deploy; it journals that the stack got the config, and the deploy waits.
   */
  setConfigOverlay(stackId: string, overlay: OverlayConfig | undefined, origin?: OverlayOrigin): void | Promise<void>;
  /** The stack's cutover config now (a track's step may have set keys of its own, e.g. a proxy's phase). */
  overlayOf?(stackId: string): OverlayConfig | undefined;
  /** The stack's plain outputs as last known (for {{stack.output.*}}). */
  stackOutputs(stackId: string): Readonly<Record<string, unknown>> | undefined;
  readonly fetch: typeof fetch;
}

type Action<T extends RunbookAction['type']> = Extract<RunbookAction, { type: T }>;

export const stepTarget = (
  stackId: string,
  status: CutoverStepTargetView['status'],
  message: string | null = null,
  operation?: OperationView,
): CutoverStepTargetView => ({
  stackId,
  status,
  message,
  operationId: operation?.operationId ?? null,
  updateVersion: operation?.updateVersion ?? null,
});

const configInWords = (config: OverlayConfig) =>
  Object.entries(config)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

// -----------------------------------------------------------------------------------------------------------
// pulumi-up: each stack of the wave deployed with its cutover config (kept for every later operation on it
// until a rollback clears it), at most maxParallel at once; after a failure no new stack starts.
// -----------------------------------------------------------------------------------------------------------

const pulumiUp: ActionDecl<Action<'pulumi-up'>, CoreRuntime> = {
  type: 'pulumi-up',
  role: 'move-traffic',
  describe: (action) => `deploy every stack of the wave with the cutover config ${configInWords(action.config)}`,
  plannedDetails: (action, wave) => ({ overlay: action.config, stacks: [...wave.stackIds] }),
  run: async (action, context, ports) => {
    const overlay = action.config;
    const results = new Map<string, CutoverStepTargetView>(context.wave.stackIds.map((stackId) => [stackId, stepTarget(stackId, 'pending')]));
    const body = () => stackOperation('up', { message: `migration cockpit: cutover of ${context.wave.id}, step ${context.stepId}` });
    const outcome = await eachStack(context, results, async (stackId) => {
      // On top of what other steps set (a proxy's phase): this step's keys win, the others stay.
      await ports.setConfigOverlay(
        stackId,
        { ...ports.overlayOf?.(stackId), ...overlay },
        { waveId: context.wave.id, stepId: context.stepId, attemptId: context.attemptId },
      );
      return ports.runOperation(stackId, body(), context.attemptId, context.signal);
    });
    const failed = [...results.values()].filter((entry) => entry.status === 'failed');
    return {
      ok: outcome && failed.length === 0,
      message:
        failed.length === 0
          ? `deployed with ${configInWords(overlay)}: ${context.wave.stackIds.join(', ')}`
          : `failed: ${failed.map((entry) => `${entry.stackId} (${entry.message ?? 'failed'})`).join('; ')}`,
      targets: [...results.values()],
      details: { overlay, stacks: [...context.wave.stackIds] },
    };
  },
  compensations: (action, step, wave) => {
    const removes = configKeysInWords(Object.keys(action.config));
    const recorded = step.details.stacks;
    const stacks = Array.isArray(recorded) ? (recorded as string[]) : [...(wave?.stackIds ?? [])];
    return [...stacks].reverse().map((stackId) => ({
      id: `config-back:${stackId}`,
      label: `stack config back to the data center: ${stackId}${removes ? ` (removes ${removes})` : ''}`,
      action: 'config-back',
      system: 'pulumi',
      stackId,
      forStepId: step.def.id,
    }));
  },
};

/** The cutover config keys the app-instance program reads (pulumi-programs/app-instance/aws.ts), in words. */
const CONFIG_KEY_WORDS: Readonly<Record<string, string>> = {
  trafficTarget: 'traffic target',
  awsAddress: 'AWS address',
  dnsTtl: 'DNS TTL',
};

/** "traffic target, DNS TTL" for the keys a cutover config sets; a key without words stays as it is. */
export function configKeysInWords(keys: readonly string[]): string {
  return keys.map((key) => (Object.hasOwn(CONFIG_KEY_WORDS, key) ? CONFIG_KEY_WORDS[key]! : key)).join(', ');
}

// -----------------------------------------------------------------------------------------------------------
// register: each stack with registries registers (a targeted update of its registration resources; a stack that
// is registered already stays as it is). Which stacks were registered now is recorded for a rollback.
// -----------------------------------------------------------------------------------------------------------

const register: ActionDecl<Action<'register'>, CoreRuntime> = {
  type: 'register',
  role: 'register',
  describe: () => 'register every stack of the wave with its registries',
  run: async (_action, context, ports) => {
    const stacks = context.wave.stackIds
      .map((id) => context.plan.stacks.get(id))
      .filter((stack): stack is StackModel => !!stack && stack.registries.length > 0);
    if (stacks.length === 0) return { ok: true, message: 'no stack of the wave registers with a registry' };
    const results = new Map<string, CutoverStepTargetView>(stacks.map((stack) => [stack.id, stepTarget(stack.id, 'pending')]));
    const registered: string[] = [];
    const outcome = await eachStack(
      context,
      results,
      async (stackId) => {
        const stack = context.plan.stacks.get(stackId)!;
        const urns = stack.registries.map((registryId) => registrationUrn(stack, registryId));
        const view = await ports.runOperation(stackId, registrationOperation('register', urns), context.attemptId, context.signal);
        if (view.status === 'succeeded' && (view.changes?.create ?? 0) > 0) registered.push(stackId);
        return view;
      },
      (view) => (view.status === 'succeeded' ? ((view.changes?.create ?? 0) > 0 ? 'registered now' : 'already registered') : null),
    );
    const failed = [...results.values()].filter((entry) => entry.status === 'failed');
    return {
      ok: outcome && failed.length === 0,
      message:
        failed.length === 0
          ? registerSummary(
              registered,
              stacks.map((stack) => stack.id).filter((stackId) => !registered.includes(stackId)),
            )
          : `failed: ${failed.map((entry) => `${entry.stackId} (${entry.message ?? 'failed'})`).join('; ')}`,
      targets: [...results.values()],
      details: { registered },
    };
  },
  compensations: (_action, step) => {
    const registered = Array.isArray(step.details.registered) ? (step.details.registered as string[]) : [];
    return [...registered].reverse().map((stackId) => ({
      id: `deregister:${stackId}`,
      label: `registration of ${stackId} removed (the cutover created it)`,
      action: 'deregister',
      system: 'registry',
      stackId,
      forStepId: step.def.id,
    }));
  },
};

/** Which stacks the register step registered now and which were registered before it, in words. */
export function registerSummary(registeredNow: readonly string[], alreadyRegistered: readonly string[]): string {
  if (registeredNow.length === 0) return `all ${alreadyRegistered.length} already registered: ${alreadyRegistered.join(', ')}`;
  const now = `registered ${registeredNow.join(', ')}`;
  return alreadyRegistered.length === 0 ? now : `${now}; already registered: ${alreadyRegistered.join(', ')}`;
}

/** Runs `work` per stack, maxParallel at once, stopping new starts after a failure. False when any failed. */
async function eachStack(
  context: StepContext,
  results: Map<string, CutoverStepTargetView>,
  work: (stackId: string) => Promise<OperationView>,
  describe: (view: OperationView) => string | null = () => null,
): Promise<boolean> {
  const queue = [...results.keys()];
  let failed = false;
  const publish = () =>
    context.progress(`${[...results.values()].filter((entry) => entry.status === 'succeeded').length} of ${results.size} stacks done`, [...results.values()]);
  const worker = async () => {
    for (let stackId = queue.shift(); stackId; stackId = queue.shift()) {
      if (failed || context.signal.aborted) {
        results.set(stackId, stepTarget(stackId, 'skipped', 'not started (an earlier stack failed or the step was stopped)'));
        continue;
      }
      results.set(stackId, stepTarget(stackId, 'running'));
      publish();
      try {
        const view = await work(stackId);
        const ok = view.status === 'succeeded';
        results.set(
          stackId,
          stepTarget(stackId, ok ? 'succeeded' : 'failed', ok ? describe(view) : `${view.kind} ${view.status}${view.message ? `: ${view.message}` : ''}`, view),
        );
        if (!ok) failed = true;
      } catch (error) {
        failed = true;
        results.set(stackId, stepTarget(stackId, 'failed', error instanceof Error ? error.message : String(error)));
      }
      publish();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(context.wave.maxParallel, results.size)) }, worker));
  return !failed;
}

// -----------------------------------------------------------------------------------------------------------
// http-check: the URL per stack (placeholders from the plan and the stack's outputs), until it answers the
// expected status, up to 1 + retries attempts; every stack at once.
// -----------------------------------------------------------------------------------------------------------

const httpCheck: ActionDecl<Action<'http-check'>, CoreRuntime> = {
  type: 'http-check',
  role: 'check',
  describe: (action) => `GET ${urlInWords(action.url)}, expecting HTTP ${action.expectStatus} (${action.retries} retries, ${action.retryDelaySeconds} s apart)`,
  run: (action, context, ports) => runHttpCheck(ports, action, context),
};

/**
 * An http-check URL as the operator reads it before it is filled in per stack, placeholders in words:
 * `{{stack.output.healthUrl}}` → "the URL in each stack's output 'healthUrl'",
 * `https://{{stack.name}}.example/health` → "https://<stack.name>.example/health per stack".
 */
export function urlInWords(url: string): string {
  const whole = /^\{\{\s*stack\.output\.([\w.-]+)\s*\}\}$/.exec(url.trim());
  if (whole) return `the URL in each stack's output '${whole[1]}'`;
  return `${url.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, variable: string) => `<${variable}>`)} per stack`;
}

async function runHttpCheck(ports: CoreRuntime, action: Action<'http-check'>, context: StepContext): Promise<StepOutcome> {
  const results = new Map<string, CutoverStepTargetView>(context.wave.stackIds.map((stackId) => [stackId, stepTarget(stackId, 'running')]));
  await Promise.all(
    context.wave.stackIds.map(async (stackId) => {
      const stack = context.plan.stacks.get(stackId);
      const url = stack ? renderUrl(action.url, context.plan, context.wave, stack, ports.stackOutputs(stackId)) : { error: 'not in the plan' };
      if ('error' in url) return void results.set(stackId, stepTarget(stackId, 'failed', url.error));
      let last = '';
      for (let attempt = 0; attempt <= action.retries && !context.signal.aborted; attempt++) {
        if (attempt > 0) await sleep(action.retryDelaySeconds * 1000, context.signal);
        if (context.signal.aborted) break;
        try {
          const response = await ports.fetch(url.url, {
            redirect: 'manual',
            signal: AbortSignal.any([context.signal, AbortSignal.timeout(action.requestTimeoutSeconds * 1000)]),
          });
          await response.body?.cancel().catch(() => undefined);
          if (response.status === action.expectStatus) {
            return void results.set(
              stackId,
              stepTarget(stackId, 'succeeded', `HTTP ${response.status} from ${url.url}${attempt > 0 ? ` (attempt ${attempt + 1})` : ''}`),
            );
          }
          last = `HTTP ${response.status} from ${url.url}, expected ${action.expectStatus}`;
        } catch (error) {
          last = `${url.url}: ${describeFetchError(error, action.requestTimeoutSeconds)}`;
        }
        results.set(stackId, stepTarget(stackId, 'running', `${last} (attempt ${attempt + 1} of ${action.retries + 1})`));
        context.progress(`checking ${context.wave.stackIds.length} URL(s)`, [...results.values()]);
      }
      results.set(stackId, stepTarget(stackId, 'failed', `${last || 'not checked'} after ${action.retries + 1} attempt(s)`));
    }),
  );
  const failed = [...results.values()].filter((entry) => entry.status !== 'succeeded');
  return {
    ok: failed.length === 0,
    message:
      failed.length === 0 ? `healthy: ${context.wave.stackIds.join(', ')}` : failed.map((entry) => `${entry.stackId}: ${entry.message ?? 'failed'}`).join('; '),
    targets: [...results.values()],
  };
}

function describeFetchError(error: unknown, timeoutSeconds: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutSeconds} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

/** Fills {{placeholders}} of an http-check URL for a stack (values as they are: the URL is the operator's). */
export function renderUrl(
  template: string,
  plan: MigrationPlan,
  wave: WaveModel,
  stack: StackModel,
  outputs: Readonly<Record<string, unknown>> | undefined,
): { url: string } | { error: string } {
  const fixed: Record<string, string> = {
    'plan.name': plan.name,
    'stack.id': stack.id,
    'stack.name': stack.name,
    'stack.project': stack.project,
    'stack.description': stack.description ?? '',
    'wave.id': wave.id,
    'wave.name': wave.name,
  };
  let missing: string | undefined;
  const url = template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_match, variable: string) => {
    if (variable in fixed) return fixed[variable]!;
    const config = /^stack\.config\.(.+)$/.exec(variable);
    if (config) {
      const value = stack.config[config[1]!];
      if (value === undefined || typeof value === 'object') missing ??= `config '${config[1]}' is not a plain value of ${stack.id}`;
      return typeof value === 'object' || value === undefined ? '' : String(value);
    }
    const output = /^stack\.output\.(.+)$/.exec(variable);
    if (output) {
      const value = outputs?.[output[1]!];
      if (value === undefined || value === null || typeof value === 'object')
        missing ??= `stack output '${output[1]}' of ${stack.id} is not known (deploy the stack first)`;
      return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
    }
    missing ??= `unknown placeholder {{${variable}}}`;
    return '';
  });
  return missing ? { error: missing } : { url };
}

// -----------------------------------------------------------------------------------------------------------
// Compensations: a stack's config back to the data center (its cutover config removed, then deployed), and a
// registration the cutover created removed.
// -----------------------------------------------------------------------------------------------------------

const failedStanding = (what: string, message: string | undefined) => `${what} — FAILED: ${message ?? 'no reason given'}`;

const configBack: CompensationDecl<CoreRuntime> = {
  action: 'config-back',
  system: 'pulumi',
  systemTitle: 'Stacks',
  phase: 'traffic',
  execute: async (def, context, ports) => {
    // The cutover config goes first: this deploy, and every later operation, runs with the plan's config.
    await ports.setConfigOverlay(def.stackId, undefined);
    const view = await ports.runOperation(
      def.stackId,
      stackOperation('up', { message: `migration cockpit: cutover rollback, config back to the data center` }),
      context.operationId,
      context.signal,
    );
    return view.status === 'succeeded'
      ? {
          status: 'succeeded',
          message: `deployed with the data-center config${view.updateVersion ? ` (update ${view.updateVersion})` : ''}`,
          operationId: view.operationId,
        }
      : { status: 'failed', message: `deploy ${view.status}: ${view.message ?? 'no reason given'}`, operationId: view.operationId };
  },
  standing: (def, status, message) => {
    if (status === 'succeeded' || status === 'skipped') return `${def.stackId} back on the data-center config`;
    if (status === 'failed')
      return failedStanding(`${def.stackId} may be partly updated (check its last update); its cutover config is removed from the workspace`, message);
    return `${def.stackId} still on the cutover config`;
  },
};

const deregister: CompensationDecl<CoreRuntime> = {
  action: 'deregister',
  system: 'registry',
  systemTitle: 'Registrations',
  phase: 'registration',
  execute: async (def: CompensationDef, context, ports) => {
    const stack = context.plan.stacks.get(def.stackId);
    if (!stack) return { status: 'failed', message: `${def.stackId} is not in the loaded plan` };
    const urns = stack.registries.map((registryId) => registrationUrn(stack, registryId));
    const view = await ports.runOperation(def.stackId, registrationOperation('deregister', urns), context.operationId, context.signal);
    return view.status === 'succeeded'
      ? { status: 'succeeded', message: `deregistered from ${stack.registries.join(', ')}`, operationId: view.operationId }
      : { status: 'failed', message: `deregister ${view.status}: ${view.message ?? 'no reason given'}`, operationId: view.operationId };
  },
  standing: (def, status, message) => {
    if (status === 'succeeded' || status === 'skipped') return `${def.stackId} deregistered`;
    if (status === 'failed') return failedStanding(`${def.stackId} still registered`, message);
    return `${def.stackId} still registered`;
  },
};

/** The core's runbook part: its actions act through the core's own runtime (Pulumi operations, fetch). */
export const CORE_RUNBOOK: RunbookPart<CoreRuntime> = {
  actions: [pulumiUp, register, httpCheck],
  compensations: [configBack, deregister],
};
