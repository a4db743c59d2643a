import { describe, expect, it } from 'vitest';
import type { JournalEntryView } from '../../../main/api/contract';
import { awsCallerShort, journalOperations, shownTypedName, typedNameOf } from './journal-actor';

describe('journal actor', () => {
  it('shortens the AWS caller to its resource and account', () => {
    expect(awsCallerShort({ accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/Operator/alice' })).toBe(
      'assumed-role/Operator/alice @ 111122223333',
    );
    expect(awsCallerShort({ accountId: '111122223333', arn: 'odd' })).toBe('odd @ 111122223333');
  });

  it('finds the typed name beside the actor, preferring who confirmed a step', () => {
    expect(typedNameOf({ actor: 'alice@ws', details: { confirmedBy: 'Alice Operator', by: 'x' } })).toBe('Alice Operator');
    expect(typedNameOf({ actor: 'alice@ws', details: { by: 'Bob (on the bridge call)' } })).toBe('Bob (on the bridge call)');
  });

  it('has none when nothing was typed, or when the OS user stood in for it', () => {
    expect(typedNameOf({ actor: 'alice@ws' })).toBeNull();
    expect(typedNameOf({ actor: 'alice@ws', details: { by: 'alice' } })).toBeNull();
    expect(typedNameOf({ actor: 'alice@ws', details: { by: 42, reason: 'x' } })).toBeNull();
  });
});

describe('the typed name a journal row shows', () => {
  type Entry = Pick<JournalEntryView, 'seq' | 'operationId' | 'kind' | 'parentOperationId' | 'actor' | 'details'>;
  let seq = 0;
  const entry = (operationId: string, kind: Entry['kind'], extra: Partial<Entry> = {}): Entry => ({
    seq: ++seq,
    operationId,
    kind,
    actor: 'root@vm',
    ...extra,
  });
  // A run started by a typed name, a manual step confirmed by another, the run's rollback started by a third, the
  // rollback's compensating steps and its finished entry: only the started entries and the confirmation carry a name.
  const run = entry('run', 'cutover', { details: { by: 'night-shift: a.operator' } });
  const smokeStarted = entry('smoke', 'cutover-step', { parentOperationId: 'run' });
  const smokeConfirmed = entry('smoke', 'cutover-step', { parentOperationId: 'run', details: { confirmedBy: 'b.owner' } });
  const runDone = entry('run', 'cutover');
  const rollback = entry('rb', 'cutover-rollback', { parentOperationId: 'run', details: { by: 'a.operator', reason: 'stale data' } });
  const step = entry('step-1', 'cutover-compensate', { parentOperationId: 'rb', details: { action: 'config-back' } });
  const stepDone = entry('step-1', 'cutover-compensate', { parentOperationId: 'rb', details: { action: 'config-back' } });
  const rollbackDone = entry('rb', 'cutover-rollback', { parentOperationId: 'run' });
  const deploy = entry('up-1', 'up');
  const operations = journalOperations([run, smokeStarted, smokeConfirmed, runDone, rollback, step, stepDone, rollbackDone, deploy]);

  it("is the entry's own name when it carries one", () => {
    expect(shownTypedName(rollback, operations)).toEqual({ name: 'a.operator', from: 'entry' });
    expect(shownTypedName(smokeConfirmed, operations)).toEqual({ name: 'b.owner', from: 'entry' });
  });

  it("is the name typed for its operation on its other entries (the rollback's finished row)", () => {
    expect(shownTypedName(rollbackDone, operations)).toEqual({ name: 'a.operator', from: 'operation', kind: 'cutover-rollback' });
    expect(shownTypedName(runDone, operations)).toEqual({ name: 'night-shift: a.operator', from: 'operation', kind: 'cutover' });
  });

  it('is the name typed for the operation a step is part of', () => {
    expect(shownTypedName(step, operations)).toEqual({ name: 'a.operator', from: 'parent', kind: 'cutover-rollback' });
    expect(shownTypedName(stepDone, operations)).toEqual({ name: 'a.operator', from: 'parent', kind: 'cutover-rollback' });
  });

  it("never shows on a row a name typed after it: a step's started row is not signed by who confirmed it later", () => {
    expect(shownTypedName(smokeStarted, operations)).toEqual({ name: 'night-shift: a.operator', from: 'parent', kind: 'cutover' });
  });

  it('is none when nothing was typed for it or what it is part of, or the started entry is no longer in view', () => {
    expect(shownTypedName(deploy, operations)).toBeNull();
    expect(shownTypedName(entry('x', 'cutover-compensate', { parentOperationId: 'gone' }), operations)).toBeNull();
    // A parent chain that loops ends.
    const a = entry('a', 'cutover', { parentOperationId: 'b' });
    const looping = journalOperations([a, entry('b', 'cutover', { parentOperationId: 'a' })]);
    expect(shownTypedName(a, looping)).toBeNull();
  });

  it("reads the name the core now journals on a run's steps and its end as the row's own (not its operation's)", () => {
    // As main/cutover/runbook.ts writes them: each step entry names who set the run going (a retry by c.retry), the
    // confirmation names who confirmed, and the run's end names who drove it to its end.
    const started = entry('run-2', 'cutover', { details: { by: 'a.operator' } });
    const attempt = entry('stop-2', 'cutover-step', { parentOperationId: 'run-2', details: { attempt: 2, by: 'c.retry' } });
    const confirmed = entry('smoke-2', 'cutover-step', { parentOperationId: 'run-2', details: { attempt: 1, by: 'c.retry', confirmedBy: 'b.owner' } });
    const ended = entry('run-2', 'cutover', { details: { by: 'c.retry' } });
    const journal = journalOperations([started, attempt, confirmed, ended]);
    expect(shownTypedName(attempt, journal)).toEqual({ name: 'c.retry', from: 'entry' });
    expect(shownTypedName(confirmed, journal)).toEqual({ name: 'b.owner', from: 'entry' });
    expect(shownTypedName(ended, journal)).toEqual({ name: 'c.retry', from: 'entry' });
  });
});
