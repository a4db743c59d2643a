// Team mode under faults, two cores on a PostgreSQL cluster of the test's own (Debian's server), as two operators:
// the store is killed mid-cutover (both say so, nothing new starts, the run's entries wait and are stored once when it
// is back), the driver's cockpit stops mid-run (the other sees the run paused and resumes it: the lock passes), and
// the first operator's restarted cockpit rejoins with the same journal, in which no entry is missing or written twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CutoverRunView, JournalEntryView, TeamView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { commandOf, until } from '../support/core-commands';
import { startPostgres, type PostgresDatabase, type PostgresServer } from '../support/postgres';
import { OPERATION_TIMEOUT } from './harness';
import { startTeamRehearsal, type TeamRehearsal } from './team-rehearsal';

const W = 'wave-1';
const planText = (db: PostgresDatabase) => `version: 1
name: Team faults rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
team:
  migration: team-faults
  store: { url: "${db.url}?sslmode=disable", passwordEnv: TEAM_STORE_PASSWORD }
  leaseSeconds: 10
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app9201
    project: platform-production
    config: { trafficTarget: datacenter }
waves:
  - id: ${W}
    name: Cut over by hand
    stacks: [app9201]
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: announce, name: Announce, manual: Tell the service desk }
        - { id: switch, name: Switch the DNS, manual: Change the record by hand }
        - { id: verify, name: Verify, manual: Look at the dashboards }
`;

let server: PostgresServer | undefined;
let team: TeamRehearsal | undefined;
let skipReason = '';

beforeAll(async () => {
  const started = await startPostgres();
  if (typeof started === 'string') {
    skipReason = started;
    return;
  }
  server = started;
  const rehearsal = await startTeamRehearsal('team-faults', planText, server);
  if (typeof rehearsal === 'string') skipReason = rehearsal;
  else team = rehearsal;
}, OPERATION_TIMEOUT);

afterAll(async () => {
  await team?.close();
  await server?.close();
});

const startCore = (name: string, operator: string) => team!.startCore(name, operator);

const runOf = async (core: CockpitCore) => (await commandOf(() => core)<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;
const stepStatus = (run: CutoverRunView, id: string) => run.steps.find((step) => step.id === id)?.status;
const storeState = async (core: CockpitCore) => {
  const view = await commandOf(() => core)<TeamView>('team.get', {});
  return view.mode === 'team' ? view.connection.state : 'local';
};

describe('team mode under faults', () => {
  it(
    'keeps a cutover whole across a store restart, a driver that stops, and its restarted cockpit',
    async ({ skip }) => {
      if (skipReason) skip(skipReason);
      let alice = await startCore('alice', 'alice@laptop-a');
      const bob = await startCore('bob', 'bob@laptop-b');
      const asBob = commandOf(() => bob);

      await commandOf(() => alice)('cutover.start', { waveId: W, by: 'alice' });
      await until(
        'announce to wait for alice',
        () => runOf(alice),
        (run) => stepStatus(run, 'announce') === 'waiting',
        20_000,
        50,
      );
      // Bob watches the run alice drives, and cannot drive it.
      await until(
        "bob to see alice's run waiting",
        () => runOf(bob),
        (run) => run.status === 'running' && stepStatus(run, 'announce') === 'waiting',
        10_000,
        50,
      );
      await expect(asBob('cutover.confirmStep', { waveId: W, stepId: 'announce', by: 'bob' })).rejects.toThrow(/busy: wave-1 is driven by alice@laptop-a/);
      // Nor can she let the wave go while her runbook runs it.
      await expect(commandOf(() => alice)('team.release', { waveId: W })).rejects.toThrow(/running wave-1's cutover: pause it first/);

      // The store dies mid-cutover.
      await server!.stop('immediate');
      await until(
        'alice to say the store is away',
        () => storeState(alice),
        (state) => state === 'away',
        15_000,
        50,
      );
      await until(
        'bob to say the store is away',
        () => storeState(bob),
        (state) => state === 'away',
        15_000,
        50,
      );
      await expect(commandOf(() => alice)('cutover.confirmStep', { waveId: W, stepId: 'announce', by: 'alice' })).rejects.toThrow(
        /the team store is unreachable since \d\d:\d\d:\d\d UTC.*Nothing new starts until it is back/,
      );
      // What each knew is still shown.
      const bobRun = await runOf(bob);
      expect(stepStatus(bobRun, 'announce'), JSON.stringify({ bob: bobRun, alice: await runOf(alice) }).slice(0, 3000)).toBe('waiting');

      await server!.start();
      await until(
        'alice to be connected again',
        () => storeState(alice),
        (state) => state === 'connected',
        20_000,
        50,
      );
      await until(
        'bob to be connected again',
        () => storeState(bob),
        (state) => state === 'connected',
        20_000,
        50,
      );
      await commandOf(() => alice)('cutover.confirmStep', { waveId: W, stepId: 'announce', by: 'alice' });
      await until(
        'switch to wait at bob',
        () => runOf(bob),
        (run) => stepStatus(run, 'switch') === 'waiting',
        10_000,
        50,
      );

      // Alice's cockpit stops mid-run: the step she was in is journaled interrupted and her lock released.
      await team!.stopCore(alice);
      const paused = await until(
        'bob to see the run paused',
        () => runOf(bob),
        (run) => run.status === 'paused',
        10_000,
        50,
      );
      expect(paused.message).toMatch(/stopped during step 'switch'/);
      await asBob('cutover.resume', { waveId: W, by: 'bob' });
      await until(
        'switch to wait for bob',
        () => runOf(bob),
        (run) => run.status === 'running' && stepStatus(run, 'switch') === 'waiting',
        20_000,
        50,
      );
      await asBob('cutover.confirmStep', { waveId: W, stepId: 'switch', by: 'bob' });
      await until(
        'verify to wait for bob',
        () => runOf(bob),
        (run) => stepStatus(run, 'verify') === 'waiting',
        10_000,
        50,
      );

      // Alice's cockpit restarts and rejoins: the run as bob drives it, the same journal.
      alice = await startCore('alice', 'alice@laptop-a');
      expect(stepStatus(await runOf(alice), 'verify')).toBe('waiting');
      await asBob('cutover.confirmStep', { waveId: W, stepId: 'verify', by: 'bob' });
      await until(
        'alice to see the run succeed',
        () => runOf(alice),
        (run) => run.status === 'succeeded',
        10_000,
        50,
      );

      const aliceJournal = await commandOf(() => alice)<{ entries: JournalEntryView[] }>('journal.list', { limit: 5000 });
      const bobJournal = await until(
        "bob's journal to hold every entry",
        () => asBob<{ entries: JournalEntryView[] }>('journal.list', { limit: 5000 }),
        (list) => list.entries.length === aliceJournal.entries.length,
        10_000,
      );
      expect(bobJournal.entries).toEqual(aliceJournal.entries);
      // Dense, none twice: the store's rows are the seqs 1..n with distinct writer ids.
      const { db } = team!;
      const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number; ids: number; top: number }>(
          "SELECT count(*)::int AS n, count(DISTINCT entry_id)::int AS ids, max(seq)::int AS top FROM cockpit_journal WHERE migration = 'team-faults'",
        );
        expect(rows[0]).toEqual({ n: aliceJournal.entries.length, ids: aliceJournal.entries.length, top: aliceJournal.entries.length });
      } finally {
        await client.end();
      }
      const steps = aliceJournal.entries
        .filter((entry) => entry.kind === 'cutover-step' && entry.phase === 'succeeded')
        .map((entry) => [entry.target, entry.actor]);
      expect(steps).toEqual([
        [{ type: 'cutover-step', waveId: W, stepId: 'announce' }, 'alice@laptop-a'],
        [{ type: 'cutover-step', waveId: W, stepId: 'switch' }, 'bob@laptop-b'],
        [{ type: 'cutover-step', waveId: W, stepId: 'verify' }, 'bob@laptop-b'],
      ]);
    },
    OPERATION_TIMEOUT,
  );
});
