// Simulation dynamics on a manual clock: full load to CDC, throughput, stop/resume, reload, faults.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock';
import { SERIES } from './metric-history';
import { defineScenario, type ScenarioInput } from './scenario';
import { DmsSimulation } from './simulation';
import { STOP_FATAL, STOP_FULL_LOAD_ONLY, STOP_NORMAL, type SimTask } from './sim-task';
import { shopTables } from '../../test-support';

function simulate(input: ScenarioInput, seed?: number) {
  const clock = new ManualClock();
  const simulation = new DmsSimulation({ scenario: defineScenario(input), clock, ...(seed !== undefined ? { seed } : {}) });
  const task = (id = 'orders') => simulation.task(id)!;
  return { clock, simulation, task, advance: (seconds: number) => simulation.advance(seconds * 1000) };
}

/** 10 tables × 100,000 rows at 10,000 rows/s: a 100 s full load. */
const ORDERS = {
  id: 'orders',
  tables: shopTables(10),
  throughputRowsPerSecond: 10_000,
  parallelTables: 3,
  changeRatePerSecond: 50,
  applyCapacityPerSecond: 500,
  autoStart: true,
};

function lastMinute(task: SimTask, series: number, clock: ManualClock): number {
  return task.metrics!.minuteValue(Math.floor(clock.now() / 60_000) - 1, series);
}

describe('full load, then CDC', () => {
  it('loads a few tables at a time at the task throughput, then stays running in CDC', async () => {
    const { task, advance } = simulate({ tasks: [ORDERS] });
    advance(5);
    expect(task().status).toBe('starting');
    advance(20);
    expect(task().status).toBe('running');
    expect(task().fullLoadStartAt).toBeDefined();

    let last = 0;
    for (let t = 0; t < 20 && task().fullLoadFinishAt === undefined; t++) {
      advance(10);
      const counts = task().tableCounts();
      expect(counts.loading).toBeLessThanOrEqual(3);
      expect(counts.loaded + counts.loading + counts.queued).toBe(10);
      expect(task().fullLoadProgressPercent).toBeGreaterThanOrEqual(last);
      last = task().fullLoadProgressPercent;
    }
    const finished = task();
    expect(finished.fullLoadFinishAt).toBeDefined();
    // ETA-able: 1,000,000 rows at 10,000 rows/s (±10% noise) is about 100 s, give or take a tick per table.
    const seconds = (finished.fullLoadFinishAt! - finished.fullLoadStartAt!) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(90);
    expect(seconds).toBeLessThanOrEqual(140);
    expect(finished.status).toBe('running');
    expect(finished.cdcActive).toBe(true);
    expect(finished.fullLoadProgressPercent).toBe(100);
    expect(finished.tableCounts()).toEqual({ loaded: 10, loading: 0, queued: 0, errored: 0 });
    expect(finished.tables[0]!.validationState(true)).toMatch(/Pending records|Validated/);

    // CDC: inserts/updates/deletes grow, latency stays low when apply capacity exceeds the change rate.
    advance(600);
    const changes = finished.tableChanges(finished.tables[0]!);
    expect(changes.inserts).toBeGreaterThan(0);
    expect(changes.updates).toBeGreaterThan(0);
    advance(600);
    expect(finished.tableChanges(finished.tables[0]!).inserts).toBeGreaterThan(changes.inserts);
    expect(finished.latencyTarget).toBeLessThan(3);
    expect(finished.latencyTarget).toBeGreaterThan(finished.latencySource);
    expect(finished.tables.every((table) => table.validationState(true) === 'Validated')).toBe(true);
  });

  it('reports the full load throughput in its metrics', () => {
    const { task, advance, clock } = simulate({ tasks: [{ ...ORDERS, tables: shopTables(10, 2_000_000) }] });
    advance(25 + 180);
    const rowsPerSecond = lastMinute(task(), SERIES.fullLoadRows, clock);
    expect(rowsPerSecond).toBeGreaterThan(9_000);
    expect(rowsPerSecond).toBeLessThan(11_000);
  });

  it('stops a full-load-only task when it finishes, with FULL_LOAD_ONLY_FINISHED', () => {
    const { task, advance } = simulate({ tasks: [{ ...ORDERS, migrationType: 'full-load' }] });
    advance(25 + 200);
    expect(task()).toMatchObject({ status: 'stopped', stopReason: STOP_FULL_LOAD_ONLY });
    expect(task().fullLoadProgressPercent).toBe(100);
    expect(task().active).toBe(false);
  });

  it('is deterministic for a seed, and differs for another', () => {
    const run = (seed: number) => {
      const { task, advance, clock } = simulate({ tasks: [ORDERS] }, seed);
      advance(3600);
      return [task().applied, lastMinute(task(), SERIES.latencyTarget, clock)];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

describe('stop, resume and reload', () => {
  it('stops (stopping → stopped, NORMAL), resumes where it was, and reload-target starts the full load again', () => {
    const { simulation, task, advance } = simulate({ tasks: [ORDERS] });
    advance(25 + 50);
    const before = task().tableCounts().loaded;
    expect(before).toBeGreaterThan(0);
    simulation.stopTask(task().identity.arn);
    expect(task().status).toBe('stopping');
    advance(10);
    expect(task()).toMatchObject({ status: 'stopped', stopReason: STOP_NORMAL });
    const progress = task().fullLoadProgressPercent;
    advance(600);
    // Nothing moves while stopped.
    expect(task().fullLoadProgressPercent).toBe(progress);

    simulation.startTask(task().identity.arn, 'resume-processing');
    advance(25);
    expect(task().status).toBe('running');
    expect(task().tableCounts().loaded).toBeGreaterThanOrEqual(before);
    advance(200);
    expect(task().fullLoadFinishAt).toBeDefined();
    advance(300);
    const applied = task().applied;
    expect(applied).toBeGreaterThan(0);

    simulation.stopTask(task().identity.arn);
    advance(10);
    const firstFresh = task().freshStartAt;
    simulation.startTask(task().identity.arn, 'reload-target');
    advance(25 + 10);
    expect(task().freshStartAt).toBeGreaterThan(firstFresh!);
    expect(task().fullLoadFinishAt).toBeUndefined();
    expect(task().fullLoadProgressPercent).toBeLessThan(50);
    expect(task().applied).toBeLessThan(applied);
    expect(task().tables.some((table) => table.tableState === 'Table is being reloaded')).toBe(true);
  });
});

describe('faults', () => {
  it('fails a task at N % of its full load with FATAL_ERROR, and resumes it to the end', () => {
    const { simulation, task, advance } = simulate({
      tasks: [ORDERS],
      faults: [{ type: 'task-failure', task: 'orders', atPercent: 40, message: 'disk full on the target' }],
    });
    advance(25 + 200);
    expect(task()).toMatchObject({ status: 'failed', stopReason: STOP_FATAL, lastFailureMessage: 'disk full on the target' });
    expect(task().fullLoadProgressPercent).toBeGreaterThanOrEqual(40);
    expect(task().fullLoadProgressPercent).toBeLessThan(60);
    expect(simulation.events().map((event) => event.message)).toContain('Replication task has failed. Reason: disk full on the target');
    simulation.startTask(task().identity.arn, 'resume-processing');
    advance(25 + 200);
    expect(task().status).toBe('running');
    expect(task().fullLoadProgressPercent).toBe(100);
  });

  it('raises CDC latency during a latency spike and lets it drain afterwards', () => {
    const { task, advance, clock } = simulate({
      tasks: [{ ...ORDERS, changeRatePerSecond: 100, applyCapacityPerSecond: 400 }],
      faults: [{ type: 'latency-spike', task: 'orders', at: '20m', for: '5m' }],
    });
    advance(19 * 60);
    expect(lastMinute(task(), SERIES.latencyTarget, clock)).toBeLessThan(3);
    advance(5 * 60);
    // 5 minutes at 5% capacity: about 5 × 60 × (100 - 20) rows behind, drained at 400/s ≈ 60 s of latency.
    const peak = lastMinute(task(), SERIES.latencyTarget, clock);
    expect(peak).toBeGreaterThan(30);
    expect(lastMinute(task(), SERIES.backlog, clock)).toBeGreaterThan(10_000);
    advance(10 * 60);
    expect(lastMinute(task(), SERIES.latencyTarget, clock)).toBeLessThan(3);
  });

  it('puts a table in error (the task carries on) until it is reloaded', () => {
    const { simulation, task, advance } = simulate({ tasks: [ORDERS], faults: [{ type: 'table-error', task: 'orders', table: 'shop.t09', at: 30 }] });
    advance(25 + 200);
    const table = task().table('shop.t09')!;
    expect(table.tableState).toBe('Table error');
    expect(table.validationState(true)).toBe('Table error');
    expect(task().tableCounts()).toMatchObject({ errored: 1, loaded: 9 });
    expect(task().status).toBe('running');
    expect(task().fullLoadFinishAt).toBeDefined();
    simulation.reloadTables(task().identity.arn, ['shop.t09'], 'data-reload');
    advance(60);
    expect(table.tableState).toBe('Table completed');
    expect(task().tableCounts().errored).toBe(0);
  });

  it('reports a validation mismatch until the table is revalidated', () => {
    const { simulation, task, advance } = simulate({
      tasks: [ORDERS],
      faults: [{ type: 'validation-mismatch', task: 'orders', table: 'shop.t01', records: 17, at: '2m' }],
    });
    advance(25 + 400);
    const table = task().table('shop.t01')!;
    expect(table.validationState(true)).toBe('Mismatched records');
    expect(table.failedRecords).toBe(17);
    simulation.reloadTables(task().identity.arn, ['shop.t01'], 'validate-only');
    expect(table.validationState(true)).toBe('Pending records');
    expect(task().validationPending(table)).toBe(100_000);
    advance(120);
    expect(table.validationState(true)).toBe('Validated');
  });
});

describe('bounded memory', () => {
  it('keeps a fixed-size history and event log over 25 simulated hours', () => {
    const { simulation, task, advance, clock } = simulate({ generated: { tasks: 20, tablesPerTask: 3 } });
    advance(25 * 3600);
    expect(simulation.tasks().every((each) => each.status === 'running')).toBe(true);
    // The ring holds the last 1440 finished minutes (the current one is still being filled).
    const metrics = simulation.tasks()[0]!.metrics!;
    const minute = Math.floor(clock.now() / 60_000);
    expect(metrics.coarse.first).toBe(minute - 1441);
    expect(Number.isNaN(metrics.coarse.read(minute - 1441, 0))).toBe(false);
    expect(Number.isNaN(metrics.coarse.read(minute - 1442, 0))).toBe(true);
    expect(simulation.events().length).toBeLessThanOrEqual(10_000);
    expect(task('gen-01-mysql').elapsedMs).toBeGreaterThan(23 * 3600_000);
  });
});
