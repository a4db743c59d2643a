// Turns the engine's event stream for one operation into a progress model (resources started / done / failed,
// each resource's step, the change summary) and into log lines for the live event log.
import type { EngineEvent, OpType, StepEventMetadata } from '@pulumi/pulumi/automation';
import type { OperationLogLine, ResourceStepView } from '../api/contract';

/** Steps that change nothing are counted but kept out of the step list, which shows what the operation did. */
const QUIET_OPS: ReadonlySet<OpType> = new Set(['same', 'read', 'refresh']);
const STACK_TYPE = 'pulumi:pulumi:Stack';

export interface ProgressCounts {
  /** Resources the engine has started a step for. */
  started: number;
  done: number;
  failed: number;
}

export class ProgressTracker {
  private readonly steps = new Map<string, ResourceStepView>();
  readonly counts: ProgressCounts = { started: 0, done: 0, failed: 0 };
  changes: Record<string, number> | null = null;
  private logSeq = 0;

  constructor(private readonly operationId: string) {}

  /** Applies one engine event; returns the log lines it produced (possibly none). */
  apply(event: EngineEvent): OperationLogLine[] {
    const at = new Date(event.timestamp * 1000).toISOString();
    if (event.resourcePreEvent) return this.onPre(event.resourcePreEvent.metadata, at);
    if (event.resOutputsEvent) return this.onDone(event.resOutputsEvent.metadata, at);
    if (event.resOpFailedEvent) return this.onFailed(event.resOpFailedEvent.metadata, at);
    if (event.diagnosticEvent) {
      const { severity, message, urn } = event.diagnosticEvent;
      // The engine also streams its debug chatter (RPC traces) as diagnostics; the operator's log is for the rest.
      if ((severity as string) === 'debug') return [];
      const text = stripAnsi(message).trimEnd();
      if (text === '') return [];
      const level = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info';
      return [this.line(at, level, text, urn)];
    }
    if (event.summaryEvent) {
      this.changes = { ...event.summaryEvent.resourceChanges } as Record<string, number>;
      const parts = Object.entries(this.changes).map(([op, count]) => `${count} ${op}`);
      return [this.line(at, 'info', `summary: ${parts.join(', ') || 'no changes'} in ${event.summaryEvent.durationSeconds} s`)];
    }
    return [];
  }

  stepList(limit = 500): ResourceStepView[] {
    const all = [...this.steps.values()];
    return all.length > limit ? all.slice(all.length - limit) : all;
  }

  private onPre(metadata: StepEventMetadata, at: string): OperationLogLine[] {
    if (metadata.type === STACK_TYPE) return [];
    this.counts.started++;
    if (!QUIET_OPS.has(metadata.op)) this.steps.set(metadata.urn, toStep(metadata, 'running'));
    return QUIET_OPS.has(metadata.op) ? [] : [this.line(at, 'info', `${metadata.op} ${nameOf(metadata.urn)} (${metadata.type})`, metadata.urn)];
  }

  private onDone(metadata: StepEventMetadata, at: string): OperationLogLine[] {
    if (metadata.type === STACK_TYPE) return [];
    this.counts.done++;
    if (QUIET_OPS.has(metadata.op)) return [];
    this.steps.set(metadata.urn, toStep(metadata, 'done'));
    return [this.line(at, 'info', `${pastTense(metadata.op)} ${nameOf(metadata.urn)}`, metadata.urn)];
  }

  private onFailed(metadata: StepEventMetadata, at: string): OperationLogLine[] {
    this.counts.failed++;
    this.steps.set(metadata.urn, toStep(metadata, 'failed'));
    return [this.line(at, 'error', `failed to ${metadata.op} ${nameOf(metadata.urn)}`, metadata.urn)];
  }

  private line(at: string, level: OperationLogLine['level'], text: string, urn?: string): OperationLogLine {
    return { operationId: this.operationId, seq: ++this.logSeq, at, level, text, ...(urn ? { urn } : {}) };
  }
}

function toStep(metadata: StepEventMetadata, status: ResourceStepView['status']): ResourceStepView {
  const diffs = metadata.detailedDiff ? Object.keys(metadata.detailedDiff) : (metadata.diffs ?? []);
  return { urn: metadata.urn, name: nameOf(metadata.urn), type: metadata.type, op: metadata.op, status, diffs };
}

/** The resource's name is the URN's last `::` segment. */
export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf('::') + 2);
}

function pastTense(op: OpType): string {
  switch (op) {
    case 'create':
      return 'created';
    case 'update':
      return 'updated';
    case 'delete':
      return 'deleted';
    case 'replace':
      return 'replaced';
    default:
      return `${op} done:`;
  }
}

function stripAnsi(text: string): string {
  // The engine colors diagnostics for terminals; the UI shows plain text.
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m|<\{%[^%]*%\}>/g, '');
}
