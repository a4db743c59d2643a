// Team mode: two cores on one plan whose team store is a real PostgreSQL (Debian's, the run's
// cluster), as two operators on two machines. One deploys a stack with the real Pulumi engine into the rehearsal
// (Pulumi state in a folder both reach); the other sees every journal entry as it is written, in the same order, and
// the stack's lifecycle follow. Wave locks: one operator drives a wave, another asks and is handed it, two asking at
// the same moment get one deploy; a viewer cannot act. A plan on another store is refused; a missing password says so.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitEvent, JournalEntryView, OperationView, PlanSnapshot, TeamView, WaveOperationView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { commandOf, deployWave, until } from '../support/core-commands';
import type { PostgresDatabase } from '../support/postgres';
import { OPERATION_TIMEOUT } from './harness';
import { startTeamRehearsal, type TeamRehearsal } from './team-rehearsal';

const STACK = 'platform-production/app9101';
const planText = (db: PostgresDatabase, team = true) => `version: 1
name: Team journal rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
  pulumi: { backend: "file://state", passphraseEnv: MIGRATION_PULUMI_PASSPHRASE }
${
  team
    ? `team:
  migration: team-journal
  store: { url: "${db.url}?sslmode=disable", passwordEnv: TEAM_STORE_PASSWORD }
  people:
    - { user: alice, roles: [operator] }
    - { user: bob, roles: [operator, approver] }
    - { user: dave, roles: [viewer] }
`
    : ''
}projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app9101
    project: platform-production
    config: { trafficTarget: datacenter }
  - name: app9102
    project: platform-production
    config: { trafficTarget: datacenter }
waves:
  - id: wave-1
    name: One stack
    stacks: [app9101]
  - id: wave-2
    name: Another
    stacks: [app9102]
`;

let team: TeamRehearsal | undefined;
let skipReason = '';
const cores: CockpitCore[] = [];
const eventsOf = new Map<CockpitCore, CockpitEvent[]>();

/** A core as `operator`, with its events kept (the plan's Pulumi state is one folder beside the plan, both reach it). */
async function startCore(name: string, operator: string, env: NodeJS.ProcessEnv): Promise<CockpitCore> {
  const core = await team!.startCore(name, operator, { env, cutover: {} });
  const events: CockpitEvent[] = [];
  core.subscribe((batch) => events.push(...batch.events));
  eventsOf.set(core, events);
  cores.push(core);
  return core;
}

beforeAll(async () => {
  const started = await startTeamRehearsal('team', (db) => planText(db));
  if (typeof started === 'string') skipReason = started;
  else team = started;
}, OPERATION_TIMEOUT);

afterAll(async () => {
  await team?.close();
});

const env = () => team!.env();

describe('two cockpits on one team store', () => {
  it(
    'share one journal: the other sees each entry as it is written, in the same order, and the lifecycle follows',
    async ({ skip }) => {
      if (skipReason) skip(skipReason);
      const alice = await startCore('alice', 'alice@laptop-a', env());
      const bob = await startCore('bob', 'bob@laptop-b', env());
      const asAlice = commandOf(() => alice);
      const asBob = commandOf(() => bob);

      const aliceTeam = await asAlice<TeamView>('team.get', {});
      expect(aliceTeam).toMatchObject({
        mode: 'team',
        migration: 'team-journal',
        me: { actor: 'alice@laptop-a', roles: ['operator'], rolesFrom: 'people' },
        connection: { state: 'connected' },
        pending: 0,
      });
      expect(aliceTeam.mode === 'team' && aliceTeam.store).not.toContain(team!.db.password);
      expect(await asBob<TeamView>('team.get', {})).toMatchObject({ me: { actor: 'bob@laptop-b', roles: ['operator', 'approver'] } });

      const deploy = await asAlice<OperationView>('stack.operate', { stackId: STACK, kind: 'up' });
      await until(
        "alice's deploy",
        () => asAlice<OperationView[]>('operations.list', {}),
        (list) => list.some((op) => op.operationId === deploy.operationId && op.status !== 'running'),
        OPERATION_TIMEOUT,
      );
      const lifecycleAtBob = async () => {
        const snapshot = await asBob<PlanSnapshot>('plan.get', {});
        return snapshot.status === 'loaded' ? snapshot.plan.stacks.find((stack) => stack.id === STACK)?.lifecycle : undefined;
      };
      const seen = await until('bob to see the stack deployed by alice', lifecycleAtBob, (lifecycle) => lifecycle?.state === 'deployed', 10_000);
      expect(seen?.detail).toContain('by alice@laptop-a');

      // One journal: the same entries in the same order in both cockpits, each with who wrote it.
      const atAlice = await asAlice<{ entries: JournalEntryView[] }>('journal.list', { limit: 1000 });
      const atBob = await until(
        "bob's journal to hold alice's entries",
        () => asBob<{ entries: JournalEntryView[] }>('journal.list', { limit: 1000 }),
        (list) => list.entries.length === atAlice.entries.length,
        10_000,
      );
      expect(atBob.entries).toEqual(atAlice.entries);
      expect(atAlice.entries.map((entry) => entry.seq)).toEqual(atAlice.entries.map((_, index) => index + 1));
      expect(atAlice.entries.filter((entry) => entry.operationId === deploy.operationId).map((entry) => [entry.phase, entry.actor])).toEqual([
        ['started', 'alice@laptop-a'],
        ['succeeded', 'alice@laptop-a'],
      ]);
      // Bob's UI got them live, as journal.appended events.
      const live = eventsOf.get(bob)!.filter((event) => event.type === 'journal.appended');
      expect(live.map((event) => event.type === 'journal.appended' && event.entry.operationId)).toContain(deploy.operationId);
    },
    OPERATION_TIMEOUT,
  );

  it(
    'lets one operator drive a wave: another is refused with who holds it, asks, is handed it, and then drives',
    async ({ skip }) => {
      if (skipReason) skip(skipReason);
      const [alice, bob] = cores as [CockpitCore, CockpitCore];
      const asAlice = commandOf(() => alice);
      const asBob = commandOf(() => bob);
      // Alice's deploy of app9101 took wave-1's lock.
      const aliceView = await asAlice<TeamView>('team.get', {});
      expect(aliceView.mode === 'team' && aliceView.locks).toEqual([expect.objectContaining({ waveId: 'wave-1', holder: 'alice@laptop-a', mine: true })]);
      await expect(asBob('wave.deploy', { waveId: 'wave-1' })).rejects.toThrow(
        /^wave\.deploy: busy: wave-1 is driven by alice@laptop-a \(operate, since \d\d:\d\d:\d\d UTC\): ask them for control/,
      );
      await asBob('team.requestControl', { waveId: 'wave-1' });
      await until(
        "alice to see bob's request",
        () => asAlice<TeamView>('team.get', {}),
        (view) => view.mode === 'team' && view.locks.some((lock) => lock.waveId === 'wave-1' && lock.request?.by === 'bob@laptop-b'),
        10_000,
      );
      await asAlice('team.handOver', { waveId: 'wave-1' });
      await until(
        'bob to hold wave-1',
        () => asBob<TeamView>('team.get', {}),
        (view) => view.mode === 'team' && view.locks.some((lock) => lock.waveId === 'wave-1' && lock.mine),
        10_000,
      );
      const deploy = await deployWave<WaveOperationView>(asBob, 'wave-1', OPERATION_TIMEOUT);
      expect(deploy.status).toBe('succeeded');
      await expect(asAlice('stack.operate', { stackId: STACK, kind: 'up' })).rejects.toThrow(/busy: wave-1 is driven by bob@laptop-b/);
      // A track's command on the wave (a DMS task of its stack) needs the wave's lock too.
      await expect(asAlice('dms.control', { taskKey: `${STACK}#0`, action: 'stop' })).rejects.toThrow(/^dms\.control: busy: wave-1 is driven by bob@laptop-b/);
      // Each change of hands is in the one journal, with who.
      const { entries } = await asAlice<{ entries: JournalEntryView[] }>('journal.list', { limit: 1000 });
      expect(entries.filter((entry) => entry.kind === 'team-lock').map((entry) => entry.message)).toEqual([
        "alice@laptop-a took the wave's lock to operate its stacks",
        'bob@laptop-b asked alice@laptop-a for control of the wave',
        'alice@laptop-a handed the wave over to bob@laptop-b',
      ]);
    },
    OPERATION_TIMEOUT,
  );

  it(
    'runs exactly one deploy when two operators start the same wave at the same moment, and never lets a viewer act',
    async ({ skip }) => {
      if (skipReason) skip(skipReason);
      const [alice, bob] = cores as [CockpitCore, CockpitCore];
      const answers = await Promise.all([alice.dispatch('wave.deploy', { waveId: 'wave-2' }), bob.dispatch('wave.deploy', { waveId: 'wave-2' })]);
      expect(answers.map((answer) => (answer.ok ? 'ok' : answer.error.code)).sort()).toEqual(['busy', 'ok']);
      const winner = answers[0]!.ok ? alice : bob;
      const run = await until(
        'the one deploy of wave-2',
        () => commandOf(() => winner)<WaveOperationView[]>('waves.list', {}),
        (list) => list.some((op) => op.waveId === 'wave-2' && op.status !== 'running'),
        OPERATION_TIMEOUT,
      );
      expect(run.filter((op) => op.waveId === 'wave-2').map((op) => op.status)).toEqual(['succeeded']);
      const loser = winner === alice ? bob : alice;
      expect((await commandOf(() => loser)<WaveOperationView[]>('waves.list', {})).filter((op) => op.waveId === 'wave-2')).toEqual([]);

      const dave = await startCore('dave', 'dave@laptop-d', env());
      await expect(commandOf(() => dave)('wave.deploy', { waveId: 'wave-2' })).rejects.toThrow(
        "wave.deploy: failed: dave@laptop-d is viewer in this plan's team, not operator: deploying wave-2 is for operators",
      );
      // A track's command that acts is an operator's too; its reads stay open.
      await expect(commandOf(() => dave)('dms.control', { taskKey: 'platform-production/app9101#0', action: 'stop' })).rejects.toThrow(
        "dms.control: failed: dave@laptop-d is viewer in this plan's team, not operator: dms.control is for operators",
      );
      await commandOf(() => dave)('dms.snapshot', {});
      // The war room's links follow the plan's people.
      expect(dave.teamPeople()).toEqual(['alice', 'bob', 'dave']);

      // Bob opens a second window while his first drives wave-1: it does not take the wave from his first.
      const bobAgain = await startCore('bob-again', 'bob@laptop-b', env());
      await expect(commandOf(() => bobAgain)('wave.deploy', { waveId: 'wave-1' })).rejects.toThrow(
        /^wave\.deploy: busy: wave-1 is driven by your other cockpit \(bob@laptop-b, operate, since \d\d:\d\d:\d\d UTC\): drive it from there/,
      );
    },
    OPERATION_TIMEOUT,
  );

  it('refuses a plan that journals elsewhere, and says how to switch', async ({ skip }) => {
    if (skipReason) skip(skipReason);
    const bob = cores[1]!;
    const local = path.join(team!.folder, 'local.yaml');
    await writeFile(local, planText(team!.db, false));
    const snapshot = await commandOf(() => bob)<PlanSnapshot>('plan.open', { file: local });
    expect(snapshot.status).toBe('loaded');
    if (snapshot.status !== 'loaded') return;
    expect(snapshot.file).toBe(team!.planFile);
    expect(snapshot.rejected?.issues[0]?.message).toMatch(/^this cockpit journals to the team store .*; this plan journals to a local journal/);
  });

  it('says a missing password and journals nothing', async ({ skip }) => {
    if (skipReason) skip(skipReason);
    const { TEAM_STORE_PASSWORD: _password, ...withoutPassword } = env();
    void _password;
    const carol = await startCore('carol', 'carol@laptop-c', withoutPassword);
    const view = await commandOf(() => carol)<TeamView>('team.get', {});
    expect(view).toMatchObject({
      mode: 'team',
      me: { roles: ['viewer'], rolesFrom: 'not-listed' },
      connection: { state: 'away', reason: "the variable TEAM_STORE_PASSWORD that holds the team store's password is not set" },
    });
    await expect(commandOf(() => carol)('stack.operate', { stackId: STACK, kind: 'preview' })).rejects.toThrow(/TEAM_STORE_PASSWORD/);
  });
});
