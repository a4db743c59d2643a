// The DMS commands and events through the cockpit core, against the rehearsal server: the plan's tasks are
// monitored, every event and answer fits the API contract, task control is journaled, and closing the core
// leaves nothing running.
import { describe, expect, it } from 'vitest';
import { EventBatchSchema, type DmsSnapshot, type JournalEntryView, type ReplicationTaskView, type SeriesHistory } from '../../main/api/contract';
import { dmsTrack } from '../../main/tracks/dms/track';
import { closeAfterEach, startCoreRehearsal } from '../support/dms-rehearsal';

const PLAN = `version: 1
name: dms core test
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:
  - { name: app1, project: apps, replicationTasks: [{ taskId: orders-mysql }] }
  - { name: app2, project: apps, replicationTasks: [{ taskId: billing-mysql }] }
waves:
  - { id: wave-1, name: Wave 1, stacks: [app1, app2], gates: { maxCdcLatencySeconds: 60, holdSeconds: 30, requireValidation: false } }
`;

const closeLater = closeAfterEach();

describe('DMS through the cockpit core', () => {
  it('monitors the plan, answers the dms.* commands within the contract, and journals task control', async () => {
    const { core, clock, batches, command } = closeLater(
      await startCoreRehearsal({
        plan: PLAN,
        folderPrefix: 'mc-dms-core-',
        scenario: {
          tasks: [
            { id: 'orders-mysql', autoStart: false, tables: [{ schema: 'shop', name: 'orders', rows: 5000 }] },
            { id: 'billing-mysql', autoStart: true },
          ],
        },
      }),
    );
    const monitor = core.runtimeOf(dmsTrack)!.replication.current!;
    await monitor.refreshNow();
    let snapshot = await command<DmsSnapshot>('dms.snapshot', {});
    expect(snapshot.monitor).toMatchObject({ target: 'rehearsal' });
    expect(snapshot.tasks.map((t) => [t.key, t.phase])).toEqual([
      ['apps/app1#0', 'not-started'],
      ['apps/app2#0', expect.stringMatching(/not-started|starting|full-load/)], // autoStart: started on the simulation's first tick
    ]);

    const started = await command<ReplicationTaskView>('dms.control', { taskKey: 'apps/app1#0', action: 'start' });
    expect(started.status).toBe('starting');
    const refused = await core.dispatch('dms.control', { taskKey: 'apps/app1#0', action: 'start' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/start \(start-replication\) is only for a task's first run/) },
    });
    const journal = await command<{ entries: JournalEntryView[] }>('journal.list', { limit: 10 });
    expect(journal.entries.map((e) => [e.kind, e.phase, e.target])).toEqual([
      ['dms-start', 'started', { type: 'replication-task', stackId: 'apps/app1', taskKey: 'apps/app1#0', taskId: 'orders-mysql' }],
      ['dms-start', 'succeeded', { type: 'replication-task', stackId: 'apps/app1', taskKey: 'apps/app1#0', taskId: 'orders-mysql' }],
    ]);

    expect(await command('dms.focus', { taskKeys: ['apps/app1#0'] })).toHaveLength(1);
    for (let i = 0; i < 30; i++) {
      clock.advance(5000);
      await monitor.refreshNow();
    }
    snapshot = await command<DmsSnapshot>('dms.snapshot', {});
    expect(snapshot.tasks.map((t) => [t.phase, t.freshness.stale])).toEqual([
      ['cdc', false],
      [expect.stringMatching(/full-load|cdc/), false],
    ]);
    // The whole history, then from its cursor only what is newer: nothing until the next cycle, then that cycle's points.
    const series = await command<SeriesHistory>('dms.series', { taskKey: 'apps/app1#0' });
    const latency = series.series.find((s) => s.metric === 'CDCLatencyTarget')!.points;
    expect(latency.length).toBeGreaterThan(0);
    expect(series.cursor).toBe(Math.max(...series.series.flatMap((s) => s.points.map((point) => point[0]))));
    expect(series.recentWindowMs).toBe(15 * 60_000);
    const none = await command<SeriesHistory>('dms.series', { taskKey: 'apps/app1#0', after: series.cursor });
    expect(none.series.every((s) => s.points.length === 0)).toBe(true);
    expect(none.cursor).toBe(series.cursor);
    clock.advance(5000);
    await monitor.refreshNow();
    const next = await command<SeriesHistory>('dms.series', { taskKey: 'apps/app1#0', after: series.cursor });
    const newer = next.series.flatMap((s) => s.points);
    expect(newer.length).toBeGreaterThan(0);
    expect(newer.every((point) => point[0] > series.cursor!)).toBe(true);
    expect((await core.dispatch('dms.alerts.ack', { alertId: 'nope' })).ok).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 30));
    // Everything the monitor published fits the contract.
    for (const batch of batches) expect(EventBatchSchema.safeParse(batch).success).toBe(true);
    const types = new Set(batches.flatMap((b) => b.events.map((e) => e.type)));
    for (const type of ['dms.tasks', 'dms.samples', 'dms.tables', 'dms.waves', 'dms.monitor']) expect(types).toContain(type);
    const tables = batches.flatMap((b) => b.events.flatMap((e) => (e.type === 'dms.tables' ? [e.tables] : [])));
    expect(tables.at(-1)!.tables.map((t) => `${t.schema}.${t.table}`)).toEqual(['shop.orders']);
  });

  it('reports a plan on the rehearsal environment without one as degraded, and answers commands', async () => {
    const { core, command } = closeLater(await startCoreRehearsal({ plan: PLAN, folderPrefix: 'mc-dms-core-' }));
    const snapshot = await command<DmsSnapshot>('dms.snapshot', {});
    expect(snapshot.monitor).toMatchObject({ state: 'degraded', message: expect.stringMatching(/no rehearsal AWS endpoint/) });
    expect(snapshot.tasks.map((t) => t.phase)).toEqual(['unresolved', 'unresolved']);
    expect(await core.dispatch('dms.control', { taskKey: 'apps/app1#0', action: 'start' })).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});
