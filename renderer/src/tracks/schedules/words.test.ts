// The scheduled-jobs track's words: every verdict, owner, alert kind and monitor state has words; double and missed
// runs and both-or-neither owners read as danger; counts keep their units; data-clock times carry their clock (plain
// UTC, the rehearsal's with its factor) and their day when it is not the clock's day.
import { describe, expect, it } from 'vitest';
import { SCHEDULE_ALERT_KINDS, SLOT_VERDICTS } from '../../../../common/tracks/schedules';
import type { JobView } from '../../../../main/tracks/schedules/contract';
import { cachePurge, jobView, ledgerClose, monthlyReport, schedulesMonitor, slot } from './schedules-fixtures';
import {
  ALERT_KIND_WORDS,
  awsLastRunText,
  awsNextSlotText,
  awsStateText,
  concurrencyText,
  countText,
  dcLastRunText,
  dcNextSlotText,
  dcResultWords,
  dcRunningText,
  dcTriggerText,
  durationText,
  isDangerVerdict,
  jobLine,
  lastRunSummary,
  monitorText,
  nextSlotSummary,
  nowIndex,
  OWNER_SHORT,
  OWNER_TONE,
  OWNER_WORDS,
  ownerInDanger,
  ownerLines,
  ownerSentence,
  slotClockText,
  slotDayText,
  slotLabel,
  slotMarks,
  stripClockCaption,
  stripClockText,
  testBlocked,
  testInvocationText,
  totalLines,
  VERDICT_MEANINGS,
  VERDICT_WORDS,
  whenText,
} from './words';

const CLOCK = schedulesMonitor().dataClock;
const FAST = schedulesMonitor(10).dataClock;
const OWNERS: JobView['owner'][] = ['dc', 'aws', 'both', 'neither', 'unknown'];

describe('counts keep their units', () => {
  it('says counts, durations and concurrency with their unit, singular for one', () => {
    expect(countText(1, 'invocation')).toBe('1 invocation');
    expect(countText(1200, 'invocation')).toBe('1,200 invocations');
    expect(countText(2, 'duplicate delivery', 'duplicate deliveries')).toBe('2 duplicate deliveries');
    expect(durationText(45)).toBe('45 s');
    expect(durationText(725)).toBe('12 min 5 s');
    expect(durationText(3720)).toBe('1 h 2 min');
    expect(durationText(-1)).toBe('—');
    expect(concurrencyText(null)).toBe('none reserved (the account’s unreserved pool)');
    expect(concurrencyText(0)).toBe('KILL SWITCH ON: 0 concurrent executions reserved, every invocation is throttled (the next handover removes it)');
    expect(concurrencyText(0, 'DISABLED')).toBe(concurrencyText(0));
    // With the schedule firing, every slot is throttled: it runs nowhere.
    expect(concurrencyText(0, 'ENABLED')).toBe(
      'KILL SWITCH ON while the schedule is ENABLED: 0 concurrent executions reserved, every invocation is throttled, so its slots run nowhere',
    );
    expect(concurrencyText(1)).toBe('1 concurrent execution reserved');
    expect(concurrencyText(5)).toBe('5 concurrent executions reserved');
  });

  it('says every total with its unit and marks the ones that are not zero', () => {
    expect(totalLines(cachePurge.totals, 'default').map((line) => [line.text, line.bad])).toEqual([
      ['0 double runs', false],
      ['1 missed run', true],
      ['0 failed data-center runs', false],
      ['0 failed AWS invocations', false],
      ['1 throttled invocation', true],
      ['1 duplicate delivery', true],
      ['2 invocations dropped in schedule group default (the group’s count)', true],
    ]);
    expect(totalLines(monthlyReport.totals, null).at(-1)!.text).toBe('0 invocations dropped (no schedule group yet)');
    expect(totalLines(ledgerClose.totals).at(-1)!.text).toBe('0 invocations dropped by Scheduler (each schedule group counted once)');
  });
});

describe('times carry their clock', () => {
  it("says the time on the clock's day, the day with it on another, and the rehearsal clock with its factor", () => {
    expect(whenText('2026-12-05T03:00:00.000Z', CLOCK)).toBe('03:00:00 UTC');
    expect(whenText('2026-12-04T23:15:02.000Z', CLOCK)).toBe('04 Dec 2026, 23:15:02 UTC');
    expect(whenText('2026-12-05T03:00:00.000Z', FAST)).toBe('03:00:00 UTC on the rehearsal clock (10× real time)');
    // Without a clock saying which day it is, always the day.
    expect(whenText('2026-12-05T03:00:00.000Z', null)).toBe('05 Dec 2026, 03:00:00 UTC');
    expect(slotClockText('2026-12-05T03:15:00.000Z')).toBe('03:15');
    expect(slotDayText('2026-12-05T03:15:00.000Z')).toBe('05 Dec');
    expect(stripClockText(CLOCK)).toBe('Slot times UTC');
    expect(stripClockText(FAST)).toBe('Slot times UTC on the rehearsal clock (10× real time)');
    expect(stripClockCaption(CLOCK)).toBe('UTC');
    expect(stripClockCaption(null)).toBe('UTC');
    expect(stripClockCaption(FAST)).toBe('UTC, rehearsal clock 10×');
    expect(monitorText(schedulesMonitor(10))).toBe(
      'Schedules monitor polling · rehearsal environment · every 30 s · last cycle 14 ms at 02:00:03 UTC on the rehearsal clock (10× real time)',
    );
  });
});

describe('the slot ledger in words', () => {
  it('has a word and a meaning for every verdict; double and missed read as danger', () => {
    for (const verdict of SLOT_VERDICTS) {
      expect(VERDICT_WORDS[verdict], verdict).toBeTruthy();
      expect(VERDICT_MEANINGS[verdict], verdict).toBeTruthy();
    }
    expect(SLOT_VERDICTS.filter(isDangerVerdict)).toEqual(['double', 'missed']);
    expect(VERDICT_MEANINGS.double).toBe('ran on both sides: a double run');
    expect(VERDICT_MEANINGS.missed).toBe('ran on neither side: a missed run');
  });

  it("marks a slot's failed runs, throttled invocations and a side running it more than once", () => {
    expect(slotMarks(slot('2026-12-05T01:15:00.000Z', 'aws', { awsRuns: 2, awsThrottles: 1 }))).toEqual([
      { kind: 'throttle', text: 'thr 1', words: '1 throttled invocation' },
      { kind: 'repeat', text: 'AWS ×2', words: 'AWS ran it 2 times (a duplicate delivery or a retry)' },
    ]);
    expect(slotMarks(slot('2026-12-05T01:30:00.000Z', 'double', { dcResult: 'FAILURE', awsErrors: 1 }))).toEqual([
      { kind: 'error', text: 'err 2', words: 'the data-center run failed, 1 failed AWS invocation' },
    ]);
    expect(slotMarks(slot('2026-12-05T02:00:00.000Z', 'dc', { dcResult: null }))).toEqual([]);
    // Only FAILURE counts as a failed run (as the monitor counts it); another result is said as it is.
    expect(slotMarks(slot('2026-12-05T02:00:00.000Z', 'dc', { dcResult: 'ABORTED' }))).toEqual([
      { kind: 'result', text: 'DC aborted', words: 'the data-center run was aborted' },
    ]);
    expect(slotMarks(slot('2026-12-05T02:00:00.000Z', 'dc', { dcResult: 'exit 2' }))).toEqual([
      { kind: 'result', text: 'DC exit 2', words: 'the data-center run ended with exit 2' },
    ]);
  });

  it('labels a slot whole: its time with its clock, what the ledger says, the runs and marks', () => {
    expect(slotLabel(slot('2026-12-05T01:15:00.000Z', 'aws', { awsRuns: 2, awsThrottles: 1 }), CLOCK)).toBe(
      'Slot 01:15:00 UTC: ran on AWS only; 2 AWS invocations; 1 throttled invocation',
    );
    expect(slotLabel(slot('2026-12-05T00:15:00.000Z', 'missed'), CLOCK)).toBe('Slot 00:15:00 UTC: ran on neither side: a missed run');
    expect(slotLabel(slot('2026-12-05T02:00:00.000Z', 'dc', { dcResult: null }), CLOCK)).toBe(
      'Slot 02:00:00 UTC: ran in the data center only; 1 data-center run (running or not read)',
    );
  });

  it('puts now before the first upcoming slot, or after the last', () => {
    expect(nowIndex(ledgerClose.slots)).toBe(4);
    expect(nowIndex([slot('2026-12-05T01:00:00.000Z', 'dc')])).toBe(1);
    expect(nowIndex([])).toBe(0);
  });
});

describe('who owns a job, in words', () => {
  it('has words and a tone for every owner; both and neither read as danger', () => {
    for (const owner of OWNERS) {
      expect(OWNER_WORDS[owner]).toBeTruthy();
      expect(OWNER_SHORT[owner]).toBeTruthy();
      expect(ownerSentence(owner, null)).toBeTruthy();
    }
    expect(OWNERS.filter(ownerInDanger)).toEqual(['both', 'neither']);
    expect(OWNERS.filter((owner) => OWNER_TONE[owner] === 'red')).toEqual(['both', 'neither']);
    expect(OWNER_WORDS.both).toBe('BOTH: double run coming');
    expect(OWNER_WORDS.neither).toBe('NEITHER: missed run coming');
    expect(ownerSentence('both', '03:00:00 UTC on both sides')).toBe(
      'Both triggers fire: the next slot (03:00:00 UTC on both sides) runs on both sides (a double run) unless one is turned off.',
    );
    expect(ownerSentence('neither', nextSlotSummary(ledgerClose, CLOCK))).toBe(
      'Neither trigger fires: the next slot (02:30:00 UTC on neither side) runs on neither side (a missed run) unless one is turned on.',
    );
  });
});

describe('both sides in words', () => {
  it('says the data-center trigger, a run in progress with how long, the last run and the next slot', () => {
    expect(dcTriggerText(true)).toBe('ON: fires on its schedule');
    expect(dcTriggerText(false)).toBe('OFF: disabled');
    expect(dcTriggerText(null)).toBe('not known');
    expect(dcRunningText(ledgerClose.dc, CLOCK)).toBe('since 02:00:00 UTC (build #412), 3 s at the last check');
    expect(dcRunningText(cachePurge.dc, CLOCK)).toBe('no run in progress');
    expect(dcLastRunText(cachePurge.dc.lastRun, CLOCK)).toBe('started 04 Dec 2026, 23:15:02 UTC, succeeded');
    expect(dcLastRunText(null, CLOCK)).toBe('none yet');
    expect(dcNextSlotText(ledgerClose.dc, CLOCK)).toBe('none: the trigger is off');
    expect(dcNextSlotText(monthlyReport.dc, FAST)).toBe('03:00:00 UTC on the rehearsal clock (10× real time)');
    expect(dcResultWords('FAILURE')).toBe('failed');
    expect(dcResultWords('ABORTED')).toBe('was aborted');
    expect(dcResultWords(null)).toBe('still running');
    // A cron endpoint's own result (or one Jenkins adds later) reads as it is given.
    expect(dcResultWords('exit 2')).toBe('ended with exit 2');
  });

  it('says the schedule state, the next slot, the last invocations and the test invocation', () => {
    expect(awsStateText('ENABLED')).toBe('ENABLED: fires on its schedule');
    expect(awsStateText('DISABLED')).toBe('DISABLED');
    expect(awsStateText(null)).toBe('not known (not deployed or not read yet)');
    expect(awsNextSlotText(ledgerClose.aws, CLOCK)).toBe('none: the schedule is disabled');
    expect(awsNextSlotText(cachePurge.aws, CLOCK)).toBe('02:15:00 UTC');
    expect(awsNextSlotText(monthlyReport.aws, CLOCK)).toBe('not known');
    expect(awsLastRunText(cachePurge.aws.lastRun, CLOCK)).toBe('2 invocations, 0 errors in the minute from 01:15:00 UTC');
    expect(awsLastRunText(null, CLOCK)).toBe('no invocations seen yet');
    expect(testInvocationText(cachePurge.aws.testInvocation, CLOCK)).toBe('Succeeded at 00:05:00 UTC: StatusCode 200, no function error');
    expect(testInvocationText({ at: '2026-12-05T02:01:00.000Z', ok: false, message: 'FunctionError: Unhandled' }, CLOCK)).toBe(
      'Failed at 02:01:00 UTC: FunctionError: Unhandled',
    );
    expect(testInvocationText(null, CLOCK)).toBe('none yet');
  });

  it('keeps "Test invocation" from a test on its way and from a job without a function', () => {
    expect(testBlocked(ledgerClose, undefined)).toBeNull();
    expect(testBlocked(ledgerClose, 'test-invoke')).toBe('Invoking the function…');
    expect(testBlocked(monthlyReport, undefined)).toBe('No function deployed yet: nothing to invoke');
  });
});

describe('alerts in words', () => {
  it('has words for every alert kind', () => {
    for (const kind of SCHEDULE_ALERT_KINDS) expect(ALERT_KIND_WORDS[kind], kind).toBeTruthy();
  });
});

describe("the stack panel's lines", () => {
  it('say who owns each job, its next slot with the side that fires it and its last run', () => {
    expect(jobLine(ledgerClose, CLOCK)).toBe(
      'NEITHER trigger on: missed run coming · next 02:30:00 UTC on neither side · last running in the data center since 02:00:00 UTC',
    );
    expect(jobLine(cachePurge, CLOCK)).toBe('AWS runs it · next 02:15:00 UTC on AWS · last on AWS: 2 invocations, 0 errors in the minute from 01:15:00 UTC');
    expect(jobLine(monthlyReport, CLOCK)).toBe('Data center runs it · next 03:00:00 UTC in the data center · last 01:00:00 UTC in the data center, succeeded');
  });

  it('say a slot both sides fire as both, and the newer of the two last runs', () => {
    const both = jobView('apps/app1', 'j', 'w1', {
      owner: 'both',
      dc: { nextSlot: '2026-12-05T03:00:00.000Z' },
      aws: { state: 'ENABLED', nextSlot: '2026-12-05T03:00:00.000Z', lastRun: { minute: '2026-12-05T02:00:00.000Z', invocations: 1, errors: 1 } },
    });
    expect(nextSlotSummary(both, CLOCK)).toBe('03:00:00 UTC on both sides');
    expect(lastRunSummary(both, CLOCK)).toBe('on AWS: 1 invocation, 1 error in the minute from 02:00:00 UTC');
    const none = jobView('apps/app1', 'j', 'w1', { dc: { lastRun: null, nextSlot: null } });
    expect(lastRunSummary(none, CLOCK)).toBe('none yet');
    expect(nextSlotSummary(none, CLOCK)).toBe('not known');
  });
});

describe('who runs the jobs now', () => {
  it('says each side with its unit, both and neither always (bad when some), unknown only when some', () => {
    expect(ownerLines({ aws: 3, dc: 0, both: 0, neither: 0, unknown: 0 })).toEqual([
      { owner: 'aws', text: '3 jobs on AWS', bad: false },
      { owner: 'dc', text: '0 jobs in the data center', bad: false },
      { owner: 'both', text: '0 jobs on BOTH sides', bad: false },
      { owner: 'neither', text: '0 jobs on NEITHER side', bad: false },
    ]);
    expect(ownerLines({ aws: 0, dc: 1, both: 1, neither: 2, unknown: 1 }).map((line) => [line.text, line.bad])).toEqual([
      ['0 jobs on AWS', false],
      ['1 job in the data center', false],
      ['1 job on BOTH sides: a double run is coming', true],
      ['2 jobs on NEITHER side: a missed run is coming', true],
      ['1 job whose owner is not known yet', false],
    ]);
  });
});
