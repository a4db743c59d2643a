// Cutover readiness, judged per stack from live signals. Pure: the readiness service (main/core/readiness-service.ts)
// feeds it the signals and keeps the time each gate went green (readiness-tracker.ts).
//
// The core's gates of a stack, with the tracks' gates between them (gate-columns.ts, in that column order):
// - infrastructure: the stack's last update (up) succeeded, no operation is running on it, and the last refresh
//   found no drift (until the next successful up);
// - registration: registered with every registry the plan names for it;
// - each track's gates, judged by the track's GateJudge (DMS: `data`, main/tracks/dms/readiness.ts);
// - dependencies: every wave this one depends on is cut over.
// A gate is green, red (a known problem) or unknown (no current data to judge by). Only green counts.
//
// Evaluation runs a few times a second for waves of hundreds of stacks, so the plan is indexed once (indexPlan),
// each judge writes into its own reused verdict array, and a green gate allocates nothing.
import type { RegistrationStatus, StackHealth, StackLifecycle, StackSync } from '../api/contract';
import { ROLLBACK_DESTROYED_MESSAGE } from '../pulumi/rollback';
import type { GateJudge, GateVerdict, JudgeMoment } from '../seam/readiness-part';
import type { GateLayout } from './gate-columns';
import type { InfraSignal } from './infra-signals';
import { STACK_EXISTS } from './stack-exists';
import type { PhaseRun } from './wave-phase';
import type { MigrationPlan, StackModel } from '../plan/model';

export type { GateVerdict };
// The infrastructure signals live in their own module; their import sites keep importing them from here.
export { InfraSignals, type InfraSignal } from './infra-signals';

const NO_REASONS: readonly string[] = Object.freeze([]);
const GREEN: GateVerdict = Object.freeze({ status: 'green', reasons: NO_REASONS, holdRemainingSeconds: null });
/** A gate with nothing to check for the stack: it passes, and `note` says why it does not apply. */
const notApplying = (note: string): GateVerdict =>
  Object.freeze({ status: 'green', reasons: Object.freeze([note]), holdRemainingSeconds: null, applies: false });
const NO_REGISTRIES = notApplying('registers with no registry');
const NO_DEPENDENCIES = notApplying('depends on no other wave');

// ---------------------------------------------------------------------------------------------------------
// The plan, indexed once
// ---------------------------------------------------------------------------------------------------------

export interface StackIndex {
  readonly id: string;
  readonly waveIndex: number;
  readonly registries: readonly { readonly id: string; readonly name: string }[];
  /** The plan's stack, as the tracks' judges read it. */
  readonly model: StackModel;
}

export interface WaveIndex {
  readonly id: string;
  readonly name: string;
  /** Indexes into ReadinessIndex.stacks, in the plan's order. */
  readonly stacks: readonly number[];
  /** Indexes into ReadinessIndex.waves. */
  readonly dependsOn: readonly number[];
  /** False for a wave without a cutover runbook (e.g. the network foundation): there is nothing to cut over. */
  readonly hasRunbook: boolean;
}

export interface ReadinessIndex {
  readonly waves: readonly WaveIndex[];
  /** Stacks of every wave (a stack in no wave has no readiness). */
  readonly stacks: readonly StackIndex[];
}

export function indexPlan(plan: MigrationPlan): ReadinessIndex {
  const registryNames = new Map(plan.registries.map((registry) => [registry.id, registry.name]));
  const waveIndexOf = new Map(plan.waves.map((wave, index) => [wave.id, index]));
  const stacks: StackIndex[] = [];
  const waves: WaveIndex[] = plan.waves.map((wave, waveIndex) => {
    const members: number[] = [];
    for (const stackId of wave.stackIds) {
      const stack = plan.stacks.get(stackId);
      if (!stack) continue;
      members.push(stacks.length);
      stacks.push({
        id: stack.id,
        waveIndex,
        registries: stack.registries.map((id) => ({ id, name: registryNames.get(id) ?? id })),
        model: stack,
      });
    }
    return {
      id: wave.id,
      name: wave.name,
      stacks: members,
      dependsOn: wave.dependsOn.flatMap((id) => (waveIndexOf.has(id) ? [waveIndexOf.get(id)!] : [])),
      hasRunbook: wave.cutover !== undefined,
    };
  });
  return { waves, stacks };
}

/** A track's judge for the loaded plan, seated at its columns. */
export interface SeatedJudge {
  readonly track: string;
  readonly judge: GateJudge;
  /** The column of its first gate. */
  readonly first: number;
  /** Where it writes its verdicts (one per gate), reused by every evaluation. */
  readonly verdicts: GateVerdict[];
  /** What it judges by: set once per evaluation. */
  readonly moment: JudgeMoment;
}

/** A judge per track with gates, for a newly loaded plan. */
export function seatJudges(plan: MigrationPlan, layout: GateLayout): SeatedJudge[] {
  return layout.tracks.map(({ track, part, first }) => ({
    track,
    judge: part.createJudge(plan),
    first,
    verdicts: new Array<GateVerdict>(part.gates.length),
    moment: { dataNow: 0, silence: null },
  }));
}

/** Everything the evaluation reads; the service implements it over the core's state. */
export interface ReadinessSignals {
  infra(stackId: string): InfraSignal | undefined;
  lifecycle(stackId: string): StackLifecycle;
  registrations(stackId: string): readonly RegistrationStatus[] | null;
  /** The wave's latest cutover run, or undefined when none started. */
  run(waveId: string): PhaseRun | undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The gates
// ---------------------------------------------------------------------------------------------------------

const KIND_WORDS: Readonly<Record<string, string>> = {
  up: 'deploy',
  rollback: 'rollback',
  destroy: 'destroy',
  recover: 'recovery',
  refresh: 'refresh',
  preview: 'preview',
  register: 'registration',
  deregister: 'deregistration',
};
const kindWord = (kind: string) => KIND_WORDS[kind] ?? kind;

export function infrastructureGate(stackId: string, signals: ReadinessSignals): GateVerdict {
  const signal = signals.infra(stackId);
  if (signal?.running) return red(`${kindWord(signal.running.kind)} running (started ${clock(signal.running.since)})`);
  const last = signal?.last;
  let verdict: GateVerdict;
  if (last) {
    const when = clock(last.at);
    const why = last.message ? `: ${firstLine(last.message)}` : '';
    if (last.status === 'interrupted')
      verdict = red(`${kindWord(last.kind)} interrupted at ${when} (${last.message ?? 'the cockpit stopped during it'}); recover the stack, then deploy`);
    else if (last.status === 'failed') verdict = red(`last ${kindWord(last.kind)} failed at ${when}${why}`);
    else if (last.status === 'cancelled') verdict = red(`last ${kindWord(last.kind)} was cancelled at ${when}; deploy to finish it`);
    else if (last.kind === 'up') verdict = GREEN;
    else if (last.kind === 'rollback') verdict = red(`rolled back at ${when}: the stack runs its previous config; deploy the plan's config before cutover`);
    else if (last.kind === 'destroy') verdict = red(`destroyed at ${when}: not deployed`);
    else verdict = red(`recovered at ${when} after an interruption; deploy to converge`);
  } else {
    // Nothing in this cockpit's operations or journal: the lifecycle state is all there is.
    const lifecycle = signals.lifecycle(stackId);
    if (lifecycle.state === 'planned') verdict = red('not deployed yet');
    else if (lifecycle.state === 'rolled-back')
      verdict = red(`rolled back${lifecycle.detail ? ` (${firstLine(lifecycle.detail)})` : ''}; deploy the plan's config before cutover`);
    else if (STACK_EXISTS.has(lifecycle.state)) verdict = GREEN;
    else verdict = red(`failed${lifecycle.detail ? `: ${firstLine(lifecycle.detail)}` : ''}`);
  }
  if (signal?.drift && verdict.status === 'green')
    return red(`drift: the refresh at ${clock(signal.drift.at)} found ${signal.drift.summary}; deploy (up) to converge`);
  return verdict;
}

export function registrationGate(stack: StackIndex, signals: ReadinessSignals): GateVerdict {
  if (stack.registries.length === 0) return NO_REGISTRIES;
  const known = signals.registrations(stack.id);
  if (known === null) return unknown('registration status not known yet (deploy or refresh the stack)');
  let reasons: string[] | null = null;
  for (const registry of stack.registries) {
    let registered = false;
    for (const entry of known) {
      if (entry.registryId === registry.id) {
        registered = entry.registrationId !== null;
        break;
      }
    }
    if (!registered) (reasons ??= []).push(`not registered with ${registry.name}`);
  }
  return reasons ? { status: 'red', reasons, holdRemainingSeconds: null } : GREEN;
}

/**
 * Whether a wave's migration has taken effect for the waves that depend on it: its latest cutover run succeeded
 * and was not rolled back (the phases cut-over and finalized), or, for a wave without a runbook (infrastructure
 * such as the network foundation: no users, no data to move), every one of its stacks exists. The same rule as
 * wave-phase.ts's DONE_PHASES, without needing the wave's readiness first.
 */
export function waveDone(index: ReadinessIndex, waveIndex: number, signals: ReadinessSignals): boolean {
  const wave = index.waves[waveIndex]!;
  if (wave.stacks.length === 0) return false;
  if (wave.hasRunbook) {
    const run = signals.run(wave.id);
    return run?.status === 'succeeded' && run.rollback === null;
  }
  return deployedCount(index, waveIndex, signals) === wave.stacks.length;
}

/** How many of the wave's stacks exist (STACK_EXISTS). */
export function deployedCount(index: ReadinessIndex, waveIndex: number, signals: ReadinessSignals): number {
  let count = 0;
  for (const stackIndex of index.waves[waveIndex]!.stacks) if (STACK_EXISTS.has(signals.lifecycle(index.stacks[stackIndex]!.id).state)) count++;
  return count;
}

/** The dependencies gate of a wave (every stack of the wave shares it). */
export function dependenciesGate(index: ReadinessIndex, waveIndex: number, done: readonly boolean[], signals: ReadinessSignals): GateVerdict {
  const wave = index.waves[waveIndex]!;
  if (wave.dependsOn.length === 0) return NO_DEPENDENCIES;
  let reasons: string[] | null = null;
  for (const dependency of wave.dependsOn) {
    if (done[dependency]) continue;
    const other = index.waves[dependency]!;
    if (other.hasRunbook) {
      const run = signals.run(other.id);
      const where =
        !run || run.status === 'not-started'
          ? 'no cutover started'
          : run.rollback
            ? `its cutover was rolled back (${run.rollback.status})`
            : `its cutover is ${run.status}`;
      (reasons ??= []).push(`depends on ${other.name} (${other.id}), not cut over yet: ${where}`);
    } else {
      (reasons ??= []).push(
        `depends on ${other.name} (${other.id}), not deployed yet (${deployedCount(index, dependency, signals)} of ${other.stacks.length} stacks deployed)`,
      );
    }
  }
  return reasons ? { status: 'red', reasons, holdRemainingSeconds: null } : GREEN;
}

const SYNCED: StackSync = Object.freeze({ status: 'synced', reason: null });
const HEALTHY: StackHealth = Object.freeze({ status: 'healthy', reason: null });

/**
 * Is the stack as the plan (and, once cut over, the plan's cutover config) says? From its last infrastructure
 * operation and the last refresh; a stack nothing is known about falls back to its lifecycle state.
 */
export function stackSync(stackId: string, signals: ReadinessSignals): StackSync {
  const signal = signals.infra(stackId);
  const last = signal?.last;
  if (last && last.status !== 'succeeded') {
    const when = clock(last.at);
    if (last.kind === 'destroy') return { status: 'unknown', reason: `destroy ${last.status} at ${when}` };
    return { status: 'out-of-sync', reason: `${kindWord(last.kind)} ${last.status} at ${when}: partly applied` };
  }
  if (signal?.drift) return { status: 'out-of-sync', reason: `drift: the refresh at ${clock(signal.drift.at)} found ${signal.drift.summary}` };
  if (last) {
    const when = clock(last.at);
    if (last.kind === 'up') return SYNCED;
    if (last.kind === 'destroy') return { status: 'missing', reason: `destroyed at ${when}` };
    if (last.kind === 'rollback') {
      if (last.message === ROLLBACK_DESTROYED_MESSAGE) return { status: 'missing', reason: `rolled back at ${when}: destroyed (it had no earlier deploy)` };
      return { status: 'out-of-sync', reason: `rolled back at ${when}: runs its previous config` };
    }
    return { status: 'unknown', reason: `recovered at ${when}; deploy or refresh to converge` };
  }
  const lifecycle = signals.lifecycle(stackId);
  if (lifecycle.state === 'planned') return { status: 'missing', reason: 'not deployed' };
  if (lifecycle.state === 'failed') return { status: 'unknown', reason: lifecycle.detail ? firstLine(lifecycle.detail) : 'the last operation failed' };
  return SYNCED;
}

const NO_JUDGES: readonly SeatedJudge[] = Object.freeze([]);

/** Does the stack work? Its running or failed operations, then what the tracks' judges see (DMS: a failed task). */
export function stackHealth(stack: StackIndex, signals: ReadinessSignals, judges: readonly SeatedJudge[] = NO_JUDGES): StackHealth {
  const signal = signals.infra(stack.id);
  if (signal?.running) return { status: 'progressing', reason: `${kindWord(signal.running.kind)} running since ${clock(signal.running.since)}` };
  const last = signal?.last;
  if (last && (last.status === 'failed' || last.status === 'interrupted')) {
    return { status: 'degraded', reason: `${kindWord(last.kind)} ${last.status} at ${clock(last.at)}${last.message ? `: ${firstLine(last.message)}` : ''}` };
  }
  const lifecycle = signals.lifecycle(stack.id);
  if (lifecycle.state === 'planned') return { status: 'missing', reason: 'not deployed' };
  // The cutover's own check of the stack outranks "healthy": it asked the service itself (e.g. HTTP 503).
  const check = stack.model.waveId ? signals.run(stack.model.waveId)?.failedHealthChecks?.[stack.id] : undefined;
  if (check) return { status: 'degraded', reason: `health check failed: ${check.what} (step '${check.stepName}'${check.at ? `, ${clock(check.at)}` : ''})` };
  if (!last && lifecycle.state === 'failed') return { status: 'degraded', reason: lifecycle.detail ? firstLine(lifecycle.detail) : 'failed' };
  for (const seated of judges) {
    const health = seated.judge.health?.(stack.model);
    if (health) return health;
  }
  return HEALTHY;
}

/** Every verdict of a stack, in the layout's column order, into `out` (the judges' moments set for this evaluation). */
export function evaluateStack(
  stack: StackIndex,
  dependencies: GateVerdict,
  signals: ReadinessSignals,
  layout: GateLayout,
  judges: readonly SeatedJudge[],
  out: GateVerdict[],
): void {
  out[layout.core.infrastructure] = infrastructureGate(stack.id, signals);
  out[layout.core.registration] = registrationGate(stack, signals);
  for (const seated of judges) {
    const verdicts = seated.verdicts;
    seated.judge.evaluate(stack.model, seated.moment, verdicts);
    for (let g = 0; g < verdicts.length; g++) out[seated.first + g] = verdicts[g]!;
  }
  out[layout.core.dependencies] = dependencies;
}

function red(reason: string): GateVerdict {
  return { status: 'red', reasons: [reason], holdRemainingSeconds: null };
}

function unknown(reason: string): GateVerdict {
  return { status: 'unknown', reasons: [reason], holdRemainingSeconds: null };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** "14:03:22 UTC": times in reasons are UTC, like everywhere in the cockpit. */
function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(11, 19)} UTC`;
}
