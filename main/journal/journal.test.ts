import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretRedactor } from '../secrets/redactor';
import { actorText, type JournalEntryInput } from './entry';
import { FileJournal, osActor } from './journal';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mc-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const started = (operationId: string, stackId = 'platform-production/app1'): JournalEntryInput => ({
  operationId,
  kind: 'up',
  target: { type: 'stack', stackId },
  phase: 'started',
});

describe('journal', () => {
  it('appends entries with increasing sequence numbers, who and when', async () => {
    const { journal } = await FileJournal.open(dir, { actor: 'operator@host' });
    const first = await journal.append(started('op-1'));
    const second = await journal.append({ ...started('op-1'), phase: 'succeeded', updateVersion: 3, changes: { create: 4 } });
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second).toMatchObject({ actor: 'operator@host', updateVersion: 3, changes: { create: 4 } });
    expect(Date.parse(second.at)).not.toBeNaN();
    expect((await journal.read()).entries).toEqual([first, second]);
  });

  it('keeps entries across reopening and continues the sequence', async () => {
    const { journal } = await FileJournal.open(dir);
    await journal.append(started('op-1'));
    await journal.append(started('op-2'));
    const reopened = await FileJournal.open(dir);
    expect(reopened.existing.entries.map((entry) => entry.operationId)).toEqual(['op-1', 'op-2']);
    expect((await reopened.journal.append(started('op-3'))).seq).toBe(3);
  });

  it('writes concurrent appends whole and in call order', async () => {
    const { journal } = await FileJournal.open(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append(started(`op-${i}`))));
    const { entries, damaged } = await journal.read();
    expect(damaged).toEqual([]);
    expect(entries.map((entry) => entry.operationId)).toEqual(Array.from({ length: 50 }, (_, i) => `op-${i}`));
  });

  it('survives a torn last line from a crash mid-write', async () => {
    const { journal } = await FileJournal.open(dir);
    await journal.append(started('op-1'));
    await appendFile(journal.file, '{"seq":2,"at":"2026-');
    const reopened = await FileJournal.open(dir);
    expect(reopened.existing.entries).toHaveLength(1);
    expect(reopened.existing.damaged).toEqual([{ line: 2, reason: 'incomplete line (the cockpit stopped while writing it)' }]);
    // Reopening closed the torn line, so the next entry starts on a fresh one.
    await reopened.journal.append(started('op-2'));
    expect((await reopened.journal.read()).entries.map((entry) => entry.operationId)).toEqual(['op-1', 'op-2']);
  });

  it('never writes a secret value', async () => {
    const redactor = new SecretRedactor();
    redactor.add('s3cr3t-passphrase');
    const { journal } = await FileJournal.open(dir, { redact: (entry) => redactor.redactDeep(entry) });
    await journal.append({ ...started('op-1'), phase: 'failed', message: 'decrypt failed with passphrase s3cr3t-passphrase' });
    const text = await readFile(journal.file, 'utf8');
    expect(text).not.toContain('s3cr3t-passphrase');
    expect(text).toContain('decrypt failed with passphrase [secret]');
  });

  it('refuses an entry outside the schema', async () => {
    const { journal } = await FileJournal.open(dir);
    expect(() => journal.append({ ...started('op-1'), phase: 'exploded' as never })).toThrow();
  });
});

describe('journal: who did it', () => {
  it('records the OS user as the actor, and the AWS caller identity beside it as it is at each append', async () => {
    const current: { identity?: { accountId: string; arn: string; userId?: string } } = {};
    const { journal } = await FileJournal.open(dir, { actor: 'alice@workstation', awsIdentity: () => current.identity });
    const before = await journal.append(started('op-1'));
    current.identity = { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/alice', userId: 'AROAEXAMPLE:alice' };
    const typed = await journal.append({ ...started('op-2'), details: { by: 'Alice Operator' } });
    expect(before.actor).toBe('alice@workstation');
    expect(before).not.toHaveProperty('awsIdentity');
    // The typed name stays in the details: the actor is still the OS user, the identity only account and ARN.
    expect(typed).toMatchObject({
      actor: 'alice@workstation',
      awsIdentity: { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/alice' },
      details: { by: 'Alice Operator' },
    });
    expect(typed.awsIdentity).not.toHaveProperty('userId');
    expect(actorText(typed)).toBe('alice@workstation as arn:aws:sts::111122223333:assumed-role/MigrationOperator/alice');
    expect(actorText(before)).toBe('alice@workstation');
    expect((await FileJournal.open(dir)).existing.entries.map((entry) => entry.awsIdentity?.accountId ?? null)).toEqual([null, '111122223333']);
  });

  it('defaults the actor to user@host of the OS user', async () => {
    const { journal } = await FileJournal.open(dir);
    const entry = await journal.append(started('op-1'));
    expect(entry.actor).toBe(osActor());
    expect(entry.actor).toBe(`${os.userInfo().username}@${os.hostname()}`);
  });
});
