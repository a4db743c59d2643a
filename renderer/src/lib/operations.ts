// How operations read to an operator: names of kinds and statuses, progress, change summaries. Pure functions.
import type { JournalEntryView, OperationView } from '../../../main/api/contract';

export type OperationStatus = OperationView['status'];
export type JournalKind = JournalEntryView['kind'];
export type JournalPhase = JournalEntryView['phase'];

// Every kind the core journals has words here, a track's kinds in its TrackUi.journalKinds (lib/journal-text.ts asks
// them first); renderer/src/tracks/tracks.test.ts holds every kind of the contract to words, so no internal key such
// as `wave-rollback` reaches the screen.
const KIND_LABELS: Readonly<Partial<Record<JournalKind, string>>> = {
  preview: 'Preview',
  up: 'Deploy',
  refresh: 'Refresh',
  destroy: 'Destroy',
  rollback: 'Rollback',
  register: 'Register',
  deregister: 'Deregister',
  recover: 'Recover',
  cancel: 'Cancel',
  'wave-deploy': 'Wave deploy',
  'wave-rollback': 'Undo wave deploy',
  cutover: 'Cutover',
  'cutover-step': 'Cutover step',
  'cutover-control': 'Cutover control',
  'cutover-snapshot': 'Cutover snapshot',
  'cutover-rollback': 'Cutover rollback',
  'cutover-compensate': 'Rollback step',
  'team-lock': 'Wave lock',
  'team-approval': 'Approval',
};

/** A journal entry's phase in words. */
export const JOURNAL_PHASE_LABELS: Readonly<Record<JournalPhase, string>> = {
  started: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
};

const KIND_RUNNING: Readonly<Record<string, string>> = {
  preview: 'Previewing',
  up: 'Deploying',
  refresh: 'Refreshing',
  destroy: 'Destroying',
  rollback: 'Rolling back',
  register: 'Registering',
  deregister: 'Deregistering',
  recover: 'Recovering',
};

export const STATUS_LABELS: Readonly<Record<OperationStatus, string>> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** A small glyph per status (always next to its text or in an element with a label). */
export const STATUS_ICONS: Readonly<Record<OperationStatus, string>> = {
  running: '●',
  succeeded: '✓',
  failed: '✕',
  cancelled: '⊘',
};

/** "Deploy" for up, "Preview", ...; the raw kind for anything unknown. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as JournalKind] ?? kind;
}

/** "Deploying", "Previewing", ... */
export function runningLabel(kind: string): string {
  return KIND_RUNNING[kind] ?? `${kindLabel(kind)} running`;
}

export interface Progress {
  /** Resources finished (done or failed). */
  readonly finished: number;
  /** What `finished` counts towards, or null when nothing is known yet. */
  readonly total: number | null;
  /** 0..100, or null while the total is unknown. */
  readonly percent: number | null;
  /** Running with no total yet: show an indeterminate bar. */
  readonly indeterminate: boolean;
}

/**
 * Progress over the expected resources when the core knows them, else over the resources the engine started.
 * A running operation with neither is indeterminate; a finished one with nothing to do is complete.
 */
export function progressOf(operation: OperationView): Progress {
  const { counts } = operation;
  const finished = counts.done + counts.failed;
  const running = operation.status === 'running';
  const total = operation.expectedResources ?? (counts.started > 0 ? counts.started : null);
  if (total === null || total === 0) {
    if (running) return { finished, total: null, percent: null, indeterminate: true };
    return { finished, total: 0, percent: 100, indeterminate: false };
  }
  const percent = Math.max(0, Math.min(100, Math.round((finished / total) * 100)));
  return { finished, total: Math.max(total, finished), percent, indeterminate: false };
}

/** "3 of 5 resources · 1 failed", "2 resources done so far", "no resources". */
export function countsText(operation: OperationView): string {
  const progress = progressOf(operation);
  const failed = operation.counts.failed > 0 ? ` · ${operation.counts.failed} failed` : '';
  if (progress.total === null) return `${progress.finished} ${progress.finished === 1 ? 'resource' : 'resources'} so far${failed}`;
  if (progress.total === 0) return 'no resources';
  return `${progress.finished} of ${progress.total} ${progress.total === 1 ? 'resource' : 'resources'}${failed}`;
}

const DONE_WORDS: Readonly<Record<string, string>> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  replace: 'replaced',
  same: 'unchanged',
  read: 'read',
  refresh: 'refreshed',
  import: 'imported',
};

const PLANNED_WORDS: Readonly<Record<string, string>> = {
  create: 'to create',
  update: 'to update',
  delete: 'to delete',
  replace: 'to replace',
  same: 'unchanged',
  read: 'to read',
  refresh: 'to refresh',
  import: 'to import',
};

/** Engine step kinds that only accompany a replace; the summary already counts the replace itself. */
const REPLACE_PARTS = new Set(['create-replacement', 'delete-replaced', 'read-replacement', 'discard-replaced', 'import-replacement']);

/** "2 created, 1 updated, 3 unchanged" (a preview: "2 to create, ..."); null when there is no summary. */
export function changesText(changes: Readonly<Record<string, number>> | null | undefined, kind: string): string | null {
  if (!changes) return null;
  const words = kind === 'preview' ? PLANNED_WORDS : DONE_WORDS;
  const entries = Object.entries(changes).filter(([op, count]) => count > 0 && !REPLACE_PARTS.has(op));
  // Changes first, unchanged last.
  entries.sort(([a], [b]) => (a === 'same' ? 1 : 0) - (b === 'same' ? 1 : 0));
  if (entries.length === 0) return 'no changes';
  return entries.map(([op, count]) => `${count} ${words[op] ?? op}`).join(', ');
}

export interface DestructiveChanges {
  readonly deletes: number;
  readonly replaces: number;
  /** The resources concerned, from the preview's steps. */
  readonly steps: OperationView['steps'];
}

/** What a preview says a deploy would delete or replace (from its summary, else from its steps). */
export function destructiveChanges(preview: OperationView): DestructiveChanges {
  const steps = preview.steps.filter((step) => isDelete(step.op) || isReplace(step.op));
  if (preview.changes) {
    return { deletes: preview.changes.delete ?? 0, replaces: preview.changes.replace ?? 0, steps };
  }
  return {
    deletes: steps.filter((step) => isDelete(step.op)).length,
    replaces: steps.filter((step) => isReplace(step.op)).length,
    steps,
  };
}

function isDelete(op: string): boolean {
  return op === 'delete';
}

function isReplace(op: string): boolean {
  return op === 'replace' || op === 'create-replacement';
}

/** The badge colour group of an engine step. */
export function stepTone(op: string): 'create' | 'update' | 'replace' | 'delete' | 'other' {
  if (op === 'create' || op === 'import') return 'create';
  if (op === 'update') return 'update';
  if (op === 'delete' || op === 'delete-replaced' || op === 'discard') return 'delete';
  if (op.includes('replace')) return 'replace';
  return 'other';
}

/** Milliseconds the operation ran (until now while it runs). */
export function elapsedMs(operation: OperationView, now: number): number {
  const start = Date.parse(operation.startedAt);
  const end = operation.finishedAt ? Date.parse(operation.finishedAt) : now;
  return Math.max(0, end - start);
}
