import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CutoverRunViewSchema } from '../api/contract';
import type { JournalEntry } from '../journal/entry';
import { FileJournal } from '../journal/journal';
import type { MigrationPlan } from '../plan/model';
import { CutoverLedger, runView } from './ledger';
import { engineFixture, eventually, gate, loadTestPlan, RUNBOOK_PLAN, TEST_CATALOG, type EngineFixture } from './runbook-testing';

let fixture: EngineFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const W = 'wave-1';
const status = (f: EngineFixture) => f.engine.view(W).status;
const step = (f: EngineFixture, id: string) => f.engine.view(W).steps.find((candidate) => candidate.id === id)!;
const entries = async (f: EngineFixture): Promise<JournalEntry[]> => (await f.journal.read()).entries;

async function confirmAnnounce(f: EngineFixture, by = 'Alice Operator') {
  await eventually(() => step(f, 'announce').status === 'waiting', 3000, 'the manual step to wait');
  return f.engine.confirm(W, 'announce', by, 'desk informed');
}

describe('runbook engine', () => {
  it('shows the planned runbook before any run', async () => {
    fixture = await engineFixture();
    const view = fixture.engine.view(W);
    expect(view).toMatchObject({ status: 'not-started', runId: null, clock: { downtimeBudgetMinutes: 30, windowStart: '2026-12-05T01:00:00Z' } });
    // Nobody started it: no one to name.
    expect(view).toMatchObject({ startedBy: null, finalized: null });
    expect(view).not.toHaveProperty('startedByActor');
    expect(view.steps.map((s) => [s.id, s.type, s.status, s.mustSucceed])).toEqual([
      ['announce', 'manual', 'pending', true],
      ['quiet', 'freeze-check', 'pending', true],
      ['stop', 'stop-replication', 'pending', true],
      ['switch', 'pulumi-up', 'pending', true],
      ['register', 'register', 'pending', true],
      ['health', 'http-check', 'pending', false],
    ]);
  });

  it('refuses to start a wave that is not ready, and starts it with an override whose reason is recorded', async () => {
    const f = (fixture = await engineFixture());
    f.readiness = { ready: false, reasons: ['apps/app2: CDC latency 12 s above 5 s'] };
    await expect(f.engine.start(W)).rejects.toThrow(
      /wave 'wave-1' is not ready for cutover: apps\/app2: CDC latency 12 s above 5 s\. Start it anyway only with an override/,
    );
    await expect(f.engine.start(W, { override: { reason: 'too short' } })).rejects.toThrow(/at least 10 characters/);
    expect(await entries(f)).toEqual([]);

    const view = await f.engine.start(W, { by: 'Bob', override: { reason: 'latency is a reporting artefact, checked with the DBA' } });
    expect(view).toMatchObject({
      status: 'running',
      startedBy: 'Bob',
      readinessAtStart: { ready: false, reasons: ['apps/app2: CDC latency 12 s above 5 s'] },
      override: { reason: 'latency is a reporting artefact, checked with the DBA', by: 'Bob' },
    });
    const [start, snapshot] = await entries(f);
    expect(start).toMatchObject({
      kind: 'cutover',
      phase: 'started',
      target: { type: 'wave', waveId: W },
      details: { by: 'Bob', override: { reason: 'latency is a reporting artefact, checked with the DBA' } },
    });
    expect(start!.message).toMatch(/override by Bob/);
    expect(snapshot).toMatchObject({
      kind: 'cutover-snapshot',
      details: { moment: 'start', readiness: { ready: false }, dms: [{ taskId: 'app1-mysql', cdcLatencyTargetSeconds: 0.8 }] },
    });
    await expect(f.engine.start(W)).rejects.toThrow(/already has a cutover run/);
  });

  it('runs every step in order, a manual one confirmed with who and when, and ends succeeded with a closing snapshot', async () => {
    const f = (fixture = await engineFixture());
    await f.engine.start(W);
    await expect(f.engine.confirm(W, 'quiet', 'Alice')).rejects.toThrow(/step 'quiet' is not waiting for confirmation \(it is pending\)/);
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'succeeded');
    const view = f.engine.view(W);
    expect(view.steps.every((s) => s.status === 'succeeded' && s.attempt === 1)).toBe(true);
    expect(step(f, 'announce')).toMatchObject({ confirmedBy: 'Alice Operator', message: 'confirmed by Alice Operator: desk informed' });
    expect(step(f, 'announce').confirmedAt).toMatch(/^\d{4}-/);
    // Downtime counts from the freeze-check's start, until the run's end.
    expect(view.clock.downtimeStartedAt).toBe(step(f, 'quiet').startedAt);
    expect(view.clock.downtimeEndedAt).toBe(view.finishedAt);
    const log = await entries(f);
    expect(log.filter((e) => e.kind === 'cutover-step' && e.phase !== 'started').map((e) => (e.target as { stepId: string }).stepId)).toEqual([
      'announce',
      'quiet',
      'stop',
      'switch',
      'register',
      'health',
    ]);
    expect(log.filter((e) => e.kind === 'cutover-snapshot').map((e) => e.details?.moment)).toEqual(['start', 'end']);
    // Each snapshot says when it was taken, so the journal never shows a bare "succeeded" beside a failed step.
    expect(log.filter((e) => e.kind === 'cutover-snapshot').map((e) => e.message)).toEqual([
      'gates and replication recorded as the run started',
      'replication recorded as the run ended',
    ]);
    expect(log.at(-1)).toMatchObject({ kind: 'cutover', phase: 'succeeded' });
    expect(f.views.at(-1)?.status).toBe('succeeded');
  });

  it('finalizes only a succeeded run, once, journaled with who and why; a finalized wave cannot be rolled back', async () => {
    const f = (fixture = await engineFixture());
    await f.engine.start(W);
    await expect(f.engine.finalize(W, 'accepted by the change board')).rejects.toThrow(/only a succeeded cutover can be finalized/);
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'succeeded');
    const view = await f.engine.finalize(W, 'accepted by the change board', 'Carol');
    expect(view.finalized).toMatchObject({ by: 'Carol', reason: 'accepted by the change board' });
    expect((await f.engine.finalize(W, 'a second time, no effect', 'Dan')).finalized?.by).toBe('Carol');
    await expect(f.engine.endForRollback(W, 'Dan')).rejects.toThrow(/finalized by Carol at .*: its rollback is closed/);
    await expect(f.engine.start(W, { override: { reason: 'run it once more, please' } })).rejects.toThrow(/was finalized by Carol at .*: it is final/);
    const finalize = (await entries(f)).filter((e) => e.kind === 'cutover-control');
    expect(finalize).toHaveLength(1);
    expect(finalize[0]).toMatchObject({ details: { action: 'finalize', by: 'Carol', reason: 'accepted by the change board' } });
    // A restart folds the same journal into the same state.
    const again = await f.restart();
    expect(again.view(W).finalized?.by).toBe('Carol');
  });

  it('refuses a new run on a cut-over or finalized wave, and a second rollback of a rolled-back one', async () => {
    const f = (fixture = await engineFixture());
    const run = await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'succeeded');
    await expect(f.engine.start(W, { override: { reason: 'run it once more, please' } })).rejects.toThrow(
      /is cut over .*roll it back before starting a new run, or finalize it/,
    );
    // A rollback, as executeRollback journals it.
    const rollback = { operationId: 'rb-1', kind: 'cutover-rollback' as const, target: { type: 'wave' as const, waveId: W }, parentOperationId: run.runId! };
    await f.engine.endForRollback(W, 'Erin');
    await f.engine.record({
      ...rollback,
      phase: 'started',
      details: { by: 'Erin', reason: 'the application team asked', steps: [], alreadyDone: [], nextSteps: [] },
    });
    await f.engine.record({ ...rollback, phase: 'succeeded', message: 'rolled back' });
    await expect(f.engine.endForRollback(W, 'Erin')).rejects.toThrow(/was rolled back already \(by Erin, finished .*\); there is nothing left to roll back/);
    // Rolled back: a new run may start (with an override: the fixture's window and readiness are the test's).
    await expect(f.engine.start(W, { override: { reason: 'second attempt after the fix' } })).resolves.toMatchObject({ status: expect.any(String) });
  });

  it('shows beside each typed name who did it as the journal recorded it: the OS user and, on AWS, the caller identity', async () => {
    const aws = { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/dana' };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-runbook-actor-'));
    try {
      const { journal } = await FileJournal.open(dir, { actor: 'ops1@ws-17', awsIdentity: () => aws });
      const f = (fixture = await engineFixture({ deps: { journal } }));
      const started = await f.engine.start(W, { by: 'Dana Ops' });
      const actor = { actor: 'ops1@ws-17', awsIdentity: aws };
      expect(started).toMatchObject({ startedBy: 'Dana Ops', startedByActor: actor });
      await confirmAnnounce(f, 'Erin');
      expect(step(f, 'announce')).toMatchObject({ confirmedBy: 'Erin', confirmedByActor: actor });
      await eventually(() => status(f) === 'succeeded');
      // Without a typed name the OS user's name stands in, and the actor is still the journal's.
      const finalized = await f.engine.finalize(W, 'accepted by the change board');
      expect(finalized.finalized).toMatchObject({ by: 'os-user', byActor: actor });
      expect(CutoverRunViewSchema.parse(finalized)).toEqual(finalized);
      // A restart folds the same journal into the same account of who did what.
      const refolded = runView(new CutoverLedger(TEST_CATALOG, (await journal.read()).entries).latest(W)!, finalized.clock.asOf, TEST_CATALOG);
      expect(refolded).toMatchObject({ startedByActor: actor, finalized: { byActor: actor } });
      expect(refolded.steps[0]).toMatchObject({ confirmedByActor: actor });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("counts the downtime from the step the plan says starts it, and an aborted run's downtime does not end with the run", async () => {
    const plan = loadTestPlan(RUNBOOK_PLAN.replace('manual: "Tell the <service desk>" }', 'manual: "Tell the <service desk>", startsDowntime: true }'));
    const f = (fixture = await engineFixture({ plan }));
    await f.engine.start(W);
    await eventually(() => step(f, 'announce').status === 'waiting');
    expect(f.engine.view(W).clock.downtimeStartedAt).toBe(step(f, 'announce').startedAt);
    await f.engine.abort(W, 'Alice');
    expect(f.engine.view(W)).toMatchObject({ status: 'aborted', clock: { downtimeEndedAt: null } });
  });

  it('refuses a start outside the cutover window without an override, and records the window with the override', async () => {
    const f = (fixture = await engineFixture({ deps: { now: () => new Date('2026-12-04T23:30:00Z') } }));
    await expect(f.engine.start(W)).rejects.toThrow(
      "wave 'wave-1' is outside its cutover window: it opens 2026-12-05 01:00 UTC, in 1 h 30 min (now 2026-12-04 23:30 UTC). Start it anyway only with an override",
    );
    f.readiness = { ready: false, reasons: ['apps/app2: CDC latency 12 s above 5 s'] };
    await expect(f.engine.start(W)).rejects.toThrow(/is not ready for cutover: apps\/app2: CDC latency 12 s above 5 s, and is outside its cutover window/);
    expect(await entries(f)).toEqual([]);
    const view = await f.engine.start(W, { by: 'Bob', override: { reason: 'rehearsal two days early, agreed with the change board' } });
    expect(view.override).toMatchObject({ by: 'Bob', outsideWindow: expect.stringMatching(/^it opens 2026-12-05 01:00 UTC/) });
    const [start] = await entries(f);
    expect(start).toMatchObject({ details: { outsideWindow: expect.stringMatching(/^it opens/) } });
    expect(start!.message).toMatch(/without readiness, outside its cutover window \(it opens .*\); override by Bob/);
  });

  it('keeps the runbook and stacks it started with when the plan changes mid-run, and says how the plan differs', async () => {
    let plan: MigrationPlan = loadTestPlan();
    const f = (fixture = await engineFixture({ deps: { plan: () => plan } }));
    const acted: string[][] = [];
    f.actions.set('quiet', async (context) => {
      acted.push([...context.wave.stackIds]);
      return { ok: true, message: 'quiet' };
    });
    await f.engine.start(W);
    await eventually(() => step(f, 'announce').status === 'waiting', 3000, 'the manual step to wait');
    // Mid-run, the plan drops app2 from the wave, changes a step, adds one and halves the budget.
    plan = loadTestPlan(
      RUNBOOK_PLAN.replace('stacks: [app1, app2]', 'stacks: [app1]')
        .replace('quietSeconds: 30', 'quietSeconds: 90')
        .replace('downtimeBudgetMinutes: 30', 'downtimeBudgetMinutes: 15')
        .replace('mustSucceed: false }', 'mustSucceed: false }\n        - { id: notify, name: Notify, manual: Tell the owners }'),
    );
    expect(f.engine.view(W).planChanges).toEqual([
      'step added: notify',
      'step changed: quiet',
      'stack removed from the wave: apps/app2',
      'downtime budget 15 min (this run: 30 min)',
    ]);
    await f.engine.confirm(W, 'announce', 'Alice');
    await eventually(() => status(f) === 'succeeded');
    // The run acted on the wave it started with, and ran its own six steps.
    expect(acted).toEqual([['apps/app1', 'apps/app2']]);
    expect(f.engine.view(W).steps.map((s) => s.id)).toEqual(['announce', 'quiet', 'stop', 'switch', 'register', 'health']);
    expect(f.engine.view(W).clock.downtimeBudgetMinutes).toBe(30);
    // After a restart the journal still knows the wave the run started with.
    await f.restart();
    expect(f.engine.view(W).planChanges).toContain('stack removed from the wave: apps/app2');
  });

  it('pauses after the running step and resumes from the next one', async () => {
    const f = (fixture = await engineFixture());
    const quiet = gate();
    f.actions.set('quiet', quiet.action);
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(quiet.started);
    expect((await f.engine.pause(W, 'Carol')).status).toBe('pausing');
    quiet.release();
    await eventually(() => status(f) === 'paused');
    expect(step(f, 'quiet').status).toBe('succeeded');
    expect(step(f, 'stop').status).toBe('pending');
    await expect(f.engine.retry(W)).rejects.toThrow(/cannot retry/);
    await f.engine.resume(W, 'Carol');
    await eventually(() => status(f) === 'succeeded');
    const controls = (await entries(f)).filter((e) => e.kind === 'cutover-control').map((e) => [e.details?.action, e.details?.by]);
    expect(controls).toEqual([
      ['pause', 'Carol'],
      ['resume', 'Carol'],
    ]);
  });

  it('fails a step on its timeout, and a retry runs it again as attempt 2', async () => {
    const f = (fixture = await engineFixture());
    let calls = 0;
    const slow = gate();
    f.actions.set('quiet', async (context, s) => {
      calls++;
      if (calls === 1) {
        context.progress('waiting for the source to go quiet: app1-mysql: 40 rows/s applied');
        return slow.action(context, s);
      }
      return { ok: true, message: 'quiet' };
    });
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'failed', 3000, 'the timeout'); // timeoutMinutes 1 = 50 ms here
    expect(slow.sawAbort()).toBe(true);
    expect(step(f, 'quiet')).toMatchObject({ status: 'failed', attempt: 1, message: 'timed out after 1 min: stopped' });
    expect(f.engine.view(W).message).toMatch(/step 'quiet' failed: timed out after 1 min.*Retry it, abort the run, or roll the wave back/);
    expect(step(f, 'stop').status).toBe('pending');
    await expect(f.engine.resume(W)).rejects.toThrow(/retry the failed step/);
    await f.engine.retry(W, 'Dan');
    await eventually(() => status(f) === 'succeeded');
    expect(step(f, 'quiet')).toMatchObject({ status: 'succeeded', attempt: 2, message: 'quiet' });
    expect((await entries(f)).filter((e) => e.kind === 'cutover-snapshot').map((e) => e.details?.moment)).toEqual(['start', 'failed', 'retry', 'end']);
    // The timeline keeps the failed first attempt beside the second.
    const quiet = f.engine.view(W).timeline.find((entry) => entry.stepId === 'quiet')!;
    expect(quiet.attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    expect(quiet.attempts[1]).toMatchObject({ start: quiet.actualStart, end: quiet.actualEnd });
    expect(Date.parse(quiet.attempts[0]!.end!)).toBeLessThanOrEqual(Date.parse(quiet.attempts[1]!.start));
    // Each step entry says who set the run going (the start's default actor, then Dan's retry); the run's end too.
    const log = await entries(f);
    const quietBy = log.filter((e) => e.kind === 'cutover-step' && (e.target as { stepId: string }).stepId === 'quiet').map((e) => e.details?.by);
    expect(quietBy).toEqual(['os-user', 'os-user', 'Dan', 'Dan']);
    expect(log.filter((e) => e.kind === 'cutover-step' && (e.target as { stepId: string }).stepId === 'health').map((e) => e.details?.by)).toEqual([
      'Dan',
      'Dan',
    ]);
    expect(log.at(-1)).toMatchObject({ kind: 'cutover', phase: 'succeeded', details: { by: 'Dan' } });
  });

  it('journals the readiness only at the start: every later snapshot says the gates are not judged in the phase the run holds the wave in', async () => {
    const f = (fixture = await engineFixture());
    f.actions.set('switch', async () => ({ ok: false, message: 'deploy failed' }));
    await f.engine.start(W, { by: 'Alice' });
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'failed');
    // The runbook stopped replication on purpose: readiness is red now, and must not be recorded as the gates' word.
    f.readiness = { ready: false, reasons: ['apps/app1: task stopped'] };
    f.actions.set('switch', async () => ({ ok: true, message: 'switched' }));
    await f.engine.retry(W, 'Alice');
    await eventually(() => status(f) === 'succeeded');
    const snapshots = (await entries(f)).filter((e) => e.kind === 'cutover-snapshot').map((e) => [e.details?.moment, e.details?.readiness]);
    expect(snapshots).toEqual([
      ['start', { ready: true, reasons: [] }],
      ['failed', { judged: false, phase: 'cutover-stopped' }],
      ['retry', { judged: false, phase: 'cutover-in-progress' }],
      ['end', { judged: false, phase: 'cut-over' }],
    ]);
  });

  it('records a failed optional step as a warning and goes on', async () => {
    const f = (fixture = await engineFixture());
    f.actions.set('health', async () => ({ ok: false, message: 'apps/app1: HTTP 503' }));
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'succeeded');
    expect(step(f, 'health')).toMatchObject({ status: 'warning', message: 'apps/app1: HTTP 503 (not must-succeed: the runbook goes on)' });
  });

  it('stops at a failed must-succeed step; abort cancels a running step and ends the run', async () => {
    const f = (fixture = await engineFixture());
    f.actions.set('stop', async () => ({ ok: false, message: 'app2-mysql latency 9 s > 1 s' }));
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(() => status(f) === 'failed');
    expect(step(f, 'switch').status).toBe('pending');

    const switching = gate();
    f.actions.set('stop', async () => ({ ok: true, message: 'stopped' }));
    f.actions.set('switch', switching.action);
    await f.engine.retry(W);
    await eventually(switching.started);
    const aborted = await f.engine.abort(W, 'Eve');
    expect(switching.sawAbort()).toBe(true);
    expect(aborted.status).toBe('aborted');
    expect(step(f, 'switch')).toMatchObject({ status: 'aborted' });
    const log = await entries(f);
    // The end, and the step the abort cancelled, are journaled as the aborter's.
    expect(log.at(-1)).toMatchObject({ kind: 'cutover', phase: 'cancelled', message: "aborted by Eve during step 'switch'", details: { by: 'Eve' } });
    expect(log.findLast((e) => e.kind === 'cutover-step')).toMatchObject({ phase: 'cancelled', details: { by: 'Eve' } });
    expect(log.filter((e) => e.kind === 'cutover-snapshot').map((e) => e.details?.moment)).toEqual(['start', 'failed', 'retry', 'aborted']);
    // Aborting again answers the ended run and journals nothing.
    expect((await f.engine.abort(W)).status).toBe('aborted');
    expect(await entries(f)).toHaveLength(log.length);
    // A new run may start after an aborted one.
    expect((await f.engine.start(W)).status).toBe('running');
  });

  it('after a restart mid-step, shows the run paused with the step interrupted, and resume runs it again', async () => {
    const f = (fixture = await engineFixture());
    const switching = gate();
    f.actions.set('switch', switching.action);
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(switching.started);
    // The cockpit "crashes": a new engine reads the journal as it is.
    const { entries: before } = await f.journal.read();
    const { RunbookEngine } = await import('./runbook');
    const restarted = new RunbookEngine(
      {
        journal: f.journal,
        plan: () => (f.engine as unknown as { deps: { plan: () => never } }).deps.plan(),
        isWaveReady: () => ({ ready: true, reasons: [] }),
        catalog: TEST_CATALOG,
        snapshots: () => ({ dms: [] }),
        runAction: async () => ({ ok: true, message: 'done after restart' }),
        publish: () => {},
        defaultActor: () => 'os-user',
      },
      before,
    );
    const view = restarted.view(W);
    expect(view.status).toBe('paused');
    expect(view.message).toMatch(/the cockpit stopped during step 'switch'/);
    expect(view.steps.find((s) => s.id === 'switch')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^interrupted: the cockpit stopped during this step/),
    });
    expect(view.steps.find((s) => s.id === 'stop')?.status).toBe('succeeded');
    await restarted.resume(W, 'Frank');
    await eventually(() => restarted.view(W).status === 'succeeded');
    expect(restarted.view(W).steps.find((s) => s.id === 'switch')).toMatchObject({ status: 'succeeded', attempt: 2 });
    switching.release();
    await restarted.close();
  });

  it('journals the step a vanished driver left running as interrupted, so every cockpit and a restart settle the run alike', async () => {
    const f = (fixture = await engineFixture());
    const switching = gate();
    f.actions.set('switch', switching.action);
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(switching.started);
    // Another cockpit (its own journal here; one store in team mode) has seen every entry the driver wrote.
    const { RunbookEngine } = await import('./runbook');
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'mc-runbook-other-'));
    const other = (await FileJournal.open(otherDir, { actor: 'bob@b' })).journal;
    const deps = {
      plan: () => (f.engine as unknown as { deps: { plan: () => never } }).deps.plan(),
      isWaveReady: () => ({ ready: true, reasons: [] }),
      catalog: TEST_CATALOG,
      snapshots: () => ({ dms: [] }),
      runAction: async () => ({ ok: true, message: 'done by the new driver' }),
      publish: () => {},
      defaultActor: () => 'bob@b',
    };
    const taker = new RunbookEngine({ ...deps, journal: other }, []);
    for (const entry of await entries(f)) taker.observe(entry);
    expect(taker.view(W).status).toBe('running');
    // The driver's cockpit vanished (its lease lapsed); this one took the wave over.
    await taker.settleDriverGone(W, 'alice@a');
    expect(taker.view(W)).toMatchObject({ status: 'paused', message: expect.stringMatching(/stopped during step 'switch'/) });
    const { entries: written } = await other.read();
    expect(written.map((entry) => [entry.kind, entry.phase, entry.message])).toEqual([
      ['cutover-step', 'interrupted', "interrupted: alice@a's cockpit stopped answering during this step (its lease lapsed and the wave was taken over)"],
    ]);
    // A third cockpit (or the taker after a restart) reading the journal settles the run the same way.
    const third = new RunbookEngine({ ...deps, journal: other }, [...(await entries(f)), ...written] as never[]);
    expect(third.view(W)).toMatchObject({ status: 'paused' });
    expect(third.view(W).steps.find((s) => s.id === 'switch')?.status).toBe('failed');
    await taker.resume(W, 'bob@b');
    await eventually(() => taker.view(W).status === 'succeeded');
    switching.release();
    await Promise.all([taker.close(), third.close()]);
    await rm(otherDir, { recursive: true, force: true });
  });

  it('refuses a second start of the wave while the first is still checking readiness', async () => {
    const f = (fixture = await engineFixture());
    const [first, second] = await Promise.allSettled([f.engine.start(W, { by: 'Ann' }), f.engine.start(W, { by: 'Ben' })]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({
      status: 'rejected',
      reason: { code: 'busy', message: expect.stringMatching(/wave 'wave-1' is busy: a start of its cutover is in progress/) },
    });
    expect((await entries(f)).filter((e) => e.kind === 'cutover' && e.phase === 'started')).toHaveLength(1);
  });

  it('runs one loop per wave: concurrent resumes (or retries) are refused, and the step runs once', async () => {
    const f = (fixture = await engineFixture());
    const quiet = gate();
    let stops = 0;
    const stop = gate();
    f.actions.set('quiet', quiet.action);
    f.actions.set('stop', (context, s) => {
      stops++;
      return stop.action(context, s);
    });
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(quiet.started);
    await f.engine.pause(W, 'Carol');
    quiet.release();
    await eventually(() => status(f) === 'paused');

    const [first, second] = await Promise.allSettled([f.engine.resume(W, 'Carol'), f.engine.resume(W, 'Dan')]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'busy', message: expect.stringMatching(/a resume of its cutover is in progress/) } });
    await eventually(stop.started);
    // A loop runs: neither a retry nor a start may begin another one.
    await expect(f.engine.retry(W)).rejects.toThrow(/cannot retry/);
    await expect(f.engine.start(W)).rejects.toThrow(/already has a cutover run/);
    stop.release();
    await eventually(() => status(f) === 'succeeded');
    expect(stops).toBe(1);
    expect((await entries(f)).filter((e) => e.kind === 'cutover-control' && e.details?.action === 'resume')).toHaveLength(1);
    expect(
      (await entries(f)).filter((e) => e.kind === 'cutover-step' && e.phase === 'started' && (e.target as { stepId: string }).stepId === 'stop'),
    ).toHaveLength(1);
  });

  it('a shutdown interrupts the running step without ending the run: after the restart it is paused and resumes', async () => {
    const f = (fixture = await engineFixture());
    const switching = gate();
    f.actions.set('switch', switching.action);
    await f.engine.start(W);
    await confirmAnnounce(f);
    await eventually(switching.started);
    await f.engine.close();
    expect(switching.sawAbort()).toBe(true);
    const log = await entries(f);
    expect(log.filter((e) => e.kind === 'cutover' && e.phase !== 'started')).toEqual([]);
    expect(log.at(-1)).toMatchObject({
      kind: 'cutover-step',
      phase: 'interrupted',
      target: { stepId: 'switch' },
      message: expect.stringMatching(/^interrupted: the cockpit shut down during this step/),
    });

    f.actions.set('switch', async () => ({ ok: true, message: 'switched after the restart' }));
    const restarted = await f.restart();
    const view = restarted.view(W);
    expect(view.status).toBe('paused');
    expect(view.message).toMatch(/the cockpit stopped during step 'switch'/);
    expect(view.steps.find((s) => s.id === 'switch')).toMatchObject({ status: 'failed', message: expect.stringMatching(/^interrupted/) });
    await restarted.resume(W, 'Frank');
    await eventually(() => restarted.view(W).status === 'succeeded');
    expect(restarted.view(W).steps.find((s) => s.id === 'switch')).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('a shutdown while a manual step waits leaves it to confirm after the restart', async () => {
    const f = (fixture = await engineFixture());
    await f.engine.start(W);
    await eventually(() => step(f, 'announce').status === 'waiting');
    const restarted = await f.restart();
    expect(restarted.view(W)).toMatchObject({ status: 'paused' });
    await restarted.resume(W);
    await eventually(() => restarted.view(W).steps[0]!.status === 'waiting');
    const confirmed = await restarted.confirm(W, 'announce', 'Gina');
    // confirm answers once the step's end is journaled.
    expect(confirmed.steps[0]).toMatchObject({ status: 'succeeded', confirmedBy: 'Gina', attempt: 2 });
    await eventually(() => restarted.view(W).status === 'succeeded');
  });
  it('confirm answers once the step end is journaled, however long the journal takes', async () => {
    const created: { f?: EngineFixture } = {};
    const journal = {
      append: async (input: Parameters<EngineFixture['journal']['append']>[0]) => {
        // The manual step's end takes longer to journal than the old 5 s poll waited.
        if (input.kind === 'cutover-step' && input.phase === 'succeeded' && input.target.type === 'cutover-step' && input.target.stepId === 'announce')
          await new Promise((resolve) => setTimeout(resolve, 5_500));
        return created.f!.journal.append(input);
      },
    };
    const f = (created.f = fixture = await engineFixture({ deps: { journal } }));
    await f.engine.start(W);
    const confirmed = await confirmAnnounce(f, 'Hana');
    expect(confirmed.steps[0]).toMatchObject({ status: 'succeeded', confirmedBy: 'Hana' });
  }, 10_000);

  describe('concurrent and repeated control', () => {
    const controls = async (f: EngineFixture, action: string) => (await entries(f)).filter((e) => e.kind === 'cutover-control' && e.details?.action === action);
    const ends = async (f: EngineFixture) => (await entries(f)).filter((e) => e.kind === 'cutover' && e.phase !== 'started');

    /** A run whose 'quiet' step runs until the test releases it. */
    async function runningQuiet() {
      const f = (fixture = await engineFixture());
      const quiet = gate();
      f.actions.set('quiet', quiet.action);
      await f.engine.start(W);
      await confirmAnnounce(f);
      await eventually(quiet.started);
      return { f, quiet };
    }

    it('pauses once however many pauses arrive together, and a later pause answers the state', async () => {
      const { f, quiet } = await runningQuiet();
      const views = await Promise.all([f.engine.pause(W, 'Ann'), f.engine.pause(W, 'Ben'), f.engine.pause(W, 'Cy')]);
      expect(views.map((view) => view.status)).toEqual(['pausing', 'pausing', 'pausing']);
      expect(await controls(f, 'pause')).toHaveLength(1);
      quiet.release();
      await eventually(() => status(f) === 'paused');
      expect((await f.engine.pause(W, 'Dan')).status).toBe('paused');
      expect(await controls(f, 'pause')).toHaveLength(1);
    });

    it('aborts once however many aborts arrive together', async () => {
      const { f, quiet } = await runningQuiet();
      const views = await Promise.all([f.engine.abort(W, 'Ann'), f.engine.abort(W, 'Ben')]);
      expect(views.map((view) => view.status)).toEqual(['aborted', 'aborted']);
      expect(quiet.sawAbort()).toBe(true);
      expect(await controls(f, 'abort')).toHaveLength(1);
      expect(await ends(f)).toMatchObject([{ phase: 'cancelled' }]);
      expect((await entries(f)).filter((e) => e.kind === 'cutover-snapshot' && e.details?.moment === 'aborted')).toHaveLength(1);
    });

    it('a pause and an abort together end aborted, whichever comes first', async () => {
      const first = await runningQuiet();
      const [paused, aborted] = await Promise.all([first.f.engine.pause(W, 'Ann'), first.f.engine.abort(W, 'Ben')]);
      expect([paused.status, aborted.status]).toEqual(['pausing', 'aborted']);
      expect(status(first.f)).toBe('aborted');
      expect(await ends(first.f)).toHaveLength(1);
      await first.f.close();

      const second = await runningQuiet();
      const [abortedFirst, pausedAfter] = await Promise.all([second.f.engine.abort(W, 'Ben'), second.f.engine.pause(W, 'Ann')]);
      expect([abortedFirst.status, pausedAfter.status]).toEqual(['aborted', 'aborted']);
      // The pause came after the abort: nothing to journal.
      expect(await controls(second.f, 'pause')).toHaveLength(0);
      expect(await ends(second.f)).toHaveLength(1);
    });

    it('an abort while the paused loop winds down still ends the run', async () => {
      const { f, quiet } = await runningQuiet();
      await f.engine.pause(W, 'Ann');
      quiet.release();
      // Not waiting for 'paused': the loop may be between the step's end and its own return.
      const aborted = await f.engine.abort(W, 'Ben');
      expect(aborted.status).toBe('aborted');
      expect(await ends(f)).toMatchObject([{ phase: 'cancelled' }]);
    });

    it('confirms a manual step once when two confirmations arrive together', async () => {
      const f = (fixture = await engineFixture());
      await f.engine.start(W);
      await eventually(() => step(f, 'announce').status === 'waiting');
      const views = await Promise.all([f.engine.confirm(W, 'announce', 'Ann'), f.engine.confirm(W, 'announce', 'Ben')]);
      expect(views.map((view) => view.steps[0]!.confirmedBy)).toEqual(['Ann', 'Ann']);
      expect(
        (await entries(f)).filter((e) => e.kind === 'cutover-step' && e.phase === 'succeeded' && (e.target as { stepId: string }).stepId === 'announce'),
      ).toHaveLength(1);
    });

    it('withdraws a pause once when two resumes race, and the run goes on', async () => {
      const { f, quiet } = await runningQuiet();
      await Promise.all([f.engine.pause(W, 'Ann'), f.engine.pause(W, 'Ann')]);
      const [resumed] = await Promise.allSettled([f.engine.resume(W, 'Ben'), f.engine.resume(W, 'Cy')]);
      expect(resumed).toMatchObject({ status: 'fulfilled', value: { status: 'running' } });
      expect(await controls(f, 'resume')).toHaveLength(1);
      quiet.release();
      await eventually(() => status(f) === 'succeeded');
    });
  });
});
