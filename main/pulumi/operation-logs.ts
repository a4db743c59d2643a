// The log lines of recent operations, kept so a window that opens (or reconnects) after an operation started still
// shows what it printed. Bounded twice: the newest `linesPerOperation` lines of each of the newest `operations`
// operations (defaults: 1,000 × 50, a few MB at most); what is dropped is counted, never silently lost.
import type { OperationLogLine } from '../api/contract';

export interface OperationLogTail {
  readonly operationId: string;
  /** The newest lines, oldest first. */
  readonly lines: OperationLogLine[];
  /** Lines the operation printed before the kept ones. */
  readonly dropped: number;
  /** False when the cockpit keeps no log for this operation (too old, or never run by this core). */
  readonly kept: boolean;
}

export class OperationLogs {
  private readonly logs = new Map<string, { lines: OperationLogLine[]; dropped: number }>();

  constructor(
    private readonly linesPerOperation = 1000,
    private readonly operations = 50,
  ) {}

  add(line: OperationLogLine): void {
    let log = this.logs.get(line.operationId);
    if (!log) {
      log = { lines: [], dropped: 0 };
      this.logs.set(line.operationId, log);
      // Map order is insertion order: the first key is the oldest operation.
      if (this.logs.size > this.operations) this.logs.delete(this.logs.keys().next().value!);
    }
    log.lines.push(line);
    if (log.lines.length > this.linesPerOperation) {
      log.lines.shift();
      log.dropped += 1;
    }
  }

  tail(operationId: string): OperationLogTail {
    const log = this.logs.get(operationId);
    return log ? { operationId, lines: [...log.lines], dropped: log.dropped, kept: true } : { operationId, lines: [], dropped: 0, kept: false };
  }
}
