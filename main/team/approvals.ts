// Four-eyes approvals: a cutover's start or a runbook step that the plan says needs N approvals waits for N of the
// team's approvers, none of them the operator who asked. Every request, approval and refusal is a journal entry
// (kind `team-approval`), so every cockpit, the evidence pack and a restarted cockpit read the same state: this
// module folds those entries (pure) and answers the runbook's questions over the fold.
import { randomUUID } from 'node:crypto';
import { CommandError } from '../../common/command-error';
import type { JournalEntry, JournalEntryInput } from '../journal/entry';
import { clockOf } from '../../common/team';

export type ApprovalStatus = 'pending' | 'granted' | 'refused' | 'used' | 'withdrawn';

export interface ApprovalRequest {
  readonly requestId: string;
  readonly waveId: string;
  /** The step that needs it; null: the cutover's start. */
  readonly stepId: string | null;
  /** The run whose step asked (a step's request), null for a start. */
  readonly runId: string | null;
  readonly needed: number;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly approvals: { readonly by: string; readonly at: string; readonly note?: string }[];
  readonly refusal: { readonly by: string; readonly at: string; readonly reason: string } | null;
  readonly status: ApprovalStatus;
}

/** The minimum length of a refusal's reason: it goes into the evidence pack. */
export const MIN_REFUSAL_REASON = 10;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fold of `team-approval` entries (and the cutover starts that used a granted start approval). */
export class ApprovalLedger {
  private readonly requests = new Map<string, Mutable<ApprovalRequest>>();
  /** The newest seq folded in: an entry at or before it was folded already (the journal's history, then live ones). */
  private lastSeq = 0;

  constructor(entries: readonly JournalEntry[] = []) {
    for (const entry of entries) this.apply(entry);
  }

  apply(entry: JournalEntry): void {
    if (entry.seq <= this.lastSeq) return;
    this.lastSeq = entry.seq;
    if (entry.kind === 'cutover' && entry.phase === 'started' && typeof entry.details?.approvalRequestId === 'string') {
      const used = this.requests.get(entry.details.approvalRequestId);
      if (used && used.status === 'granted') used.status = 'used';
      return;
    }
    if (entry.kind !== 'team-approval') return;
    const details = entry.details ?? {};
    if (entry.phase === 'started') {
      const waveId = entry.target.type === 'wave' || entry.target.type === 'cutover-step' ? entry.target.waveId : null;
      if (!waveId) return;
      this.requests.set(entry.operationId, {
        requestId: entry.operationId,
        waveId,
        stepId: entry.target.type === 'cutover-step' ? entry.target.stepId : null,
        runId: typeof details.runId === 'string' ? details.runId : null,
        needed: typeof details.needed === 'number' ? details.needed : 1,
        requestedBy: entry.actor,
        requestedAt: entry.at,
        approvals: [],
        refusal: null,
        status: 'pending',
      });
      return;
    }
    const request = entry.parentOperationId ? this.requests.get(entry.parentOperationId) : undefined;
    if (!request || request.status !== 'pending') return;
    if (entry.phase === 'cancelled') {
      request.status = 'withdrawn';
    } else if (details.decision === 'approve') {
      // The asker never counts, and no one counts twice.
      if (entry.actor === request.requestedBy || request.approvals.some((approval) => approval.by === entry.actor)) return;
      request.approvals = [...request.approvals, { by: entry.actor, at: entry.at, ...(typeof details.note === 'string' ? { note: details.note } : {}) }];
      if (request.approvals.length >= request.needed) request.status = 'granted';
    } else if (details.decision === 'refuse') {
      request.refusal = { by: entry.actor, at: entry.at, reason: typeof details.reason === 'string' ? details.reason : '' };
      request.status = 'refused';
    }
  }

  get(requestId: string): ApprovalRequest | undefined {
    return this.requests.get(requestId);
  }

  /** Every request, newest first. */
  all(): ApprovalRequest[] {
    return [...this.requests.values()].reverse();
  }

  /** The newest request for a wave's start (stepId null) or a step of a run, if any. */
  latest(waveId: string, stepId: string | null, runId: string | null = null): ApprovalRequest | undefined {
    return this.all().find((request) => request.waveId === waveId && request.stepId === stepId && (stepId === null || request.runId === runId));
  }
}

export interface ApprovalServiceOptions {
  readonly ledger: ApprovalLedger;
  readonly actor: string;
  /** Whether this operator is an approver of the team. */
  readonly isApprover: () => boolean;
  readonly journal: (input: JournalEntryInput) => Promise<JournalEntry>;
  /** The ledger changed (the team view shows the requests). */
  readonly onChange?: () => void;
}

/**
 * The commands and the runbook's waits over the ledger. Waiters are woken by `changed()`, which the core calls after
 * every journal entry it folds in (this cockpit's own or another's).
 */
export class ApprovalService {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: ApprovalServiceOptions) {}

  get ledger(): ApprovalLedger {
    return this.options.ledger;
  }

  /** Folds a journal entry (this cockpit's or another's, in seq order); a request's change wakes its waiters. */
  observe(entry: JournalEntry): void {
    this.ledger.apply(entry);
    if (entry.kind !== 'team-approval' && entry.kind !== 'cutover') return;
    for (const wake of [...this.waiters]) wake();
    this.options.onChange?.();
  }

  /** Asks for the approvals of a cutover's start (or answers the pending request there is). */
  async requestStart(waveId: string, needed: number): Promise<ApprovalRequest> {
    const pending = this.ledger.latest(waveId, null);
    if (pending && (pending.status === 'pending' || pending.status === 'granted')) return pending;
    return this.request(
      waveId,
      null,
      null,
      needed,
      `${this.options.actor} asks for ${needed} approval${needed === 1 ? '' : 's'} to start the cutover of ${waveId}`,
    );
  }

  /** The granted, unused approval of a wave's start, or a refusal that says what is missing. */
  grantedStart(waveId: string, needed: number): ApprovalRequest {
    const request = this.ledger.latest(waveId, null);
    if (request?.status === 'granted') return request;
    const given = request?.status === 'pending' ? request.approvals.length : 0;
    const state =
      request?.status === 'pending'
        ? `asked by ${request.requestedBy} at ${clockOf(request.requestedAt)}; ${given} of ${needed} given${request.approvals.length > 0 ? ` (${request.approvals.map((approval) => approval.by).join(', ')})` : ''}`
        : request?.status === 'refused'
          ? `refused by ${request.refusal!.by}: ${request.refusal!.reason}; ask again`
          : 'ask for it first';
    throw new CommandError(
      'failed',
      `the cutover of ${waveId} needs ${needed} approval${needed === 1 ? '' : 's'} from the team's approvers before it starts: ${state}`,
    );
  }

  /** An approver's decision on a request (never the asker's own); journaled, with the reason of a refusal. */
  async decide(requestId: string, decision: 'approve' | 'refuse', words?: string): Promise<ApprovalRequest> {
    const request = this.ledger.get(requestId);
    if (!request) throw new CommandError('not-found', `no approval request ${requestId}`);
    if (request.status !== 'pending') throw new CommandError('failed', `that request is ${request.status} already`);
    if (!this.options.isApprover()) throw new CommandError('failed', `${this.options.actor} is not an approver in this plan's team`);
    if (request.requestedBy === this.options.actor)
      throw new CommandError('failed', 'four eyes: the operator who asked cannot approve or refuse their own request');
    if (request.approvals.some((approval) => approval.by === this.options.actor)) throw new CommandError('failed', 'you approved this request already');
    const reason = words?.trim() ?? '';
    if (decision === 'refuse' && reason.length < MIN_REFUSAL_REASON) {
      throw new CommandError('bad-request', `a refusal needs a reason of at least ${MIN_REFUSAL_REASON} characters; it goes into the evidence pack`);
    }
    const what = request.stepId ? `step ${request.stepId} of ${request.waveId}` : `the start of ${request.waveId}'s cutover`;
    await this.options.journal({
      operationId: randomUUID(),
      parentOperationId: request.requestId,
      kind: 'team-approval',
      target: request.stepId ? { type: 'cutover-step', waveId: request.waveId, stepId: request.stepId } : { type: 'wave', waveId: request.waveId },
      phase: decision === 'approve' ? 'succeeded' : 'failed',
      message:
        decision === 'approve' ? `${this.options.actor} approved ${what}${reason ? `: ${reason}` : ''}` : `${this.options.actor} refused ${what}: ${reason}`,
      details: decision === 'approve' ? { decision, ...(reason ? { note: reason } : {}) } : { decision, reason },
    });
    return this.ledger.get(requestId)!;
  }

  /**
   * A runbook step that needs approvals: asks (once per attempt) and waits until they are given (the approvers'
   * names) or one is refused (its words); an aborted run stops the wait.
   */
  async forStep(
    run: { readonly runId: string; readonly waveId: string },
    stepId: string,
    needed: number,
    signal: AbortSignal,
    onWaiting: (message: string) => void,
  ): Promise<{ ok: true; approvedBy: string[] } | { ok: false; message: string }> {
    let request = this.ledger.latest(run.waveId, stepId, run.runId);
    if (!request || request.status === 'refused' || request.status === 'withdrawn' || request.status === 'used') {
      request = await this.request(
        run.waveId,
        stepId,
        run.runId,
        needed,
        `${this.options.actor}'s runbook asks for ${needed} approval${needed === 1 ? '' : 's'} before step ${stepId} of ${run.waveId}`,
      );
    }
    const requestId = request.requestId;
    for (;;) {
      const now = this.ledger.get(requestId)!;
      if (now.status === 'granted' || now.status === 'used') return { ok: true, approvedBy: now.approvals.map((approval) => approval.by) };
      if (now.status === 'refused') return { ok: false, message: `refused by ${now.refusal!.by}: ${now.refusal!.reason}` };
      if (signal.aborted) return { ok: false, message: 'not approved: the run was stopped while it waited' };
      onWaiting(
        `waiting for ${needed - now.approvals.length} more approval${needed - now.approvals.length === 1 ? '' : 's'} from the team's approvers (asked ${clockOf(now.requestedAt)}${now.approvals.length > 0 ? `; approved by ${now.approvals.map((approval) => approval.by).join(', ')}` : ''})`,
      );
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.add(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  private async request(waveId: string, stepId: string | null, runId: string | null, needed: number, message: string): Promise<ApprovalRequest> {
    const requestId = randomUUID();
    await this.options.journal({
      operationId: requestId,
      kind: 'team-approval',
      target: stepId ? { type: 'cutover-step', waveId, stepId } : { type: 'wave', waveId },
      phase: 'started',
      message,
      details: { needed, ...(runId ? { runId } : {}) },
    });
    return this.ledger.get(requestId)!;
  }
}
