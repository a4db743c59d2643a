// A task's log as DMS writes it to CloudWatch Logs (group `dms-tasks-<instance>`, stream `dms-task-<task resource
// id>`), tailed only while someone reads it (dms.logs.follow): the newest lines first (GetLogEvents without a token),
// then only what is new (the forward token). Lines are parsed for their level and component, and values of
// password-like settings are masked before anything leaves; the core's redactor then hides every secret it knows.
import type { TaskLogLine, TaskLogView } from '../contract-views';
import type { CockpitEvent } from '../../../api/contract/events';
import { CallLedger, callAws, describeAwsError, type AwsCallOptions } from '../../../monitoring/aws-call';
import type { ReplicationApi } from './clients';

const LEVELS: Readonly<Record<string, TaskLogLine['level']>> = { E: 'error', W: 'warning', I: 'info', D: 'debug', T: 'trace', V: 'trace' };

/** `... [SOURCE_CAPTURE  ]I:  message (file.c:123)`: DMS's component in brackets, then a one-letter severity. */
const DMS_LINE = /\[([A-Z][A-Z0-9_]*)\s*\]([EWIDTV])\s*:/;

/** The level and component of a DMS log line (level `other` when it has no DMS severity marker). */
export function parseLogLine(text: string): { level: TaskLogLine['level']; component: string | null } {
  const match = DMS_LINE.exec(text);
  if (!match) return { level: 'other', component: null };
  return { level: LEVELS[match[2]!] ?? 'other', component: match[1]! };
}

const SECRET_SETTING =
  /\b(password|passwd|pwd|secret|secretaccesskey|secret_access_key|token|api[_-]?key|access[_-]?key)(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s;,&)"'}]+)/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)@/gi;

/**
 * Masks the values of password-like settings (`PWD=...;`, `password: ...`, `"token":"..."`) and the password of a
 * `user:password@` URL in a log line. DMS masks most of these itself; this is the second line of defence, the
 * core's redactor (every secret the plan names) the third.
 */
export function maskSecrets(text: string): string {
  return text
    .replace(SECRET_SETTING, (_all, key: string, separator: string, value: string) =>
      /^\*+$/.test(value.replace(/["']/g, '')) ? `${key}${separator}${value}` : `${key}${separator}***`,
    )
    .replace(URL_USERINFO, '$1***@');
}

export interface TaskLogFollowerOptions {
  /** The AWS API of a task's placement (account and region), or why there is none. */
  readonly apiOf: (taskKey: string) => ReplicationApi | { readonly unavailable: string };
  /** Where a task's log is, or why that is not known yet (its instance identifier or ARN not known). */
  readonly locate: (taskKey: string) => { group: string; stream: string } | { reason: string };
  readonly publish: (event: CockpitEvent) => void;
  /** Aborted when the monitor closes: ends polling and calls in flight. */
  readonly stop: AbortSignal;
  readonly call?: AwsCallOptions;
  /** Wall-clock ms between reads of the followed logs (default 2,000). */
  readonly pollMs?: number;
  /** Lines held per followed task (default 500). */
  readonly maxLines?: number;
  /** How many of the newest lines the first read fetches (default 200). */
  readonly initialLines?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}

interface Followed {
  readonly taskKey: string;
  group: string | null;
  stream: string | null;
  token: string | undefined;
  lines: TaskLogLine[];
  seq: number;
  state: TaskLogView['state'];
  message: string | null;
  readAt: number | null;
  failures: number;
  retryAt: number;
  /** Whether a client holds what was published (false until the first read after following). */
  published: boolean;
}

/** Follows at most a few tasks' logs at once (the contract's limit), each read at most once per poll. */
export class TaskLogFollower {
  private readonly followed = new Map<string, Followed>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** Calls made since the follower started, by operation (tests, and the logs' share of AWS traffic). */
  readonly ledger = new CallLedger();

  constructor(private readonly options: TaskLogFollowerOptions) {}

  /** Follows exactly these tasks from now on; answers what is held of each (empty for a newly followed one). */
  follow(taskKeys: readonly string[]): TaskLogView[] {
    const wanted = new Set(taskKeys);
    for (const key of [...this.followed.keys()]) if (!wanted.has(key)) this.followed.delete(key);
    let fresh = false;
    for (const taskKey of wanted) {
      if (this.followed.has(taskKey)) continue;
      fresh = true;
      this.followed.set(taskKey, {
        taskKey,
        group: null,
        stream: null,
        token: undefined,
        lines: [],
        seq: 0,
        state: 'waiting',
        message: null,
        readAt: null,
        failures: 0,
        retryAt: 0,
        published: false,
      });
    }
    if (this.followed.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    } else if (fresh) this.schedule(0);
    else if (!this.timer && !this.polling) this.schedule(this.pollMs);
    return taskKeys.map((key) => this.viewOf(this.followed.get(key)!, this.followed.get(key)!.lines));
  }

  /** Reads every followed log once now (or waits for the read in flight). */
  pollNow(): Promise<void> {
    this.polling ??= this.pollAll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.followed.clear();
  }

  /** The held view of a followed task (undefined when not followed). */
  view(taskKey: string): TaskLogView | undefined {
    const followed = this.followed.get(taskKey);
    return followed ? this.viewOf(followed, followed.lines) : undefined;
  }

  private get pollMs(): number {
    return this.options.pollMs ?? 2000;
  }

  private schedule(delayMs: number): void {
    if (this.options.stop.aborted) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow().finally(() => {
        if (this.followed.size > 0 && !this.timer) this.schedule(this.pollMs);
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async pollAll(): Promise<void> {
    for (const followed of [...this.followed.values()]) {
      if (this.options.stop.aborted) return;
      try {
        await this.read(followed);
      } catch (error) {
        // Never expected (read settles every call), but one task's bug must not stop the others or escape.
        this.options.log?.(`dms log of ${followed.taskKey}: ${describeAwsError(error)}`);
      }
    }
  }

  private async read(followed: Followed): Promise<void> {
    const now = Date.now();
    const api = this.options.apiOf(followed.taskKey);
    if ('unavailable' in api) return this.setState(followed, 'error', `cannot read the task's log: ${api.unavailable}`);
    const where = this.options.locate(followed.taskKey);
    if ('reason' in where) return this.setState(followed, 'waiting', where.reason);
    if (where.group !== followed.group || where.stream !== followed.stream) {
      // Another log (a new task ARN or instance): what was held belongs to the old one.
      const moved = followed.group !== null;
      Object.assign(followed, {
        group: where.group,
        stream: where.stream,
        token: undefined,
        lines: [],
        state: 'waiting' as const,
        message: null,
        failures: 0,
        retryAt: 0,
      });
      if (moved) this.publish(followed, followed.lines, false);
    }
    if (now < followed.retryAt) return;
    const fresh: TaskLogLine[] = [];
    try {
      for (let page = 0; page < 3; page++) {
        const initial = followed.token === undefined;
        const limit = initial ? (this.options.initialLines ?? 200) : 1000;
        const answer = await callAws(
          'GetLogEvents',
          (signal) => api.getLogEvents({ group: where.group, stream: where.stream, ...(followed.token ? { nextToken: followed.token } : {}), limit }, signal),
          this.ledger,
          this.options.stop,
          this.options.call,
        );
        if (followed.group !== where.group || !this.followed.has(followed.taskKey)) return; // moved or dropped meanwhile
        for (const event of answer.events) fresh.push(this.lineOf(followed, event.timestamp, event.message));
        const sameToken = answer.nextForwardToken === undefined || answer.nextForwardToken === followed.token;
        if (answer.nextForwardToken) followed.token = answer.nextForwardToken;
        // The first read is the tail only. A full page may have more behind it; the same token back means the end
        // of the stream for now.
        if (initial || sameToken || answer.events.length < limit) break;
      }
    } catch (error) {
      if (this.options.stop.aborted) return;
      const name = (error as { name?: string }).name;
      // No log yet is asked again at the normal pace; a failing read backs off (doubling, at most 30 s).
      followed.failures = name === 'ResourceNotFoundException' ? 0 : followed.failures + 1;
      followed.retryAt = followed.failures === 0 ? 0 : Date.now() + Math.min(30_000, this.pollMs * 2 ** Math.min(followed.failures - 1, 5));
      if (name === 'ResourceNotFoundException') {
        return this.setState(
          followed,
          'no-log',
          `no log at ${where.group} / ${where.stream} yet: ${describeAwsError(error)} (DMS writes it once the task runs with logging enabled, Logging.EnableLogging in its settings)`,
        );
      }
      const hint = name === 'AccessDeniedException' ? ' (the credentials need logs:GetLogEvents on the dms-tasks-* log groups)' : '';
      return this.setState(followed, 'error', `reading the log failed: ${describeAwsError(error)}${hint}; retrying`);
    }
    followed.failures = 0;
    followed.readAt = this.options.clock?.() ?? Date.now();
    const changed = followed.state !== 'following' || followed.message !== null;
    followed.state = 'following';
    followed.message = null;
    const max = this.options.maxLines ?? 500;
    if (fresh.length > 0) followed.lines = [...followed.lines, ...fresh].slice(-max);
    if (fresh.length > 0 || changed || !followed.published) this.publish(followed, fresh.slice(-max), followed.published);
  }

  private lineOf(followed: Followed, timestamp: number, message: string): TaskLogLine {
    const text = maskSecrets(message.replace(/\s+$/, ''));
    const { level, component } = parseLogLine(text);
    return { seq: ++followed.seq, at: new Date(Number.isFinite(timestamp) ? timestamp : 0).toISOString(), level, component, text };
  }

  private setState(followed: Followed, state: TaskLogView['state'], message: string): void {
    if (followed.state === state && followed.message === message && followed.published) return;
    followed.state = state;
    followed.message = message;
    this.publish(followed, [], followed.published);
  }

  private publish(followed: Followed, lines: readonly TaskLogLine[], append: boolean): void {
    followed.published = true;
    this.options.publish({ type: 'dms.log', log: this.viewOf(followed, append ? lines : followed.lines), append });
  }

  private viewOf(followed: Followed, lines: readonly TaskLogLine[]): TaskLogView {
    return {
      taskKey: followed.taskKey,
      group: followed.group,
      stream: followed.stream,
      state: followed.state,
      message: followed.message,
      lines: [...lines],
      readAt: followed.readAt !== null ? new Date(followed.readAt).toISOString() : null,
    };
  }
}
