// The simulated tasks' CloudWatch Logs: DMS writes each task's log to the group `dms-tasks-<replication instance
// id>`, stream `dms-task-<task resource id>` (the last segment of its ARN), created when the task first logs (its
// first start). Lines look like DMS's own: `<time> [<COMPONENT>]<severity>:  <text>`. Every event has a number
// that only grows, across streams, so tokens name positions that stay valid while lines are added or trimmed.
// The kernel's CloudWatch Logs reads them as a log source (track.ts).
import type { LogStream } from '../../kernel/log-registry';

export const LOG_LINES_PER_STREAM = 1000;

export type LogSeverity = 'E' | 'W' | 'I' | 'D';

/** `2026-12-05T00:00:05 [TASK_MANAGER    ]I:  text`: DMS's component padded to 16, then the one-letter severity. */
export function dmsLogLine(at: number, component: string, severity: LogSeverity, text: string): string {
  return `${new Date(at).toISOString().slice(0, 19)} [${component.padEnd(16)}]${severity}:  ${text}`;
}

export class TaskLogs {
  readonly #groups = new Map<string, Map<string, LogStream>>();
  #nextId = 1;

  /** Appends a line to a task's stream, creating its group and stream on first use. */
  append(instanceId: string, taskResourceId: string, at: number, component: string, severity: LogSeverity, text: string): void {
    const group = `dms-tasks-${instanceId}`;
    const name = `dms-task-${taskResourceId}`;
    let streams = this.#groups.get(group);
    if (!streams) this.#groups.set(group, (streams = new Map()));
    let stream = streams.get(name);
    if (!stream) streams.set(name, (stream = { group, name, createdAt: at, events: [] }));
    stream.events.push({ id: this.#nextId++, timestamp: at, ingestionTime: at + 200, message: dmsLogLine(at, component, severity, text) });
    // Trim in batches, so appending stays O(1) amortized.
    if (stream.events.length > LOG_LINES_PER_STREAM * 1.1) stream.events = stream.events.slice(-LOG_LINES_PER_STREAM);
  }

  group(name: string): ReadonlyMap<string, LogStream> | undefined {
    return this.#groups.get(name);
  }

  /** The id the next event will get (a position after everything written so far). */
  get end(): number {
    return this.#nextId - 1;
  }
}
