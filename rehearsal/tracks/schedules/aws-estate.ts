// The AWS side of the scheduled-jobs track in one account, on the rehearsal clock: EventBridge Scheduler schedules
// (and their groups) that fire Lambda functions asynchronously, and the functions with their reserved concurrency.
//
// How firing works (sync(now), called before every call and on every tick):
// 1. Every schedule's slots since it last looked (expressions.ts, in its time zone, within StartDate/EndDate) become
//    deliveries while it is ENABLED (a DISABLED schedule's slots pass unfired). A FLEXIBLE window delays a delivery
//    by a seeded random 0..MaximumWindowInMinutes (the slot stays what the invocation serves). A
//    `schedules-duplicate-delivery` fault makes the next firing two deliveries of the same slot.
// 2. Deliveries' attempts and invocations' ends are then played in time order up to now. An attempt at a function
//    that is throttled (reserved concurrency 0, or as many running as it reserves, or a `schedules-throttle` fault) is
//    an InvocationThrottleCount and a Lambda Throttle; otherwise the function runs for its behaviour's duration
//    (default 2 s; past its Timeout it fails "Task timed out") and succeeds unless a `schedules-function-fails`
//    fault says otherwise. A failed attempt (throttle, error, missing function) is retried after 60 s, doubling to
//    at most 5 min, while the RetryPolicy allows (MaximumRetryAttempts, MaximumEventAgeInSeconds counted from the
//    first attempt); then it is dropped (InvocationDroppedCount).
// Simplification, said plainly: on AWS, Scheduler hands Lambda an async event and sees only delivery errors (throttles,
// permissions), while Lambda's own async queue retries function errors; here a function error comes back to the
// Scheduler as a target error and is retried under the schedule's RetryPolicy, so one policy governs the reruns.
import type { RehearsalClock } from '../../kernel/clock';
import { AwsError } from '../../kernel/errors';
import { hashString, prng } from '../../kernel/random';
import type { ScheduleEvaluator } from './expressions';

export const DEFAULT_FUNCTION_SECONDS = 2;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 300_000;
/** Invocation records kept per account (oldest finished ones go first); metrics read the ones kept. */
const MAX_INVOCATIONS = 20_000;
const MAX_SCHEDULER_EVENTS = 50_000;

export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

export interface ScheduleTarget {
  readonly arn: string;
  readonly roleArn: string;
  readonly input?: string;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetterArn?: string;
}

export interface ScheduleSpec {
  readonly expression: string;
  readonly timeZone: string;
  readonly description?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  /** Epoch ms. */
  readonly startDate?: number;
  readonly endDate?: number;
  readonly flexible: { readonly mode: 'OFF' | 'FLEXIBLE'; readonly maximumWindowInMinutes?: number };
  readonly target: ScheduleTarget;
  readonly actionAfterCompletion: 'NONE' | 'DELETE';
  readonly kmsKeyArn?: string;
}

export interface Schedule extends ScheduleSpec {
  readonly name: string;
  readonly group: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
  /** Slots at or before this have been looked at. */
  firedThrough: number;
  /** Where rate() counts from. */
  readonly anchor: number;
}

export interface ScheduleGroup {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly tags: ReadonlyArray<{ Key: string; Value: string }>;
}

export interface FunctionSpec {
  readonly role: string;
  readonly runtime?: string;
  readonly handler?: string;
  readonly description: string;
  readonly timeout: number;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly packageType: 'Zip' | 'Image';
  readonly codeSha256: string;
  readonly codeSize: number;
}

export interface LambdaFunction extends FunctionSpec {
  readonly name: string;
  readonly arn: string;
  lastModified: number;
  revision: number;
  reservedConcurrency: number | undefined;
  /** How a run behaves: how long it takes (the failing comes from faults). */
  durationSeconds: number;
}

export type InvocationResult = 'running' | 'succeeded' | 'failed' | 'throttled';

/** One run (or refused run) of a function: the AWS side's run history. */
export interface Invocation {
  readonly id: number;
  readonly functionName: string;
  readonly source: 'scheduler' | 'invoke';
  readonly invocationType: 'Event' | 'RequestResponse';
  readonly group?: string;
  readonly schedule?: string;
  readonly deliveryId?: number;
  /** The scheduled time the run serves (epoch ms); undefined for a direct Invoke. */
  readonly slot?: number;
  readonly attempt: number;
  readonly duplicate: boolean;
  readonly requestedAt: number;
  readonly startedAt?: number;
  endsAt?: number;
  result: InvocationResult;
  error?: string;
  readonly payload: string;
}

export type DeliveryState = 'pending' | 'in-flight' | 'delivered' | 'dropped';

/** A firing of a schedule on its way to the target. */
export interface Delivery {
  readonly id: number;
  readonly group: string;
  readonly schedule: string;
  readonly scheduleArn: string;
  readonly target: ScheduleTarget;
  readonly slot: number;
  /** When it was due (slot + the flexible window's delay). */
  readonly dueAt: number;
  readonly duplicate: boolean;
  attempts: number;
  firstAttemptAt: number | undefined;
  nextAttemptAt: number;
  state: DeliveryState;
  lastError?: string;
  droppedAt?: number;
}

export type SchedulerEventKind = 'attempt' | 'target-error' | 'throttle' | 'drop';

export interface SchedulerEvent {
  readonly at: number;
  readonly group: string;
  readonly kind: SchedulerEventKind;
}

interface FailWindow {
  readonly function: string;
  readonly from: number;
  readonly until: number | undefined;
  remaining: number | undefined;
  readonly message: string;
}

interface ThrottleWindow {
  readonly function: string | undefined;
  readonly from: number;
  readonly until: number;
}

interface DuplicateFault {
  readonly group: string;
  readonly schedule: string;
  readonly from: number;
  used: boolean;
}

export class AwsScheduleEstate {
  readonly region: string;
  readonly accountId: string;
  readonly #clock: RehearsalClock;
  readonly #evaluator: ScheduleEvaluator;
  readonly #random: () => number;
  readonly #groups = new Map<string, ScheduleGroup>();
  /** `<group>/<name>` → schedule. */
  readonly #schedules = new Map<string, Schedule>();
  readonly #functions = new Map<string, LambdaFunction>();
  /** Behaviours set before the function exists (the admin route), applied when it is created. */
  readonly #behaviours = new Map<string, number>();
  readonly #deliveries: Delivery[] = [];
  #active: Delivery[] = [];
  readonly #invocations: Invocation[] = [];
  #running: Invocation[] = [];
  readonly #events: SchedulerEvent[] = [];
  #fails: FailWindow[] = [];
  #throttles: ThrottleWindow[] = [];
  #duplicates: DuplicateFault[] = [];
  #nextId = 1;
  #syncedTo: number;

  constructor(options: { clock: RehearsalClock; seed: number; region: string; accountId: string; evaluator: ScheduleEvaluator }) {
    this.region = options.region;
    this.accountId = options.accountId;
    this.#clock = options.clock;
    this.#evaluator = options.evaluator;
    this.#random = prng(hashString(`schedules/${options.accountId}`, options.seed));
    this.#syncedTo = options.clock.now();
    this.#groups.set('default', { name: 'default', arn: this.groupArn('default'), createdAt: this.#syncedTo, tags: [] });
  }

  now(): number {
    this.sync();
    return this.#clock.now();
  }

  groupArn(name: string): string {
    return `arn:aws:scheduler:${this.region}:${this.accountId}:schedule-group/${name}`;
  }

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  // ---- schedule groups ----

  groups(): ScheduleGroup[] {
    return [...this.#groups.values()];
  }

  group(name: string): ScheduleGroup {
    const group = this.#groups.get(name);
    if (!group) throw new AwsError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
    return group;
  }

  createGroup(name: string, tags: ScheduleGroup['tags']): ScheduleGroup {
    if (this.#groups.has(name)) throw new AwsError('ConflictException', `Schedule group ${name} already exists.`, 409);
    const group = { name, arn: this.groupArn(name), createdAt: this.now(), tags };
    this.#groups.set(name, group);
    return group;
  }

  deleteGroup(name: string): void {
    if (name === 'default') throw new AwsError('ValidationException', 'The default schedule group cannot be deleted.', 400);
    this.group(name);
    this.sync();
    for (const [key, schedule] of this.#schedules) if (schedule.group === name) this.#schedules.delete(key);
    this.#groups.delete(name);
  }

  // ---- schedules ----

  schedules(): Schedule[] {
    return [...this.#schedules.values()].sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
  }

  schedule(group: string, name: string): Schedule {
    this.group(group);
    const schedule = this.#schedules.get(`${group}/${name}`);
    if (!schedule) throw new AwsError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return schedule;
  }

  createSchedule(group: string, name: string, spec: ScheduleSpec): Schedule {
    this.group(group);
    const now = this.now();
    if (this.#schedules.has(`${group}/${name}`)) throw new AwsError('ConflictException', `Schedule ${name} already exists.`, 409);
    const schedule: Schedule = {
      ...spec,
      name,
      group,
      arn: `arn:aws:scheduler:${this.region}:${this.accountId}:schedule/${group}/${name}`,
      createdAt: now,
      modifiedAt: now,
      firedThrough: now,
      anchor: spec.startDate ?? now,
    };
    this.#schedules.set(`${group}/${name}`, schedule);
    return schedule;
  }

  /** Replaces the whole schedule (UpdateSchedule): what the spec omits is reset, as AWS does. */
  updateSchedule(group: string, name: string, spec: ScheduleSpec): Schedule {
    const existing = this.schedule(group, name);
    const now = this.now();
    const sameRate = existing.expression === spec.expression && existing.startDate === spec.startDate;
    const schedule: Schedule = {
      ...spec,
      name,
      group,
      arn: existing.arn,
      createdAt: existing.createdAt,
      modifiedAt: now,
      firedThrough: Math.max(existing.firedThrough, now),
      anchor: sameRate ? existing.anchor : (spec.startDate ?? now),
    };
    this.#schedules.set(`${group}/${name}`, schedule);
    return schedule;
  }

  deleteSchedule(group: string, name: string): void {
    this.schedule(group, name);
    this.sync();
    this.#schedules.delete(`${group}/${name}`);
  }

  // ---- functions ----

  functions(): LambdaFunction[] {
    return [...this.#functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A function by name, ARN or partial ARN (`<account>:function:<name>`); Lambda's 404 when there is none. */
  function(reference: string): LambdaFunction {
    const found = this.findFunction(reference);
    if (!found) throw new AwsError('ResourceNotFoundException', `Function not found: ${this.functionArn(functionNameOf(reference))}`, 404);
    return found;
  }

  findFunction(reference: string): LambdaFunction | undefined {
    const name = functionNameOf(reference);
    const fn = this.#functions.get(name);
    if (!fn) return undefined;
    const account = /^(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:)?(\d{12}):function:/.exec(reference)?.[1];
    return account === undefined || account === this.accountId ? fn : undefined;
  }

  createFunction(name: string, spec: FunctionSpec): LambdaFunction {
    const now = this.now();
    if (this.#functions.has(name)) throw new AwsError('ResourceConflictException', `Function already exist: ${name}`, 409);
    const fn: LambdaFunction = {
      ...spec,
      name,
      arn: this.functionArn(name),
      lastModified: now,
      revision: 1,
      reservedConcurrency: undefined,
      durationSeconds: this.#behaviours.get(name) ?? DEFAULT_FUNCTION_SECONDS,
    };
    this.#functions.set(name, fn);
    return fn;
  }

  updateFunction(reference: string, change: Partial<FunctionSpec>): LambdaFunction {
    const fn = this.function(reference);
    const now = this.now();
    const updated: LambdaFunction = { ...fn, ...change, lastModified: now, revision: fn.revision + 1 };
    this.#functions.set(fn.name, updated);
    return updated;
  }

  deleteFunction(reference: string): void {
    const fn = this.function(reference);
    this.sync();
    this.#functions.delete(fn.name);
  }

  setConcurrency(reference: string, reserved: number | undefined): LambdaFunction {
    const fn = this.function(reference);
    this.sync();
    fn.reservedConcurrency = reserved;
    return fn;
  }

  /** The admin route's behaviour: how long the function's runs take (also for a function created later). */
  setBehaviour(name: string, durationSeconds: number): void {
    this.#behaviours.set(name, durationSeconds);
    const fn = this.#functions.get(name);
    if (fn) fn.durationSeconds = durationSeconds;
  }

  /**
   * A direct Invoke (RequestResponse, Event or DryRun) now. Throttled: TooManyRequestsException. Otherwise the run is
   * recorded, runs for its duration on the clock, and its outcome (known now) is answered right away.
   */
  invoke(reference: string, invocationType: 'Event' | 'RequestResponse', payload: string): Invocation {
    const fn = this.function(reference);
    const now = this.now();
    const invocation = this.#start(fn, now, { source: 'invoke', invocationType, attempt: 1, duplicate: false, payload });
    if (invocation.result === 'throttled')
      throw Object.assign(new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429), { reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    return invocation;
  }

  // ---- history ----

  invocations(): readonly Invocation[] {
    return this.#invocations;
  }

  deliveries(): readonly Delivery[] {
    return this.#deliveries;
  }

  schedulerEvents(): readonly SchedulerEvent[] {
    return this.#events;
  }

  // ---- faults ----

  addFailure(fn: string, from: number, until: number | undefined, invocations: number | undefined, message: string | undefined): void {
    this.#fails.push({ function: fn, from, until, remaining: invocations, message: message ?? 'Injected failure (schedules-function-fails)' });
  }

  addThrottle(fn: string | undefined, from: number, until: number): void {
    this.#throttles.push({ function: fn, from, until });
  }

  addDuplicate(group: string, schedule: string, from: number): void {
    this.#duplicates.push({ group, schedule, from, used: false });
  }

  clearFaults(): void {
    this.#fails = [];
    this.#throttles = [];
    this.#duplicates = [];
  }

  describeFaults(): Record<string, unknown>[] {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return [
      ...this.#fails.map((fault) => ({
        type: 'schedules-function-fails',
        function: fault.function,
        from: iso(fault.from),
        until: iso(fault.until),
        remaining: fault.remaining ?? null,
      })),
      ...this.#throttles.map((fault) => ({ type: 'schedules-throttle', function: fault.function ?? null, from: iso(fault.from), until: iso(fault.until) })),
      ...this.#duplicates.map((fault) => ({
        type: 'schedules-duplicate-delivery',
        group: fault.group,
        schedule: fault.schedule,
        from: iso(fault.from),
        used: fault.used,
      })),
    ];
  }

  // ---- the clock ----

  sync(): void {
    const now = this.#clock.now();
    if (now < this.#syncedTo) return;
    for (const schedule of this.#schedules.values()) this.#fire(schedule, now);
    for (;;) {
      const ending = minBy(this.#running, (invocation) => invocation.endsAt!);
      const attempt = minBy(
        this.#active.filter((delivery) => delivery.state === 'pending'),
        (delivery) => delivery.nextAttemptAt,
      );
      const endAt = ending?.endsAt ?? Infinity;
      const attemptAt = attempt?.nextAttemptAt ?? Infinity;
      if (Math.min(endAt, attemptAt) > now) break;
      // Ends first at a tie: a finished run frees its concurrency for an attempt at the same instant.
      if (endAt <= attemptAt) this.#finish(ending!);
      else this.#attempt(attempt!, attemptAt);
    }
    this.#active = this.#active.filter((delivery) => delivery.state === 'pending' || delivery.state === 'in-flight');
    this.#syncedTo = now;
  }

  #fire(schedule: Schedule, now: number): void {
    const from = schedule.firedThrough;
    schedule.firedThrough = now;
    if (schedule.state !== 'ENABLED' || now <= from) return;
    const lower = Math.max(from, (schedule.startDate ?? -Infinity) - 1);
    const upper = Math.min(now, schedule.endDate ?? Infinity);
    if (upper <= lower) return;
    let slots: number[];
    try {
      slots = this.#evaluator.nextSlots(schedule.expression, schedule.timeZone, lower, upper, schedule.anchor);
    } catch {
      return;
    }
    for (const slot of slots) {
      const window = schedule.flexible.mode === 'FLEXIBLE' ? (schedule.flexible.maximumWindowInMinutes ?? 1) * 60_000 : 0;
      const dueAt = slot + Math.floor(this.#random() * window);
      this.#deliver(schedule, slot, dueAt, false);
      const duplicate = this.#duplicates.find(
        (fault) => !fault.used && fault.group === schedule.group && fault.schedule === schedule.name && slot >= fault.from,
      );
      if (duplicate) {
        duplicate.used = true;
        this.#deliver(schedule, slot, dueAt + 1000, true);
      }
    }
  }

  #deliver(schedule: Schedule, slot: number, dueAt: number, duplicate: boolean): void {
    const delivery: Delivery = {
      id: this.#nextId++,
      group: schedule.group,
      schedule: schedule.name,
      scheduleArn: schedule.arn,
      target: schedule.target,
      slot,
      dueAt,
      duplicate,
      attempts: 0,
      firstAttemptAt: undefined,
      nextAttemptAt: dueAt,
      state: 'pending',
    };
    this.#deliveries.push(delivery);
    this.#active.push(delivery);
    if (this.#deliveries.length > MAX_INVOCATIONS) {
      const drop = this.#deliveries.findIndex((old) => old.state === 'delivered' || old.state === 'dropped');
      if (drop >= 0) this.#deliveries.splice(drop, 1);
    }
  }

  #attempt(delivery: Delivery, at: number): void {
    delivery.attempts += 1;
    delivery.firstAttemptAt ??= at;
    this.#event(at, delivery.group, 'attempt');
    const fn = this.findFunction(delivery.target.arn);
    if (!fn) {
      this.#event(at, delivery.group, 'target-error');
      return this.#retry(delivery, at, `Function not found: ${delivery.target.arn}`);
    }
    const payload = contextPayload(delivery, at);
    const invocation = this.#start(fn, at, {
      source: 'scheduler',
      invocationType: 'Event',
      group: delivery.group,
      schedule: delivery.schedule,
      deliveryId: delivery.id,
      slot: delivery.slot,
      attempt: delivery.attempts,
      duplicate: delivery.duplicate,
      payload,
    });
    if (invocation.result === 'throttled') {
      this.#event(at, delivery.group, 'throttle');
      return this.#retry(delivery, at, 'Rate Exceeded.');
    }
    delivery.state = 'in-flight';
  }

  #retry(delivery: Delivery, at: number, error: string): void {
    delivery.lastError = error;
    const next = at + Math.min(RETRY_BASE_MS * 2 ** (delivery.attempts - 1), RETRY_MAX_MS);
    const policy = delivery.target.retryPolicy;
    const tooOld = next - delivery.firstAttemptAt! > policy.maximumEventAgeInSeconds * 1000;
    if (delivery.attempts > policy.maximumRetryAttempts || tooOld) {
      delivery.state = 'dropped';
      delivery.droppedAt = at;
      this.#event(at, delivery.group, 'drop');
      return;
    }
    delivery.state = 'pending';
    delivery.nextAttemptAt = next;
  }

  #start(
    fn: LambdaFunction,
    at: number,
    what: Pick<Invocation, 'source' | 'invocationType' | 'attempt' | 'duplicate' | 'payload'> &
      Partial<Pick<Invocation, 'group' | 'schedule' | 'deliveryId' | 'slot'>>,
  ): Invocation {
    const running = this.#running.filter((invocation) => invocation.functionName === fn.name).length;
    const throttled =
      (fn.reservedConcurrency !== undefined && running >= fn.reservedConcurrency) ||
      this.#throttles.some((fault) => (fault.function === undefined || fault.function === fn.name) && at >= fault.from && at < fault.until);
    const base = { id: this.#nextId++, functionName: fn.name, requestedAt: at, ...what, payload: what.payload.slice(0, 2048) };
    if (throttled) {
      const invocation: Invocation = { ...base, result: 'throttled', error: 'Rate Exceeded.' };
      this.#record(invocation);
      return invocation;
    }
    const failure = this.#failure(fn.name, at);
    const timedOut = fn.durationSeconds > fn.timeout;
    const seconds = timedOut ? fn.timeout : fn.durationSeconds;
    const invocation: Invocation = {
      ...base,
      startedAt: at,
      endsAt: at + Math.round(seconds * 1000),
      result: 'running',
      ...(failure !== undefined ? { error: failure } : timedOut ? { error: `Task timed out after ${fn.timeout.toFixed(2)} seconds` } : {}),
    };
    this.#record(invocation);
    this.#running.push(invocation);
    if (invocation.endsAt! <= at) this.#finish(invocation);
    return invocation;
  }

  #failure(name: string, at: number): string | undefined {
    for (const fault of this.#fails) {
      if (fault.function !== name || at < fault.from || (fault.until !== undefined && at >= fault.until)) continue;
      if (fault.remaining !== undefined) {
        if (fault.remaining <= 0) continue;
        fault.remaining -= 1;
      }
      return fault.message;
    }
    return undefined;
  }

  #finish(invocation: Invocation): void {
    this.#running = this.#running.filter((candidate) => candidate !== invocation);
    invocation.result = invocation.error === undefined ? 'succeeded' : 'failed';
    const delivery = invocation.deliveryId === undefined ? undefined : this.#active.find((candidate) => candidate.id === invocation.deliveryId);
    if (!delivery) return;
    if (invocation.result === 'succeeded') {
      delivery.state = 'delivered';
      return;
    }
    this.#event(invocation.endsAt!, delivery.group, 'target-error');
    this.#retry(delivery, invocation.endsAt!, invocation.error!);
  }

  #record(invocation: Invocation): void {
    this.#invocations.push(invocation);
    if (this.#invocations.length > MAX_INVOCATIONS) {
      const drop = this.#invocations.findIndex((old) => old.result !== 'running');
      if (drop >= 0) this.#invocations.splice(drop, 1);
    }
  }

  #event(at: number, group: string, kind: SchedulerEventKind): void {
    this.#events.push({ at, group, kind });
    if (this.#events.length > MAX_SCHEDULER_EVENTS) this.#events.splice(0, this.#events.length - MAX_SCHEDULER_EVENTS);
  }
}

/** The function name in a name, ARN or partial ARN (a `:qualifier` dropped). */
export function functionNameOf(reference: string): string {
  const match = /(?:^|:function:)([a-zA-Z0-9-_]+)(?::[^:]+)?$/.exec(reference);
  return match?.[1] ?? reference;
}

/** The target's Input with Scheduler's context attributes filled in (or `{}` without an Input). */
function contextPayload(delivery: Delivery, at: number): string {
  const input = delivery.target.input ?? '{}';
  return input
    .replaceAll('<aws.scheduler.scheduled-time>', new Date(delivery.slot).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.schedule-arn>', delivery.scheduleArn)
    .replaceAll('<aws.scheduler.execution-id>', `${delivery.id}-${hashString(`${delivery.scheduleArn}@${delivery.slot}`).toString(16)}`)
    .replaceAll('<aws.scheduler.attempt-number>', String(delivery.attempts))
    .replaceAll('<aws.scheduler.invoked-at>', new Date(at).toISOString());
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestKey = Infinity;
  for (const item of items) {
    const value = key(item);
    if (value < bestKey) {
      best = item;
      bestKey = value;
    }
  }
  return best;
}
