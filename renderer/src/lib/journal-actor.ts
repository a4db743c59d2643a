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
