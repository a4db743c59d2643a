// The log groups CloudWatch Logs serves: each track registers a source of groups (DMS: its tasks' logs), and the
// first source that knows a group answers for it.

export interface LogEvent {
  /** Increasing across every stream of its source (paging positions). */
  readonly id: number;
  /** Simulated epoch ms. */
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
}

export interface LogStream {
  readonly group: string;
  readonly name: string;
  readonly createdAt: number;
  /** Oldest first. */
  events: LogEvent[];
}

export interface LogGroup {
  readonly streams: ReadonlyMap<string, LogStream>;
  /** The id of the newest event its source wrote (a position after everything written so far). */
  readonly end: number;
}

export interface LogSource {
  group(name: string): LogGroup | undefined;
}

export class LogRegistry {
  readonly #sources: LogSource[] = [];

  register(source: LogSource): void {
    this.#sources.push(source);
  }

  group(name: string): LogGroup | undefined {
    for (const source of this.#sources) {
      const group = source.group(name);
      if (group) return group;
    }
    return undefined;
  }
}
