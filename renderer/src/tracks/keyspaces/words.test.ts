// The Keyspaces track's words: every state has words and a tone, numbers keep their units, data-clock times carry
// their clock (plain UTC, or the rehearsal's with its factor), the hold reads against its limits, and a re-check
// never reads as a whole clean validation.
import { describe, expect, it } from 'vitest';
import type { ValidationView } from '../../../../main/tracks/keyspaces/contract';
import { keyspacesMonitor, stackView, tableValidation, validation, type StackFields } from './keyspaces-fixtures';
import {
  bulkLoadBlocked,
  bulkLoadDuration,
  bulkLoadPhase,
  bulkLoadStateText,
  BULK_LOAD_TONE,
  dateTimeText,
  durationText,
  GLUE_RUN_STATES,
  HOLD_STATUS_TONE,
  HOLD_STATUS_WORDS,
  holdEndText,
  holdLimitLines,
  holdStatus,
  holdSummary,
  loadSummary,
  minuteText,
  monitorText,
  moreNotShown,
  msText,
  originRateText,
  perMinuteText,
  perSecondText,
  rangesProgressText,
  rangeText,
  rowsText,
  tableMismatchText,
  timeText,
  validationBlocked,
  validationPill,
  validationScopeText,
  validationSummary,
  VALIDATION_STATE_WORDS,
} from './words';

const UTC = { rate: 1 };
const FAST = { rate: 10 };
const load = (fields: StackFields['bulkLoad'] = {}) => stackView('apps/app1', 'w1', { bulkLoad: fields }).bulkLoad;
const hold = (fields: StackFields['dualWrite'] = {}) => stackView('apps/app1', 'w1', { dualWrite: fields });

describe('numbers keep their units', () => {
  it('says rows, rates, minutes, milliseconds and durations with their unit', () => {
    expect(rowsText(1)).toBe('1 row');
    expect(rowsText(1_200_000)).toBe('1,200,000 rows');
    expect(perSecondText(1250, 'rows')).toBe('1,250 rows/s');
    expect(perSecondText(120.44, 'writes')).toBe('120.4 writes/s');
    expect(perMinuteText(3, 'events')).toBe('3 events/min');
    expect(perMinuteText(1, 'events')).toBe('1 event/min');
    expect(perMinuteText(1, 'RCU')).toBe('1 RCU/min');
    expect(perMinuteText(340.5, 'WCU')).toBe('340.5 WCU/min');
    expect(msText(3.25)).toBe('3.3 ms');
    expect(msText(120.4)).toBe('120 ms');
    expect(durationText(45)).toBe('45 s');
    expect(durationText(725)).toBe('12 min 5 s');
    expect(durationText(600)).toBe('10 min');
    expect(durationText(3720)).toBe('1 h 2 min');
    expect(durationText(-1)).toBe('—');
  });
});

describe('times carry their clock', () => {
  it('says plain UTC on AWS and the rehearsal clock with its factor when it runs faster', () => {
    expect(timeText('2026-12-05T02:00:03.000Z', UTC)).toBe('02:00:03 UTC');
    expect(timeText('2026-12-05T02:00:03.000Z', FAST)).toBe('02:00:03 UTC on the rehearsal clock (10× real time)');
    expect(dateTimeText('2026-12-05T01:00:00.000Z', UTC)).toBe('05 Dec 2026, 01:00:00 UTC');
    expect(minuteText('2026-12-05T01:59:00.000Z', FAST)).toBe('minute from 01:59:00 UTC on the rehearsal clock (10× real time)');
    expect(minuteText(null, UTC)).toBe('no datapoint yet');
    expect(monitorText(keyspacesMonitor(10))).toBe(
      'Keyspaces monitor polling · rehearsal environment · every 5 s · last cycle 14 ms at 02:00:03 UTC on the rehearsal clock (10× real time)',
    );
  });
});

describe('the bulk load in words', () => {
  it('has words and a tone for every Glue run state, and for no run, no job and unreadable runs', () => {
    for (const state of GLUE_RUN_STATES) {
      const view = load({ state });
      expect(bulkLoadStateText(view), state).not.toBe(state);
      expect(BULK_LOAD_TONE[bulkLoadPhase(view)], state).toBeDefined();
      expect(bulkLoadPhase(view), state).not.toBe('other');
    }
    expect(bulkLoadStateText(load({ state: 'TIMEOUT' }))).toBe('Timed out');
    expect(BULK_LOAD_TONE[bulkLoadPhase(load({ state: 'FAILED' }))]).toBe('red');
    expect(BULK_LOAD_TONE[bulkLoadPhase(load({ state: 'RUNNING' }))]).toBe('holding');
    expect(BULK_LOAD_TONE[bulkLoadPhase(load())]).toBe('green');
    expect(bulkLoadStateText(load({ state: null, runId: null }))).toBe('Not run yet');
    expect(bulkLoadStateText(load({ jobName: null, state: null, problem: "the stack has no output 'bulkLoadJob' yet: deploy it first" }))).toBe('No job yet');
    expect(bulkLoadStateText(load({ problem: "the job's runs could not be read: AccessDenied" }))).toBe('Runs not readable');
    // A state Glue adds later reads as itself, never as a known one.
    expect(bulkLoadStateText(load({ state: 'PAUSED' }))).toBe('paused');
    expect(BULK_LOAD_TONE[bulkLoadPhase(load({ state: 'PAUSED' }))]).toBe('unknown');
  });

  it('says the duration from Glue, else from its times, and nothing before it ran', () => {
    expect(bulkLoadDuration(load())).toBe('12 min 5 s');
    expect(bulkLoadDuration(load({ executionSeconds: null }))).toBe('12 min 5 s');
    expect(bulkLoadDuration(load({ state: 'RUNNING', executionSeconds: 0, completedAt: null }))).toBeNull();
  });

  it('keeps "Start bulk load" from a run under way, a start on its way and a run the monitor has not shown', () => {
    expect(bulkLoadBlocked(load(), undefined, undefined)).toBeNull();
    expect(bulkLoadBlocked(load({ state: 'RUNNING' }), undefined, undefined)).toBe('A run is under way (running, run jr_1)');
    expect(bulkLoadBlocked(load(), 'bulk-load', undefined)).toBe('Starting the bulk load…');
    expect(bulkLoadBlocked(load(), undefined, { runId: 'jr_2', seen: 0 })).toBe('Run jr_2 started: waiting for the monitor to read it');
    expect(bulkLoadBlocked(load({ jobName: null, problem: 'no output' }), undefined, undefined)).toBe('No bulk-load job: no output');
  });

  it('sums a run up in one line', () => {
    expect(loadSummary(load(), UTC)).toBe('Succeeded · 1,200,000 rows in 12 min 5 s');
    expect(loadSummary(load({ state: 'RUNNING', completedAt: null, executionSeconds: 0, recordsRead: 40_000 }), UTC)).toBe(
      'Running since 01:00:00 UTC · 40,000 rows so far',
    );
    expect(loadSummary(load({ state: null, runId: null, startedAt: null, completedAt: null, executionSeconds: null, recordsRead: null }), UTC)).toBe(
      'Not run yet',
    );
  });
});

describe('the dual-write hold in words', () => {
  it('has words and a tone for every status', () => {
    for (const status of Object.keys(HOLD_STATUS_WORDS) as (keyof typeof HOLD_STATUS_WORDS)[]) expect(HOLD_STATUS_TONE[status]).toBeDefined();
  });

  it('says the events in the hold against the limits, and when the hold ends with its clock', () => {
    const over = hold({ clean: false, failedWritesInHold: 3, holdEndsAt: '2026-12-05T02:05:00.000Z' });
    expect(holdStatus(over.dualWrite, over.proxy)).toBe('over-limit');
    expect(holdLimitLines(over.dualWrite)).toEqual([
      { text: '3 failed writes in the last 300 s, limit 0', over: true },
      { text: '0 Keyspaces throttle events in the last 300 s, limit 0', over: false },
    ]);
    expect(holdEndText(over.dualWrite, UTC)).toBe('ends at 02:05:00 UTC if nothing new happens');
    expect(holdSummary(over.dualWrite, over.proxy, UTC)).toBe('Over the limits: 3 failed writes in the last 300 s, limit 0');

    const holding = hold({ clean: false, holdEndsAt: '2026-12-05T02:05:00.000Z' });
    expect(holdStatus(holding.dualWrite, holding.proxy)).toBe('holding');
    expect(holdSummary(holding.dualWrite, holding.proxy, FAST)).toBe(
      'Holding: ends at 02:05:00 UTC on the rehearsal clock (10× real time) if nothing new happens',
    );

    const clean = hold();
    expect(holdStatus(clean.dualWrite, clean.proxy)).toBe('clean');
    expect(holdEndText(clean.dualWrite, UTC)).toBe('held 300 s, complete at 01:55:00 UTC');

    const unread = hold({ clean: false, holdEndsAt: null, observedSince: null });
    expect(holdStatus(unread.dualWrite, unread.proxy)).toBe('not-read');
    expect(holdEndText(unread.dualWrite, UTC)).toBeNull();
    const broken = stackView('apps/app1', 'w1', { proxy: { problem: 'connection refused' }, dualWrite: { clean: false } });
    expect(holdSummary(broken.dualWrite, broken.proxy, UTC)).toBe('Proxy not readable: connection refused');
  });
});

describe('a validation in words', () => {
  const states: ValidationView['state'][] = ['running', 'clean', 'mismatches', 'failed', 'cancelled'];

  it('has words and a tone for every state of a whole validation and of a re-check', () => {
    for (const state of states)
      for (const scope of ['full', 'recheck'] as const) {
        const pill = validationPill(validation('apps/app1', { state, scope }));
        expect(pill.label).toContain(VALIDATION_STATE_WORDS[state].toLowerCase().slice(1));
        expect(pill.tone).toBeDefined();
        expect(validationSummary(validation('apps/app1', { state, scope }), UTC)).not.toBe('');
      }
  });

  it('never reads a clean re-check as a whole clean validation', () => {
    const recheck = validation('apps/app1', { scope: 'recheck', rangesDone: 3, rangesTotal: 3, tables: [tableValidation('orders', { rangesChecked: 3 })] });
    expect(validationPill(recheck)).toEqual({ label: 'Re-check: clean', tone: 'neutral' });
    expect(validationScopeText(recheck)).toBe('re-check of 3 token ranges of orders');
    expect(validationSummary(recheck, UTC)).toBe('Re-check of 3 token ranges of orders: clean, finished 02:03:00 UTC (not a whole validation)');
    expect(validationPill(validation('apps/app1'))).toEqual({ label: 'Clean', tone: 'green' });
    expect(validationSummary(validation('apps/app1'), UTC)).toBe('Clean, finished 02:03:00 UTC');
    expect(validationSummary(undefined, UTC)).toBe('Not validated yet');
  });

  it('says progress, rows and the origin rate against its bound with units', () => {
    const running = validation('apps/app1', { state: 'running', finishedAt: null, rangesDone: 12, rangesTotal: 64, originRowsPerSecond: null });
    expect(rangesProgressText(running)).toBe('12 of 64 token ranges');
    expect(rangesProgressText({ ...running, rangesTotal: 0 })).toBe('splitting the token ring…');
    expect(originRateText(running)).toEqual({ text: 'origin read rate known at the end · bound 5,000 rows/s', over: false });
    expect(originRateText(validation('apps/app1'))).toEqual({ text: 'origin read 1,250 rows/s on average · bound 5,000 rows/s', over: false });
    expect(originRateText(validation('apps/app1', { originRowsPerSecond: 6_000 })).over).toBe(true);
    expect(validationSummary(running, UTC)).toBe('Running: 12 of 64 token ranges');
  });

  it('says ranges as Cassandra counts them, mismatch counts and what the view does not carry', () => {
    expect(rangeText({ start: '-9223372036854775808', end: '-4611686018427387904' })).toBe('(-9223372036854775808, -4611686018427387904]');
    expect(moreNotShown(250, 200)).toBe('50 more not shown');
    expect(moreNotShown(3, 3)).toBeNull();
    expect(
      tableMismatchText(
        tableValidation('orders', { countMismatchCount: 2, rowMismatchCount: 1, uncheckedCount: 1, columnDifferences: ['column note only on origin'] }),
      ),
    ).toBe('2 token ranges differ in row count · 1 sampled row differs · 1 token range not checked · column note only on origin');
    expect(tableMismatchText(tableValidation('orders'))).toBe('no mismatches');
    expect(tableMismatchText(tableValidation('orders', { problem: 'no table orders on the target' }))).toBe('no table orders on the target');
  });

  it('keeps the buttons from a running validation and from a command on its way', () => {
    expect(validationBlocked(undefined, undefined)).toBeNull();
    expect(validationBlocked(validation('apps/app1', { state: 'running' }), undefined)).toBe('A validation of this stack is running: cancel it or wait for it');
    expect(validationBlocked(validation('apps/app1'), 'recheck')).toBe('Starting a re-check…');
  });
});
