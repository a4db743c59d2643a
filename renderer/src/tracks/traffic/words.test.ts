// The traffic track in words: its journal kind and runbook action; every number with its unit (weights with their
// sides, percents, requests and 5xx per minute, response times in ms), every time with its clock; a service's split,
// change, health and what to do when it is not deployed; a shift's states, steps, decisions, measurements against
// their thresholds and its abort; the commands, their reasons and why a button waits; the stack panel's line.
import { describe, expect, it } from 'vitest';
import { SHIFT_STATES, TRAFFIC_ACTION_TYPES } from '../../../../common/tracks/traffic';
import { OPERATION_KINDS } from '../../../../main/journal/entry';
import { demoLike } from '../../store/test-fixtures';
import { stepRows } from './shifts';
import { abortedShift, api, billing, failedShift, measurement, runningShift, serviceView, shop, THRESHOLDS, trafficMonitor } from './traffic-fixtures';
import {
  abortLines,
  awsShareText,
  changeText,
  clockCaption,
  commandBlocked,
  commandStatement,
  countText,
  currentStepText,
  DC_NOT_MEASURED,
  durationText,
  emptyText,
  errorsText,
  healthText,
  measurementCells,
  measurementsSummary,
  monitorText,
  newestMinute,
  numberText,
  operatorEventText,
  percentText,
  plannedText,
  reasonHint,
  requestsText,
  responseTimeText,
  sentText,
  serviceReading,
  SHIFT_STATE_TONE,
  SHIFT_STATE_WORDS,
  shiftLine,
  shiftSettingsText,
  shiftStateText,
  sideHealthText,
  sideMinuteText,
  stackLine,
  stepDecisionText,
  stepStatusTone,
  stepStatusWords,
  thresholdsText,
  TRAFFIC_JOURNAL_KINDS,
  TRAFFIC_STEP_LABELS,
  troubledTargets,
  weightsLine,
  weightsText,
  whenText,
  timesText,
  windowText,
} from './words';

const CLOCK = trafficMonitor().dataClock;
const FAST = trafficMonitor(10).dataClock;
const names = (stackId: string) => stackId.split('/')[1]!;

describe('the words of the journal and the runbook', () => {
  it('say the traffic journal kind and the shift action', () => {
    for (const kind of OPERATION_KINDS.filter((kind) => kind.startsWith('traffic-')))
      expect(TRAFFIC_JOURNAL_KINDS[kind as 'traffic-operator'], kind).toBeTruthy();
    expect(TRAFFIC_JOURNAL_KINDS['traffic-operator']).toBe('Operator action on a traffic shift');
    for (const type of TRAFFIC_ACTION_TYPES) expect(TRAFFIC_STEP_LABELS[type], type).toBeTruthy();
    expect(TRAFFIC_STEP_LABELS['traffic-shift']).toBe('Shift traffic to AWS step by step');
  });
});

describe('numbers keep their units, times their clock', () => {
  it('says weights with their sides, shares, requests, 5xx and response times', () => {
    expect(weightsText({ dc: 75, aws: 25 })).toBe('75 / 25 (data center / AWS)');
    expect(awsShareText(25)).toBe('25 % to AWS');
    expect(percentText(33.3)).toBe('33.3 %');
    expect(numberText(1200)).toBe('1,200');
    expect(countText(1, 'request')).toBe('1 request');
    expect(requestsText(1200)).toBe('1,200 requests/min');
    expect(requestsText(null)).toBe('no requests in CloudWatch');
    expect(errorsText(3, 1200)).toBe('3 5xx/min (0.25 % of requests)');
    expect(errorsText(0, null)).toBe('0 5xx/min');
    expect(responseTimeText(119.6)).toBe('120 ms mean response time');
    expect(durationText(300)).toBe('5 min');
    expect(durationText(90)).toBe('1 min 30 s');
  });

  it("says a time on the data clock's day, the day with it on another, and a faster rehearsal clock", () => {
    expect(whenText('2026-12-05T02:08:05.000Z', CLOCK)).toBe('02:08:05 UTC');
    expect(whenText('2026-12-04T23:10:00.000Z', CLOCK)).toBe('04 Dec 2026, 23:10:00 UTC');
    expect(whenText('2026-12-05T02:08:05.000Z', FAST)).toBe('02:08:05 UTC on the rehearsal clock (10× real time)');
    expect(whenText('2026-12-05T02:08:05.000Z', null)).toBe('05 Dec 2026, 02:08:05 UTC');
    expect(windowText('2026-12-05T02:09:00.000Z', '2026-12-05T02:10:00.000Z')).toBe('02:09:00–02:10:00');
    // A table's or a list's clock, said once: plain UTC, a faster rehearsal clock, or one moved ahead of real time.
    expect(clockCaption(CLOCK)).toBe('UTC');
    expect(clockCaption(FAST)).toBe('UTC, rehearsal clock 10×');
    const moved = { at: '2026-12-05T02:25:03.000Z', wallAt: '2026-12-05T02:13:03.000Z', rate: 1 };
    expect(clockCaption(moved)).toBe('UTC, rehearsal clock 12 min ahead');
    const times = [
      { at: '2026-12-05T02:00:00.000Z', what: '(to 5 %)' },
      { at: '2026-12-05T02:08:05.000Z', what: '(to 25 %)' },
    ];
    // Each item held on one line: no-break spaces inside it, plain ones between the items.
    const nbsp = (text: string) => text.replace(/ /g, '\u00a0');
    expect(timesText(times, CLOCK)).toBe(`${nbsp('02:00:00 (to 5 %)')}, ${nbsp('02:08:05 (to 25 %)')} UTC`);
    expect(timesText(times, moved)).toBe(`${nbsp('02:00:00 (to 5 %)')}, ${nbsp('02:08:05 (to 25 %)')} UTC on the rehearsal clock (12 min ahead of real time)`);
    expect(timesText([{ at: '2026-12-04T23:10:00.000Z', what: '' }], CLOCK)).toBe(`${nbsp('04 Dec 2026, 23:10:00')} UTC`);
    expect(monitorText(trafficMonitor())).toBe('Traffic monitor polling · rehearsal environment · every 10 s · last cycle 42 ms at 02:13:03 UTC');
  });
});

describe('a service in words', () => {
  it('says its share and weights, and both percents when the overlay is not what AWS holds', () => {
    expect(weightsLine(shop)).toBe('25 % to AWS · weights 75 / 25 (data center / AWS)');
    expect(weightsLine(billing)).toBe('weights not known (not deployed or not read yet)');
    expect(plannedText(shop)).toBeNull();
    expect(plannedText({ ...shop, plannedPercent: 50 })).toBe(
      'AWS holds 25 % to AWS; the cutover overlay says 50 % to AWS (what a deploy of the stack would write).',
    );
  });

  it('says the Route 53 change with its status and time, or why there is none', () => {
    expect(changeText(shop, CLOCK)).toBe('C04213742ABCDEF1GHIJ INSYNC, submitted 02:08:05 UTC');
    expect(changeText({ ...shop, change: { ...shop.change!, status: 'PENDING' } }, FAST)).toBe(
      'C04213742ABCDEF1GHIJ PENDING: not all Route 53 servers answer the new weights yet, submitted 02:08:05 UTC on the rehearsal clock (10× real time)',
    );
    expect(changeText({ ...shop, change: null }, CLOCK)).toBe('none made by the cockpit yet');
    expect(changeText(api, CLOCK)).toBe('none: an ALB split changes the listener’s weights at once');
  });

  it("says each side's target health, the targets not healthy and why, and a Route 53 split's data center", () => {
    expect(healthText(api.targets.aws!)).toBe('2 healthy, 1 unhealthy, 0 other');
    expect(healthText(api.targets.dc!)).toBe('1 healthy, 0 unhealthy, 1 other (registering, draining, unused or unavailable)');
    expect(troubledTargets(api.targets.aws)).toEqual([{ text: '10.20.3.14:8080 unhealthy: Health checks failed with these codes: [502]', unhealthy: true }]);
    expect(troubledTargets(api.targets.dc)).toEqual([{ text: '172.20.7.12:443 draining: Target deregistration is in progress', unhealthy: false }]);
    expect(sideHealthText(shop, 'dc')).toBe('no target group (Route 53 split: the data center’s addresses are the records’ values)');
    expect(sideHealthText(billing, 'aws')).toBe('not deployed yet');
  });

  it("says a minute of each side; a Route 53 split's data center is not measured, never zero", () => {
    const minute = shop.minutes.at(-1)!;
    expect(sideMinuteText(minute.aws)).toBe('300 requests/min, 0 5xx/min (0 % of requests), 130 ms mean response time');
    expect(sideMinuteText(minute.dc)).toBe(DC_NOT_MEASURED);
    expect(DC_NOT_MEASURED).toBe('not measured (Route 53 split: the data center’s requests are not in CloudWatch)');
    expect(sideMinuteText({ requests: null, errors5xx: null, responseTimeMs: null })).toBe('no requests in CloudWatch');
  });

  it('speaks of the newest minute ended when the service was read, not of the one in progress (no datapoint until it ends)', () => {
    const empty = { requests: null, errors5xx: null, responseTimeMs: null };
    // Read at 02:13:03: the minute from 02:13 is in progress; the one from 02:12 is the newest that ended.
    const inProgress = { at: '2026-12-05T02:13:00.000Z', aws: empty, dc: empty };
    const withInProgress = { ...api, minutes: [...api.minutes, inProgress] };
    expect(api.minutes.at(-1)!.at).toBe('2026-12-05T02:12:00.000Z');
    expect(newestMinute(withInProgress)).toBe(api.minutes.at(-1));
    // An ended minute without a datapoint is said as such (no users on that side): not an older minute that had some.
    const none = { ...shop, minutes: [...shop.minutes.slice(0, -1), { ...shop.minutes.at(-1)!, aws: empty }, inProgress] };
    expect(newestMinute(none)?.at).toBe('2026-12-05T02:12:00.000Z');
    expect(newestMinute({ ...withInProgress, checkedAt: null })).toBe(inProgress);
    expect(newestMinute({ ...shop, minutes: [] })).toBeNull();
  });

  it('tells a service not deployed from one not read yet and one that cannot be read', () => {
    expect(serviceReading(shop)).toBe('read');
    expect(serviceReading(billing)).toBe('not-deployed');
    expect(serviceReading({ ...billing, problem: null })).toBe('not-read');
    expect(serviceReading({ ...billing, problem: 'AccessDenied: not authorized to perform elasticloadbalancing:DescribeListeners' })).toBe('unreadable');
  });
});

describe('a shift in words', () => {
  it('has words and a tone for every state; the ones needing the operator or gone wrong in capitals and red', () => {
    for (const state of SHIFT_STATES) {
      expect(SHIFT_STATE_WORDS[state], state).toBeTruthy();
      expect(SHIFT_STATE_TONE[state], state).toBeTruthy();
    }
    expect(SHIFT_STATES.filter((state) => SHIFT_STATE_TONE[state] === 'red')).toEqual(['awaiting-operator', 'aborting', 'aborted', 'failed']);
    expect(shiftStateText(runningShift)).toBe('Analysing the step');
    // Paused by the operator while the engine syncs: said, so no view says it promotes.
    const held = { ...runningShift, state: 'syncing' as const, operator: [...runningShift.operator, { ...runningShift.operator[0]!, step: 2 }] };
    expect(shiftStateText(held)).toBe('Waiting for the weights to be in sync (PAUSED by the operator: nothing promotes until resumed)');
  });

  it('says where it is: step n of m with its share, before its first step, after its end', () => {
    expect(currentStepText(runningShift)).toBe('step 2 of 4 — 25 % to AWS');
    expect(currentStepText({ ...runningShift, stepRecords: [], state: 'starting' })).toBe('starting from 0 % to AWS');
    expect(currentStepText(abortedShift)).toBe('aborted at step 2 of 4 — 25 % to AWS; weights back to 0 % to AWS');
    expect(currentStepText({ ...abortedShift, state: 'aborting' })).toBe('aborted at step 2 of 4 — 25 % to AWS; weights going back to 0 % to AWS');
    const done = { ...runningShift, state: 'completed' as const, percent: 100, stepRecords: [{ ...runningShift.stepRecords[1]!, step: 4, percent: 100 }] };
    expect(currentStepText(done)).toBe('completed at step 4 of 4 — 100 % to AWS');
    expect(shiftSettingsText(runningShift)).toBe(
      'analysis every 1 min · on failure back to 0 % to AWS (all users in the data center) · 1 failed measurement allowed per service and step',
    );
    // Where it ended says its state once ("aborted at", "completed at"); a FAILED shift says so first.
    expect(shiftLine(abortedShift, CLOCK)).toBe('last shift: aborted at step 2 of 4 — 25 % to AWS; weights back to 0 % to AWS, ended 02:14:52 UTC');
    expect(shiftLine(failedShift, CLOCK)).toMatch(/^last shift: FAILED: the weights are not all back in sync, aborted at step 2 of 4/);
    expect(shiftLine(runningShift, CLOCK)).toBe('shift: Analysing the step, step 2 of 4 — 25 % to AWS');
  });

  it('says each step, who decided it and when', () => {
    const [first, second, third] = stepRows(runningShift);
    expect(stepDecisionText(first!, runningShift, CLOCK)).toBe('promoted by the analysis at 02:08:05 UTC');
    expect(stepDecisionText(second!, runningShift, CLOCK)).toBe('2 of 5 measurements per service; 1 failed measurement (the limit is 1 per service)');
    expect(stepDecisionText(third!, runningShift, CLOCK)).toBeNull();
    const byOperator = { ...runningShift.stepRecords[0]!, decidedBy: 'ops@host' };
    expect(stepDecisionText({ ...first!, record: byOperator }, runningShift, FAST)).toBe(
      'promoted by ops@host at 02:08:05 UTC on the rehearsal clock (10× real time)',
    );
    const skipped = stepRows({ ...runningShift, fromPercent: 5, stepRecords: [] })[0]!;
    expect(stepDecisionText(skipped, { ...runningShift, fromPercent: 5 }, CLOCK)).toBe('the shift started at 5 % to AWS');
    const syncing = { ...second!, record: { ...runningShift.stepRecords[1]!, inSyncAt: null } };
    expect(stepDecisionText(syncing, runningShift, CLOCK)).toBe('weights written, waiting for them to be in sync');
    expect(operatorEventText(runningShift.operator[1]!, CLOCK)).toBe('02:05:30 UTC · ops@host resumed at step 1: checked the 5xx dashboards');
  });

  it('says a step held by the operator: PAUSED, and whether resuming promotes it', () => {
    const rows = stepRows({ ...runningShift, state: 'paused' });
    const paused = { ...runningShift, state: 'paused' as const };
    expect(stepStatusWords(rows[1]!, paused)).toBe('now, PAUSED');
    expect(stepStatusTone(rows[1]!, paused)).toBe('unknown');
    expect(stepStatusWords(rows[1]!, runningShift)).toBe('now');
    expect(stepStatusTone(rows[1]!, runningShift)).toBe('holding');
    expect(stepDecisionText(rows[1]!, paused, CLOCK)).toBe(
      '2 of 5 measurements per service; 1 failed measurement (the limit is 1 per service); PAUSED by the operator: nothing promotes until resumed',
    );
    const pass = (from: string) => measurement(from);
    const windows = [{ from: '2026-12-05T02:09:00.000Z', to: '2026-12-05T02:10:00.000Z' }];
    const record = { ...runningShift.stepRecords[1]!, windows, measurements: { 'apps/app1': [pass(windows[0]!.from)], 'apps/app2': [pass(windows[0]!.from)] } };
    expect(stepDecisionText({ ...rows[1]!, record }, paused, CLOCK)).toBe(
      '1 of 1 measurement per service; PAUSED by the operator: every measurement passed, promoted once resumed',
    );
  });

  it('says the abort: who and when, why, where the weights went, each write, and in sync or NOT', () => {
    expect(abortLines(runningShift, CLOCK, names)).toBeNull();
    const lines = abortLines(abortedShift, CLOCK, names)!;
    expect(lines.headline).toBe('Aborted by the analysis at 02:14:10 UTC');
    expect(lines.why).toMatch(/^api\.example\.com: 2 failed measurements \(the limit is 1\)/);
    expect(lines.target).toBe('Weights back to 0 % to AWS (all users in the data center)');
    expect(lines.writes).toEqual([
      'app1: 75 / 25 (data center / AWS) → 100 / 0 (data center / AWS), Route 53 change C0ABORT00000000000001',
      'app2: 75 / 25 (data center / AWS) → 100 / 0 (data center / AWS)',
    ]);
    expect(lines.sync).toBe('the weights are in sync');
    const failed = abortLines(failedShift, CLOCK, names)!;
    expect(failed.inSync).toBe(false);
    expect(failed.target).toBe('Weights sent back to 0 % to AWS (all users in the data center)');
    expect(currentStepText(failedShift)).toBe('aborted at step 2 of 4 — 25 % to AWS; the weights did NOT all return to 0 % to AWS in sync');
    expect(failed.sync).toMatch(/^NOT in sync: aborted \(.*still PENDING after 300 s$/);
    const partial = abortLines({ ...failedShift, abort: { ...failedShift.abort!, writes: failedShift.abort!.writes.slice(0, 1) } }, CLOCK, names)!;
    expect(partial.writes.at(-1)).toBe('NOT written: app2');
    const lastGood = abortLines({ ...abortedShift, onFailure: 'last-good', abort: { ...abortedShift.abort!, to: 5, by: 'ops@host' } }, CLOCK, names)!;
    expect(lastGood.target).toBe('Weights back to 5 % to AWS (the last step that passed)');
    expect(lastGood.headline).toBe('Aborted by ops@host at 02:14:10 UTC');
  });
});

describe('measurements against their thresholds', () => {
  it('says the thresholds with their units', () => {
    expect(thresholdsText(THRESHOLDS)).toBe(
      '5xx ≤ 1 % · mean response ≤ 800 ms · healthy AWS targets ≥ 1 · unhealthy AWS targets ≤ 0 · ≥ 20 requests per measurement (fewer: inconclusive)',
    );
  });

  it('puts each number beside its threshold with the comparison in words, and marks the breaches', () => {
    const failed = runningShift.stepRecords[1]!.measurements['apps/app2']![1]!;
    const cells = measurementCells(failed, THRESHOLDS);
    expect(cells.requests).toEqual({ text: '150 ≥ min 20', mark: null });
    expect(cells.errors).toEqual({ text: '2 % > max 1 % (3 5xx)', mark: 'breach' });
    expect(cells.response).toEqual({ text: '640 ms ≤ max 800 ms', mark: null });
    expect(cells.healthy).toEqual({ text: '2 ≥ min 1', mark: null });
    expect(cells.unhealthy).toEqual({ text: '1 > max 0', mark: 'breach' });
    expect(measurementCells(measurement('2026-12-05T02:09:00.000Z', { healthyMin: 0 }), THRESHOLDS).healthy).toEqual({ text: '0 < min 1', mark: 'breach' });
  });

  it('does not judge rates on too few requests, and says what CloudWatch did not have', () => {
    const few = measurementCells(measurement('2026-12-05T02:09:00.000Z', { requests: 12, errors5xx: 1, verdict: 'inconclusive' }), THRESHOLDS);
    expect(few.requests).toEqual({ text: '12 < min 20', mark: 'short' });
    expect(few.errors).toEqual({ text: '8.33 % (not judged: too few requests) (1 5xx)', mark: null });
    const none = measurementCells(
      measurement('2026-12-05T02:09:00.000Z', { requests: null, errors5xx: null, responseTimeMs: null, healthyMin: null, unhealthyMax: null }),
      THRESHOLDS,
    );
    expect([none.requests.text, none.errors.text, none.response.text, none.healthy.text]).toEqual(['none', 'no requests', 'no requests', 'no data']);
    expect(measurementsSummary(runningShift.stepRecords[1]!.measurements['apps/app2']!, 5)).toBe('2 of 5 windows measured: 1 pass, 1 FAIL');
    expect(measurementsSummary([], 5)).toBe('0 of 5 windows measured');
  });
});

describe('the commands in words', () => {
  it('says why a button waits', () => {
    expect(commandBlocked(runningShift, 'abort', undefined)).toBeNull();
    expect(commandBlocked(runningShift, 'abort', 'pause')).toBe('Sending pause…');
    expect(commandBlocked(runningShift, 'resume', undefined)).toBe('The shift is not paused');
    expect(commandBlocked({ ...runningShift, state: 'syncing' }, 'promote', undefined)).toBe(
      'Nothing to promote yet: the step’s weights are being written or synced',
    );
    expect(commandBlocked(abortedShift, 'abort', undefined)).toBe('The shift has ended (aborted)');
  });

  it('says what a prompted command will do, and what its reason needs', () => {
    expect(commandStatement(runningShift, 'abort', 'Pilot')).toBe(
      'Abort the shift of Pilot: every service’s weights go back to 0 % to AWS (all users in the data center).',
    );
    expect(commandStatement({ ...runningShift, onFailure: 'last-good' }, 'abort', 'Pilot')).toBe(
      'Abort the shift of Pilot: every service’s weights go back to 5 % to AWS (the last step that passed).',
    );
    expect(commandStatement(runningShift, 'promote', 'Pilot')).toBe('Promote step 2 now: its pause ends and the shift goes on to step 3 (50 % to AWS).');
    expect(reasonHint(runningShift, 'abort', 'ab')).toEqual({
      label: 'Reason (required)',
      hint: 'At least 3 characters (2 so far). It is journaled with your name.',
      required: true,
    });
    expect(reasonHint(runningShift, 'promote', '').hint).toBe(
      'Step 2 has 1 failed measurement: say why it is promoted anyway. At least 3 characters (0 so far). It is journaled with your name.',
    );
    const clean = { ...runningShift, stepRecords: [runningShift.stepRecords[0]!] };
    expect(reasonHint(clean, 'promote', '')).toEqual({ label: 'Reason (optional)', hint: 'It is journaled with your name.', required: false });
    expect(sentText({ action: 'pause', startedAt: runningShift.startedAt, operatorCount: 2 })).toBe('Pause sent: the shift takes it at its next check.');
  });
});

describe('empty states and the stack panel', () => {
  it('says why there is no service, and what to do', () => {
    const { plan } = demoLike();
    expect(emptyText(plan, { monitor: trafficMonitor() })).toBe(
      'No traffic service in this plan: give a stack a traffic block (its service name, split and data-center addresses) to shift its users step by step.',
    );
    expect(emptyText(plan, { monitor: null })).toBe(
      'No traffic service reported: no stack of this plan has a traffic block, or the traffic monitor has not reported yet.',
    );
    const withGate = { ...plan, gateColumns: [...plan.gateColumns, { id: 'traffic.ready', label: 'Traffic', help: '', track: 'traffic' }] };
    expect(emptyText(withGate, { monitor: null })).toBe('The traffic monitor has not reported this plan’s services yet.');
  });

  it("says a stack's service in one line: share, weights, AWS health, a pending change and the shift", () => {
    expect(stackLine(shop, runningShift, CLOCK)).toBe(
      '25 % to AWS · weights 75 / 25 (data center / AWS) · AWS targets 2 healthy, 0 unhealthy, 0 other · shift: Analysing the step, step 2 of 4 — 25 % to AWS',
    );
    expect(stackLine({ ...shop, change: { ...shop.change!, status: 'PENDING' } }, null, CLOCK)).toBe(
      '25 % to AWS · weights 75 / 25 (data center / AWS) · AWS targets 2 healthy, 0 unhealthy, 0 other · Route 53 change C04213742ABCDEF1GHIJ PENDING',
    );
    expect(stackLine(billing, null, CLOCK)).toBe('Not deployed yet: deploy the stack (its load balancer and records come with its first deploy).');
    expect(stackLine(serviceView('a/b', 's', null, { weights: null, awsPercent: null, checkedAt: null }), null, CLOCK)).toBe(
      'Not read yet: the traffic monitor reads it at its next cycle.',
    );
  });
});
