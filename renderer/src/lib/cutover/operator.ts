// Who acts: the name typed last in this window, what a confirmation still misses, who did what in words.
import type { RunActorView } from '../../../../main/api/contract';
import { MIN_OVERRIDE_REASON } from '../../../../common/limits';
import { awsCallerShort } from '../journal-actor';

/** An override's reason is long enough to say why (the core checks it again). */
export function isOverrideReasonValid(reason: string): boolean {
  return reason.trim().length >= MIN_OVERRIDE_REASON;
}

const OPERATOR_KEY = 'cockpit.cutover.operator';
/** The name typed last, when sessionStorage cannot keep it (sandboxed, quota). */
let operatorInMemory = '';

/**
 * The name typed last in this window (a confirmation's "by" field), or ''. Kept in sessionStorage: it prefills the
 * next confirmation in this window only — a name, never a secret, and not handed to whoever opens the cockpit next.
 */
export function storedOperator(): string {
  try {
    return globalThis.sessionStorage?.getItem(OPERATOR_KEY) ?? operatorInMemory;
  } catch {
    return operatorInMemory;
  }
}

/** Remembers the name typed (trimmed; an emptied field keeps the name typed before). */
export function storeOperator(name: string): void {
  const trimmed = name.trim();
  if (!trimmed) return;
  operatorInMemory = trimmed;
  try {
    globalThis.sessionStorage?.setItem(OPERATOR_KEY, trimmed);
  } catch {
    // Storage unavailable: the name is remembered in memory only.
  }
}

/**
 * What a confirmation still misses before its button enables, in words: ["your name", "a reason (at least 10
 * characters)"]. `reason` is null when the confirmation asks for none.
 */
export function missingInputs(name: string, reason: string | null): string[] {
  return [
    ...(name.trim() ? [] : ['your name']),
    ...(reason === null || isOverrideReasonValid(reason)
      ? []
      : [reason.trim() ? `a longer reason (at least ${MIN_OVERRIDE_REASON} characters)` : `a reason (at least ${MIN_OVERRIDE_REASON} characters)`]),
  ];
}

/** "Type your name and a reason (…) to roll back.", or null when nothing is missing. */
export function missingHint(missing: readonly string[], action: string): string | null {
  if (missing.length === 0) return null;
  return `Type ${missing.join(' and ')} to ${action}.`;
}

export interface WhoWords {
  /** The typed name, or the OS user when the name typed was only the OS user's. */
  readonly name: string;
  /** What the journal recorded beside it: the OS user and, on AWS, the caller in short; null when not known. */
  readonly actor: string | null;
  /** The full record for a tooltip (the caller's whole ARN), or undefined when no actor is known. */
  readonly title: string | undefined;
}

/**
 * Who started, confirmed or finalized a run, as the journal does: the typed name, with the OS user (user@host) and,
 * on AWS, the caller identity beside it, never instead of it: "Dana Ops (OS user ops1@ws-17 · AWS
 * assumed-role/Operator/dana @ 111122223333)". A typed name that is the OS user's is not said twice.
 */
export function whoWords(typed: string, actor: RunActorView | undefined): WhoWords {
  if (!actor) return { name: typed, actor: null, title: undefined };
  const aws = actor.awsIdentity ? `AWS ${awsCallerShort(actor.awsIdentity)}` : null;
  const title = `Recorded in the journal as ${actor.actor}${actor.awsIdentity ? ` as ${actor.awsIdentity.arn}` : ''}`;
  const name = typed.trim();
  const osUser = actor.actor.split('@')[0];
  if (name === '' || name === actor.actor || name === osUser) return { name: actor.actor, actor: aws, title };
  return { name, actor: [`OS user ${actor.actor}`, aws].filter(Boolean).join(' · '), title };
}

/** whoWords in one line: "Dana Ops (OS user ops1@ws-17 · AWS …)". */
export function whoText(typed: string, actor: RunActorView | undefined): string {
  const words = whoWords(typed, actor);
  return words.actor ? `${words.name} (${words.actor})` : words.name;
}
