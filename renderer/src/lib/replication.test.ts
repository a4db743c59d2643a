import type { DmsControlAction, ReplicationPhase } from '../../../main/api/contract';
import { describe, expect, it } from 'vitest';
import { task, tableRow } from '../store/dms-fixtures';
import { controlBlocked, filterTables, formatRate, freshnessOf, heatOf, holdRemaining, migrationTypeLabel, tableFlag, taskName, tasksOfWave } from './replication';

const AT = Date.parse('2026-12-05T01:00:00.000Z');
const context = { now: AT + 12_000, intervalSeconds: 5, connected: true };

describe('freshness', () => {
  it('says how old the values are', () => {
    expect(freshnessOf(task('a/b#0'), context)).toEqual({ stale: false, reason: null, ageSeconds: 12, text: 'updated 12 s ago' });
  });

  it('is stale with the core’s reason, when unresolved, when disconnected, or when nothing came for several intervals', () => {
    const stale = task('a/b#0', { freshness: { ...task('a/b#0').freshness, stale: true, staleReason: 'DescribeReplicationTasks throttled' } });
    expect(freshnessOf(stale, context)).toMatchObject({ stale: true, reason: 'DescribeReplicationTasks throttled' });
    expect(freshnessOf(task('a/b#0', { phase: 'unresolved', resolution: 'stack not deployed' }), context)).toMatchObject({ stale: true, reason: 'stack not deployed' });
    expect(freshnessOf(task('a/b#0'), { ...context, connected: false })).toMatchObject({ stale: true, reason: 'disconnected from the cockpit core' });
    expect(freshnessOf(task('a/b#0'), { ...context, now: AT + 29_000 }).stale).toBe(false);
    expect(freshnessOf(task('a/b#0'), { ...context, now: AT + 31_000 })).toMatchObject({ stale: true, reason: 'no update for 31 s (the monitor polls every 5 s)' });
    expect(freshnessOf(task('a/b#0'), { ...context, intervalSeconds: 60, now: AT + 150_000 }).stale).toBe(false);
  });

  it('never read', () => {
    expect(freshnessOf(task('a/b#0', { freshness: { taskAt: null, metricsAt: null, stale: false, staleReason: null } }), context).text).toBe('never read');
  });
});

describe('heatmap colours', () => {
  const at = (latency: number | null, extra = {}) => task('a/b#0', { phase: 'cdc', latest: { ...task('a/b#0').latest, cdcLatencyTargetSeconds: latency }, ...extra });
  it('maps target latency against the gate', () => {
    expect(heatOf(at(1), 5, false)).toEqual({ level: 'good', ratio: 0.2, failed: false });
    expect(heatOf(at(5), 5, false).level).toBe('fair');
    expect(heatOf(at(9), 5, false).level).toBe('over');
    expect(heatOf(at(11), 5, false).level).toBe('far');
  });
  it('is grey when stale, unresolved or without a value; neutral without a gate; outlined when failed', () => {
    expect(heatOf(at(1), 5, true).level).toBe('none');
    expect(heatOf(at(null), 5, false).level).toBe('none');
    expect(heatOf(at(1, { phase: 'unresolved' }), 5, false).level).toBe('none');
    expect(heatOf(at(1), null, false).level).toBe('nogate');
    expect(heatOf(at(null, { phase: 'failed' }), 5, true).failed).toBe(true);
  });
  it('a failed task is red, a task in full load is never green, and no cell is green while its gate is red', () => {
    expect(heatOf(at(0.1, { phase: 'failed' }), 5, false)).toEqual({ level: 'failed', ratio: null, failed: true });
    expect(heatOf(at(0.1, { phase: 'full-load' }), 5, false).level).toBe('loading');
    expect(heatOf(at(0.1, { phase: 'starting' }), 5, false).level).toBe('loading');
    expect(heatOf(at(0.1, { phase: 'stopped' }), 5, false).level).toBe('idle');
    expect(heatOf(at(0.1, { phase: 'not-started' }), 5, false).level).toBe('idle');
    const red = { status: 'red' as const, reasons: ['2 tables errored'], latencyUnderSince: null, holdRemainingSeconds: null };
    expect(heatOf(at(1, { gate: red }), 5, false)).toEqual({ level: 'held', ratio: 0.2, failed: false });
    expect(heatOf(at(9, { gate: red }), 5, false).level).toBe('over');
  });
});

describe('task controls', () => {
  const allowed = (phase: ReplicationPhase, extra = {}) =>
    (['start', 'resume', 'reload-target', 'stop', 'reload-tables-data', 'reload-tables-validate'] as DmsControlAction[]).filter(
      (action) => controlBlocked(task('a/b#0', { phase, ...extra }), action) === null,
    );
  it('follows the DMS state rules', () => {
    expect(allowed('not-started')).toEqual(['start']);
    expect(allowed('cdc')).toEqual(['stop', 'reload-tables-data', 'reload-tables-validate']);
    expect(allowed('full-load')).toEqual(['stop', 'reload-tables-data', 'reload-tables-validate']);
    expect(allowed('stopped')).toEqual(['resume', 'reload-target']);
    expect(allowed('failed')).toEqual(['resume', 'reload-target']);
    expect(allowed('full-load-done')).toEqual(['reload-target']);
    for (const phase of ['unresolved', 'starting', 'stopping', 'other'] as const) expect(allowed(phase)).toEqual([]);
    expect(allowed('cdc', { validation: { state: 'not-enabled', failedRecords: 0, suspendedRecords: 0 } })).toEqual(['stop', 'reload-tables-data']);
  });
  it('says why', () => {
    expect(controlBlocked(task('a/b#0', { phase: 'cdc' }), 'start')).toMatch(/has run before/);
    expect(controlBlocked(task('a/b#0', { phase: 'unresolved', resolution: 'no ARN yet' }), 'stop')).toBe('The task is unresolved: no ARN yet');
    expect(controlBlocked(task('a/b#0', { phase: 'stopped' }), 'stop')).toBe('The task is not running');
  });
});

describe('gate hold and tables', () => {
  it('counts the hold down from the last read, frozen while stale', () => {
    const holding = task('a/b#0', { gate: { status: 'red', reasons: ['holding'], latencyUnderSince: '2026-12-05T00:59:00Z', holdRemainingSeconds: 240 } });
    expect(holdRemaining(holding, AT + 40_000, false)).toBe(200);
    expect(holdRemaining(holding, AT + 40_000, true)).toBe(240);
    expect(holdRemaining(holding, AT + 400_000, false)).toBe(0);
    expect(holdRemaining(task('a/b#0'), AT, false)).toBeNull();
  });

  it('flags errored and mismatched tables and filters by state', () => {
    const rows = [tableRow('ok'), tableRow('bad', { state: 'Table error' }), tableRow('diff', { validationFailedRecords: 3, validationState: 'Mismatched records' }), tableRow('busy', { state: 'Table loading' })];
    expect(rows.map(tableFlag)).toEqual([null, 'errored', 'mismatched', null]);
    expect(filterTables(rows, { kind: 'problems' }).map((row) => row.table)).toEqual(['bad', 'diff']);
    expect(filterTables(rows, { kind: 'state', state: 'Table loading' }).map((row) => row.table)).toEqual(['busy']);
    expect(filterTables(rows, { kind: 'all' })).toBe(rows);
  });

  it('lists a wave’s tasks in the plan’s stack order', () => {
    const tasks = Object.fromEntries([task('p/b#1'), task('p/a#0'), task('p/b#0'), task('p/x#0', { waveId: 'w2' })].map((t) => [t.key, t]));
    const wave = { id: 'w1', name: 'W', order: 1, dependsOn: [], maxParallel: 1, gates: null, cutoverWindow: null, stackIds: ['p/b', 'p/a'] };
    expect(tasksOfWave(tasks, wave).map((t) => t.key)).toEqual(['p/b#0', 'p/b#1', 'p/a#0']);
  });
});

describe('formatRate', () => {
  it('rounds for reading at a glance', () => {
    expect(formatRate(47.17599868774414)).toBe('47 rows/s');
    expect(formatRate(20_212.4)).toBe('20,212 rows/s');
    expect(formatRate(3.14159)).toBe('3.1 rows/s');
    expect(formatRate(0)).toBe('0 rows/s');
    expect(formatRate(0.01)).toBe('< 0.1 rows/s');
    expect(formatRate(12.5, 'changes/s')).toBe('13 changes/s');
    expect(formatRate(null)).toBe('—');
  });
});

describe('data-destroying task control (the same rule as the core)', () => {
  it('matches main/dms/destructive-guard.ts for every action and phase', async () => {
    const { DESTRUCTIVE_ACTIONS, needsOverride } = await import('../../../main/dms/destructive-guard');
    const { WAVE_PHASES } = await import('../../../main/api/contract');
    const { destroysTargetData, needsDataOverride } = await import('./replication');
    for (const action of ['start', 'resume', 'reload-target', 'stop', 'reload-tables-data', 'reload-tables-validate'] as const) {
      expect(destroysTargetData(action)).toBe(DESTRUCTIVE_ACTIONS.has(action));
      for (const phase of [...WAVE_PHASES, undefined]) expect(needsDataOverride(action, phase)).toBe(needsOverride(action, phase));
    }
  });
});

describe('one name per thing', () => {
  it('names a task by its DMS identifier, else "app1101 task 1", never by its internal key', () => {
    expect(taskName(task('platform-production/app1101#0', { taskId: 'app1101-mysql' }))).toBe('app1101-mysql');
    const unnamed = taskName(task('platform-production/app1101#0', { taskId: null, stackId: 'platform-production/app1101' }));
    expect(unnamed).toBe('app1101 task 1');
  });

  it('says DMS migration types in words, and an unknown one as DMS names it', () => {
    expect(migrationTypeLabel('full-load-and-cdc')).toBe('full load, then CDC');
    expect(migrationTypeLabel('cdc')).toBe('CDC only');
    expect(migrationTypeLabel('something-new')).toBe('something-new');
  });
});
