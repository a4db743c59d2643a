// Who did a journaled thing, as the journal view shows it: the OS user (the entry's actor), the AWS caller identity
// beside it when the cockpit acted on AWS, and, in a column of its own, the name the operator typed into a
// confirmation (who confirmed a step, started, paused or finalized a run), which is recorded beside the actor in
// the entry's details and never replaces it.
import type { JournalEntryView } from '../../../main/api/contract';

/** The AWS caller in short: the ARN's resource and its account, e.g. "assumed-role/Operator/alice @ 111122223333". */
export function awsCallerShort(identity: NonNullable<JournalEntryView['awsIdentity']>): string {
  const resource = /^arn:[a-z-]+:(?:iam|sts)::\d{12}:(.+)$/.exec(identity.arn)?.[1] ?? identity.arn;
  return `${resource} @ ${identity.accountId}`;
}

/**
 * The name typed into the confirmation the entry records, or null. A runbook command sent without a typed name
 * records the OS user's name in its place: that is not a typed name, and is left out here.
 */
export function typedNameOf(entry: Pick<JournalEntryView, 'actor' | 'details'>): string | null {
  const details = entry.details;
  if (!details) return null;
  const osUser = entry.actor.split('@')[0];
  for (const key of ['confirmedBy', 'by']) {
    const value = details[key];
    if (typeof value === 'string' && value.trim() !== '' && value !== osUser && value !== entry.actor) return value;
  }
  return null;
}

/** What the journal knows of one operation across its entries: the name typed for it (and where), its kind and its parent. */
interface OperationFacts {
  typed: string | null;
  /** The seq of the entry that carries the typed name. */
  typedSeq: number;
  kind: JournalEntryView['kind'];
  parent: string | undefined;
}

export type JournalOperations = ReadonlyMap<string, Readonly<OperationFacts>>;

/**
 * Each operation of the journal with the name typed for it (the first entry that carries one, usually its "started"
 * entry), its kind and the operation it is part of. Entries oldest first.
 */
export function journalOperations(
  entries: readonly Pick<JournalEntryView, 'seq' | 'operationId' | 'kind' | 'parentOperationId' | 'actor' | 'details'>[],
): JournalOperations {
  const operations = new Map<string, OperationFacts>();
  for (const entry of entries) {
    const known = operations.get(entry.operationId);
    if (!known) {
      operations.set(entry.operationId, { typed: typedNameOf(entry), typedSeq: entry.seq, kind: entry.kind, parent: entry.parentOperationId });
      continue;
    }
    if (known.typed === null) {
      known.typed = typedNameOf(entry);
      known.typedSeq = entry.seq;
    }
    known.parent ??= entry.parentOperationId;
  }
  return operations;
}

/** The typed name a row shows: its own, else the one typed for its operation or an operation it is part of. */
export type ShownTypedName =
  { readonly name: string; readonly from: 'entry' } | { readonly name: string; readonly from: 'operation' | 'parent'; readonly kind: JournalEntryView['kind'] };

/** Operations nest a few levels at most (a compensating step in a rollback of a run); this bounds a damaged chain. */
const MAX_PARENTS = 4;

/** Only a name typed before the entry counts: a step's "started" row does not show who confirmed it later. */
export function shownTypedName(
  entry: Pick<JournalEntryView, 'seq' | 'operationId' | 'parentOperationId' | 'actor' | 'details'>,
  operations: JournalOperations,
): ShownTypedName | null {
  const own = typedNameOf(entry);
  if (own !== null) return { name: own, from: 'entry' };
  const typedBefore = (facts: Readonly<OperationFacts>) => facts.typed !== null && facts.typedSeq < entry.seq;
  const operation = operations.get(entry.operationId);
  if (operation && typedBefore(operation)) return { name: operation.typed!, from: 'operation', kind: operation.kind };
  let parentId = entry.parentOperationId ?? operation?.parent;
  for (let depth = 0; parentId !== undefined && depth < MAX_PARENTS; depth++) {
    const parent = operations.get(parentId);
    if (!parent) return null;
    if (typedBefore(parent)) return { name: parent.typed!, from: 'parent', kind: parent.kind };
    parentId = parent.parent;
  }
  return null;
}
