// The cockpit core: owns the current plan, the stacks' lifecycle states, and the event stream, and answers the
// API's commands. Plain Node: both the Electron shell and the headless web bridge run it unchanged.
// One file over 400 lines on purpose: it is the core's composition (each service is its own module), and the
// wiring reads in construction order, which is the order the services depend on each other.
import { KeyedQueue } from '../../common/keyed-queue';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CockpitEvent, CoreInfo, EventBatch, PlanSnapshot, RegistrationStatus, StackLifecycle, TrackAlert } from '../api/contract';
import { CommandError } from '../../common/command-error';
import { createDispatcher, type Dispatch } from '../api/dispatcher';
import { createEventBatcher } from '../api/event-batcher';
import { loadPlanFile, type PlanLoadResult } from '../plan/load';
import { findPulumiCli } from '../pulumi/toolchain';
import type { MigrationPlan } from '../plan/model';
import { toPlanView } from '../plan/view';
import type { JournalEntry } from '../journal/entry';
import { FileJournal, osActor } from '../journal/journal';
import { TeamSession } from '../team/team-session';
import { refuseOtherStore, teamCommands, teamRunbookOptions, teamServiceChecks, teamTrackHandlers } from './team-wiring';
import { secretValuesOf, secretVariablesOf } from '../secrets/plan-secrets';
import { MIN_SECRET_LENGTH, SecretRedactor, tooShortToHide } from '../secrets/redactor';
import { ensurePrivateDir } from '../secrets/private-files';
import { AccountSessionPool } from '../aws/account-sessions';
import { EnvironmentService, type EnvironmentServiceOptions } from './environment';
import { ReadinessService } from './readiness-service';
import { composeGrammar } from '../seam/plan-grammar';
import type { CoreTrack, TrackRuntime } from '../seam/track';
import { viewOf } from '../monitoring/data-clock';
import { CutoverService } from './cutover-service';
import type { Readiness } from '../cutover/ledger';
import { createPlanWatcher } from './plan-watcher';
import { RecentPlans } from './recent-plans';
import { serviceCommands } from './service-commands';
import { StackService, type StackServiceOptions } from './stack-service';
import { TrackRuntimes } from './track-runtimes';

export interface CockpitCoreOptions {
  /** The tracks the cockpit runs (main/tracks/index.ts CORE_TRACKS), handed in by the composition root: the core imports none. */
  readonly tracks: readonly CoreTrack[];
  /** Folder for the cockpit's own state (recent plans, later workspaces and journal). */
  readonly dataDir: string;
  /** Root of the installed app: examples/ is found there. */
  readonly appRoot: string;
  readonly transport: CoreInfo['transport'];
  readonly version: string;
  /** Plan to open at start; without it the cockpit starts with no plan loaded. */
  readonly planFile?: string;
  /**
   * The host's native file dialog (Electron): the operator picks a plan there, and `plan.open` then accepts only
   * the recent and example plans the core lists, never a free path from the renderer. Without it (the web
   * bridge), `plan.open` takes a typed path.
   */
  readonly choosePlanFile?: () => Promise<string | undefined>;
  /** Reads and validates a plan file (default: loadPlanFile); tests slow it down to make loads overlap. */
  readonly loadPlan?: (file: string) => Promise<PlanLoadResult>;
  /** Re-read the plan when its file changes on disk (default true). */
  readonly watchPlan?: boolean;
  readonly eventFlushMs?: number;
  readonly log?: (line: string) => void;
  /** Environment for secrets, tokens and the engine (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Starts the local rehearsal environment when a plan targets it (passed in by the entry point). */
  readonly startRehearsal?: StackServiceOptions['startRehearsal'];
  /**
   * The AWS endpoint (every track's: DMS, CloudWatch) for plans with `environment.aws.endpoint: rehearsal`; default:
   * the embedded rehearsal environment's `awsUrl`. Plans that name AWS or an explicit endpoint URL ignore it.
   */
  readonly awsEndpoint?: string;
  /** The environment banner's identity checks (tests stand in for STS, or shorten the refresh). */
  readonly environment?: Pick<EnvironmentServiceOptions, 'lookup' | 'refreshMs' | 'timeoutMs'>;
  /**
   * Who operates this cockpit, user@host (default: the OS user of this process): the journal's actor, matched
   * against the plan's team people. Tests and a host that knows the person (two cockpits on one machine) set it.
   */
  readonly operator?: string;
  /** How long the start waits for a team store before it starts from what it last knew (default 8 s). */
  readonly teamOpenTimeoutMs?: number;
  /** Cutover runbook settings for tests: how often actions look at the monitor, ms per runbook minute, readiness. */
  readonly cutover?: { readonly pollMs?: number; readonly minuteMs?: number; readonly isWaveReady?: (waveId: string) => Readiness | Promise<Readiness> };
}

export interface CockpitCore {
  readonly dispatch: Dispatch;
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Sets a stack's lifecycle state; the later engine, replication and cutover modules drive this. */
  setLifecycle(stackId: string, state: StackLifecycle['state'], detail?: string): void;
  /** The tracks' alerts as they are raised, cleared or acknowledged (the Electron shell turns them into notifications). */
  onAlert(listener: (alert: TrackAlert) => void): () => void;
  /** A track's runtime, by the track's id (tests and benchmarks drive its monitor's refresh cycles through it). */
  runtimeOf<R extends TrackRuntime>(track: CoreTrack<string, R>): R | undefined;
  /** A stack's plain outputs as last known (from its state at plan load, then from each operation). */
  stackOutputs(stackId: string): Readonly<Record<string, unknown>> | undefined;
  /** Hides every secret the core knows of in a text (for what the host logs: a contained fault, say). */
  redact(text: string): string;
  /** Tells the operator about an unexpected error the host contained (its process guard): the core keeps running. */
  reportFault(fault: { readonly at: string; readonly message: string }): void;
  /**
   * The people the loaded plan's team lists (`user` or `user@host`); none for a plan without a team; undefined while
   * no plan is loaded (who is on the team is not known then).
   */
  teamPeople(): readonly string[] | undefined;
  /** Who watches this cockpit's war room now (the host's listener knows): in team mode, present to the whole team. */
  setWarRoomWatchers(people: readonly string[]): void;
  /** Cutover readiness per wave; the runbook marks waves cut over through it (setWaveCutOver). */
  readonly readiness: ReadinessService;
  /** The cutover runbook, its rollback across systems and the evidence pack. */
  readonly cutover: CutoverService;
  close(): Promise<void>;
}

export async function startCockpitCore(options: CockpitCoreOptions): Promise<CockpitCore> {
  const env = options.env ?? process.env;
  // The Pulumi CLI probe (`pulumi version`, a child process: a few tenths of a second) starts first, so the first
  // plan's validation, which holds this thread, runs while the probe waits instead of before it begins.
  const toolchain = findPulumiCli({ env });
  // The plan format of the tracks the core runs (their keys, actions and checks); throws on a key claimed twice.
  const grammar = composeGrammar(options.tracks);
  const planParts = options.tracks.flatMap((track) => (track.plan ? [track.plan] : []));
  const readPlan = (file: string) =>
    (options.loadPlan ?? ((absolute: string) => loadPlanFile(absolute, { appRoot: options.appRoot, grammar })))(path.resolve(file));
  // The first plan is read and validated while the core sets itself up (the journal, the Pulumi CLI probe, a child
  // process): the first view does not wait for one and then the other. Marked handled here; load() takes it over.
  const firstRead = options.planFile ? readPlan(options.planFile) : undefined;
  firstRead?.catch(() => undefined);
  await ensurePrivateDir(options.dataDir);
  const redactor = new SecretRedactor();
  const rawLog = options.log ?? (() => {});
  // Every line the core logs passes the redactor: logs end up in terminals, files and bug reports.
  const log = (line: string) => rawLog(redactor.redact(line));
  const recent = await RecentPlans.open(options.dataDir);
  const events = createEventBatcher({
    flushMs: options.eventFlushMs ?? 50,
    // A transport that fails to take a batch loses that batch only; its reconnect re-reads the state.
    onListenerError: (error) => log(`an event subscriber failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const lifecycles = new Map<string, StackLifecycle>();
  const registrations = new Map<string, RegistrationStatus[]>();
  // Where the cockpit acts and as whom (the banner on every tab): the journal records the AWS caller identity
  // beside the OS user, so it exists before the journal does.
  const operator = options.operator ?? osActor();
  // One assumed-role session per account for the whole core: the banner checks the ones the monitors call with.
  const sessions = new AccountSessionPool({
    operator,
    rehearsalNow: () => (options.awsEndpoint ? undefined : stacks.rehearsalClock?.now),
    onSecrets: (...values) => redactor.add(...values),
    ...(options.env ? { env: options.env } : {}),
  });
  const environment = new EnvironmentService({
    sessions,
    ...options.environment,
    publish: (event) => publish(event),
    log,
    operator,
    // An explicit endpoint (tests, a rehearsal run on its own) is not the embedded rehearsal: its account and clock are not known here.
    rehearsal: () =>
      options.awsEndpoint
        ? { url: options.awsEndpoint, accountId: undefined }
        : { url: stacks.rehearsalAwsUrl, accountId: stacks.rehearsalAccountId, clockRate: stacks.rehearsalClock?.rate, now: stacks.rehearsalClock?.now },
    hideSecrets: (...values) => redactor.add(...values),
    ...(options.env ? { env: options.env } : {}),
  });
  // The journal: the team store the first plan names (shared by every cockpit on it), else this machine's file.
  const firstPlan = await firstRead?.catch(() => undefined);
  const teamOfFirstPlan = firstPlan?.ok ? firstPlan.plan.team : undefined;
  // Until the journal is open its entries are the start's history (no one listens yet); until the services below
  // exist, another cockpit's entries wait in `early` and are folded in once they do.
  let journalOpen = false;
  let servicesUp = false;
  const early: JournalEntry[] = [];
  const journalOptions = {
    actor: operator,
    awsIdentity: () => environment.awsIdentity(),
    redact: <T>(entry: T) => redactor.redactDeep(entry),
    onAppended: (entry: JournalEntry, remote = false) => {
      if (journalOpen) publish({ type: 'journal.appended', entry });
      // This cockpit's own approval requests and decisions (written by the approvals, not the runbook) reach the
      // runbook's fold here; another cockpit's come with the rest of its entries (applyRemoteEntry).
      if (!remote && servicesUp && entry.kind === 'team-approval') cutover.engine.observe(entry);
    },
  };
  let team: TeamSession | undefined;
  const { journal, existing: journalAtStart } = teamOfFirstPlan
    ? await TeamSession.open({
        ...journalOptions,
        team: teamOfFirstPlan,
        env,
        dataDir: options.dataDir,
        hideSecret: (value) => redactor.add(value),
        // Another cockpit's entry: folded into what this one derives from the journal, as if it had written it.
        onRemote: (entry) => {
          if (!journalOpen) return;
          if (servicesUp) applyRemoteEntry(entry);
          else early.push(entry);
        },
        onView: (view) => {
          if (journalOpen) publish({ type: 'team.updated', team: view });
        },
        // A wave whose lock lapsed here and was taken over: this cockpit's loop on it stops as at a shutdown.
        isDriving: (waveId) => servicesUp && cutover.engine.isLive(waveId),
        onDriverGone: async (waveId, driver) => {
          if (!servicesUp) return;
          await cutover.engine
            .settleDriverGone(waveId, driver)
            .catch((error: unknown) => log(`settling ${waveId}'s run after its driver left failed: ${String(error)}`));
        },
        onLockLost: (waveId, message) => {
          log(message);
          if (servicesUp) void cutover.engine.interrupt(waveId).catch(() => undefined);
        },
        log,
        ...(options.teamOpenTimeoutMs !== undefined ? { openTimeoutMs: options.teamOpenTimeoutMs } : {}),
      }).then(({ session, existing }) => {
        team = session;
        log(`team mode: journal in ${session.team.store.url} (migration ${session.team.migration})`);
        return { journal: session.journal, existing };
      })
    : await FileJournal.open(path.join(options.dataDir, 'journal'), journalOptions);
  journalOpen = true;
  const session = () => team;
  // In team mode an entry is this cockpit's when its actor is this operator (user@host): only those can have been
  // interrupted by this cockpit's stop.
  const isOwnEntry = (entry: JournalEntry) => !team || entry.actor === operator;
  if (journalAtStart.damaged.length > 0) log(`journal: ${journalAtStart.damaged.length} damaged line(s) skipped`);
  // Its inputs are read lazily (after start), so it can see every event from the first one on.
  const readiness = new ReadinessService({
    tracks: options.tracks,
    publish: (event) => publish(event),
    lifecycleOf: (stackId) => lifecycleOf(stackId),
    registrationsOf: (stackId) => registrationsOf(stackId),
    journalAtStart: journalAtStart.entries,
    operations: () => stacks.runner.list(),
    // Green-since and hold ends on the data's clock (a sped-up rehearsal's), as the tracks' monitors read it.
    dataClock: () => runtimes.clock()?.now(),
  });

  let snapshot: PlanSnapshot = { status: 'none' };
  let plan: MigrationPlan | undefined;
  let closed = false;

  const publish = (event: CockpitEvent) => {
    if (closed) return;
    // The one gate every event passes on its way to a transport: nothing the core knows to be secret crosses it.
    events.publish(redactor.redactDeep(event));
    // Readiness is judged from the core's own events (operations, lifecycles, registrations; each track's judge sees them all).
    readiness.observe(event);
    // The rehearsal's clock rate, as the monitor reads its data, for the environment banner.
    environment.observe(event);
  };

  const lifecycleOf = (stackId: string): StackLifecycle => {
    let lifecycle = lifecycles.get(stackId);
    if (!lifecycle) {
      lifecycle = { state: 'planned', since: new Date().toISOString() };
      lifecycles.set(stackId, lifecycle);
    }
    return lifecycle;
  };

  // Lifecycle changes mark the view stale; it is rebuilt once when next asked for, not on every change.
  let viewStale = false;
  const currentSnapshot = (): PlanSnapshot => {
    if (viewStale && plan && snapshot.status === 'loaded')
      snapshot = { ...snapshot, plan: toPlanView(plan, grammar, readiness.gateColumns, lifecycleOf, registrationsOf) };
    viewStale = false;
    return snapshot;
  };

  // Loads may overlap (Open plan, Reload, the file watcher). Files are read concurrently, results are applied one
  // at a time, and only the load started last is applied: an older one that finishes later never replaces it
  // (it answers with what the newest load applied).
  let loadsStarted = 0;
  let latestLoad: Promise<PlanSnapshot> = Promise.resolve(snapshot);
  /** Loaded plans apply one after another, in the order their loads finished. */
  const applying = new KeyedQueue<'plan'>();

  const load = (file: string, read: Promise<PlanLoadResult> = readPlan(file)): Promise<PlanSnapshot> => {
    const generation = ++loadsStarted;
    const absolute = path.resolve(file);
    const applied = read.then((result) => {
      return applying.run('plan', () => (generation === loadsStarted && !closed ? apply(absolute, result) : undefined));
    });
    const answered = applied.then((snapshotApplied) => snapshotApplied ?? latestLoad);
    latestLoad = answered;
    return answered;
  };

  const apply = async (absolute: string, loaded: PlanLoadResult): Promise<PlanSnapshot> => {
    const loadedAt = new Date().toISOString();
    const result = refuseOtherStore(team, loaded);
    if (result.ok) {
      plan = result.plan;
      // Every secret the plan names is hidden from now on, before anything uses it (or echoes it in an error).
      redactor.add(...secretValuesOf(plan, env, planParts));
      const unhidden = secretVariablesOf(plan, planParts).filter((name) => env[name] && tooShortToHide(env[name]));
      if (unhidden.length > 0) {
        log(`secrets under ${MIN_SECRET_LENGTH} characters cannot be hidden and are refused where they are used: ${unhidden.join(', ')}`);
      }
      await stacks.setPlan(plan);
      // After the stacks: the rehearsal the plan needs runs now, so its URL and account are known.
      environment.setPlan(plan);
      readiness.setPlan(plan);
      viewStale = false;
      snapshot = {
        status: 'loaded',
        file: absolute,
        loadedAt,
        plan: toPlanView(plan, grammar, readiness.gateColumns, lifecycleOf, registrationsOf),
        warnings: result.warnings,
      };
      log(`plan loaded: ${absolute} (${plan.stacks.size} stacks, ${plan.waves.length} waves)`);
    } else if (plan && snapshot.status === 'loaded') {
      // Never blind mid-operation: a bad edit of the file, or a bad file opened, leaves the loaded plan running
      // (stacks, monitor, runbooks) and is shown beside it until a valid file replaces it.
      return reject(absolute, result, loadedAt);
    } else {
      // With no plan running, an invalid plan is shown as its errors; nothing of it is half-applied.
      plan = undefined;
      await stacks.setPlan(undefined);
      environment.setPlan(undefined);
      readiness.setPlan(undefined);
      snapshot = { status: 'invalid', file: absolute, loadedAt, issues: result.issues, ...(result.refused ? { refused: true } : {}) };
      // A crash of the validator is the cockpit's bug, not the plan's: say so in the log too.
      log(
        result.internalError ? `plan validator failed on ${absolute}: ${result.internalError}` : `plan invalid: ${absolute} (${result.issues.length} issues)`,
      );
    }
    watchPlanFile(absolute);
    // A file that is not a plan never becomes a one-click trap in the recent list.
    if (result.ok || !result.refused) await recent.add(absolute).catch((error: unknown) => log(`could not save the recent plans list: ${String(error)}`));
    publish({ type: 'plan.changed', snapshot });
    // The runbook of every wave of the new plan, right after it: a UI that dropped the runs of waves a previous
    // (or invalid) plan lacked must not show a wave as having no runbook until it re-reads everything.
    for (const run of cutover.state()) publish({ type: 'cutover.updated', run });
    // After the plan itself, so the UI knows the plan's tasks before the monitors' first views of them.
    if (plan) for (const stackId of outputs.keys()) if (!plan.stacks.has(stackId)) outputs.delete(stackId);
    await runtimes.setPlan(plan);
    return snapshot;
  };

  const reject = async (absolute: string, result: Extract<PlanLoadResult, { ok: false }>, readAt: string): Promise<PlanSnapshot> => {
    const loaded = currentSnapshot();
    if (loaded.status !== 'loaded') return loaded;
    const kind = absolute === loaded.file ? 'edit' : 'open';
    const previous = loaded.rejected;
    const since = previous && previous.file === absolute && previous.kind === kind ? previous.since : readAt;
    snapshot = { ...loaded, rejected: { file: absolute, kind, since, readAt, issues: result.issues, ...(result.refused ? { refused: true } : {}) } };
    const problem = result.internalError
      ? `the plan validator failed (${result.internalError})`
      : `${result.issues.filter((issue) => issue.severity === 'error').length} error(s)`;
    log(
      `${kind === 'edit' ? `the plan file ${absolute} changed and has` : `${absolute} was not opened:`} ${problem}; the cockpit keeps running on the plan loaded at ${loaded.loadedAt}`,
    );
    if (kind === 'open' && !result.refused) await recent.add(absolute).catch((error: unknown) => log(`could not save the recent plans list: ${String(error)}`));
    publish({ type: 'plan.changed', snapshot });
    return snapshot;
  };

  const planWatcher = createPlanWatcher((file) => {
    if (!closed && currentFile() === file)
      load(file).catch((error: unknown) => log(`reloading ${file} failed: ${error instanceof Error ? error.message : String(error)}`));
  });
  const watchPlanFile = (file: string) => {
    if (options.watchPlan !== false) planWatcher.watch(file);
  };

  function registrationsOf(stackId: string): RegistrationStatus[] | null {
    return registrations.get(stackId) ?? null;
  }

  function setRegistrations(stackId: string, list: RegistrationStatus[]) {
    if (!plan?.stacks.has(stackId)) return;
    if (JSON.stringify(registrations.get(stackId)) === JSON.stringify(list)) return;
    registrations.set(stackId, list);
    viewStale = true;
    publish({ type: 'stack.registrations', stackId, registrations: list });
  }

  function setLifecycle(stackId: string, state: StackLifecycle['state'], detail?: string) {
    if (!plan?.stacks.has(stackId)) throw new Error(`unknown stack '${stackId}' in the current plan`);
    const lifecycle: StackLifecycle = { state, since: new Date().toISOString(), ...(detail ? { detail } : {}) };
    lifecycles.set(stackId, lifecycle);
    viewStale = true;
    publish({ type: 'stack.lifecycle', stackId, lifecycle });
  }

  const currentFile = () => (snapshot.status === 'none' ? undefined : snapshot.file);

  /** The plans a window may open by path when the host has a file dialog: those the core itself lists. */
  const offeredPlans = async () => new Set([...recent.list(), ...(await examplePlans()).map((example) => example.file)].map((file) => path.resolve(file)));

  const examplePlans = async (): Promise<CoreInfo['examplePlans']> => {
    const examples = path.join(options.appRoot, 'examples');
    const entries = await readdir(examples, { withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isDirectory()).map((entry) => ({ name: entry.name, file: path.join(examples, entry.name, 'migration.yaml') }));
  };

  // A stack's plain outputs as last known: task ARNs for the tracks' monitors, `{{stack.output.*}}` for the runbook.
  const outputs = new Map<string, Readonly<Record<string, unknown>>>();
  const alertListeners = new Set<(alert: TrackAlert) => void>();
  // Each track's runtime, started once; it follows every plan loaded from here on (apply) and closes with the core.
  const runtimes: TrackRuntimes = new TrackRuntimes(options.tracks, {
    journal,
    isOwnEntry,
    publish,
    log,
    rehearsal: {
      ...(options.awsEndpoint ? { endpoint: options.awsEndpoint } : {}),
      awsUrl: () => stacks.rehearsalAwsUrl,
      clock: () => stacks.rehearsalClock,
    },
    accountSessions: (accounts, target) => sessions.sessionsFor(accounts, target),
    reportAccount: (track, account, problem) => environment.reportAccount(track, account, problem),
    stackOutputs: (stackId) => outputs.get(stackId),
    // Read when a plan loads, after the cutover service below exists.
    cutoverRuns: () => cutover.runs(),
    // Used by runbook steps, after the services below exist.
    stackChanges: {
      overlayOf: (stackId) => cutover.overlayOf(stackId),
      setOverlay: (stackId, overlay, origin) => cutover.setOverlay(stackId, overlay, origin),
      runOperation: (stackId, body, parent, signal) => stacks.runOperation(stackId, body, parent, signal),
    },
    wavePhase: (waveId) => readiness.current(waveId)?.phase,
    alert: (alert) => {
      for (const listener of alertListeners) listener(alert);
    },
    ...(options.cutover?.pollMs !== undefined ? { runbookPollMs: options.cutover.pollMs } : {}),
  });

  const stacks = await StackService.start({
    tracks: options.tracks,
    dataDir: options.dataDir,
    appRoot: options.appRoot,
    journal,
    redactor,
    publish,
    log,
    setLifecycle: (stackId, state, detail) => setLifecycle(stackId, state, detail),
    lifecycleOf: (stackId) => lifecycleOf(stackId).state,
    setRegistrations,
    onStackOutputs: (stackId, stackOutputs) => outputs.set(stackId, stackOutputs),
    configOverlay: (stackId) => cutover.overlayOf(stackId),
    operator,
    env,
    toolchain,
    ...(options.startRehearsal ? { startRehearsal: options.startRehearsal } : {}),
  });

  const cutover: CutoverService = new CutoverService({
    journal,
    history: journalAtStart.entries,
    ...teamRunbookOptions(session, operator),
    plan: () => plan,
    publish,
    log,
    isWaveReady:
      options.cutover?.isWaveReady ??
      ((waveId) => {
        const view = readiness.current(waveId);
        return view ? { ready: view.ready, reasons: view.blockingReasons } : { ready: false, reasons: [`no readiness for wave '${waveId}'`] };
      }),
    lifecycleOf: (stackId) => lifecycleOf(stackId).state,
    dataClock: () => {
      const clock = runtimes.clock();
      return clock ? viewOf(clock) : null;
    },
    runOperation: (stackId, body, parent, signal) => stacks.runOperation(stackId, body, parent, signal),
    stackOutputs: (stackId) => outputs.get(stackId),
    tracks: options.tracks,
    trackRuntime: (trackId) => runtimes.get(trackId),
    setLifecycle: (stackId, state, detail) => setLifecycle(stackId, state, detail),
    redact: (value) => redactor.redactDeep(value),
    ...(options.cutover?.minuteMs !== undefined ? { minuteMs: options.cutover.minuteMs } : {}),
  });

  /** Another cockpit's journal entry (team mode): the stacks' lifecycles and the runbook runs follow it. */
  function applyRemoteEntry(entry: JournalEntry): void {
    try {
      stacks.applyRemoteEntry(entry);
      cutover.observeRemote(entry);
      runtimes.observeRemote(entry);
    } catch (error) {
      log(`another cockpit's journal entry ${entry.seq} could not be folded in: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const dispatch = createDispatcher(
    {
      'core.info': async () => ({
        version: options.version,
        transport: options.transport,
        dataDir: options.dataDir,
        recentPlans: recent.list(),
        examplePlans: await examplePlans(),
        planOpening: options.choosePlanFile ? 'dialog' : 'path',
      }),
      'environment.get': async ({ refresh }) => (refresh ? environment.refresh() : environment.current()),
      ...teamCommands(session, () => plan),
      'plan.get': async () => currentSnapshot(),
      'plan.open': async ({ file }) => {
        if (options.choosePlanFile && !(await offeredPlans()).has(path.resolve(file))) {
          throw new CommandError(
            'bad-request',
            'this cockpit opens other plans through its file dialog (Open plan… → Choose file…), not by a path sent from the window',
          );
        }
        return load(file);
      },
      'plan.choose': async () => {
        if (!options.choosePlanFile) throw new CommandError('failed', "this cockpit has no file dialog: type the plan file's path instead");
        const file = await options.choosePlanFile();
        return file ? { chosen: true, snapshot: await load(file) } : { chosen: false, snapshot: currentSnapshot() };
      },
      'plan.reload': async () => {
        const file = currentFile();
        return file ? load(file) : currentSnapshot();
      },
      ...serviceCommands({
        stacks,
        journal,
        readiness,
        cutover,
        plan: () => plan,
        ...teamServiceChecks(session),
      }),
      ...teamTrackHandlers(session, runtimes.handlers(), () => plan),
    },
    (error) => log(`command failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    (value) => redactor.redactDeep(value),
  );

  if (options.planFile && firstRead) await load(options.planFile, firstRead);
  // What the journal last recorded for each stack, so a restart (or a crash) never forgets what was done.
  stacks.restoreLifecycles(journalAtStart.entries, isOwnEntry);
  cutover.restoreLifecycles();
  servicesUp = true;
  for (const entry of early.splice(0)) applyRemoteEntry(entry);

  return {
    dispatch,
    subscribe: (listener) => events.subscribe(listener),
    setLifecycle,
    onAlert: (listener) => {
      alertListeners.add(listener);
      return () => alertListeners.delete(listener);
    },
    // The runtime under a track's id is the one that track's start made.
    runtimeOf: <R extends TrackRuntime>(track: CoreTrack<string, R>) => runtimes.get(track.id) as R | undefined,
    stackOutputs: (stackId) => outputs.get(stackId),
    teamPeople: () => (team ? team.team.people.map((person) => person.user) : plan ? [] : undefined),
    setWarRoomWatchers: (people) => team?.setWatchers(people),
    redact: (text) => redactor.redact(text),
    reportFault: (fault) => publish({ type: 'core.fault', fault }),
    readiness,
    cutover,
    async close() {
      // A store that is away must not hold the shutdown: what cannot be stored now waits in the outbox.
      team?.journal.beginClose();
      await cutover.close();
      environment.close();
      readiness.close();
      await runtimes.close();
      alertListeners.clear();
      await stacks.close();
      await team?.close();
      closed = true;
      planWatcher.close();
      events.close();
    },
  };
}
