// Wave locks against a real PostgreSQL: two cockpits asking at the same moment (exactly one drives), a hand-over, a
// lease that expires (taken over, journaled, the old holder told), the same operator's restarted cockpit, a clean close.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase, type PostgresDatabase } from '../../test/support/postgres';
import type { JournalEntry } from '../journal/entry';
import { TeamJournal } from './team-journal';
import { LOCKS_CHANNEL, LockRefusal, WaveLocks, type WaveLockView } from './wave-locks';

interface Cockpit {
  journal: TeamJournal;
  locks: WaveLocks;
  entries: JournalEntry[];
  lost: { lock: WaveLockView; by: WaveLockView | undefined }[];
}

const open: Cockpit[] = [];
const dirs: string[] = [];
let db: PostgresDatabase | undefined;
let skipNote: string | undefined;

beforeAll(async () => {
  const made = await postgresDatabase();
  if (typeof made === 'string') skipNote = made;
  else db = made;
}, 60_000);

afterEach(async () => {
  for (const cockpit of open.splice(0)) {
    await cockpit.locks.close();
    await cockpit.journal.close();
  }
});
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function cockpit(actor: string, migration: string, leaseSeconds = 30): Promise<Cockpit> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-locks-'));
  dirs.push(dir);
  const entries: JournalEntry[] = [];
  const lost: Cockpit['lost'] = [];
  const made: { locks?: WaveLocks } = {};
  const { journal } = await TeamJournal.open({
    connection: { host: db!.host, port: db!.port, user: db!.user, password: db!.password, database: db!.database },
    migration,
    dir,
    actor,
    onAppended: (entry) => entries.push(entry),
    channels: [LOCKS_CHANNEL],
    onNotice: () => void made.locks?.refresh().catch(() => undefined),
    retryMs: { first: 50, max: 400 },
  });
  const locks = new WaveLocks({
    transaction: (work) => journal.transaction(work),
    migration,
    cockpitId: journal.cockpitId,
    actor,
    roles: ['operator'],
    leaseSeconds,
    journal: (input) => journal.append(input),
    onLost: (lock, by) => lost.push({ lock, by }),
  });
  made.locks = locks;
  const made2 = { journal, locks, entries, lost };
  open.push(made2);
  return made2;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const lockEntries = (entries: JournalEntry[]) => entries.filter((entry) => entry.kind === 'team-lock').map((entry) => [entry.details?.action, entry.message]);

describe('wave locks', () => {
  it('lets exactly one of two cockpits asking at the same moment drive a wave, round after round', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const alice = await cockpit('alice@a', 'race');
    const bob = await cockpit('bob@b', 'race');
    for (let round = 0; round < 25; round++) {
      const waveId = `wave-${round}`;
      const [a, b] = await Promise.all([alice.locks.acquire(waveId, 'cutover'), bob.locks.acquire(waveId, 'cutover')]);
      const outcomes = [a.outcome, b.outcome].sort();
      expect(outcomes, `round ${round}`).toEqual(['held', 'taken']);
      const winner = a.outcome === 'taken' ? alice : bob;
      const loser = winner === alice ? b : a;
      expect(loser.lock.holder).toBe(winner === alice ? 'alice@a' : 'bob@b');
      expect(winner.locks.holds(waveId)).toBe(true);
      expect((winner === alice ? bob : alice).locks.holds(waveId)).toBe(false);
    }
  });

  it('hands a wave over on request, journaled with both names; the new holder may act and the old may not', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const alice = await cockpit('alice@a', 'handover');
    const bob = await cockpit('bob@b', 'handover');
    expect((await alice.locks.acquire('wave-1', 'cutover')).outcome).toBe('taken');
    expect((await bob.locks.acquire('wave-1', 'cutover')).outcome).toBe('held');
    const asked = await bob.locks.request('wave-1');
    expect(asked.request).toMatchObject({ by: 'bob@b' });
    await until(() => alice.locks.lockOf('wave-1')?.request?.by === 'bob@b', "alice to see bob's request");
    await expect(alice.locks.request('wave-1')).rejects.toBeInstanceOf(LockRefusal);
    await alice.locks.handOver('wave-1');
    await until(() => bob.locks.holds('wave-1'), 'bob to hold the wave');
    expect(alice.locks.holds('wave-1')).toBe(false);
    expect((await bob.locks.acquire('wave-1', 'cutover')).outcome).toBe('kept');
    expect(lockEntries(alice.entries)).toEqual([
      ['taken', "alice@a took the wave's lock to drive its cutover"],
      ['requested', 'bob@b asked alice@a for control of the wave'],
      ['handed-over', 'alice@a handed the wave over to bob@b'],
    ]);
  });

  it('takes over a lock whose lease expired, says whose it was and since when, and tells the old holder', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const alice = await cockpit('alice@a', 'expiry', 1);
    const bob = await cockpit('bob@b', 'expiry', 1);
    await alice.locks.acquire('wave-1', 'deploy');
    expect((await bob.locks.acquire('wave-1', 'deploy')).outcome).toBe('held');
    // Alice's cockpit gives no sign of life (no heartbeat) for longer than the lease.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(alice.locks.holds('wave-1')).toBe(false);
    const taken = await bob.locks.acquire('wave-1', 'deploy');
    expect(taken).toMatchObject({ outcome: 'took-over', previous: { holder: 'alice@a' } });
    const entry = bob.entries.find((candidate) => candidate.kind === 'team-lock' && candidate.details?.action === 'taken-over')!;
    expect(entry.message).toMatch(/^bob@b took the wave over to deploy it: alice@a's lock expired at \S+ \(no sign of life from its cockpit since \S+\)$/);
    expect(entry.details).toMatchObject({ previousHolder: 'alice@a' });
    await alice.locks.heartbeat();
    expect(alice.lost).toEqual([{ lock: expect.objectContaining({ waveId: 'wave-1', holder: 'alice@a' }), by: expect.objectContaining({ holder: 'bob@b' }) }]);
  });

  it("gives the wave back to the same operator's restarted cockpit (not to a second live one), and frees it when a cockpit closes", async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const first = await cockpit('alice@a', 'rejoin');
    await first.locks.acquire('wave-1', 'cutover');
    // A new cockpit of the same operator (the first one crashed: it still holds the lease).
    const again = await cockpit('alice@a', 'rejoin');
    expect(await again.locks.acquire('wave-1', 'cutover')).toMatchObject({ outcome: 'rejoined', previous: { holder: 'alice@a' } });
    const bob = await cockpit('bob@b', 'rejoin');
    expect((await bob.locks.acquire('wave-1', 'cutover')).outcome).toBe('held');
    // A second window of the same operator while the first is alive (its heartbeat reached the store): not theirs.
    await again.locks.heartbeat();
    const third = await cockpit('alice@a', 'rejoin');
    expect(await third.locks.acquire('wave-1', 'cutover')).toMatchObject({ outcome: 'held', lock: { holder: 'alice@a', mine: false } });
    await again.locks.close();
    expect((await bob.locks.acquire('wave-1', 'cutover')).outcome).toBe('taken');
  });

  it('lists who is present, and forgets a cockpit that closed', async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const alice = await cockpit('alice@a', 'presence');
    const bob = await cockpit('bob@b', 'presence');
    await alice.locks.heartbeat();
    await bob.locks.heartbeat();
    await alice.locks.heartbeat();
    expect(alice.locks.presence().map((person) => [person.actor, person.me])).toEqual([
      ['alice@a', true],
      ['bob@b', false],
    ]);
    await bob.locks.close();
    await alice.locks.heartbeat();
    expect(alice.locks.presence().map((person) => person.actor)).toEqual(['alice@a']);
  });

  it("lists the people on a cockpit's war room, until they leave or that cockpit closes", async ({ skip }) => {
    if (skipNote) return skip(skipNote);
    const alice = await cockpit('alice@a', 'watchers');
    const bob = await cockpit('bob@b', 'watchers');
    const seen = async () => {
      await bob.locks.heartbeat();
      return bob.locks.presence().map((person) => `${person.kind}:${person.actor}${person.via ? ` via ${person.via}` : ''}`);
    };
    alice.locks.setWatchers(['carol', 'shared screen', 'carol']);
    await expect.poll(seen).toEqual(['cockpit:alice@a', 'cockpit:bob@b', 'war-room:carol via alice@a', 'war-room:shared screen via alice@a']);
    alice.locks.setWatchers(['shared screen']);
    await expect.poll(seen).toEqual(['cockpit:alice@a', 'cockpit:bob@b', 'war-room:shared screen via alice@a']);
    await alice.locks.close();
    expect(await seen()).toEqual(['cockpit:bob@b']);
  });
});
