import { describe, expect, it } from 'vitest';
import type { ReplicationTaskView, SeriesPoints } from './contract-views';
import { createActions as createActionsOf } from '../../cutover/actions';
import type { RunbookStepDef } from '../../cutover/ledger';
import { loadTestPlan, TEST_CATALOG } from '../../cutover/runbook-testing';
import type { DmsRunbookRuntime } from './monitor/runbook-runtime';
import type { StepContext } from '../../seam/runbook-part';
import { quietFor } from './actions';

/** The DMS runtime's part the actions read (the catalog hands it to the DMS track's declarations). */
type ActionPorts = Pick<DmsRunbookRuntime, 'dmsTasks' | 'dmsSeries' | 'dmsStop' | 'dmsRefresh' | 'pollMs'>;
const createActions = (ports: ActionPorts) => createActionsOf(TEST_CATALOG, () => ports);

const plan = loadTestPlan();
const wave = plan.waves[0]!;

function context(signal = new AbortController().signal): StepContext & { progressed: string[] } {
  const progressed: string[] = [];
  return { runId: 'run', stepId: 's', attemptId: 'attempt', wave, plan, signal, progress: (message) => progressed.push(message), progressed };
}

function task(stackId: string, phase: ReplicationTaskView['phase'], latency: number | null): ReplicationTaskView {
  return {
    key: `${stackId}#0`,
    stackId,
    taskId: `${stackId.split('/')[1]}-mysql`,
    phase,
    status: phase === 'cdc' ? 'running' : phase,
    latest: { cdcLatencyTargetSeconds: latency },
    freshness: { stale: false, staleReason: null },
  } as unknown as ReplicationTaskView;
}

function ports(overrides: Partial<ActionPorts>): ActionPorts {
  return {
    dmsTasks: () => [],
    dmsSeries: () => [],
    dmsStop: async () => {
      throw new Error('not in this test');
    },
    pollMs: 5,
    ...overrides,
  };
}

const step = (action: RunbookStepDef['action']): RunbookStepDef => ({ id: 's', name: 'S', action, mustSucceed: true });

describe('DMS runbook actions', () => {
  it('measures how long a series has stayed quiet', () => {
    expect(quietFor([], 0)).toBe(0);
    expect(
      quietFor(
        [
          [0, 5],
          [10_000, 0],
          [20_000, 0],
          [30_000, 0],
        ],
        0,
      ),
    ).toBe(20);
    expect(
      quietFor(
        [
          [0, 0],
          [10_000, 0],
          [20_000, 3],
        ],
        0,
      ),
    ).toBe(0);
  });

  it('stop-replication waits for the latency, stops each task, and waits for DMS to report it stopped', async () => {
    const tasks = new Map([
      ['apps/app1', task('apps/app1', 'cdc', 4)],
      ['apps/app2', task('apps/app2', 'stopped', null)],
    ]);
    const stopped: string[] = [];
    const actions = createActions(
      ports({
        dmsTasks: () => [...tasks.values()],
        dmsStop: async (key, parentOperationId) => {
          stopped.push(`${key} as part of ${parentOperationId}`);
          tasks.set('apps/app1', task('apps/app1', 'stopping', 0.5));
          setTimeout(() => tasks.set('apps/app1', task('apps/app1', 'stopped', null)), 20);
          return tasks.get('apps/app1')!;
        },
      }),
    );
    const ctx = context();
    setTimeout(() => tasks.set('apps/app1', task('apps/app1', 'cdc', 0.7)), 30);
    const outcome = await actions.run(step({ type: 'stop-replication', maxLatencySeconds: 1 }), ctx);
    expect(outcome).toMatchObject({ ok: true, message: 'replication stopped: app1-mysql, app2-mysql', details: { stoppedTasks: ['apps/app1#0'] } });
    expect(stopped).toEqual(['apps/app1#0 as part of attempt']);
    expect(ctx.progressed[0]).toBe('draining: app1-mysql latency 4 s > 1 s');
  });

  it('freeze-check needs the backlog and the applied rows at 0 for the quiet time, and gives up on its signal', async () => {
    const quiet: SeriesPoints[] = [
      {
        taskKey: 'apps/app1#0',
        metric: 'CDCIncomingChanges',
        points: [
          [0, 0],
          [30_000, 0],
          [60_000, 0],
        ],
      },
      {
        taskKey: 'apps/app1#0',
        metric: 'CDCThroughputRowsTarget',
        points: [
          [0, 0],
          [30_000, 0],
          [60_000, 0],
        ],
      },
    ];
    const busy: SeriesPoints[] = [
      quiet[0]!,
      {
        taskKey: 'apps/app1#0',
        metric: 'CDCThroughputRowsTarget',
        points: [
          [0, 40],
          [30_000, 38],
          [60_000, 41],
        ],
      },
    ];
    const tasks = [task('apps/app1', 'cdc', 1)];
    const ok = await createActions(ports({ dmsTasks: () => tasks, dmsSeries: () => quiet })).run(
      step({ type: 'freeze-check', quietSeconds: 60, maxIncomingChanges: 0 }),
      context(),
    );
    expect(ok).toMatchObject({ ok: true, message: 'writers blocked: every task quiet for at least 60 s' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 30);
    const ctx = context(abort.signal);
    const failed = await createActions(ports({ dmsTasks: () => tasks, dmsSeries: () => busy })).run(
      step({ type: 'freeze-check', quietSeconds: 60, maxIncomingChanges: 0 }),
      ctx,
    );
    expect(failed).toMatchObject({ ok: false, message: 'the source did not go quiet: app1-mysql: changes still arrive (0 waiting, 41 rows/s applied)' });
  });

  it('waits look at data the monitor read just then, not at its last cycle: stop-replication ends at the first look after DMS stops', async () => {
    // What DMS says, and what the monitor last read of it: the view changes only when the monitor reads again.
    let dms = task('apps/app1', 'cdc', 0.5);
    let read = task('apps/app1', 'cdc', 5);
    let refreshes = 0;
    let refreshesWhenStopped = 0;
    const actions = createActions(
      ports({
        dmsTasks: () => [read],
        dmsRefresh: async () => {
          refreshes++;
          read = dms;
        },
        dmsStop: async () => {
          dms = task('apps/app1', 'stopping', 0.5);
          setTimeout(() => {
            dms = task('apps/app1', 'stopped', null);
            refreshesWhenStopped = refreshes;
          }, 30);
          return dms;
        },
      }),
    );
    const ctx = context();
    const outcome = await actions.run(step({ type: 'stop-replication', maxLatencySeconds: 1 }), ctx);
    expect(outcome).toMatchObject({ ok: true, message: 'replication stopped: app1-mysql' });
    // The 5 s latency of the monitor's last cycle never counted: the drain looked at a fresh reading first.
    expect(ctx.progressed.some((line) => line.startsWith('draining'))).toBe(false);
    expect(refreshes).toBeGreaterThanOrEqual(2);
    // The step ended at the first look that read DMS after it reported stopped.
    expect(refreshes - refreshesWhenStopped).toBe(1);
  });

  it('freeze-check judges the quiet on data read when it looks', async () => {
    const series = (applied: number): SeriesPoints[] => [
      {
        taskKey: 'apps/app1#0',
        metric: 'CDCIncomingChanges',
        points: [
          [0, 0],
          [60_000, 0],
        ],
      },
      {
        taskKey: 'apps/app1#0',
        metric: 'CDCThroughputRowsTarget',
        points: [
          [0, applied],
          [60_000, applied],
        ],
      },
    ];
    let read = series(40);
    const tasks = [task('apps/app1', 'cdc', 1)];
    const ctx = context();
    const outcome = await createActions(ports({ dmsTasks: () => tasks, dmsSeries: () => read, dmsRefresh: async () => void (read = series(0)) })).run(
      step({ type: 'freeze-check', quietSeconds: 60, maxIncomingChanges: 0 }),
      ctx,
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(ctx.progressed).toEqual([]);
  });

  it('a wait stops on its signal even while the monitor is still reading', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const outcome = await createActions(ports({ dmsTasks: () => [task('apps/app1', 'cdc', 1)], dmsRefresh: () => new Promise<void>(() => {}) })).run(
      step({ type: 'freeze-check', quietSeconds: 60, maxIncomingChanges: 0 }),
      context(abort.signal),
    );
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^the source did not go quiet/) });
  });
});
