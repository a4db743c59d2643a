// The Keyspaces track's runbook actions and their compensations. A phase of the dual-write proxy is stack config
// (keyspaces:primaryCluster, keyspaces:readMode), switched by a Pulumi update with those keys in the stack's cutover
// overlay — on top of what other steps set there, so a later deploy keeps the phase: mirror reads (the target
// load-tested, the origin still primary) and Keyspaces primary (reads move; writes still reach both sides). A
// rollback puts the primary back on the origin, in the data phase, before traffic moves back. The validate step runs
// the cockpit's validation of every moving stack and passes when every one is clean. Removing the proxy (clients
// straight to Keyspaces) is the point of no return: the plan marks the step, the engine waits for the wave's id typed,
// and from then on a rollback plans nothing for Keyspaces on those stacks and says why.
import { sleep } from '../../monitoring/aws-call';
import type { MigrationPlan, WaveModel } from '../../plan/model';
import { stackOperation } from '../../pulumi/stack-operations';
import {
  stepTarget,
  type ActionDecl,
  type AnyActionDecl,
  type CompensationDecl,
  type CompensationDef,
  type Foreclosure,
  type RanStep,
  type RunbookPart,
  type StepContext,
  type StepOutcome,
} from '../../seam/runbook-part';
import type { OverlayConfig } from '../../seam/stack-changes';
import type { ValidationView } from './contract';
import { MIRROR_READS, PRIMARY_TARGET, REMOVE_PROXY, VALIDATE } from './plan';
import type { MirrorReads, PrimaryTarget, RemoveProxy, ValidateStep } from './plan-schema';
import { keyspacesPlan } from './plan';
import type { KeyspacesRuntime } from './runtime';

const PRIMARY = 'keyspaces:primaryCluster';
const READ_MODE = 'keyspaces:readMode';
const MIRRORED: OverlayConfig = { [PRIMARY]: 'ORIGIN', [READ_MODE]: 'DUAL_ASYNC_ON_SECONDARY' };
const TARGET_PRIMARY: OverlayConfig = { [PRIMARY]: 'TARGET', [READ_MODE]: 'PRIMARY_ONLY' };
const ORIGIN_PRIMARY: OverlayConfig = { [PRIMARY]: 'ORIGIN', [READ_MODE]: 'PRIMARY_ONLY' };
const PROXY = 'keyspaces:proxy';
const PROXY_REMOVED: OverlayConfig = { [PROXY]: 'removed' };

const DEFAULT_POLL_MS = 2000;

/** The wave's stacks whose Cassandra data moves. */
const movingStacksOf = (wave: WaveModel, plan: MigrationPlan) =>
  wave.stackIds.filter((stackId) => {
    const stack = plan.stacks.get(stackId);
    return stack !== undefined && keyspacesPlan.of(stack).keyspaces !== undefined;
  });

const phaseWords = (phase: OverlayConfig) =>
  phase[PROXY] === 'removed'
    ? 'the proxy removed, clients straight to Keyspaces'
    : `primary ${String(phase[PRIMARY]).toLowerCase()}, reads ${phase[READ_MODE] === 'PRIMARY_ONLY' ? 'from the primary only' : 'mirrored to the secondary'}`;

/**
 * Each moving stack of the wave updated with the phase in its overlay, one after another; stops at the first failure.
 * `refuse` says why a stack must not switch (checked on each stack before its update).
 */
async function switchPhase(
  phase: OverlayConfig,
  step: StepContext,
  runtime: KeyspacesRuntime,
  refuse: (overlay: OverlayConfig) => string | undefined = () => undefined,
): Promise<StepOutcome> {
  const stacks = movingStacksOf(step.wave, step.plan);
  const results = new Map(stacks.map((stackId) => [stackId, stepTarget(stackId, 'pending')]));
  const publish = () =>
    step.progress(`${[...results.values()].filter((entry) => entry.status === 'succeeded').length} of ${stacks.length} proxies switched`, [
      ...results.values(),
    ]);
  let failed: string | null = null;
  const reached: string[] = [];
  for (const stackId of stacks) {
    if (failed || step.signal.aborted) {
      results.set(stackId, stepTarget(stackId, 'skipped', 'not started (an earlier stack failed or the step was stopped)'));
      continue;
    }
    const refused = refuse(runtime.stackChanges.overlayOf(stackId) ?? {});
    if (refused) {
      failed = stackId;
      results.set(stackId, stepTarget(stackId, 'failed', refused));
      continue;
    }
    results.set(stackId, stepTarget(stackId, 'running'));
    // Recorded as reached before the update starts: a rollback must know a stack whose update may have gone through.
    reached.push(stackId);
    publish();
    try {
      const changes = runtime.stackChanges;
      await changes.setOverlay(stackId, { ...changes.overlayOf(stackId), ...phase }, { waveId: step.wave.id, stepId: step.stepId, attemptId: step.attemptId });
      const view = await changes.runOperation(
        stackId,
        stackOperation('up', { message: `migration cockpit: ${phaseWords(phase)} (${step.wave.id}, step ${step.stepId})` }),
        step.attemptId,
        step.signal,
      );
      const ok = view.status === 'succeeded';
      results.set(
        stackId,
        stepTarget(stackId, ok ? 'succeeded' : 'failed', ok ? null : `up ${view.status}${view.message ? `: ${view.message}` : ''}`, view.operationId),
      );
      if (!ok) failed = stackId;
    } catch (error) {
      failed = stackId;
      results.set(stackId, stepTarget(stackId, 'failed', error instanceof Error ? error.message : String(error)));
    }
    publish();
  }
  runtime.refreshSoon();
  return {
    ok: failed === null,
    message:
      stacks.length === 0
        ? 'no stack of the wave moves Cassandra data: nothing to switch'
        : failed === null
          ? `proxies switched to ${phaseWords(phase)}: ${stacks.join(', ')}`
          : `failed at ${failed}: ${results.get(failed)?.message ?? 'failed'}`,
    targets: [...results.values()],
    details: { phase: { ...phase }, stacks, reached },
  };
}

/** What undoes a phase switch: per stack it reached, latest first, the primary back on the origin. */
function primaryBack(step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): CompensationDef[] {
  const recorded = step.details.stacks;
  const stacks = Array.isArray(recorded) ? (recorded as string[]) : wave ? movingStacksOf(wave, plan) : [];
  return [...stacks].reverse().map((stackId) => ({
    id: `keyspaces-origin-primary:${stackId}`,
    label: `dual-write proxy back to the origin as primary, reads from it only: ${stackId}`,
    action: 'keyspaces-origin-primary',
    system: 'keyspaces',
    stackId,
    forStepId: step.def.id,
  }));
}

const mirrorReads: ActionDecl<MirrorReads, KeyspacesRuntime> = {
  type: MIRROR_READS.type,
  role: MIRROR_READS.role,
  describe: () => 'mirror reads to Keyspaces through the dual-write proxy (the origin stays primary)',
  plannedDetails: () => ({ phase: { ...MIRRORED } }),
  run: (_action, step, runtime) => switchPhase(MIRRORED, step, runtime),
  compensations: (_action, step, wave, plan) => primaryBack(step, wave, plan),
};

const primaryTarget: ActionDecl<PrimaryTarget, KeyspacesRuntime> = {
  type: PRIMARY_TARGET.type,
  role: PRIMARY_TARGET.role,
  describe: () => 'make Keyspaces the primary through the dual-write proxy (writes still reach both sides)',
  plannedDetails: () => ({ phase: { ...TARGET_PRIMARY } }),
  run: (_action, step, runtime) => switchPhase(TARGET_PRIMARY, step, runtime),
  compensations: (_action, step, wave, plan) => primaryBack(step, wave, plan),
};

/** The stacks a removal may have reached, from what its attempts journaled (every moving stack when nothing was). */
function removalReached(step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): string[] {
  const reached = step.details.reached;
  if (Array.isArray(reached) && reached.length > 0) return reached as string[];
  const recorded = step.details.stacks;
  return Array.isArray(recorded) ? (recorded as string[]) : wave ? movingStacksOf(wave, plan) : [];
}

const removeProxy: ActionDecl<RemoveProxy, KeyspacesRuntime> = {
  type: REMOVE_PROXY.type,
  role: REMOVE_PROXY.role,
  describe: () => 'remove the dual-write proxy: clients go straight to Keyspaces and the origin gets no more writes (the point of no return)',
  plannedDetails: () => ({ phase: { ...PROXY_REMOVED } }),
  run: (_action, step, runtime) =>
    switchPhase(PROXY_REMOVED, step, runtime, (overlay) =>
      overlay[PRIMARY] === 'TARGET' ? undefined : 'Keyspaces is not the primary of this stack: run keyspaces-primary-target first; nothing removed',
    ),
  // No compensation: nothing puts the writes made on Keyspaces alone back on the origin.
  forecloses: (_action, step, wave, plan): Foreclosure => ({
    system: 'keyspaces',
    stackIds: removalReached(step, wave, plan),
    says:
      'The dual-write proxy is removed: clients write to Keyspaces only, and the origin cluster has none of the writes made since. ' +
      'The rollback leaves the Keyspaces primary where it is; before anything is sent back to the origin, bring it up to date by hand (e.g. a copy from Keyspaces back to the origin).',
  }),
};

const validateStep: ActionDecl<ValidateStep, KeyspacesRuntime> = {
  type: VALIDATE.type,
  role: VALIDATE.role,
  describe: (action) => `validate every moving stack against Keyspaces over CQL (whole tables, at most ${action.timeoutMinutes} min)`,
  async run(action, step, runtime) {
    const stacks = movingStacksOf(step.wave, step.plan);
    const results = new Map(stacks.map((stackId) => [stackId, stepTarget(stackId, 'running')]));
    const runs = new Map<string, string>();
    for (const stackId of stacks) {
      try {
        runs.set(stackId, await runtime.startValidation(stackId));
      } catch (error) {
        results.set(stackId, stepTarget(stackId, 'failed', error instanceof Error ? error.message : String(error)));
      }
    }
    const deadline = Date.now() + action.timeoutMinutes * 60_000;
    for (;;) {
      for (const [stackId, runId] of runs) {
        const view = runtime.validationViews().find((candidate) => candidate.runId === runId);
        if (view && view.state !== 'running') results.set(stackId, stepTarget(stackId, view.state === 'clean' ? 'succeeded' : 'failed', validationWords(view)));
      }
      step.progress(`${[...results.values()].filter((entry) => entry.status !== 'running').length} of ${stacks.length} validations done`, [
        ...results.values(),
      ]);
      if ([...results.values()].every((entry) => entry.status !== 'running')) break;
      if (step.signal.aborted || Date.now() > deadline) {
        for (const stackId of runs.keys()) await runtime.cancelValidation(stackId);
        return {
          ok: false,
          message: step.signal.aborted
            ? 'stopped: the validations were cancelled'
            : `the validations did not end within ${action.timeoutMinutes} min: cancelled`,
          targets: [...results.values()],
        };
      }
      await sleep(runtime.pollMs ?? DEFAULT_POLL_MS, step.signal).catch(() => undefined);
    }
    const failed = [...results.values()].filter((entry) => entry.status === 'failed');
    return {
      ok: failed.length === 0,
      message:
        failed.length === 0
          ? `clean: ${stacks.join(', ') || 'no stack moves Cassandra data'}`
          : failed.map((entry) => `${entry.stackId}: ${entry.message ?? 'failed'}`).join('; '),
      targets: [...results.values()],
      details: { runs: Object.fromEntries(runs) },
    };
  },
};

function validationWords(view: ValidationView): string {
  if (view.state === 'clean') return `clean: ${view.originRows.toLocaleString('en-US')} rows on the origin, ${view.rangesDone} token ranges`;
  if (view.state === 'mismatches')
    return `${view.mismatches} mismatches (${view.tables
      .filter((table) => table.countMismatchCount + table.rowMismatchCount > 0)
      .map((table) => table.table)
      .join(', ')})`;
  return `${view.state}${view.problem ? `: ${view.problem}` : ''}`;
}

const originPrimary: CompensationDecl<KeyspacesRuntime> = {
  action: 'keyspaces-origin-primary',
  system: 'keyspaces',
  systemTitle: 'Keyspaces',
  phase: 'data',
  async execute(def, context, runtime) {
    const changes = runtime.stackChanges;
    await changes.setOverlay(def.stackId, { ...changes.overlayOf(def.stackId), ...ORIGIN_PRIMARY });
    const view = await changes.runOperation(
      def.stackId,
      stackOperation('up', { message: 'migration cockpit: cutover rollback, the origin primary again' }),
      context.operationId,
      context.signal,
    );
    runtime.refreshSoon();
    return view.status === 'succeeded'
      ? { status: 'succeeded', message: `the origin is primary again (${phaseWords(ORIGIN_PRIMARY)})`, operationId: view.operationId }
      : { status: 'failed', message: `up ${view.status}${view.message ? `: ${view.message}` : ''}`, operationId: view.operationId };
  },
  standing: (def, status, message) =>
    status === 'succeeded'
      ? `${def.stackId}: the origin cluster is primary again; writes still reach both sides`
      : `${def.stackId}: the dual-write proxy's primary is NOT back on the origin — ${status}${message ? `: ${message}` : ''}`,
};

export const KEYSPACES_ACTIONS: readonly AnyActionDecl<KeyspacesRuntime>[] = [mirrorReads, primaryTarget, validateStep, removeProxy];

/**
 * What a rollback loses of a stack's Cassandra data: nothing. While the dual-write proxy runs, every write reaches both
 * sides, so the origin is current when it is primary again; once the proxy is removed, the rollback leaves Keyspaces
 * primary (the run's noWayBack says so) and undoes nothing there. A stack whose data also moves by another track gets
 * that track's estimate first when it has one (tracks are asked in registration order; DMS before Keyspaces).
 */
export const keyspacesLossEstimate: NonNullable<RunbookPart['lossEstimate']> = ({ stackId, plan }) => {
  const stack = plan.stacks.get(stackId);
  if (!stack || keyspacesPlan.of(stack).keyspaces === undefined) return null;
  return {
    loss: 'none',
    estimatedRows: null,
    basis:
      'its Cassandra data loses nothing: the dual-write proxy writes every write to both sides while it runs, and once it is removed the rollback leaves Keyspaces primary and undoes nothing there',
  };
};
export const KEYSPACES_COMPENSATIONS: readonly CompensationDecl<KeyspacesRuntime>[] = [originPrimary];
