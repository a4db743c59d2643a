// A track: one migration concern (DMS replication today) plugged into the core through its parts. The composition
// roots (host/compose.ts, electron/main.ts) hand the core the list (main/tracks/index.ts); main/core and main/cutover
// never import a track. The core starts each track's runtime once, hands it every plan it loads, routes the track's
// commands (its part of the one contract, main/tracks/contracts.ts) to the runtime's handlers, and gives the runtime
// to the track's runbook actions, compensations and evidence snapshot (docs/design/track-seam.md §2.2).
import type { CockpitEvent, CommandHandler, CutoverRunView, TrackAlert, WavePhase } from '../api/contract';
import type { AccountSession } from '../aws/account-sessions';
import type { AwsTarget } from '../aws/target';
import type { JournalEntry } from '../journal/entry';
import type { Journal } from '../journal/journal';
import type { DataClock } from '../monitoring/data-clock';
import type { MigrationPlan } from '../plan/model';
import type { AccountEntry } from '../plan/schema';
import type { EvidencePart } from './evidence-part';
import type { PlanPart } from './plan-part';
import type { ReadinessPart } from './readiness-part';
import type { RunbookPart } from './runbook-part';
import type { StackChanges } from './stack-changes';

/** `R`: the track's runtime, which its runbook actions, compensations and evidence snapshot act through. */
export interface CoreTrack<Id extends string = string, R extends TrackRuntime = TrackRuntime> {
  /** The track's prefix for what it adds (`dms`). */
  readonly id: Id;
  /** Its name for the operator ('Replication'). */
  readonly title: string;
  /** Its keys, runbook actions and checks in the plan file, and its fields of the plan view. */
  readonly plan?: PlanPart;
  /** Its readiness gates; a track without any leaves the gate matrix as it is. */
  readonly readiness?: ReadinessPart;
  /** Its runbook actions and their compensations. */
  readonly runbook?: RunbookPart<R>;
  /** Its snapshot, sections and stack columns in the evidence pack. */
  readonly evidence?: EvidencePart<R>;
  /**
   * Starts its runtime, once, when the core starts; the runtime then follows every plan the core loads until the
   * core closes. A track whose parts need no runtime (gates judged from events alone) has none.
   */
  start?(context: TrackContext): R;
}

/** What the core lends a track's runtime. */
export interface TrackContext {
  /** The cockpit's journal (the track journals what it does to the estate, under its own kinds). */
  readonly journal: Journal;
  /**
   * Whether this cockpit wrote a journal entry (in team mode another cockpit's work may still be running there: a
   * record it left unfinished is not this cockpit's to call interrupted). Always true with a local journal.
   */
  readonly isOwnEntry: (entry: JournalEntry) => boolean;
  /** Publishes an event: through the core's redactor and to the readiness judges, like every event. */
  readonly publish: (event: CockpitEvent) => void;
  /** The core's log (redacted). */
  readonly log: (line: string) => void;
  /** Where a plan with `endpoint: rehearsal` sends its AWS calls (with main/aws/target.ts) and the clock of its data. */
  readonly rehearsal: RehearsalAccess;
  /**
   * The assumed-role session of each of these accounts at this target, by account name (main/aws/account-sessions.ts):
   * the very sessions the environment banner checks, so the cockpit holds one session per account.
   */
  readonly accountSessions: (accounts: readonly AccountEntry[], target: AwsTarget) => ReadonlyMap<string, AccountSession>;
  /**
   * The track found AWS refusing its calls in an account (`problem`, in words) or reading there again (null): the
   * environment banner shows it on that account and checks its session again. `track` is the reporting track's id.
   */
  readonly reportAccount: (track: string, account: string, problem: string | null) => void;
  /** A stack's plain outputs as last known (from its state at plan load, then from each operation). */
  readonly stackOutputs: (stackId: string) => Readonly<Record<string, unknown>> | undefined;
  /** Every wave's cutover runs as the journal tells them (what a rollback left running, say). */
  readonly cutoverRuns: () => readonly CutoverRunView[];
  /** A wave's phase now (planned … cut over, rolled back), or undefined when the plan has no such wave. */
  readonly wavePhase: (waveId: string) => WavePhase | undefined;
  /** Raises, clears or acknowledges an alert: the core hands it to whoever listens (the desktop notifications). */
  readonly alert: (alert: TrackAlert) => void;
  /** The core's cutover config and stack operations, for runbook actions that change a stack through Pulumi. */
  readonly stackChanges: StackChanges;
  /** How often runbook actions look again at what they wait for (default: the track's own); tests shorten it. */
  readonly runbookPollMs?: number;
}

/** The rehearsal environment as the core knows it. */
export interface RehearsalAccess {
  /** An explicit AWS endpoint for `endpoint: rehearsal` plans (tests, a rehearsal run on its own): its clock is not known here. */
  readonly endpoint?: string;
  /** The embedded rehearsal environment's AWS endpoint, once it runs. */
  awsUrl(): string | undefined;
  /** The embedded rehearsal environment's simulated clock, once it runs (it may run faster than real time). */
  clock(): DataClock | undefined;
}

/** A track's runtime: one per core, from start to close. */
export interface TrackRuntime {
  /** The handler of each of the track's commands (typed by its contract: HandlersOf<typeof contract.commands>). */
  readonly handlers: Readonly<Record<string, CommandHandler>>;
  /**
   * Follows the plan the core loaded (undefined: none runs). Called one plan at a time, in load order. It keeps
   * what an edit leaves alone: a plan saved during a cutover must not restart holds or monitors.
   */
  setPlan(plan: MigrationPlan | undefined): Promise<void>;
  /** The clock its data is on while it reads any (readiness holds and the rollback's loss estimate run on it). */
  clock?(): DataClock | undefined;
  /** Another cockpit's journal entry (team mode): the track's own records (a traffic shift) follow it live. */
  observeRemote?(entry: JournalEntry): void;
  close(): Promise<void>;
}
