// Wires cutover readiness into the core: watches the core's own event stream (operations, lifecycles,
// registrations; every event also goes to each track's judge, main/seam/readiness-part.ts), re-judges every wave at
// most a few times a second over the gate columns (main/cutover/readiness.ts, gate-columns.ts), keeps when each gate
// went green (readiness-tracker.ts), and publishes `cutover.readiness` for the waves whose view changed. Each wave's
// phase (main/cutover/wave-phase.ts) is derived here too, from its readiness and the latest cutover run the core
// published (`cutover.updated`): the one place every view, the journal's fold and the evidence agree with.
// One file over 400 lines on purpose: observing, the dirty mark and its timer, the evaluation and the publishing share
// the per-plan index and the tracker; the judging itself is main/cutover/readiness.ts and the tracks' judges.
import type {
  CockpitEvent,
  GateColumnView,
  OperationView,
  ReadinessGateView,
  RegistrationStatus,
  StackLifecycle,
  StackReadinessView,
  WaveReadinessView,
} from '../api/contract';
import { CommandError } from '../../common/command-error';
import { gateLayout, type GateLayout } from '../cutover/gate-columns';
import {
  dependenciesGate,
  deployedCount,
  evaluateStack,
  indexPlan,
  InfraSignals,
  seatJudges,
  stackHealth,
  stackSync,
  waveDone,
  type GateVerdict,
  type ReadinessIndex,
  type ReadinessSignals,
  type SeatedJudge,
} from '../cutover/readiness';
import { tracksIn } from '../seam/plan-grammar';
import type { CoreTrack } from '../seam/track';
import { ReadinessTracker } from '../cutover/readiness-tracker';
import { phaseRefusal } from '../../common/phase-guard';
import { deployRefusal } from '../cutover/stack-exists';
import { toPhaseRun, wavePhase, type PhaseRun } from '../cutover/wave-phase';
import type { JournalEntry } from '../journal/entry';
import type { MigrationPlan } from '../plan/model';

export interface ReadinessServiceOptions {
  /** The tracks the composition root gave the core: the gates of those a plan uses are its columns, their judges see every event. */
  readonly tracks: readonly CoreTrack[];
  readonly publish: (event: CockpitEvent) => void;
  readonly lifecycleOf: (stackId: string) => StackLifecycle;
  readonly registrationsOf: (stackId: string) => readonly RegistrationStatus[] | null;
  /** The journal as it was at start: last outcomes, drift and interrupted operations survive a restart. */
  readonly journalAtStart?: readonly JournalEntry[];
  /** Operations known now (running and recent), read when a plan is set. */
  readonly operations?: () => readonly OperationView[];
  /** The core's clock (ms): pacing and the tracks' silence. */
  readonly now?: () => number;
  /**
   * The replication data's clock (ms), as the DMS monitor reads it: the embedded rehearsal's simulated time, which
   * may run faster than real time. Green-since, ready-since and hold ends are on it, so they match the data's
   * time; undefined (no monitor) falls back to `now`.
   */
  readonly dataClock?: () => number | undefined;
  /** Least time between two evaluations (default 250 ms: at most 4 per second). */
  readonly minIntervalMs?: number;
  /** Re-judges this often without events, so a monitor that falls silent turns its gates unknown (default 5 s). */
  readonly recheckMs?: number;
}

/** Per-evaluation counters (the benchmark reads them). */
export interface ReadinessStats {
  evaluations: number;
  lastEvaluationMs: number;
  published: number;
}

const MAX_BLOCKING_REASONS = 10;

export class ReadinessService {
  private index: ReadinessIndex | null = null;
  /** The loaded plan's columns: the core's gates and those of the tracks it uses (all of them while none is loaded). */
  private layout: GateLayout;
  /** The tracks' judges of the loaded plan. */
  private judges: readonly SeatedJudge[] = [];
  private readonly infra = new InfraSignals();
  private readonly tracker: ReadinessTracker;
  /** The latest cutover run of each wave, as the core last published it. */
  private readonly runs = new Map<string, PhaseRun>();
  /** Waves whose wave deploy runs now (`wave.updated`): their phase says "deploying". */
  private readonly deploying = new Set<string>();
  private deployWaves: { readonly id: string; readonly dependsOn: readonly string[]; readonly stackIds: readonly string[] }[] = [];
  private stackViews: (StackReadinessView | undefined)[] = [];
  /** The verdicts each stack's view was last derived from (stack index × columns + column). */
  private viewVerdicts: (GateVerdict | undefined)[] = [];
  private waveViews: (WaveReadinessView | undefined)[] = [];
  /** Each wave's dependencies verdict as its view was last derived (the same object while it says the same). */
  private waveDependencies: (GateVerdict | undefined)[] = [];
  private done: boolean[] = [];
  private readonly verdicts: GateVerdict[];
  private readonly signals: ReadinessSignals;
  private readonly now: () => number;
  private dirty = false;
  private lastEvaluationAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private closed = false;
  readonly stats: ReadinessStats = { evaluations: 0, lastEvaluationMs: 0, published: 0 };

  constructor(private readonly options: ReadinessServiceOptions) {
    this.now = options.now ?? Date.now;
    // Every track's gates, laid out once: a malformed or repeated gate id is refused at start, whatever the plan.
    this.layout = gateLayout(options.tracks);
    this.verdicts = new Array<GateVerdict>(this.layout.columns.length);
    this.tracker = new ReadinessTracker(this.layout.columns.length);
    if (options.journalAtStart) this.infra.seedFromJournal(options.journalAtStart);
    this.signals = {
      infra: (stackId) => this.infra.get(stackId),
      lifecycle: options.lifecycleOf,
      registrations: options.registrationsOf,
      run: (waveId) => this.runs.get(waveId),
    };
  }

  /** The readiness gates, in the order every stack's gates follow (PlanView.gateColumns). */
  get gateColumns(): readonly GateColumnView[] {
    return this.layout.columns;
  }

  /** Follows the loaded plan: indexes it once and judges every wave afresh (all are published again). */
  setPlan(plan: MigrationPlan | undefined): void {
    this.index = plan ? indexPlan(plan) : null;
    const columnsBefore = this.layout.columns;
    this.layout = gateLayout(plan ? tracksIn(this.options.tracks, plan) : this.options.tracks);
    // A new plan gets new judges: each track's monitor publishes everything again.
    this.judges = plan ? seatJudges(plan, this.layout) : [];
    if (!sameGateIds(columnsBefore, this.layout.columns)) this.tracker.reset(this.layout.columns.length);
    this.stackViews = [];
    this.viewVerdicts = [];
    this.waveViews = [];
    this.waveDependencies = [];
    this.done = [];
    this.deployWaves = plan?.waves.map((wave) => ({ id: wave.id, dependsOn: wave.dependsOn, stackIds: wave.stackIds })) ?? [];
    const stackIds = new Set(this.index?.stacks.map((stack) => stack.id) ?? []);
    const waveIds = new Set(this.index?.waves.map((wave) => wave.id) ?? []);
    this.infra.retain(stackIds);
    this.tracker.retain(stackIds, waveIds);
    for (const waveId of this.runs.keys()) if (!waveIds.has(waveId)) this.runs.delete(waveId);
    for (const operation of this.options.operations?.() ?? []) this.infra.observeOperation(operation);
    clearInterval(this.recheck);
    this.recheck = undefined;
    if (this.index && !this.closed) {
      this.recheck = setInterval(() => this.markDirty(), this.options.recheckMs ?? 5_000);
      this.recheck.unref?.();
      this.markDirty();
    }
  }

  /** Every event the core publishes passes through here; the relevant ones mark readiness for a recompute. */
  observe(event: CockpitEvent): void {
    switch (event.type) {
      case 'operation.updated':
        if (this.infra.observeOperation(event.operation)) this.markDirty();
        break;
      case 'stack.lifecycle':
      case 'stack.registrations':
        this.markDirty();
        break;
      case 'cutover.updated':
        this.runs.set(event.run.waveId, toPhaseRun(event.run));
        this.markDirty();
        break;
      case 'wave.updated': {
        const { waveId, kind, status } = event.operation;
        const running = kind === 'wave-deploy' && status === 'running';
        if (running !== this.deploying.has(waveId)) {
          if (running) this.deploying.add(waveId);
          else this.deploying.delete(waveId);
          this.markDirty();
        }
        break;
      }
      default:
        break;
    }
    if (this.judges.length === 0) return;
    const now = this.now();
    let changed = false;
    for (const seated of this.judges) if (seated.judge.observe(event, now)) changed = true;
    if (changed) this.markDirty();
  }

  /** Readiness of every wave (or one), as of now. */
  snapshot(waveId?: string): WaveReadinessView[] {
    if (!this.index) {
      if (waveId !== undefined) throw new CommandError('not-found', 'no plan is loaded');
      return [];
    }
    if (this.dirty || this.waveViews.length === 0) this.evaluateNow();
    if (waveId === undefined) return this.waveViews.filter((view) => view !== undefined);
    const view = this.waveViews.find((candidate) => candidate?.waveId === waveId);
    if (!view) throw new CommandError('not-found', `wave '${waveId}' is not in the loaded plan`);
    return [view];
  }

  /** The current view of a wave (for the runbook), evaluated if anything changed since. */
  current(waveId: string): WaveReadinessView | undefined {
    return this.index ? this.snapshot().find((view) => view.waveId === waveId) : undefined;
  }

  /** Judges every wave now and publishes the ones whose view changed; returns those. */
  evaluateNow(): WaveReadinessView[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    const index = this.index;
    if (!index || this.closed) return [];
    const began = performance.now();
    const now = this.now();
    this.lastEvaluationAt = now;
    const dataNow = this.options.dataClock?.() ?? now;
    for (const seated of this.judges) {
      seated.moment.dataNow = dataNow;
      seated.moment.silence = seated.judge.silence(now);
    }
    for (let w = 0; w < index.waves.length; w++) this.done[w] = waveDone(index, w, this.signals);
    const changed: WaveReadinessView[] = [];
    for (let w = 0; w < index.waves.length; w++) {
      const view = this.evaluateWave(index, w, dataNow);
      if (view) changed.push(view);
    }
    this.stats.evaluations++;
    this.stats.lastEvaluationMs = performance.now() - began;
    for (const wave of changed) this.options.publish({ type: 'cutover.readiness', wave });
    this.stats.published += changed.length;
    return changed;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.recheck);
    this.timer = undefined;
    this.recheck = undefined;
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.timer || this.closed || !this.index) return;
    const delay = Math.max(0, this.lastEvaluationAt + (this.options.minIntervalMs ?? 250) - this.now());
    this.timer = setTimeout(() => this.evaluateNow(), delay);
    this.timer.unref?.();
  }

  /** Returns the wave's new view when it changed, else undefined. `now` is the data clock's. */
  private evaluateWave(index: ReadinessIndex, w: number, now: number): WaveReadinessView | undefined {
    const wave = index.waves[w]!;
    const previous = this.waveViews[w];
    // Said again in the same words, the wave's dependencies verdict is the same object (its stacks' views stay).
    const dependencies = sameVerdict(this.waveDependencies[w], dependenciesGate(index, w, this.done, this.signals));
    let stacks: StackReadinessView[] | null = previous ? null : [];
    let ready = wave.stacks.length > 0;
    let blocking = 0;
    for (let i = 0; i < wave.stacks.length; i++) {
      const s = wave.stacks[i]!;
      evaluateStack(index.stacks[s]!, dependencies, this.signals, this.layout, this.judges, this.verdicts);
      const view = this.stackView(s, index.stacks[s]!.id, now);
      if (!view.ready) {
        ready = false;
        for (const gate of view.gates) if (gate.status !== 'green') blocking++;
      }
      if (stacks === null && previous!.stacks[i] !== view) stacks = previous!.stacks.slice(0, i);
      stacks?.push(view);
    }
    const readySince = this.tracker.wave(wave.id, ready, now);
    // From the stacks' views and the dependencies: the previous reasons while neither changed.
    const blockingReasons = ready
      ? NO_STRINGS
      : previous && stacks === null && dependencies === this.waveDependencies[w]
        ? previous.blockingReasons
        : this.blockingReasons(index, w, dependencies, blocking);
    this.waveDependencies[w] = dependencies;
    const phase = wavePhase({
      hasRunbook: wave.hasRunbook,
      stackCount: wave.stacks.length,
      deployedCount: deployedCount(index, w, this.signals),
      ready,
      readySince,
      blockingCount: blocking,
      run: this.runs.get(wave.id) ?? null,
      deploying: this.deploying.has(wave.id),
    });
    const deploying = phase.deploying ?? null;
    const refusal =
      phaseRefusal(wave.id, phase.phase, 'deploy') ??
      deployRefusal(this.deployWaves[w]!, this.deployWaves, (stackId) => this.options.lifecycleOf(stackId).state);
    if (
      previous &&
      stacks === null &&
      previous.ready === ready &&
      previous.readySince === readySince &&
      previous.phase === phase.phase &&
      previous.phaseSince === phase.since &&
      previous.phaseDetail === phase.detail &&
      previous.deployRefusal === refusal &&
      previous.deploying?.deployed === deploying?.deployed &&
      previous.deploying?.total === deploying?.total &&
      previous.blockingCount === blocking &&
      sameStrings(previous.blockingReasons, blockingReasons)
    ) {
      return undefined;
    }
    const view: WaveReadinessView = {
      waveId: wave.id,
      ready,
      readySince,
      stacks: stacks ?? previous!.stacks,
      blockingReasons: blockingReasons as string[],
      blockingCount: blocking,
      phase: phase.phase,
      phaseSince: phase.since,
      phaseDetail: phase.detail,
      deployRefusal: refusal,
      deploying,
    };
    this.waveViews[w] = view;
    return view;
  }

  /** The stack's view from this.verdicts; the previous object (and its gate objects) when nothing changed. */
  private stackView(s: number, stackId: string, now: number): StackReadinessView {
    const previous = this.stackViews[s];
    const stack = this.index!.stacks[s]!;
    let sync = stackSync(stackId, this.signals);
    let health = stackHealth(stack, this.signals, this.judges);
    let axesChanged = !previous;
    if (previous) {
      if (previous.sync.status === sync.status && previous.sync.reason === sync.reason) sync = previous.sync;
      else axesChanged = true;
      if (previous.health.status === health.status && previous.health.reason === health.reason) health = previous.health;
      else axesChanged = true;
    }
    const columns = this.layout.columns;
    const judged = s * columns.length;
    // The same verdict objects as last time (constants for green, a judge's kept ones) make the same gates: green
    // stays green since when it was, a running hold keeps its end. Most stacks of a refresh take this way.
    if (previous && !axesChanged) {
      let same = true;
      for (let g = 0; g < columns.length && same; g++) same = this.verdicts[g] === this.viewVerdicts[judged + g];
      if (same) return previous;
    }
    for (let g = 0; g < columns.length; g++) this.viewVerdicts[judged + g] = this.verdicts[g];
    let gates: ReadinessGateView[] | null = previous ? null : [];
    let ready = true;
    for (let g = 0; g < columns.length; g++) {
      const verdict = this.verdicts[g]!;
      const green = verdict.status === 'green';
      if (!green) ready = false;
      const greenSince = this.tracker.gate(stackId, g, green, now);
      const holdEndsAt = verdict.holdEndsAt ?? this.tracker.holdEndsAt(stackId, g, verdict.holdRemainingSeconds, now);
      const before = previous?.gates[g];
      // A hold whose end is known counts down in the views from holdEndsAt: its seconds left alone change nothing.
      const sameHold =
        verdict.holdEndsAt !== undefined
          ? (before?.holdRemainingSeconds === null) === (verdict.holdRemainingSeconds === null)
          : before?.holdRemainingSeconds === verdict.holdRemainingSeconds;
      if (
        before &&
        before.status === verdict.status &&
        before.greenSince === greenSince &&
        sameHold &&
        before.holdEndsAt === holdEndsAt &&
        before.applies === (verdict.applies !== false) &&
        sameStrings(before.reasons, verdict.reasons)
      ) {
        gates?.push(before);
        continue;
      }
      gates ??= previous!.gates.slice(0, g);
      gates.push({
        gate: columns[g]!.id,
        status: verdict.status,
        reasons: verdict.reasons.slice(),
        greenSince,
        holdRemainingSeconds: verdict.holdRemainingSeconds,
        holdEndsAt,
        applies: verdict.applies !== false,
      });
    }
    if (gates === null && !axesChanged) return previous!;
    const view: StackReadinessView = { stackId, ready, sync, health, gates: gates ?? previous!.gates };
    this.stackViews[s] = view;
    return view;
  }

  private blockingReasons(index: ReadinessIndex, w: number, dependencies: GateVerdict, blocking: number): readonly string[] {
    const wave = index.waves[w]!;
    if (wave.stacks.length === 0) return ['the wave has no stacks'];
    const reasons: string[] = [];
    let listed = 0;
    // The dependencies gate is the wave's own: said once, not once per stack.
    if (dependencies.status !== 'green') {
      reasons.push(...dependencies.reasons);
      listed += wave.stacks.length;
    }
    for (const s of wave.stacks) {
      const view = this.stackViews[s]!;
      if (view.ready) continue;
      for (let g = 0; g < view.gates.length; g++) {
        const gate = view.gates[g]!;
        if (gate.status === 'green' || g === this.layout.core.dependencies) continue;
        if (reasons.length < MAX_BLOCKING_REASONS) {
          reasons.push(`${view.stackId} ${gate.gate}: ${gate.reasons[0] ?? gate.status}`);
          listed++;
        }
      }
    }
    if (blocking > listed) reasons.push(`and ${blocking - listed} more gate(s) not green`);
    return reasons;
  }
}

const NO_STRINGS: readonly string[] = Object.freeze([]);

function sameGateIds(a: readonly GateColumnView[], b: readonly GateColumnView[]): boolean {
  return a.length === b.length && a.every((column, index) => column.id === b[index]!.id);
}

/** `next`, or `before` when it says the same (status, reasons, hold): an unchanged verdict keeps its identity. */
function sameVerdict(before: GateVerdict | undefined, next: GateVerdict): GateVerdict {
  return before &&
    before.status === next.status &&
    before.holdRemainingSeconds === next.holdRemainingSeconds &&
    before.holdEndsAt === next.holdEndsAt &&
    before.applies === next.applies &&
    sameStrings(before.reasons, next.reasons)
    ? before
    : next;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
