import { afterEach, describe, expect, it, vi } from 'vitest';
import { CutoverRunViewSchema, type WaveReadinessView } from '../../../main/api/contract';
import { AWS_ACTOR, finalizedRun, OS_ACTOR, rolledBackRun, run, step, timelineStep } from '../store/cutover-fixtures';
import {
  compensationStatusWords,
  defaultTimelineScale,
  downtime,
  formatHms,
  formatSpan,
  isOverrideReasonValid,
  missingHint,
  missingInputs,
  overrideCircumstances,
  runClock,
  runControls,
  runStatusWords,
  stepFacts,
  stepTimeLeft,
  storedOperator,
  storeOperator,
  timelineLayout,
  whoText,
  whoWords,
  windowOffset,
  windowPosition,
} from './cutover';

const at = (iso: string) => Date.parse(iso);
const readiness = (ready: boolean): WaveReadinessView => ({
  waveId: 'wave-1',
  ready,
  readySince: null,
  stacks: [],
  blockingReasons: ready ? [] : ['data: lag'],
  blockingCount: ready ? 0 : 1,
  phase: ready ? 'ready' : 'not-ready',
  phaseSince: null,
  phaseDetail: '',
  deployRefusal: null,
});

describe('runbook clocks', () => {
  it('formats hours, minutes and seconds, with days when needed', () => {
    expect(formatHms(0)).toBe('00:00:00');
    expect(formatHms(3_723_000)).toBe('01:02:03');
    expect(formatHms(-61_900)).toBe('00:01:01');
    expect(formatHms(90_061_000)).toBe('1 d 01:01:01');
    expect(formatHms(Number.NaN)).toBe('—');
  });

  it('counts down to the window before the start, and up once the window opened', () => {
    const before = runClock(run('wave-1'), at('2026-12-05T00:30:00Z'));
    expect(before).toEqual({ kind: 't-minus', ms: 30 * 60_000, label: 'T−00:30:00', windowStart: '2026-12-05T01:00:00.000Z' });
    expect(runClock(run('wave-1'), at('2026-12-05T01:00:05Z'))).toMatchObject({ label: 'T+00:00:05 (window open)' });
    expect(runClock(run('wave-1', {}, { windowStart: null }), 0)).toEqual({ kind: 'none' });
  });

  it('shows the elapsed time of a run, frozen at its end', () => {
    const running = run('wave-1', { runId: 'r', status: 'running', startedAt: '2026-12-05T01:00:00Z' });
    expect(runClock(running, at('2026-12-05T01:10:00Z'))).toMatchObject({ label: 'Elapsed 00:10:00' });
    const ended = { ...running, status: 'succeeded' as const, finishedAt: '2026-12-05T01:20:00Z' };
    expect(runClock(ended, at('2026-12-05T03:00:00Z'))).toMatchObject({ label: 'Took 00:20:00' });
  });

  it('counts the downtime budget down from the first freeze-check, red once exceeded', () => {
    // Before the downtime starts only the budget is known: said as the budget, never as downtime.
    expect(downtime(run('wave-1'), 0)).toMatchObject({ started: false, exceeded: false, label: 'Downtime budget 00:45:00 (downtime not started)' });
    const down = run('wave-1', { runId: 'r', status: 'running' }, { downtimeStartedAt: '2026-12-05T01:00:00Z' });
    expect(downtime(down, at('2026-12-05T01:15:00Z'))).toMatchObject({
      remainingMs: 30 * 60_000,
      exceeded: false,
      label: 'Downtime used 00:15:00 of its 00:45:00 budget, 00:30:00 left',
    });
    expect(downtime(down, at('2026-12-05T01:46:00Z'))).toMatchObject({
      exceeded: true,
      label: 'Downtime used 00:46:00 of its 00:45:00 budget, exceeded by 00:01:00',
    });
    const ended = run('wave-1', {}, { downtimeStartedAt: '2026-12-05T01:00:00Z', downtimeEndedAt: '2026-12-05T01:40:00Z' });
    expect(downtime(ended, at('2026-12-06T00:00:00Z')).label).toBe('Downtime was 00:40:00 of its 00:45:00 budget, 00:05:00 to spare');
  });

  it('says used and left that add up to the budget, even between two whole seconds', () => {
    const down = run('wave-1', { runId: 'r', status: 'running' }, { downtimeStartedAt: '2026-12-05T01:00:00Z' });
    // 4 min 36.5 s used: each rounded alone read "00:04:36 … 00:40:23 left" (44:59 of 45:00).
    expect(downtime(down, at('2026-12-05T01:04:36.500Z')).label).toBe('Downtime used 00:04:36 of its 00:45:00 budget, 00:40:24 left');
    expect(downtime(down, at('2026-12-05T01:45:00.400Z'))).toMatchObject({
      exceeded: false,
      label: 'Downtime used 00:45:00 of its 00:45:00 budget, 00:00:00 left',
    });
  });

  it("says that a succeeded run's rollback is not in its downtime, so the run's figure is not taken for the whole outage", () => {
    const base = rolledBackRun('wave-1', 'succeeded');
    const rolled = { ...base, clock: { ...base.clock, downtimeStartedAt: '2026-12-05T01:10:00.000Z', downtimeEndedAt: '2026-12-05T01:15:32.000Z' } };
    expect(downtime(rolled, at('2026-12-05T03:00:00Z')).label).toBe(
      'Downtime was 00:05:32 of its 00:45:00 budget, 00:39:28 to spare; the rollback after it (00:05:00, from 02:20:00 to 02:25:00 UTC) is not counted',
    );
  });
});

describe('step timeouts', () => {
  it('counts a running or waiting step down to its timeout', () => {
    const waiting = step('a', { status: 'waiting', startedAt: '2026-12-05T01:00:00Z', timeoutMinutes: 15 });
    expect(stepTimeLeft(waiting, at('2026-12-05T01:05:00Z'))).toBe(10 * 60_000);
    expect(stepTimeLeft(waiting, at('2026-12-05T01:16:00Z'))).toBe(-60_000);
    expect(stepTimeLeft({ ...waiting, status: 'succeeded' }, 0)).toBeNull();
    expect(stepTimeLeft({ ...waiting, timeoutMinutes: null }, 0)).toBeNull();
  });

  it('has no time limit at a point of no return until the operator goes past it, then counts from there', () => {
    const point = step('remove', { status: 'waiting', startedAt: '2026-12-05T01:00:00Z', timeoutMinutes: 15, pointOfNoReturn: true });
    expect(stepTimeLeft(point, at('2026-12-05T01:30:00Z'))).toBeNull();
    const passed = { ...point, status: 'running' as const, passedPointOfNoReturn: { by: 'Alice', at: '2026-12-05T01:40:00Z' } };
    expect(stepTimeLeft(passed, at('2026-12-05T01:45:00Z'))).toBe(10 * 60_000);
  });
});

describe('runbook controls', () => {
  it('starts a ready wave; a wave that is not ready only with an override', () => {
    const inside = Date.parse('2026-12-05T02:00:00Z');
    expect(runControls(run('wave-1'), readiness(true), false, inside)).toMatchObject({ start: true, startNeedsOverride: false, pause: false, rollback: false });
    expect(runControls(run('wave-1'), readiness(false), false, inside)).toMatchObject({ start: false, startNeedsOverride: true });
    expect(runControls(run('wave-1'), undefined, false, inside)).toMatchObject({ start: false, startNeedsOverride: true });
    expect(runControls(run('wave-1'), readiness(true), true, inside)).toMatchObject({ start: false, startNeedsOverride: false });
    // A ready wave outside its cutover window starts only with an override, as the core rules.
    expect(runControls(run('wave-1'), readiness(true), false, Date.parse('2026-12-04T23:00:00Z'))).toMatchObject({ start: false, startNeedsOverride: true });
    expect(runControls(run('wave-1'), readiness(true), false, Date.parse('2026-12-05T05:00:01Z'))).toMatchObject({ start: false, startNeedsOverride: true });
    expect(windowPosition(run('wave-1', {}, { windowStart: null, windowEnd: null }), inside)).toBe('none');
  });

  it('follows the state rules of a run', () => {
    const waiting = run('wave-1', { runId: 'r', status: 'running', steps: [step('a', { status: 'waiting', attempt: 1 })] });
    expect(runControls(waiting, readiness(true), false)).toMatchObject({
      start: false,
      pause: true,
      resume: false,
      abort: true,
      rollback: false,
      waitingStepId: 'a',
    });
    const paused = { ...waiting, status: 'paused' as const };
    expect(runControls(paused, readiness(true), false)).toMatchObject({ resume: true, pause: false, abort: true, rollback: true, waitingStepId: null });
    expect(runControls({ ...waiting, status: 'pausing' }, readiness(true), false)).toMatchObject({ resume: true, pause: false, rollback: false });
    const failed = run('wave-1', { runId: 'r', status: 'failed', steps: [step('a', { type: 'pulumi-up', status: 'failed', attempt: 1 })] });
    expect(runControls(failed, readiness(true), false)).toMatchObject({ retry: true, rollback: true, abort: true });
    const rolledBack = {
      ...failed,
      rollback: {
        rollbackId: 'x',
        status: 'running' as const,
        startedAt: 'a',
        finishedAt: null,
        startedBy: 'b',
        reason: null,
        steps: [],
        summary: null,
        nextSteps: [],
      },
    };
    expect(runControls(rolledBack, readiness(true), false)).toMatchObject({ retry: false, rollback: false });
    const aborted = { ...failed, status: 'aborted' as const };
    expect(runControls(aborted, readiness(false), false)).toMatchObject({ startNeedsOverride: true, abort: false, rollback: true });
  });

  it('does not offer a rollback once one succeeded, nor of a finalized run; again after a failed one', () => {
    const back = rolledBackRun('wave-1', 'succeeded');
    expect(runControls(back, readiness(false), false)).toMatchObject({
      rollback: false,
      retry: false,
      abort: false,
      startNeedsOverride: true,
      startLast: false,
    });
    // A failed rollback stopped part-way: rolling back again does what is left (the core skips what was done).
    expect(runControls(rolledBackRun('wave-1', 'failed'), readiness(false), false)).toMatchObject({ rollback: true });
    expect(runControls(rolledBackRun('wave-1', 'running'), readiness(false), false)).toMatchObject({
      rollback: false,
      start: false,
      startNeedsOverride: false,
    });
    // The core refuses to roll back a finalized run (its rollback is closed).
    expect(runControls(finalizedRun('wave-1', 'Dana Ops', OS_ACTOR), readiness(false), false)).toMatchObject({ rollback: false });
  });

  it('offers a new run last on a cut-over or finalized wave, first otherwise', () => {
    const cutOver = run('wave-1', {
      runId: 'r',
      status: 'succeeded',
      finishedAt: '2026-12-05T02:00:00Z',
      steps: [step('a', { type: 'pulumi-up', status: 'succeeded', attempt: 1 })],
    });
    // The core still accepts a new run (with an override: the gates are red once replication stopped), so it is there, last.
    expect(runControls(cutOver, readiness(false), false)).toMatchObject({ rollback: true, startNeedsOverride: true, startLast: true });
    expect(runControls(finalizedRun('wave-1', 'Dana Ops', OS_ACTOR), readiness(false), false)).toMatchObject({ startLast: true });
    expect(runControls(rolledBackRun('wave-1', 'succeeded'), readiness(false), false).startLast).toBe(false);
    expect(runControls(run('wave-1'), readiness(true), false).startLast).toBe(false);
  });

  it('requires an override reason of at least 10 characters, trimmed', () => {
    expect(isOverrideReasonValid('   short   ')).toBe(false);
    expect(isOverrideReasonValid('0123456789')).toBe(true);
  });
});

describe('who started, confirmed or finalized a run', () => {
  it('puts the OS user and the AWS caller beside the typed name, the whole ARN in the tooltip', () => {
    expect(whoWords('Dana Ops', AWS_ACTOR)).toEqual({
      name: 'Dana Ops',
      actor: 'OS user ops1@ws-17 · AWS assumed-role/MigrationOperator/dana @ 111122223333',
      title: 'Recorded in the journal as ops1@ws-17 as arn:aws:sts::111122223333:assumed-role/MigrationOperator/dana',
    });
    expect(whoText('Dana Ops', AWS_ACTOR)).toBe('Dana Ops (OS user ops1@ws-17 · AWS assumed-role/MigrationOperator/dana @ 111122223333)');
    // The rehearsal: no AWS caller.
    expect(whoText('Dana Ops', OS_ACTOR)).toBe('Dana Ops (OS user ops1@ws-17)');
  });

  it('does not say the OS user twice when no other name was typed', () => {
    expect(whoText('ops1', OS_ACTOR)).toBe('ops1@ws-17');
    expect(whoText('ops1@ws-17', AWS_ACTOR)).toBe('ops1@ws-17 (AWS assumed-role/MigrationOperator/dana @ 111122223333)');
    expect(whoText(' ', OS_ACTOR)).toBe('ops1@ws-17');
  });

  it('shows the typed name alone when the core sent no actor', () => {
    expect(whoWords('Dana Ops', undefined)).toEqual({ name: 'Dana Ops', actor: null, title: undefined });
    expect(whoText('Dana Ops', undefined)).toBe('Dana Ops');
  });

  it('reads the actors of a run view as the contract has them', () => {
    const view = CutoverRunViewSchema.parse(finalizedRun('wave-1', 'Dana Ops', AWS_ACTOR));
    expect(whoText(view.startedBy!, view.startedByActor)).toBe(whoText('Dana Ops', AWS_ACTOR));
    expect(whoText(view.steps[0]!.confirmedBy!, view.steps[0]!.confirmedByActor)).toContain('OS user ops1@ws-17');
    expect(whoText(view.finalized!.by, view.finalized!.byActor)).toContain('AWS assumed-role/MigrationOperator/dana');
  });
});

describe('the run status beside the wave phase', () => {
  it('says a rolled-back run succeeded as history, in the phase tone, never as a green success', () => {
    const back = rolledBackRun('wave-1', 'succeeded');
    expect(runStatusWords(back, 'rolled-back')).toMatchObject({ label: 'Run succeeded at 02:14:00 UTC, then rolled back', tone: 'idle' });
    expect(runStatusWords(rolledBackRun('wave-1', 'running'), 'rolling-back')).toMatchObject({
      label: 'Run succeeded at 02:14:00 UTC, rolling back now',
      tone: 'active',
    });
    expect(runStatusWords(rolledBackRun('wave-1', 'failed'), 'rollback-failed')).toMatchObject({
      label: 'Run succeeded at 02:14:00 UTC, its rollback failed',
      tone: 'bad',
    });
    // Without a published phase, the run's rollback stands in for it.
    expect(runStatusWords(back, undefined)).toMatchObject({ label: 'Run succeeded at 02:14:00 UTC, then rolled back', tone: 'idle' });
    // A run ended to roll it back reads as aborted.
    expect(runStatusWords({ ...back, status: 'aborted' }, 'rolled-back').label).toBe('Run aborted at 02:14:00 UTC, then rolled back');
  });

  it('says the run status as it is while it agrees with the phase', () => {
    const cutOver = run('wave-1', { runId: 'r', status: 'succeeded', finishedAt: '2026-12-05T02:14:00Z' });
    expect(runStatusWords(cutOver, 'cut-over')).toMatchObject({ label: 'Succeeded', tone: null });
    expect(runStatusWords(run('wave-1'), 'not-ready')).toMatchObject({ label: 'Not started', tone: null });
    // A new run after a rollback: the phase (in progress) and the run (running) agree again.
    expect(runStatusWords(run('wave-1', { runId: 'r2', status: 'running' }), 'cutover-in-progress').label).toBe('Running');
  });
});

describe('a step card says each fact once', () => {
  it('folds a confirmation message into who confirmed it, keeping the note', () => {
    const confirmed = step('announce', {
      status: 'succeeded',
      attempt: 1,
      confirmedBy: 'a.operator',
      confirmedAt: '2026-12-05T01:02:00Z',
      message: 'confirmed by a.operator: posted in #dc2-exit 02:04',
    });
    expect(stepFacts(confirmed)).toEqual({ message: null, note: 'posted in #dc2-exit 02:04' });
    expect(stepFacts({ ...confirmed, message: 'confirmed by a.operator' })).toEqual({ message: null, note: null });
    expect(stepFacts({ ...confirmed, message: 'something else happened' })).toEqual({ message: 'something else happened', note: null });
  });

  it('drops a message that only summarizes the per-stack lines under it', () => {
    const target = (stackId: string, status: 'succeeded' | 'failed' | 'running', message: string | null) => ({
      stackId,
      status,
      message,
      operationId: null,
      updateVersion: null,
    });
    const stopped = step('stop', {
      type: 'stop-replication',
      status: 'succeeded',
      attempt: 1,
      message: 'replication stopped: t1, t2',
      targets: [target('p/a', 'succeeded', 't1 stopped'), target('p/b', 'succeeded', 't2 stopped')],
    });
    expect(stepFacts(stopped).message).toBeNull();
    const waiting = step('quiet', {
      type: 'freeze-check',
      status: 'running',
      attempt: 1,
      message:
        'waiting for the source to go quiet: t1: changes still arrive (0 waiting, 70 rows/s applied); t2: changes still arrive (0 waiting, 3 rows/s applied)',
      targets: [
        target('p/a', 'running', 'changes still arrive (0 waiting, 70 rows/s applied)'),
        target('p/b', 'running', 'changes still arrive (0 waiting, 3 rows/s applied)'),
      ],
    });
    expect(stepFacts(waiting).message).toBeNull();
    const failed = step('health', {
      type: 'http-check',
      status: 'failed',
      attempt: 1,
      message: 'p/b: HTTP 503 from http://x/healthz, expected 200 after 6 attempt(s)',
      targets: [
        target('p/a', 'succeeded', 'HTTP 200 from http://x/healthz'),
        target('p/b', 'failed', 'HTTP 503 from http://x/healthz, expected 200 after 6 attempt(s)'),
      ],
    });
    expect(stepFacts(failed).message).toBeNull();
    // What the stacks do not say stays: a timeout, progress in general.
    expect(stepFacts({ ...failed, message: 'timed out after 10 min' }).message).toBe('timed out after 10 min');
    expect(stepFacts({ ...waiting, message: 'checking 3 URL(s)' }).message).toBe('checking 3 URL(s)');
    expect(stepFacts(step('x', { message: 'no targets here' })).message).toBe('no targets here');
  });
});

describe('the run against its cutover window', () => {
  it('formats spans in days, hours and minutes', () => {
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(5_400_000)).toBe('1 h 30 min');
    expect(formatSpan(((1 * 24 + 19) * 60 + 33) * 60_000)).toBe('1 d 19 h 33 min');
    expect(formatSpan(2 * 86_400_000)).toBe('2 d');
  });

  it('says where the run started against its window, in the project UTC format', () => {
    const early = run('wave-1', { runId: 'r', status: 'running', startedAt: '2026-12-03T05:27:14Z' });
    expect(windowOffset(early)).toEqual({ inside: false, text: '1 d 19 h 33 min before its cutover window opened at 05 Dec 2026, 01:00:00 UTC' });
    expect(windowOffset({ ...early, startedAt: '2026-12-05T01:12:00Z' })).toEqual({
      inside: true,
      text: '12 min after its cutover window opened at 05 Dec 2026, 01:00:00 UTC',
    });
    expect(windowOffset({ ...early, startedAt: '2026-12-05T07:00:00Z' })).toEqual({
      inside: false,
      text: '2 h after its cutover window closed at 05 Dec 2026, 05:00:00 UTC',
    });
    expect(windowOffset(run('wave-1'))).toBeNull();
  });

  it('says why a start needed its override without the core mixed date formats', () => {
    const overridden = run('wave-1', {
      runId: 'r',
      status: 'running',
      startedAt: '2026-12-03T05:27:14Z',
      readinessAtStart: { ready: false, reasons: ['data: lag'] },
      override: {
        reason: 'Rehearsal R3',
        by: 'a.operator',
        at: '2026-12-03T05:27:14Z',
        outsideWindow: 'it opens 2026-12-05 01:00 UTC, in 1 d 19 h (now 2026-12-03 05:27 UTC)',
      },
    });
    expect(overrideCircumstances(overridden)).toEqual([
      'while the wave was not ready',
      '1 d 19 h 33 min before its cutover window opened at 05 Dec 2026, 01:00:00 UTC',
    ]);
    expect(overrideCircumstances({ ...overridden, override: { ...overridden.override!, outsideWindow: null } })).toEqual(['while the wave was not ready']);
    // Without the window in the view, the core's words stand.
    expect(
      overrideCircumstances({
        ...overridden,
        readinessAtStart: { ready: true, reasons: [] },
        clock: { ...overridden.clock, windowStart: null, windowEnd: null },
      }),
    ).toEqual(['outside its cutover window: it opens 2026-12-05 01:00 UTC, in 1 d 19 h (now 2026-12-03 05:27 UTC)']);
  });
});

describe("a rollback's compensations", () => {
  it('reads a skipped compensation as a neutral "nothing to do", never a warning', () => {
    expect(compensationStatusWords('skipped')).toEqual({ label: 'nothing to do', tone: 'nothing-to-do' });
    expect(compensationStatusWords('failed')).toEqual({ label: 'failed', tone: 'failed' });
    expect(compensationStatusWords('succeeded')).toEqual({ label: 'succeeded', tone: 'succeeded' });
  });
});

describe('the planned-vs-actual timeline', () => {
  // A rehearsal: the core plans from the window's start two days later; the run took 7 minutes.
  const timeline = [
    timelineStep('announce', {
      plannedStart: '2026-12-05T01:00:00Z',
      plannedEnd: '2026-12-05T01:15:00Z',
      actualStart: '2026-12-03T05:00:00Z',
      actualEnd: '2026-12-03T05:00:20Z',
    }),
    timelineStep('switch', {
      plannedStart: '2026-12-05T01:15:00Z',
      plannedEnd: '2026-12-05T01:35:00Z',
      actualStart: '2026-12-03T05:00:20Z',
      actualEnd: '2026-12-03T05:07:00Z',
      stacks: [{ stackId: 'p/a', start: '2026-12-03T05:00:21Z', end: '2026-12-03T05:06:00Z', status: 'succeeded' }],
    }),
  ];

  it('scales to the run: planned from the run start, not the calendar window, with minute ticks and durations', () => {
    const layout = timelineLayout(timeline, '2026-12-03T05:00:00Z', at('2026-12-03T06:00:00Z'))!;
    expect(layout.span).toBe(35 * 60_000);
    expect(layout.plannedMs).toBe(35 * 60_000);
    expect(layout.actualMs).toBe(7 * 60_000);
    const [announce, sw] = layout.rows;
    expect(announce!.planned).toMatchObject({ left: 0, duration: '15 min', clipped: false });
    expect(announce!.planned!.width).toBeCloseTo((15 / 35) * 100);
    expect(announce!.actual).toMatchObject({ left: 0, duration: '20 s', open: false });
    expect(sw!.planned!.left).toBeCloseTo((15 / 35) * 100);
    expect(sw!.actual!.duration).toBe('6 min 40 s');
    expect(sw!.stacks[0]!.bar!.duration).toBe('5 min 39 s');
    expect(layout.tickMs).toBe(5 * 60_000);
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['0', '5 min', '10 min', '15 min', '20 min', '25 min', '30 min', '35 min']);
  });

  it('zooms to the actual run, clipping longer planned bars; first when the plan is much longer', () => {
    expect(defaultTimelineScale(timelineLayout(timeline, '2026-12-03T05:00:00Z', 0), 'succeeded')).toBe('actual');
    // While the run goes on, where it stands against the whole plan matters.
    expect(defaultTimelineScale(timelineLayout(timeline, '2026-12-03T05:00:00Z', 0), 'running')).toBe('plan');
    expect(defaultTimelineScale(timelineLayout(timeline, '2026-12-03T05:00:00Z', 0), 'paused')).toBe('plan');
    expect(defaultTimelineScale({ plannedMs: 35 * 60_000, actualMs: 30 * 60_000 }, 'succeeded')).toBe('plan');
    expect(defaultTimelineScale(null, 'succeeded')).toBe('plan');
    const layout = timelineLayout(timeline, '2026-12-03T05:00:00Z', 0, 'actual')!;
    expect(layout.span).toBe(7 * 60_000);
    expect(layout.rows[0]!.planned).toMatchObject({ left: 0, width: 100, clipped: true });
    expect(layout.rows[1]!.planned).toMatchObject({ left: 100, width: 0, clipped: true });
    expect(layout.rows[1]!.actual!.clipped).toBe(false);
    expect(layout.ticks.at(-1)!.label).toBe('7 min');
  });

  it('opens a stopped run (failed or aborted) on what it attempted, not on the rest of its plan', () => {
    // Stopped after 30 of 35 planned minutes: not "much shorter" than the plan, and still its own span first.
    for (const status of ['failed', 'aborted'] as const) {
      expect(defaultTimelineScale({ plannedMs: 35 * 60_000, actualMs: 30 * 60_000 }, status)).toBe('actual');
      expect(defaultTimelineScale(timelineLayout(timeline, '2026-12-03T05:00:00Z', 0), status)).toBe('actual');
    }
    // Nothing attempted yet, or a run that took longer than its plan: the whole plan is its span anyway.
    expect(defaultTimelineScale({ plannedMs: 35 * 60_000, actualMs: 0 }, 'failed')).toBe('plan');
    expect(defaultTimelineScale({ plannedMs: 10 * 60_000, actualMs: 30 * 60_000 }, 'failed')).toBe('plan');
  });

  it('draws every attempt of a retried step: the earlier ones labelled with how they ended, the last as the actual bar', () => {
    const retried = [
      timelineStep('stop', {
        status: 'succeeded',
        actualStart: '2026-12-03T05:04:00Z',
        actualEnd: '2026-12-03T05:06:00Z',
        attempts: [
          { attempt: 1, start: '2026-12-03T05:00:00Z', end: '2026-12-03T05:01:00Z', status: 'failed' },
          { attempt: 2, start: '2026-12-03T05:04:00Z', end: '2026-12-03T05:06:00Z', status: 'succeeded' },
        ],
      }),
    ];
    const layout = timelineLayout(retried, '2026-12-03T05:00:00Z', 0)!;
    const [row] = layout.rows;
    expect(row!.attemptLabel).toBe('attempt 2');
    expect(row!.earlierAttempts).toEqual([
      { attempt: 1, status: 'failed', label: 'attempt 1 failed', bar: expect.objectContaining({ left: 0, duration: '1 min', open: false }) },
    ]);
    expect(row!.earlierAttempts[0]!.bar.width).toBeCloseTo((1 / 6) * 100);
    expect(row!.actual).toMatchObject({ duration: '2 min' });
    expect(row!.actual!.left).toBeCloseTo((4 / 6) * 100);
    // A step run once has no attempt label and nothing drawn beside its bar.
    expect(timelineLayout(timeline, '2026-12-03T05:00:00Z', 0)!.rows.map((r) => [r.attemptLabel, r.earlierAttempts.length])).toEqual([
      [null, 0],
      [null, 0],
    ]);
  });

  it('runs an open step to now, and has nothing to lay out before the run starts', () => {
    const open = [
      timelineStep('announce', {
        plannedStart: '2026-12-05T01:00:00Z',
        plannedEnd: '2026-12-05T01:15:00Z',
        actualStart: '2026-12-03T05:00:00Z',
        actualEnd: null,
      }),
    ];
    const layout = timelineLayout(open, '2026-12-03T05:00:00Z', at('2026-12-03T05:03:00Z'))!;
    expect(layout.rows[0]!.actual).toMatchObject({ open: true, duration: '3 min' });
    expect(timelineLayout([timelineStep('announce', {})], null, 0)).toBeNull();
    const instant = [timelineStep('stop', { actualStart: '2026-12-03T05:00:00.000Z', actualEnd: '2026-12-03T05:00:00.004Z' })];
    expect(timelineLayout(instant, '2026-12-03T05:00:00Z', 0)!.rows[0]!.actual!.duration).toBe('under 1 s');
  });
});

describe('what a confirmation still misses', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists every missing field', () => {
    expect(missingHint(missingInputs('', ''), 'roll back')).toBe('Type your name and a reason (at least 10 characters) to roll back.');
    expect(missingHint(missingInputs('  ', 'short'), 'finalize')).toBe('Type your name and a longer reason (at least 10 characters) to finalize.');
    expect(missingHint(missingInputs('Dana', ''), 'roll back')).toBe('Type a reason (at least 10 characters) to roll back.');
    expect(missingHint(missingInputs('', null), 'confirm the step')).toBe('Type your name to confirm the step.');
    expect(missingHint(missingInputs('Dana', 'a good long reason'), 'start')).toBeNull();
  });

  it('remembers the name typed last in this window (sessionStorage), not an emptied field', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('sessionStorage', { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) });
    storeOperator('  Dana Ops ');
    expect(storedOperator()).toBe('Dana Ops');
    storeOperator('');
    expect(storedOperator()).toBe('Dana Ops');
    expect([...store.keys()]).toEqual(['cockpit.cutover.operator']);
  });

  it('keeps the name in memory when sessionStorage is unavailable', () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    storeOperator('b.owner');
    expect(storedOperator()).toBe('b.owner');
  });
});
