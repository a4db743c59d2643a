import type { DmsControlAction, ReplicationPhase, WavePhase } from '../../../../../main/api/contract';
import { describe, expect, it } from 'vitest';
import { task, tableRow } from '../store/dms-fixtures';
import {
  controlBlocked,
  controlMissing,
  filterTables,
  formatLatency,
  formatRate,
  formatSpan,
  freshnessOf,
  fullLoadEtaText,
  gateJudgement,
  controlStatement,
  ETA_ESTIMATING,
  heatHeadline,
  heatOf,
  hasFullLoad,
  holdRemaining,
  latencyGateNote,
  latencyReading,
  latestSampleAt,
  migrationTypeLabel,
  readingText,
  stopReasonText,
  tableFlag,
  taskName,
  tasksOfWave,
  valueReading,
  type FreshnessContext,
} from './replication';

const AT = Date.parse('2026-12-05T01:00:00.000Z');
/** A context on AWS (the data clock is the wall clock), `now` after AT; the data clock follows unless given. */
const at = (now: number, extra: Partial<FreshnessContext> = {}): FreshnessContext => ({
  now,
  dataNow: now,
  rate: 1,
  intervalSeconds: 5,
  connected: true,
  lastCycleAt: null,
  ...extra,
});
const context = at(AT + 12_000);

describe('freshness', () => {
  it('says how old the values are', () => {
    expect(freshnessOf(task('a/b#0'), context)).toEqual({ stale: false, reason: null, ageSeconds: 12, text: 'updated 12 s ago' });
  });

  it('is stale with the core’s reason, when unresolved, when disconnected, or when nothing came for several intervals', () => {
    const stale = task('a/b#0', { freshness: { ...task('a/b#0').freshness, stale: true, staleReason: 'DescribeReplicationTasks throttled' } });
    expect(freshnessOf(stale, context)).toMatchObject({ stale: true, reason: 'DescribeReplicationTasks throttled' });
    expect(freshnessOf(task('a/b#0', { phase: 'unresolved', resolution: 'stack not deployed' }), context)).toMatchObject({
      stale: true,
      reason: 'stack not deployed',
    });
    expect(freshnessOf(task('a/b#0'), { ...context, connected: false })).toMatchObject({ stale: true, reason: 'disconnected from the cockpit core' });
    expect(freshnessOf(task('a/b#0'), at(AT + 29_000)).stale).toBe(false);
    expect(freshnessOf(task('a/b#0'), at(AT + 31_000))).toMatchObject({ stale: true, reason: 'no update for 31 s (the monitor polls every 5 s)' });
    expect(freshnessOf(task('a/b#0'), at(AT + 150_000, { intervalSeconds: 60 })).stale).toBe(false);
  });

  it('never read', () => {
    expect(freshnessOf(task('a/b#0', { freshness: { taskAt: null, metricsAt: null, stale: false, staleReason: null } }), context).text).toBe('never read');
    expect(
      freshnessOf(task('a/b#0', { freshness: { taskAt: null, metricsAt: null, stale: false, staleReason: null } }), at(AT, { lastCycleAt: AT })).text,
    ).toBe('never read');
  });

  it('measures on the data clock, in real seconds: an accelerated rehearsal’s task times are ahead of the wall clock', () => {
    // ×10: the data clock is an hour ahead; the task was read 120 data seconds ago, which is 12 real seconds.
    const wall = AT - 3_600_000;
    const rehearsal = at(wall, { dataNow: AT + 120_000, rate: 10 });
    expect(freshnessOf(task('a/b#0'), rehearsal)).toMatchObject({ stale: false, ageSeconds: 12, text: 'updated 12 s ago' });
    // Never "0 s ago" for data that has not moved: 400 data seconds at ×10 is 40 s, past the 30 s limit.
    expect(freshnessOf(task('a/b#0'), { ...rehearsal, dataNow: AT + 400_000 })).toMatchObject({ stale: true, ageSeconds: 40 });
  });

  it('counts a view the core did not re-send (unchanged, not stale) as read at the monitor’s last cycle', () => {
    // Stopped an hour ago and unchanged since: the core read it in its last cycle, 3 s ago.
    const unchanged = task('a/b#0', { phase: 'stopped' });
    const later = at(AT + 3_600_000, { lastCycleAt: AT + 3_597_000 });
    expect(freshnessOf(unchanged, later)).toMatchObject({ stale: false, ageSeconds: 3, text: 'updated 3 s ago' });
    // A view the core marked stale is as old as its own read.
    const stale = task('a/b#0', { freshness: { ...unchanged.freshness, stale: true, staleReason: 'throttled' } });
    expect(freshnessOf(stale, later).ageSeconds).toBe(3_600);
  });
});

describe('latest values', () => {
  const fresh = { stale: false };
  const now = { dataNow: AT + 600_000 };
  it('shows a running task’s recent datapoint as current', () => {
    const reading = valueReading(1.3, formatLatency, AT + 540_000, task('a/b#0'), fresh, now);
    expect(reading).toEqual({ value: '1.3 s', live: true, note: null, ageSeconds: 60 });
    expect(readingText(reading)).toBe('1.3 s');
    // Its time not known yet (no sample since the page opened): the fresh view of a running task speaks for it.
    expect(valueReading(1.3, formatLatency, null, task('a/b#0'), fresh, now).live).toBe(true);
  });

  it('never shows a stopped task’s latency, an old datapoint or a stale task’s value as current, and says how old it is', () => {
    const stopped = task('a/b#0', { phase: 'stopped' });
    const old = valueReading(1.3, formatLatency, AT + 600_000 - 5_000_000, stopped, fresh, now);
    expect(old).toMatchObject({ live: false, note: '1 h 23 min old' });
    expect(readingText(old)).toBe('1.3 s, 1 h 23 min old');
    // In a faster rehearsal the age is on its clock: said, with the real age beside it.
    expect(valueReading(1.3, formatLatency, AT + 600_000 - 3_240_000, stopped, fresh, { ...now, rate: 10 }).note).toBe(
      '54 min old on the rehearsal clock (5 min real time)',
    );
    expect(readingText(valueReading(1.3, formatLatency, null, stopped, fresh, now))).toBe('1.3 s, last value before the task stopped');
    expect(readingText(valueReading(0, formatLatency, null, task('a/b#0', { phase: 'failed' }), fresh, now))).toBe('0 s, last value before the task failed');
    // A running task whose datapoint stopped coming, and a stale task.
    expect(readingText(valueReading(1.3, formatLatency, AT + 600_000 - 400_000, task('a/b#0'), fresh, now))).toBe('1.3 s, 6 min old');
    expect(readingText(valueReading(1.3, formatLatency, null, task('a/b#0'), { stale: true }, now))).toBe('1.3 s, as of the last read');
    // Even a just-stopped task's number is not live: its age goes beside it.
    expect(readingText(valueReading(1.3, formatLatency, AT + 590_000, stopped, fresh, now))).toBe('1.3 s, 10 s old');
  });

  it('has nothing to say without a value', () => {
    expect(valueReading(null, formatLatency, AT, task('a/b#0', { phase: 'stopped' }), fresh, now)).toMatchObject({ value: '—', live: false, note: null });
  });

  it('formats spans without rounding away what matters', () => {
    expect(formatSpan(45)).toBe('45 s');
    expect(formatSpan(300)).toBe('5 min');
    expect(formatSpan(5_000)).toBe('1 h 23 min');
    expect(formatSpan(7_200)).toBe('2 h');
  });
});

describe('datapoint times, latency before CDC, full load and ETA', () => {
  const times = (target: string | null) => ({
    cdcLatencySourceSeconds: target,
    cdcLatencyTargetSeconds: target,
    cdcIncomingChanges: null,
    cdcThroughputRowsTarget: null,
    fullLoadThroughputRowsTarget: null,
  });

  it("measures a value's age from the datapoint time the view carries, the time the gate uses too", () => {
    // The view's datapoint is 11 min old; a newer-looking time the renderer saw elsewhere does not make a second age.
    const failed = task('apps/app1#0', { phase: 'failed', latestAt: times(new Date(AT - 11 * 60_000).toISOString()) });
    const sampleAt = latestSampleAt(failed, 'CDCLatencyTarget', AT - 6 * 60_000);
    expect(sampleAt).toBe(AT - 11 * 60_000);
    expect(readingText(latencyReading(0, sampleAt, failed, { stale: false }, { dataNow: AT }))).toBe('0 s, 11 min old');
    // A view without times falls back to what the renderer saw.
    expect(latestSampleAt(task('apps/app1#0'), 'CDCLatencyTarget', AT - 6 * 60_000)).toBe(AT - 6 * 60_000);
    expect(latestSampleAt(task('apps/app1#0', { latestAt: times(null) }), 'CDCLatencyTarget', AT)).toBeNull();
  });

  it('shows no CDC latency before CDC, never a 0 s', () => {
    const loading = task('apps/app1#0', { phase: 'full-load', latestAt: times(new Date(AT).toISOString()) });
    expect(readingText(latencyReading(0, AT, loading, { stale: false }, { dataNow: AT }))).toBe('—, not in CDC yet');
    expect(latencyReading(0, AT, loading, { stale: false }, { dataNow: AT }).live).toBe(false);
    expect(latencyReading(0, AT, task('apps/app1#0', { phase: 'full-load-done', migrationType: 'full-load' }), { stale: false }, { dataNow: AT }).note).toBe(
      'no CDC: full load only',
    );
    expect(readingText(latencyReading(1.5, AT, task('apps/app1#0'), { stale: false }, { dataNow: AT }))).toBe('1.5 s');
  });

  it('gives a CDC-only task no full load, and the reverse task no gate', () => {
    expect(hasFullLoad(task('apps/app1#reverse', { migrationType: 'cdc' }))).toBe(false);
    expect(hasFullLoad(task('apps/app1#0'))).toBe(true);
    expect(latencyGateNote(true, 5)).toBe('(not gated)');
    expect(latencyGateNote(false, 5)).toBe('(gate 5 s)');
    expect(latencyGateNote(false, null)).toBeNull();
  });

  it("says the ETA on the data clock, from the task's last read", () => {
    const loading = task('apps/app1#0', { phase: 'full-load', fullLoadEtaSeconds: 600 });
    expect(fullLoadEtaText(loading, { rate: 1 })).toBe('ETA 01:10:00 UTC (in 10 min)');
    expect(fullLoadEtaText(loading, { rate: 10 })).toBe('ETA 01:10:00 UTC on the rehearsal clock (10× real time), 10 min on that clock');
    expect(fullLoadEtaText(task('apps/app1#0'), { rate: 1 })).toBeNull();
  });

  it('says a load without an ETA yet is being estimated, never nothing', () => {
    const loading = task('apps/app1#0', { phase: 'full-load', fullLoadPercent: 11, fullLoadEtaSeconds: null });
    expect(fullLoadEtaText(loading, { rate: 1 })).toBe(ETA_ESTIMATING);
    expect(ETA_ESTIMATING).toBe('ETA: estimating, needs a minute of progress');
    expect(fullLoadEtaText(loading, { rate: 10 })).toBe('ETA: estimating, needs a minute of progress (durations on the rehearsal data clock, 10× real time)');
    expect(fullLoadEtaText(task('apps/app1#0', { phase: 'failed', fullLoadEtaSeconds: null }), { rate: 1 })).toBeNull();
  });

  it("gives no latency for a task that failed or stopped before its full load finished (DMS's 0 s is from before CDC)", () => {
    const failed = task('apps/app1#0', { phase: 'failed', fullLoadPercent: 32, latestAt: times(new Date(AT - 21 * 60_000).toISOString()) });
    expect(readingText(latencyReading(0, AT - 21 * 60_000, failed, { stale: false }, { dataNow: AT }))).toBe('—, not in CDC: the full load stopped at 32 %');
    const stoppedInCdc = task('apps/app1#0', { phase: 'stopped', fullLoadPercent: 100 });
    expect(latencyReading(1.4, AT - 60_000, stoppedInCdc, { stale: false }, { dataNow: AT }).value).toBe('1.4 s');
  });
});

describe('gate judgement', () => {
  const detail = (phase: WavePhase, phaseDetail = 'what the core says') => ({ phase, phaseDetail });
  it('judges while the gates decide, or while the phase is not known yet', () => {
    expect(gateJudgement(true, undefined)).toEqual({ kind: 'judged' });
    for (const phase of ['not-ready', 'ready', 'rolled-back'] as const) expect(gateJudgement(true, detail(phase)).kind).toBe('judged');
  });

  it('says neutrally that gates decide nothing during and after a cutover (replication stopped on purpose)', () => {
    expect(gateJudgement(true, detail('cut-over'))).toEqual({
      kind: 'not-judged',
      label: 'gates not judged: cut over',
      why: 'replication stopped by the runbook',
      text: 'Gates not judged: cut over (replication stopped by the runbook)',
    });
    expect(gateJudgement(true, detail('finalized')).kind).toBe('not-judged');
    expect(gateJudgement(true, detail('cutover-in-progress', "at step 'Drain and stop replication'"))).toHaveProperty(
      'text',
      "Gates not judged: cutover in progress (at step 'Drain and stop replication')",
    );
    expect(gateJudgement(true, detail('rolling-back')).kind).toBe('not-judged');
    // Before a deploy nothing is judged; the core's detail keeps its own parentheses.
    expect(gateJudgement(true, detail('not-deployed', 'none of its 4 stacks is deployed yet (deploy first)'))).toHaveProperty(
      'text',
      'Gates not judged: not deployed — none of its 4 stacks is deployed yet (deploy first)',
    );
    // A deployed wave without a runbook: its gates judge the replication it runs (nothing cuts it over).
    expect(gateJudgement(true, detail('deployed')).kind).toBe('judged');
  });

  it('says "no gates defined" for a wave without gates, whatever its phase', () => {
    expect(gateJudgement(false, detail('not-ready'))).toMatchObject({ kind: 'none', label: 'no gates defined' });
    expect(gateJudgement(false, undefined).kind).toBe('none');
  });
});

describe('stop reason', () => {
  it('shows DMS’s stop reason once, in words', () => {
    expect(stopReasonText('Stop Reason NORMAL')).toBe('normal stop, no error');
    expect(stopReasonText('Stop Reason FATAL_ERROR')).toBe('fatal error');
    expect(stopReasonText('Stop Reason STOPPED_AFTER_FULL_LOAD')).toBe('stopped after the full load (cached changes not applied)');
    expect(stopReasonText('Stop Reason SOMETHING_NEW')).toBe('something new');
    expect(stopReasonText('STOP_REASON_FULL_LOAD_ONLY_FINISHED')).toBe('full load finished');
    expect(stopReasonText('stopped by the operator')).toBe('stopped by the operator');
  });
});

describe('heatmap colours', () => {
  const latencyOf = (latency: number | null, extra = {}) =>
    task('a/b#0', { phase: 'cdc', latest: { ...task('a/b#0').latest, cdcLatencyTargetSeconds: latency }, ...extra });
  it('maps target latency against the gate', () => {
    expect(heatOf(latencyOf(1), 5, false)).toEqual({ level: 'good', ratio: 0.2, failed: false });
    expect(heatOf(latencyOf(5), 5, false).level).toBe('fair');
    expect(heatOf(latencyOf(9), 5, false).level).toBe('over');
    expect(heatOf(latencyOf(11), 5, false).level).toBe('far');
  });
  it('is grey when stale, unresolved or without a value; neutral without a gate; outlined when failed', () => {
    expect(heatOf(latencyOf(1), 5, true).level).toBe('none');
    expect(heatOf(latencyOf(null), 5, false).level).toBe('none');
    expect(heatOf(latencyOf(1, { phase: 'unresolved' }), 5, false).level).toBe('none');
    expect(heatOf(latencyOf(1), null, false).level).toBe('nogate');
    expect(heatOf(latencyOf(null, { phase: 'failed' }), 5, true).failed).toBe(true);
  });
  it('a failed task is red, a task in full load is never green, and no cell is green while its gate is red', () => {
    expect(heatOf(latencyOf(0.1, { phase: 'failed' }), 5, false)).toEqual({ level: 'failed', ratio: null, failed: true });
    expect(heatOf(latencyOf(0.1, { phase: 'full-load' }), 5, false).level).toBe('loading');
    expect(heatOf(latencyOf(0.1, { phase: 'starting' }), 5, false).level).toBe('loading');
    expect(heatOf(latencyOf(0.1, { phase: 'stopped' }), 5, false).level).toBe('idle');
    expect(heatOf(latencyOf(0.1, { phase: 'not-started' }), 5, false).level).toBe('idle');
    const red = { status: 'red' as const, reasons: ['2 tables errored'], latencyUnderSince: null, holdRemainingSeconds: null };
    expect(heatOf(latencyOf(1, { gate: red }), 5, false)).toEqual({ level: 'held', ratio: 0.2, failed: false });
    expect(heatOf(latencyOf(9, { gate: red }), 5, false).level).toBe('over');
  });
  it('is not held when the gates judge nothing, and grey when the latency is not current', () => {
    const red = { status: 'red' as const, reasons: ['2 tables errored'], latencyUnderSince: null, holdRemainingSeconds: null };
    expect(heatOf(latencyOf(1, { gate: red }), 5, false, { judged: false }).level).toBe('good');
    expect(heatOf(latencyOf(1), 5, false, { latencyCurrent: false }).level).toBe('none');
    expect(heatOf(latencyOf(1), 5, false, { latencyCurrent: true }).level).toBe('good');
  });
});

describe('heatmap headline', () => {
  const reading = (value: string, live: boolean, ageSeconds: number | null = null) => ({ value, live, note: live ? null : `${ageSeconds} s old`, ageSeconds });
  it('is the latency only in CDC, greyed with its age when not current', () => {
    expect(heatHeadline(task('a/b#0'), reading('1.3 s', true), false)).toEqual({ value: '1.3 s', note: null, old: false, showPhase: true });
    expect(heatHeadline(task('a/b#0'), reading('1.3 s', false, 600), false)).toEqual({ value: '1.3 s', note: '10 min old', old: true, showPhase: true });
  });
  it("says a failed, stopped or loading task's state, with its full-load progress, never its latency", () => {
    const failed = task('a/b#0', { phase: 'failed', fullLoadPercent: 32 });
    expect(heatHeadline(failed, reading('0 s', false, 1260), false)).toEqual({
      value: 'failed',
      note: 'at 32 % of its full load',
      old: false,
      showPhase: false,
    });
    expect(heatHeadline(task('a/b#0', { phase: 'failed' }), reading('1 s', false, 60), false)).toMatchObject({ value: 'failed', note: null });
    expect(heatHeadline(task('a/b#0', { phase: 'stopped' }), reading('1.4 s', false, 3660), false)).toMatchObject({ value: 'stopped', note: null, old: false });
    expect(heatHeadline(task('a/b#0', { phase: 'stopped', fullLoadPercent: 40 }), reading('—', false), false)).toMatchObject({
      value: 'stopped',
      note: 'full load at 40 %',
    });
    expect(heatHeadline(task('a/b#0', { phase: 'full-load', fullLoadPercent: 32.6 }), reading('—', false), false)).toMatchObject({
      value: 'full load 32 %',
      showPhase: false,
    });
    expect(heatHeadline(task('a/b#0', { phase: 'not-started', fullLoadPercent: 0 }), reading('—', false), false).value).toBe('not started');
    expect(heatHeadline(task('a/b#0', { phase: 'failed' }), reading('0 s', false), true)).toMatchObject({ value: 'stale', showPhase: true });
    expect(heatHeadline(task('a/b#0', { phase: 'other', status: 'modifying' }), reading('1 s', false), false).value).toBe('modifying');
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
  it("says what reloading the target throws away: the task's progress and its tables", () => {
    const failed = task('a/b#0', { phase: 'failed', fullLoadPercent: 32, tables: { loaded: 1, loading: 4, queued: 12, errored: 0 } });
    expect(controlStatement('reload-target', 'app1201-cdc', null, failed)).toBe(
      'Reload target of app1201-cdc: DMS truncates and reloads every table on the target, then applies ongoing changes. The target is incomplete until the full load finishes. ' +
        'Now: full load 32 % (tables: 1 loaded, 4 loading, 12 queued); reloading starts the full load over from 0 %.',
    );
    expect(
      controlStatement('reload-target', 'x', null, task('a/b#0', { phase: 'stopped', tables: { loaded: 9, loading: 0, queued: 0, errored: 1 } })),
    ).toContain('Now: full load 100 % (tables: 9 loaded, 0 loading, 0 queued, 1 errored)');
    expect(controlStatement('reload-target', 'x', null, task('a/b#0', { migrationType: 'cdc', fullLoadPercent: null }))).not.toContain('Now:');
    expect(controlStatement('stop', 'x', null, failed)).not.toContain('Now:');
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
    const rows = [
      tableRow('ok'),
      tableRow('bad', { state: 'Table error' }),
      tableRow('diff', { validationFailedRecords: 3, validationState: 'Mismatched records' }),
      tableRow('busy', { state: 'Table loading' }),
    ];
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
  it('matches main/tracks/dms/monitor/destructive-guard.ts for every action and phase', async () => {
    const { DESTRUCTIVE_ACTIONS, needsOverride } = await import('../../../../../main/tracks/dms/monitor/destructive-guard');
    const { WAVE_PHASES } = await import('../../../../../main/api/contract');
    const { destroysTargetData, needsDataOverride } = await import('./replication');
    for (const action of ['start', 'resume', 'reload-target', 'stop', 'reload-tables-data', 'reload-tables-validate'] as const) {
      expect(destroysTargetData(action)).toBe(DESTRUCTIVE_ACTIONS.has(action));
      for (const phase of [...WAVE_PHASES, undefined]) {
        for (const reverse of [false, true]) expect(needsDataOverride(action, phase, reverse)).toBe(needsOverride(action, phase, reverse));
      }
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

describe('what a task control dialog still needs', () => {
  it('asks for the exact task identifier before a reload, and a reason once the wave is live on AWS', () => {
    expect(controlMissing('stop', 'cut-over', 'orders', '', false)).toEqual([]);
    expect(controlMissing('reload-target', 'ready', 'orders', 'order', false)).toEqual(['the task identifier']);
    expect(controlMissing('reload-target', 'ready', 'orders', ' orders ', false)).toEqual([]);
    expect(controlMissing('reload-target', 'cut-over', 'orders', 'orders', false)).toEqual([expect.stringMatching(/^a reason \(at least \d+ characters\)$/)]);
    expect(controlMissing('reload-target', 'cut-over', 'orders', '', true)).toEqual(['the task identifier']);
  });
});
