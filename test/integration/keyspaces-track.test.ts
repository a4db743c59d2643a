// The Keyspaces track end to end in the rehearsal, on the run's real Cassandra (one keyspace the data-center
// cluster, another the Keyspaces target): the real Pulumi engine deploys the stack's rehearsal target (keyspace and
// table made in the simulated control plane and for real in Cassandra, the Glue job, the dual-write proxy stand-in);
// the operator starts the bulk load, whose simulated Glue run copies the rows for real on the rehearsal clock (60x);
// the monitor sees it succeed and the proxy's dual writes hold; a validation over real CQL is clean and the gates
// turn green; an injected row mismatch is found by table and token range, a re-check of those ranges finds it again;
// failed writes on the target turn the dual-write gate red with the numbers; every validation and the bulk load are
// journaled and in the evidence pack.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CutoverRunView, JournalEntryView, PlanSnapshot, ReadinessGateView, WaveOperationView, WaveReadinessView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import type { KeyspacesSnapshot, ValidationView } from '../../main/tracks/keyspaces/contract';
import { dmsTrack } from '../../main/tracks/dms/track';
import { tunedKeyspacesTrack } from '../../main/tracks/keyspaces/track';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { cassandraClient, sharedCassandra, type CassandraAddress } from '../support/cassandra';
import { commandOf, deployWave, until } from '../support/core-commands';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE } from '../support/test-core';
import { OPERATION_TIMEOUT, pulumiCliOrSkipNote } from './harness';

const W = 'wave-ks';
const STACK = 'platform-production/app8201';
const ORIGIN = 'kst_origin';
const TARGET = 'kst_target';
const ROWS = 1500;
const CQL_ENV = { KST_CQL_USER: 'cassandra', KST_CQL_PASSWORD: 'cassandra' };

let folder = '';
let core: CockpitCore | undefined;
let aws: AwsRehearsal | undefined;
let node: CassandraAddress | undefined;
let client: Client | undefined;
let skipReason = '';

const plan = (contactPoint: string) => `version: 1
name: Keyspaces track rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app8201
    project: platform-production
    config: { trafficTarget: datacenter, keyspacesRehearsalWritesPerSecond: 0.5 }
    keyspaces:
      origin:
        contactPoints: ["${contactPoint}"]
        localDataCenter: datacenter1
        keyspace: ${ORIGIN}
        credentials: { usernameEnv: KST_CQL_USER, passwordEnv: KST_CQL_PASSWORD }
      target:
        keyspace: ${TARGET}
        credentials: { usernameEnv: KST_CQL_USER, passwordEnv: KST_CQL_PASSWORD }
      tables:
        - name: orders
          partitionKey: [customer_id]
          clusteringKey: [order_id]
          columns: { customer_id: int, order_id: int, total: decimal, note: text }
      validation: { rangesPerTable: 16, sampleRowsPerRange: 200 }
waves:
  - id: ${W}
    name: Cassandra to Keyspaces
    stacks: [app8201]
    keyspaces: { holdSeconds: 120 }
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: mirror, name: Mirror reads, action: { type: keyspaces-mirror-reads } }
        - { id: primary, name: Keyspaces primary, action: { type: keyspaces-primary-target } }
        - { id: validate, name: Validate, action: { type: keyspaces-validate } }
        - { id: remove, name: Remove the proxy, action: { type: keyspaces-remove-proxy }, pointOfNoReturn: true }
`;

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  const shared = await sharedCassandra();
  if (typeof cli === 'string' || typeof shared === 'string') {
    skipReason = typeof cli === 'string' ? cli : (shared as string);
    return;
  }
  node = shared;
  client = cassandraClient(node);
  await client.connect();
  for (const keyspace of [ORIGIN, TARGET]) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await client.execute(`CREATE KEYSPACE ${ORIGIN} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await client.execute(`CREATE TABLE ${ORIGIN}.orders (customer_id int, order_id int, total decimal, note text, PRIMARY KEY ((customer_id), order_id))`);
  for (let i = 0; i < ROWS; i += 100)
    await Promise.all(
      Array.from({ length: 100 }, (_, j) =>
        client!.execute(
          `INSERT INTO ${ORIGIN}.orders (customer_id, order_id, total, note) VALUES (?, ?, ?, ?)`,
          [(i + j) % 97, i + j, `${i + j}.50`, `order ${i + j}`],
          {
            prepare: true,
          },
        ),
      ),
    );
  const cassandra = { contactPoints: [node.contactPoint], localDataCenter: node.localDataCenter, username: node.username, password: node.password };
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-keyspaces-'));
  aws = await startAwsRehearsal({ timeScale: 60, scenario: defineScenario({ name: 'keyspaces', instances: [], tasks: [] }), cassandra });
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, plan(node.contactPoint));
  core = await startTestCore({
    folder,
    tracks: [dmsTrack, tunedKeyspacesTrack({ intervals: { fastMs: 300, normalMs: 300, idleMs: 300, maxBackoffMs: 1000 }, env: CQL_ENV })],
    planFile,
    env: { ...process.env, ...TEST_PASSPHRASE, ...CQL_ENV },
    startRehearsal: aroundAwsRehearsal(() => aws!, { timeScale: 60, cassandra }).start,
  });
}, OPERATION_TIMEOUT);

const command = commandOf(() => core);

afterAll(async () => {
  await core?.close();
  await aws?.close();
  if (client) {
    for (const keyspace of [ORIGIN, TARGET]) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await client.shutdown();
  }
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

async function gates(): Promise<Record<string, ReadinessGateView>> {
  const [wave] = await command<WaveReadinessView[]>('cutover.readiness', { waveId: W });
  return Object.fromEntries(wave!.stacks.find((stack) => stack.stackId === STACK)!.gates.map((gate) => [gate.gate, gate]));
}

const snapshot = () => command<KeyspacesSnapshot>('keyspaces.snapshot', {});

async function validated(runId: string): Promise<ValidationView> {
  const done = await until(`validation ${runId}`, snapshot, (view) =>
    view.validations.some((validation) => validation.runId === runId && validation.state !== 'running'),
  );
  return done.validations.find((validation) => validation.runId === runId)!;
}

describe('the Keyspaces track in the rehearsal', () => {
  it(
    'deploys, bulk loads for real, holds the dual writes, validates clean, finds an injected mismatch by range, and journals it all',
    async ({ skip }) => {
      if (!core) skip(skipReason);
      const loaded = await command<PlanSnapshot>('plan.get', {});
      if (loaded.status !== 'loaded') throw new Error(JSON.stringify(loaded));
      expect(loaded.plan.gateColumns.map((column) => column.id)).toEqual([
        'infrastructure',
        'registration',
        'data',
        'keyspaces.load',
        'keyspaces.dual-write',
        'keyspaces.validation',
        'dependencies',
      ]);

      expect(await deployWave<WaveOperationView>(command, W, OPERATION_TIMEOUT)).toMatchObject({ status: 'succeeded' });
      // The rehearsal target made the target table for real.
      const tables = await client!.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [TARGET], { prepare: true });
      expect(tables.rows.map((row) => row.get('table_name'))).toEqual(['orders']);

      const started = await command<{ runId: string }>('keyspaces.bulk-load.start', { stackId: STACK });
      const loadedView = await until(
        'the bulk load to succeed and its count to follow',
        snapshot,
        // CloudWatch has a minute's records once the minute is over: the count follows the state.
        (view) => view.stacks[0]?.bulkLoad.state === 'SUCCEEDED' && (view.stacks[0]?.bulkLoad.recordsRead ?? 0) >= ROWS,
      );
      // The proxy's live writes (one every 2 s on the rehearsal clock) reach the origin too: the copy reads at least the seed.
      expect(loadedView.stacks[0]!.bulkLoad).toMatchObject({ runId: started.runId });
      expect(loadedView.stacks[0]!.bulkLoad.recordsRead).toBeGreaterThanOrEqual(ROWS);
      const copied = await client!.execute(`SELECT count(*) FROM ${TARGET}.orders`);
      expect(Number(copied.first().get(0))).toBeGreaterThanOrEqual(ROWS);

      const clean = await validated((await command<{ runId: string }>('keyspaces.validate', { stackId: STACK })).runId);
      expect(clean).toMatchObject({ state: 'clean', scope: 'full', mismatches: 0, partitioner: 'murmur3' });
      expect(clean.originRows).toBeGreaterThanOrEqual(ROWS);

      const green = await until('the Keyspaces gates green', gates, (view) =>
        ['keyspaces.load', 'keyspaces.dual-write', 'keyspaces.validation'].every((id) => view[id]?.status === 'green'),
      );
      expect(green['keyspaces.load']!.status).toBe('green');

      // The runbook: reads mirrored, then Keyspaces primary (each a Pulumi update with the phase in the stack's
      // cutover config), then a validation; it waits at the point of no return, where the operator stops; the
      // rollback puts the primary back on the origin.
      const proxy = async () => (await (await fetch(`${aws!.url}/_admin/keyspaces/proxies/app8201`)).json()) as { primaryCluster: string; readMode: string };
      const runState = async () => (await command<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;
      await command('cutover.start', { waveId: W });
      const run = await until(
        'the runbook to wait at the point of no return',
        runState,
        (view) => view.status !== 'running' || view.steps.at(-1)!.status === 'waiting',
        OPERATION_TIMEOUT,
      );
      expect(run.steps.map((step) => `${step.id}:${step.status}`)).toEqual(['mirror:succeeded', 'primary:succeeded', 'validate:succeeded', 'remove:waiting']);
      expect(run.rollbackPlan.map((planned) => planned.id)).toEqual([
        'keyspaces-origin-primary:platform-production/app8201',
        'keyspaces-origin-primary:platform-production/app8201',
      ]);
      expect(await proxy()).toMatchObject({ primaryCluster: 'TARGET', readMode: 'PRIMARY_ONLY' });
      await command('cutover.abort', { waveId: W });
      await command('cutover.rollback', { waveId: W, reason: 'rehearsal: back to the data center after the check' });
      const rolledBack = await until(
        'the rollback to end',
        async () => (await command<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!,
        (view) => view.rollback !== null && view.rollback.status !== 'running',
        OPERATION_TIMEOUT,
      );
      expect(rolledBack.rollback!.status).toBe('succeeded');
      expect(rolledBack.rollback!.steps.map((step) => step.action)).toEqual(['keyspaces-origin-primary', 'keyspaces-origin-primary']);
      expect(await proxy()).toMatchObject({ primaryCluster: 'ORIGIN', readMode: 'PRIMARY_ONLY' });

      // A row lost and one changed on the target: found by table and token range, and again by a re-check.
      const fault = await fetch(`${aws!.url}/_admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'keyspaces-row-mismatch', keyspace: TARGET, table: 'orders', rows: 1 }),
      });
      expect(fault.status).toBe(201);
      // The rehearsal applies the fault on its next step, in the background: validate until it shows.
      let broken = await validated((await command<{ runId: string }>('keyspaces.validate', { stackId: STACK })).runId);
      for (let attempt = 1; broken.state === 'clean' && attempt < 5; attempt += 1)
        broken = await validated((await command<{ runId: string }>('keyspaces.validate', { stackId: STACK })).runId);
      expect(broken.state).toBe('mismatches');
      const orders = broken.tables[0]!;
      expect(orders.countMismatchCount + orders.rowMismatchCount).toBeGreaterThan(0);
      const red = await until('the validation gate red', gates, (view) => view['keyspaces.validation']?.status === 'red');
      expect(red['keyspaces.validation']!.reasons[0]).toMatch(/^table orders: /);
      const ranges = [...orders.countMismatches, ...orders.rowMismatches].map(({ start, end }) => ({ start, end }));
      const recheck = await validated((await command<{ runId: string }>('keyspaces.validate', { stackId: STACK, recheck: { table: 'orders', ranges } })).runId);
      expect(recheck).toMatchObject({ scope: 'recheck', state: 'mismatches' });

      // Failed writes on the target: the dual-write gate turns red with the numbers.
      const failuresFrom = aws!.simulation.now();
      await fetch(`${aws!.url}/_admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'keyspaces-failed-writes', proxy: 'app8201', side: 'target', durationSeconds: 60, perSecond: 2 }),
      });
      const failing = await until(
        'the dual-write gate red',
        gates,
        (view) => view['keyspaces.dual-write']?.status === 'red' && /failed writes/.test(view['keyspaces.dual-write']?.reasons.join(' ') ?? ''),
      );
      expect(failing['keyspaces.dual-write']!.reasons[0]).toMatch(/^\d+ failed writes in the last 120 s \(limit 0\)$/);

      // The journal holds the bulk load and every validation; the evidence pack lists them.
      const journal = await command<{ entries: JournalEntryView[] }>('journal.list', {});
      const kinds = journal.entries.filter((entry) => entry.kind.startsWith('keyspaces-')).map((entry) => `${entry.kind}:${entry.phase}`);
      expect(kinds).toEqual(
        expect.arrayContaining(['keyspaces-bulk-load:started', 'keyspaces-bulk-load:succeeded', 'keyspaces-validate:started', 'keyspaces-validate:succeeded']),
      );
      const evidence = await command<{ content: string }>('evidence.export', { waveId: W, format: 'markdown' });
      expect(evidence.content).toContain('## Keyspaces validations');
      expect(evidence.content).toContain('## Keyspaces bulk loads started');

      // The target healed by a second bulk load, then the switch again — this time past the point of no return: the
      // proxy is gone for real, and the rollback says plainly that Keyspaces cannot go back.
      // The writes that failed on the target are missing there for real: copy again once the failures are over.
      await until(
        'the failed writes to be over',
        async () => aws!.simulation.now(),
        (now) => now > failuresFrom + 61_000,
      );
      const again = await command<{ runId: string }>('keyspaces.bulk-load.start', { stackId: STACK });
      await until(
        'the second bulk load to succeed',
        snapshot,
        (view) => view.stacks[0]?.bulkLoad.runId === again.runId && view.stacks[0]?.bulkLoad.state === 'SUCCEEDED',
      );
      await command('cutover.start', { waveId: W, override: { reason: 'rehearsal: failed writes were injected on purpose' } });
      const waiting = await until(
        'the second run at the point of no return',
        runState,
        (view) => view.status !== 'running' || view.steps.at(-1)!.status === 'waiting',
        OPERATION_TIMEOUT,
      );
      expect(waiting.steps.map((step) => `${step.id}:${step.status}`)).toEqual([
        'mirror:succeeded',
        'primary:succeeded',
        'validate:succeeded',
        'remove:waiting',
      ]);
      await expect(command('cutover.confirmStep', { waveId: W, stepId: 'remove', typed: 'wave-k' })).rejects.toThrow(/type the wave id 'wave-ks'/);
      await command('cutover.confirmStep', { waveId: W, stepId: 'remove', typed: W });
      const removed = await until('the second run to end', runState, (view) => view.status !== 'running', OPERATION_TIMEOUT);
      expect(removed.status).toBe('succeeded');
      expect(removed.steps.at(-1)).toMatchObject({ status: 'succeeded', passedPointOfNoReturn: { by: expect.any(String) } });
      expect((await fetch(`${aws!.url}/_admin/keyspaces/proxies/app8201`)).status).toBe(404);
      expect(removed.noWayBack).toEqual([expect.objectContaining({ stepId: 'remove', system: 'keyspaces', stackIds: [STACK] })]);
      expect(removed.rollbackPlan.filter((planned) => planned.system === 'keyspaces')).toEqual([]);
      await command('cutover.rollback', { waveId: W, reason: 'rehearsal: what a rollback past the point says' });
      const final = await until(
        'the last rollback to end',
        runState,
        (view) => view.rollback !== null && view.rollback.status !== 'running',
        OPERATION_TIMEOUT,
      );
      expect(final.rollback!.summary).toMatch(/Keyspaces CANNOT GO BACK for platform-production\/app8201: step 'remove' went past its point of no return/);
      expect((await fetch(`${aws!.url}/_admin/keyspaces/proxies/app8201`)).status).toBe(404);
      const pack = await command<{ content: string }>('evidence.export', { waveId: W, format: 'markdown' });
      expect(pack.content).toMatch(/\*\*Point of no return:\*\* remove \(Remove the proxy\): PASSED at /);
      expect(pack.content).toMatch(/\*\*Could not go back:\*\* Keyspaces CANNOT GO BACK/);
    },
    OPERATION_TIMEOUT * 3,
  );
});
