// The scheduled-jobs track's runbook action and its compensations. `schedules-handover` moves the wave's jobs (all, or
// the ones it names) to AWS in the order that keeps one side at most running each slot (AWS may still deliver a run
// twice on its own, which the ledger alerts): every job's data-center trigger disabled →
// wait until none of them has a run in progress (the wave's handoverTimeoutMinutes, on the data clock) → each stack's
// AWS schedules enabled by a Pulumi update with `schedules:state` in its cutover overlay (so a later deploy keeps them
// on; a kill switch left by an earlier rollback is removed first) → each job's first slot watched until the ledger
// says it ran on AWS only (when that slot comes within the timeout; a later one is left to the monitor's alerts).
// A rollback undoes it in the `jobs` phase: the AWS schedules disabled by the same overlay (and the functions' reserved
// concurrency set to 0, Lambda's kill switch, unless the wave says not to: retries still in Lambda's queue are then
// throttled instead of running), then each data-center trigger enabled again — held back while its next data-center
// slot would serve a slot that already ran on AWS, so no slot is run a second time in the data center.
// One file: the handover and the compensations that undo it share its overlay key, its step details and the hold
// rule, which must change together.
import { expandSlots } from '../../../common/schedules/index';
import type { CutoverStepTargetView } from '../../api/contract/cutover';
import { describeAwsError, sleep } from '../../monitoring/aws-call';
import type { MigrationPlan, WaveModel } from '../../plan/model';
import { stackOperation } from '../../pulumi/stack-operations';
import {
  stepTarget,
  type ActionDecl,
  type AnyActionDecl,
  type CompensationDecl,
  type CompensationDef,
  type CompensationResult,
  type RanStep,
  type RunbookPart,
  type StepContext,
  type StepOutcome,
} from '../../seam/runbook-part';
import type { OverlayConfig } from '../../seam/stack-changes';
import { awsWindowMs, slotClosesAfterMs, slotServedBy, type SlotJudgement } from './monitor/slot-ledger';
import { HANDOVER, schedulesPlan } from './plan';
import type { Handover } from './plan-schema';
import type { SchedulesRuntime } from './runtime';
import { jobKey, type WatchedJob } from './watched-jobs';

export const STATE_KEY = 'schedules:state';
const DEFAULT_POLL_MS = 2000;
const MINUTE_MS = 60_000;
/** Slots before the handover's start the step's details keep (the evidence lists the slots around the handover). */
const SLOTS_BEFORE_HANDOVER = 3;

const clockWords = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

/** The keys of the jobs a handover acts on: the wave's stacks' jobs, narrowed to the ones it names. */
export function handoverJobKeys(action: Handover, wave: WaveModel, plan: MigrationPlan): string[] {
  return wave.stackIds.flatMap((stackId) => {
    const stack = plan.stacks.get(stackId);
    const jobs = stack ? (schedulesPlan.of(stack).schedules?.jobs ?? []) : [];
    return jobs.filter((job) => !action.jobs || action.jobs.includes(job.id)).map((job) => jobKey(stackId, job.id));
  });
}

/** The stack's `schedules:state` overlay value with these jobs set (the others as they were). */
export function withStates(overlay: OverlayConfig | undefined, jobIds: readonly string[], state: 'ENABLED' | 'DISABLED'): OverlayConfig {
  let states: Record<string, string> = {};
  const current = overlay?.[STATE_KEY];
  if (typeof current === 'string') {
    try {
      const parsed: unknown = JSON.parse(current);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) states = { ...(parsed as Record<string, string>) };
    } catch {
      // A value this track did not write is replaced.
    }
  }
  for (const id of jobIds) states[id] = state;
  return { ...overlay, [STATE_KEY]: JSON.stringify(states) };
}

/** A job's state in the stack's `schedules:state` overlay, if it has one. */
export function stateInOverlay(overlay: OverlayConfig | undefined, jobId: string): string | undefined {
  const current = overlay?.[STATE_KEY];
  if (typeof current !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(current);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[jobId]?.toString() : undefined;
  } catch {
    return undefined;
  }
}

const stackOf = (key: string) => key.slice(0, key.lastIndexOf('#'));
const jobIdOf = (key: string) => key.slice(key.lastIndexOf('#') + 1);

/** Runs `up` on the stack with its jobs' AWS state set in the overlay; the operation's outcome. */
async function applyStates(
  runtime: SchedulesRuntime,
  stackId: string,
  jobIds: readonly string[],
  state: 'ENABLED' | 'DISABLED',
  parentOperationId: string,
  signal: AbortSignal,
  origin?: { waveId: string; stepId: string; attemptId: string },
): Promise<{ ok: boolean; message: string; operationId: string | null }> {
  const changes = runtime.stackChanges;
  await changes.setOverlay(stackId, withStates(changes.overlayOf(stackId), jobIds, state), origin);
  const view = await changes.runOperation(
    stackId,
    stackOperation('up', { message: `migration cockpit: AWS schedules ${state === 'ENABLED' ? 'enabled' : 'disabled'} (${jobIds.join(', ')})` }),
    parentOperationId,
    signal,
  );
  runtime.refreshSoon();
  return {
    ok: view.status === 'succeeded',
    message: view.status === 'succeeded' ? 'up succeeded' : `up ${view.status}${view.message ? `: ${view.message}` : ''}`,
    operationId: view.operationId,
  };
}

/** Waits for `ready` (looked at every poll), false on the deadline (data clock) or abort. */
async function waitFor(runtime: SchedulesRuntime, deadline: number, signal: AbortSignal, ready: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (await ready()) return true;
    if (signal.aborted || runtime.now() >= deadline) return false;
    await sleep(runtime.pollMs ?? DEFAULT_POLL_MS, signal).catch(() => undefined);
  }
}

interface Progress {
  readonly stacks: Map<string, CutoverStepTargetView>;
  say(message: string): void;
}

async function runHandover(action: Handover, step: StepContext, runtime: SchedulesRuntime): Promise<StepOutcome> {
  const keys = handoverJobKeys(action, step.wave, step.plan);
  const jobs = runtime.jobs().filter((job) => keys.includes(job.key));
  if (jobs.length === 0) return { ok: true, message: 'the wave has no scheduled jobs to hand over', details: { jobs: [] } };
  const settings = jobs[0]!.settings;
  const stackIds = [...new Set(jobs.map((job) => job.stackId))];
  const progress: Progress = {
    stacks: new Map(stackIds.map((stackId) => [stackId, stepTarget(stackId, 'pending')])),
    say: (message) => step.progress(message, [...progress.stacks.values()]),
  };
  const startedAt = runtime.now();
  const fail = (message: string, extra: Record<string, unknown> = {}): StepOutcome => ({
    ok: false,
    message,
    targets: [...progress.stacks.values()],
    // What it reached (nothing unless `extra` says so): a rollback undoes just that.
    details: {
      jobs: keys,
      startedAt: new Date(startedAt).toISOString(),
      dcDisabled: [],
      awsEnabled: [],
      // A failed attempt's slots are evidence too.
      slots: Object.fromEntries(jobs.map((job) => [job.key, slotsAround(runtime.judgements(job.key), startedAt)])),
      ...extra,
    },
  });

  // Nothing is touched unless every job can be handed over.
  const blocked = jobs.flatMap((job) => {
    if (!('functionName' in job.resources)) return [`${job.key}: ${job.resources.problem}`];
    const api = runtime.awsApi(job);
    if ('unavailable' in api) return [`${job.key}: AWS cannot be reached: ${api.unavailable}`];
    const client = runtime.dcClient(job);
    return 'problem' in client ? [`${job.key}: ${client.problem}`] : [];
  });
  if (blocked.length > 0) return fail(`nothing handed over: ${blocked.join('; ')}`);

  // 1. Every data-center trigger off.
  const dcDisabled: string[] = [];
  for (const job of jobs) {
    progress.say(`disabling the data-center trigger of ${job.key}`);
    const client = runtime.dcClient(job) as Exclude<ReturnType<SchedulesRuntime['dcClient']>, { problem: string }>;
    // Recorded before the call: a disable that timed out may still have been applied, and a rollback must turn it on.
    dcDisabled.push(job.key);
    try {
      await client.disable(step.signal);
    } catch (error) {
      return fail(`the data-center trigger of ${job.key} could not be disabled: ${(error as Error).message}; AWS schedules untouched`, { dcDisabled });
    }
  }

  // 2. No data-center run left in progress.
  const deadline = runtime.now() + settings.handoverTimeoutMinutes * MINUTE_MS;
  let stillRunning: string[] = [];
  const drained = await waitFor(runtime, deadline, step.signal, async () => {
    const running: string[] = [];
    for (const job of jobs) {
      const client = runtime.dcClient(job) as Exclude<ReturnType<SchedulesRuntime['dcClient']>, { problem: string }>;
      try {
        const status = await client.status(step.signal);
        const run = status.runs.find((candidate) => candidate.building);
        if (run) running.push(`${job.key} (run${run.number === null ? '' : ` #${run.number}`} since ${clockWords(run.startedAt)})`);
        else if (status.enabled) running.push(`${job.key} (its trigger is on again)`);
      } catch (error) {
        running.push(`${job.key} (its scheduler did not answer: ${(error as Error).message})`);
      }
    }
    stillRunning = running;
    if (running.length > 0)
      progress.say(`waiting for the data-center runs to end (times on the data clock): ${running.join(', ')}; at most until ${clockWords(deadline)}`);
    return running.length === 0;
  });
  if (!drained)
    return fail(
      step.signal.aborted
        ? `stopped while waiting for data-center runs (${stillRunning.join(', ')}): the DC triggers are off, the AWS schedules are not on`
        : `a data-center run is still in progress after ${settings.handoverTimeoutMinutes} min: ${stillRunning.join(', ')}. The DC triggers are off and the AWS schedules are NOT on: no slot runs until the run ends and the step is retried, or a rollback turns the DC triggers back on`,
      { dcDisabled },
    );

  // 3. Each stack's AWS schedules on (the kill switch of an earlier rollback removed first). A slot from here on has no
  // DC trigger: it is AWS's to run, and the first slot watched is the first from here (one during the update included).
  const enablingAt = runtime.now();
  const awsEnabled: string[] = [];
  for (const stackId of stackIds) {
    const stackJobs = jobs.filter((job) => job.stackId === stackId);
    progress.stacks.set(stackId, stepTarget(stackId, 'running'));
    progress.say(`enabling the AWS schedules of ${stackId}`);
    try {
      for (const job of stackJobs) await removeKillSwitch(runtime, job, step.signal);
      // Recorded as reached before the update starts: a rollback must know a stack whose update may have gone through.
      awsEnabled.push(stackId);
      const outcome = await applyStates(
        runtime,
        stackId,
        stackJobs.map((job) => job.jobId),
        'ENABLED',
        step.attemptId,
        step.signal,
        {
          waveId: step.wave.id,
          stepId: step.stepId,
          attemptId: step.attemptId,
        },
      );
      progress.stacks.set(
        stackId,
        outcome.ok
          ? stepTarget(
              stackId,
              settings.watchFirstSlot ? 'running' : 'succeeded',
              `AWS schedules enabled${settings.watchFirstSlot ? '; watching the first slot' : ''}`,
              outcome.operationId,
            )
          : stepTarget(stackId, 'failed', outcome.message, outcome.operationId),
      );
      if (!outcome.ok) return fail(`the AWS schedules of ${stackId} could not be enabled: ${outcome.message}`, { dcDisabled, awsEnabled });
    } catch (error) {
      progress.stacks.set(stackId, stepTarget(stackId, 'failed', (error as Error).message));
      return fail(`the AWS schedules of ${stackId} could not be enabled: ${(error as Error).message}`, { dcDisabled, awsEnabled });
    }
  }
  const enabledAt = runtime.now();

  // 4. The first slot of each job, watched until the ledger has its verdict.
  const firstSlots: Record<string, { at: string; verdict: string; awsRuns: number; awsErrors: number } | { at: string; watched: false }> = {};
  const problems: string[] = [];
  if (settings.watchFirstSlot) {
    await runtime.refreshNow();
    const firsts = new Map(jobs.map((job) => [job.key, firstSlotFrom(runtime, job, enablingAt)]));
    const watchUntil = enabledAt + settings.handoverTimeoutMinutes * MINUTE_MS;
    const watched = jobs.filter((job) => {
      const first = firsts.get(job.key);
      if (first === undefined) return false;
      if (first > watchUntil) firstSlots[job.key] = { at: new Date(first).toISOString(), watched: false };
      return first <= watchUntil;
    });
    const settle = async () => {
      await runtime.refreshNow();
      const waiting: string[] = [];
      for (const job of watched) {
        const at = firsts.get(job.key)!;
        const slot = runtime.judgements(job.key).find((candidate) => candidate.at === at);
        // With every DC trigger off and drained, one clean AWS run is the answer: waiting for the slot's window to close
        // (minutes, for CloudWatch's lag) would only catch a duplicate delivery, which the monitor alerts on anyway.
        const cleanAws = slot?.verdict === 'aws' && slot.awsRuns === 1 && slot.awsErrors === 0;
        if (slot && (slot.final || cleanAws))
          firstSlots[job.key] = { at: new Date(at).toISOString(), verdict: slot.verdict, awsRuns: slot.awsRuns, awsErrors: slot.awsErrors };
        else waiting.push(`${job.key} at ${clockWords(at)}${slot && slot.verdict !== 'upcoming' ? ` (${slot.verdict} so far)` : ''}`);
      }
      if (waiting.length > 0) progress.say(`watching the first slot on AWS (times on the data clock): ${waiting.join(', ')}`);
      return waiting.length === 0;
    };
    // The ledger's verdict comes once the slot's window and CloudWatch's lag have passed (and both sides were read).
    const lastVerdictAt = Math.max(0, ...watched.map((job) => firsts.get(job.key)! + closesAfterOf(job)));
    const settled = await waitFor(runtime, lastVerdictAt + 10 * MINUTE_MS, step.signal, settle);
    for (const job of watched) {
      const seen = firstSlots[job.key];
      const at = `${clockWords(firsts.get(job.key)!)} on the data clock`;
      if (!seen || !('verdict' in seen)) problems.push(`${job.key}: its first slot (${at}) has no verdict yet`);
      else if (seen.verdict !== 'aws') problems.push(`${job.key}: its first slot (${at}) ${verdictWords(seen.verdict)}`);
      else if (seen.awsErrors > 0) problems.push(`${job.key}: its first slot (${at}) ran on AWS and failed (${seen.awsErrors} of ${seen.awsRuns} invocations)`);
      else if (seen.awsRuns > 1) problems.push(`${job.key}: its first slot (${at}) ran on AWS ${seen.awsRuns} times`);
    }
    if (!settled && problems.length === 0) problems.push('the watch of the first slots stopped');
  }
  // Each stack's line ends with its jobs' first slots.
  for (const stackId of stackIds) {
    const own = problems.filter((problem) => problem.startsWith(`${stackId}#`));
    const seen = jobs
      .filter((job) => job.stackId === stackId)
      .map((job) => [job.jobId, firstSlots[job.key]] as const)
      .map(([jobId, first]) =>
        first && 'verdict' in first ? `${jobId} ${clockWords(Date.parse(first.at))}` : first ? `${jobId} first at ${clockWords(Date.parse(first.at))}` : jobId,
      );
    const operationId = progress.stacks.get(stackId)?.operationId ?? null;
    progress.stacks.set(
      stackId,
      own.length > 0
        ? stepTarget(stackId, 'failed', own.join('; '), operationId)
        : stepTarget(stackId, 'succeeded', `handed over; first slots on AWS (data clock): ${seen.join(', ')}`, operationId),
    );
  }
  const slots = Object.fromEntries(jobs.map((job) => [job.key, slotsAround(runtime.judgements(job.key), startedAt)]));
  const details = {
    jobs: keys,
    startedAt: new Date(startedAt).toISOString(),
    enabledAt: new Date(enabledAt).toISOString(),
    dcDisabled,
    awsEnabled,
    firstSlots,
    slots,
  };
  if (problems.length > 0) return { ok: false, message: `handed over, but ${problems.join('; ')}`, targets: [...progress.stacks.values()], details };
  const unwatched = Object.entries(firstSlots).filter(([, seen]) => !('verdict' in seen));
  return {
    ok: true,
    message:
      `${jobs.length} job${jobs.length === 1 ? '' : 's'} handed over to AWS (${keys.join(', ')})` +
      (Object.values(firstSlots).some((seen) => 'verdict' in seen)
        ? '; their first slots ran on AWS only (the monitor keeps each slot under watch until its window closes)'
        : '') +
      (unwatched.length > 0
        ? `; first slots beyond the watch: ${unwatched.map(([key, seen]) => `${key} at ${seen.at.slice(0, 16).replace('T', ' ')} UTC`).join(', ')} (the monitor alerts on a double or missed run)`
        : ''),
    targets: [...progress.stacks.values()],
    details,
  };
}

/** The job's function's reserved concurrency removed when it is 0 (a kill switch left by an earlier rollback). */
async function removeKillSwitch(runtime: SchedulesRuntime, job: WatchedJob, signal: AbortSignal): Promise<void> {
  if (!('functionName' in job.resources)) return;
  const api = runtime.awsApi(job);
  if ('unavailable' in api) throw new Error(`${job.key}: ${api.unavailable}`);
  const reserved = await api.getReservedConcurrency(job.resources.functionName, signal);
  if (reserved === 0) await api.deleteReservedConcurrency(job.resources.functionName, signal);
}

/**
 * The job's first slot at or after `from`, as the monitor counts its slots (a rate() from the schedule's last update,
 * which the monitor reads); from the expression alone while the monitor has not listed it.
 */
function firstSlotFrom(runtime: SchedulesRuntime, job: WatchedJob, from: number): number | undefined {
  const view = runtime.jobViews().find((candidate) => candidate.stackId === job.stackId && candidate.jobId === job.jobId);
  const listed = view?.slots.map((slot) => Date.parse(slot.at)).find((at) => at >= from);
  if (listed !== undefined) return listed;
  if (!job.awsSchedule) return undefined;
  return expandSlots(job.awsSchedule, job.job.aws.timeZone, from, from + 8 * 86_400_000, { start: from, limit: 1 })[0]?.epochMs;
}

/** How long after a slot the ledger gives its verdict, for this job. */
const closesAfterOf = (job: WatchedJob) =>
  slotClosesAfterMs({
    toleranceMs: job.job.slotToleranceSeconds * 1000,
    awsWindowMs: awsWindowMs(job.job.slotToleranceSeconds, job.job.aws.flexibleWindowMinutes, job.job.aws.function?.timeoutSeconds ?? 900),
  });

/** The slots around a handover for the journal: a few before it started, and every one since. */
function slotsAround(judgements: readonly SlotJudgement[], startedAt: number): { at: string; verdict: string; dcRuns: number; awsRuns: number }[] {
  const before = judgements.filter((slot) => slot.at < startedAt).slice(-SLOTS_BEFORE_HANDOVER);
  const since = judgements.filter((slot) => slot.at >= startedAt);
  return [...before, ...since].map((slot) => ({ at: new Date(slot.at).toISOString(), verdict: slot.verdict, dcRuns: slot.dcRuns, awsRuns: slot.awsRuns }));
}

export function verdictWords(verdict: string): string {
  switch (verdict) {
    case 'aws':
      return 'ran on AWS only';
    case 'dc':
      return 'ran in the data center only';
    case 'double':
      return 'ran on BOTH sides (a double run)';
    case 'missed':
      return 'ran on NEITHER side (a missed run)';
    default:
      return verdict;
  }
}

const recordedList = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/**
 * What undoes a handover: each stack's AWS schedules off first, then each job's data-center trigger on again, for
 * every job the step acts on — the step's journaled details are its latest attempt's only, and an earlier attempt may
 * have reached more. Each compensation looks at where things stand when it runs and skips what there is nothing to
 * undo for (AWS schedules this cockpit never turned on; a DC trigger that is on).
 */
function handoverBack(action: Handover, step: RanStep, wave: WaveModel | undefined, plan: MigrationPlan): CompensationDef[] {
  const keys = recordedList(step.details.jobs) ?? (wave ? handoverJobKeys(action, wave, plan) : []);
  const stacks = [...new Set(keys.map(stackOf))];
  return [
    ...stacks.map((stackId) => {
      const jobIds = keys.filter((key) => stackOf(key) === stackId).map(jobIdOf);
      return {
        id: `schedules-aws-off:${stackId}`,
        label: `AWS schedules off (${jobIds.join(', ')}): ${stackId}`,
        action: 'schedules-aws-off',
        system: 'schedules',
        stackId,
        forStepId: step.def.id,
        // The job ids it turns off, comma-separated (a compensation's def has no other field for them).
        taskKey: jobIds.join(','),
      };
    }),
    ...keys.map((key) => ({
      id: `schedules-dc-on:${key}`,
      label: `data-center trigger back on: ${key}`,
      action: 'schedules-dc-on',
      system: 'schedules',
      stackId: stackOf(key),
      forStepId: step.def.id,
      taskKey: key,
    })),
  ];
}

const handover: ActionDecl<Handover, SchedulesRuntime> = {
  type: HANDOVER.type,
  role: HANDOVER.role,
  describe: (action) =>
    `hand the scheduled jobs${action.jobs ? ` ${action.jobs.join(', ')}` : ''} over to AWS: data-center triggers off, no data-center run left, AWS schedules on, the first slot watched`,
  plannedDetails: (action, wave) => ({ planned: action.jobs ?? 'all', waveStacks: wave.stackIds.length }),
  run: (action, step, runtime) => runHandover(action, step, runtime),
  compensations: (action, step, wave, plan) => handoverBack(action, step, wave, plan),
};

/** The stack's jobs an aws-off compensation acts on: the ids it carries (every job of the stack for a def without them). */
const jobsOf = (runtime: SchedulesRuntime, def: CompensationDef) => {
  const ids = def.taskKey ? def.taskKey.split(',') : undefined;
  return runtime.jobs().filter((job) => job.stackId === def.stackId && (!ids || ids.includes(job.jobId)));
};

const awsOff: CompensationDecl<SchedulesRuntime> = {
  action: 'schedules-aws-off',
  system: 'schedules',
  systemTitle: 'Scheduled jobs',
  phase: 'jobs',
  async execute(def, context, runtime): Promise<CompensationResult> {
    const jobs = jobsOf(runtime, def);
    if (!jobs.some((job) => stateInOverlay(runtime.stackChanges.overlayOf(def.stackId), job.jobId) === 'ENABLED'))
      return { status: 'skipped', message: `no AWS schedule of ${jobs.map((job) => job.jobId).join(', ')} was turned on by a handover: nothing to turn off` };
    // The kill switch first: it acts at once, whatever the Pulumi update after it does.
    const switched: string[] = [];
    const failed: string[] = [];
    for (const job of jobs) {
      if (!job.settings.killSwitchOnRollback || !('functionName' in job.resources)) continue;
      const api = runtime.awsApi(job);
      try {
        if ('unavailable' in api) throw new Error(api.unavailable);
        await api.putReservedConcurrency(job.resources.functionName, 0, context.signal);
        switched.push(job.resources.functionName);
      } catch (error) {
        failed.push(`${job.resources.functionName}: ${describeAwsError(error)}`);
      }
    }
    const outcome = await applyStates(
      runtime,
      def.stackId,
      jobs.map((job) => job.jobId),
      'DISABLED',
      context.operationId,
      context.signal,
    );
    runtime.refreshSoon();
    if (!outcome.ok)
      return {
        status: 'failed',
        message: `the AWS schedules could not be disabled: ${outcome.message}${switched.length > 0 ? `; the kill switch is on (reserved concurrency 0): ${switched.join(', ')}` : ''}`,
        ...(outcome.operationId ? { operationId: outcome.operationId } : {}),
      };
    const message =
      `AWS schedules disabled (${jobs.map((job) => job.jobId).join(', ')})` +
      (switched.length > 0 ? `; kill switch on (reserved concurrency 0): ${switched.join(', ')}` : '') +
      (failed.length > 0 ? `; kill switch NOT set: ${failed.join('; ')}` : '');
    return { status: failed.length > 0 ? 'failed' : 'succeeded', message, ...(outcome.operationId ? { operationId: outcome.operationId } : {}) };
  },
  standing: (def, status, message) =>
    status === 'succeeded'
      ? `${def.stackId}: the AWS schedules are off${message?.includes('kill switch on') ? ' and the functions cannot run (reserved concurrency 0)' : ''}`
      : message?.startsWith('AWS schedules disabled')
        ? `${def.stackId}: the AWS schedules are off, but a function's kill switch is NOT on — ${message}`
        : `${def.stackId}: the AWS schedules may still be ON — ${status}${message ? `: ${message}` : ''}`,
};

const dcOn: CompensationDecl<SchedulesRuntime> = {
  action: 'schedules-dc-on',
  system: 'schedules',
  systemTitle: 'Scheduled jobs',
  phase: 'jobs',
  async execute(def, context, runtime): Promise<CompensationResult> {
    const key = def.taskKey ?? '';
    const job = runtime.jobs().find((candidate) => candidate.key === key);
    if (!job) return { status: 'skipped', message: `${key} is no longer in the plan: its data-center trigger was left as it is` };
    const client = runtime.dcClient(job);
    if ('problem' in client) return { status: 'failed', message: client.problem };
    const status = await client.status(context.signal).catch(() => undefined);
    if (status?.enabled) return { status: 'skipped', message: 'its data-center trigger is on already' };
    const hold = await holdForAwsRun(runtime, job, context.signal);
    try {
      await client.enable(context.signal);
    } catch (error) {
      return { status: 'failed', message: `the data-center trigger could not be enabled: ${(error as Error).message}` };
    }
    runtime.refreshSoon();
    return { status: 'succeeded', message: `data-center trigger on again${hold ? `; ${hold}` : ''}` };
  },
  standing: (def, status, message) =>
    status === 'succeeded'
      ? `${def.taskKey ?? def.stackId}: runs in the data center again${message?.includes('held') ? ` (${message.slice(message.indexOf('held'))})` : ''}`
      : `${def.taskKey ?? def.stackId}: its data-center trigger is NOT back on, so no side runs it — ${status}${message ? `: ${message}` : ''}`,
};

/**
 * A slot that already ran on AWS is not run again in the data center: when the DC's next slot would serve such a slot
 * (a Jenkins `H` minute a little after AWS's, say), the trigger is enabled only once that DC slot has passed. Says what
 * it held, or null. The DC's schedule unknown (a Jenkins job whose plan gives none): nothing to hold by.
 */
async function holdForAwsRun(runtime: SchedulesRuntime, job: WatchedJob, signal: AbortSignal): Promise<string | null> {
  if (!job.dcSchedule) return null;
  const now = runtime.now();
  const next = expandSlots(job.dcSchedule, job.dcZone, now, now + 8 * 86_400_000, { limit: 1 })[0]?.epochMs;
  if (next === undefined) return null;
  const judged = runtime.judgements(job.key);
  const served = slotServedBy(
    judged.map((slot) => slot.at),
    next,
    job.job.slotToleranceSeconds * 1000,
  );
  const slot = served === undefined ? undefined : judged.find((candidate) => candidate.at === served);
  // Held while AWS may have run it: it did, or its verdict is not final yet (CloudWatch counts a run minutes late).
  if (!slot || (slot.final && slot.awsRuns === 0)) return null;
  const until = next + MINUTE_MS;
  while (runtime.now() < until && !signal.aborted) await sleep(runtime.pollMs ?? DEFAULT_POLL_MS, signal).catch(() => undefined);
  return `held until ${clockWords(until)} (data clock): its ${clockWords(next)} data-center slot serves the ${clockWords(slot.at)} slot, which ${slot.awsRuns > 0 ? 'already ran on AWS' : 'AWS may have run (its verdict was not in yet)'}`;
}

export const SCHEDULES_ACTIONS: readonly AnyActionDecl<SchedulesRuntime>[] = [handover];
export const SCHEDULES_COMPENSATIONS: readonly CompensationDecl<SchedulesRuntime>[] = [awsOff, dcOn];

/** Scheduled jobs hold no data of their own: a rollback's loss estimate is left to the tracks that move data. */
export const schedulesLossEstimate: NonNullable<RunbookPart['lossEstimate']> = () => null;
