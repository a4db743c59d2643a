import { describe, expect, it } from 'vitest';
import { CutoverRunViewSchema } from '../api/contract';
import type { JournalEntry } from '../journal/entry';
import { urlInWords } from './core-actions';
import { actorOf, CutoverLedger, runView as runViewOf, type RunStartDetails } from './ledger';
import { TEST_CATALOG } from './runbook-testing';

const runView = (run: Parameters<typeof runViewOf>[0], asOf: string) => runViewOf(run, asOf, TEST_CATALOG);

const W = 'wave-1';
const RUN = 'run-1';
const AWS = { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/MigrationOperator/dana' };
let seq = 0;

function entry(fields: Omit<JournalEntry, 'seq' | 'at' | 'actor'> & { actor?: string }): JournalEntry {
  seq += 1;
  return { seq, at: `2026-12-05T02:00:${String(seq).padStart(2, '0')}.000Z`, actor: 'ops1@ws-17', ...fields };
}

const start: RunStartDetails = {
  by: 'Dana Ops',
  runbook: [{ id: 'announce', name: 'Announce', manual: 'Tell the service desk', mustSucceed: true }],
  downtimeBudgetMinutes: 30,
  window: null,
  readiness: { ready: true, reasons: [] },
};

/** A run started on AWS by Dana (typed) as the OS user ops1, its manual step confirmed by Erin, then finalized by Finn. */
function journal(): JournalEntry[] {
  seq = 0;
  return [
    entry({
      awsIdentity: AWS,
      operationId: RUN,
      kind: 'cutover',
      target: { type: 'wave', waveId: W },
      phase: 'started',
      details: start as unknown as Record<string, unknown>,
    }),
    entry({
      awsIdentity: AWS,
      operationId: 'a-1',
      kind: 'cutover-step',
      target: { type: 'cutover-step', waveId: W, stepId: 'announce' },
      parentOperationId: RUN,
      phase: 'started',
      details: { attempt: 1 },
    }),
    // The confirmation's entry: written by another cockpit (another OS user) with no AWS caller known at the time.
    entry({
      actor: 'erin@ws-2',
      operationId: 'a-1',
      kind: 'cutover-step',
      target: { type: 'cutover-step', waveId: W, stepId: 'announce' },
      parentOperationId: RUN,
      phase: 'succeeded',
      details: { attempt: 1, confirmedBy: 'Erin' },
    }),
    entry({ awsIdentity: AWS, operationId: RUN, kind: 'cutover', target: { type: 'wave', waveId: W }, phase: 'succeeded' }),
    entry({
      awsIdentity: AWS,
      operationId: 'c-1',
      kind: 'cutover-control',
      target: { type: 'wave', waveId: W },
      parentOperationId: RUN,
      phase: 'succeeded',
      details: { action: 'finalize', by: 'Finn', reason: 'accepted by the change board' },
    }),
  ];
}

describe('cutover ledger: who did it', () => {
  it('carries the journal actor (OS user, AWS caller) beside each typed name into the run view', () => {
    const ledger = new CutoverLedger(TEST_CATALOG, journal());
    const view = runView(ledger.latest(W)!, '2026-12-05T03:00:00.000Z');
    expect(view).toMatchObject({ startedBy: 'Dana Ops', startedByActor: { actor: 'ops1@ws-17', awsIdentity: AWS } });
    expect(view.steps[0]).toMatchObject({ confirmedBy: 'Erin', confirmedByActor: { actor: 'erin@ws-2' } });
    expect(view.steps[0]!.confirmedByActor).not.toHaveProperty('awsIdentity');
    expect(view.finalized).toEqual({
      by: 'Finn',
      byActor: { actor: 'ops1@ws-17', awsIdentity: AWS },
      at: expect.any(String),
      reason: 'accepted by the change board',
    });
    // The view is what the contract says, and does not share the ledger's objects.
    expect(CutoverRunViewSchema.parse(view)).toEqual(view);
    view.startedByActor!.actor = 'changed';
    expect(runView(ledger.latest(W)!, '2026-12-05T03:00:00.000Z').startedByActor?.actor).toBe('ops1@ws-17');
  });

  it('records who started a rollback, and forgets a confirmation when its step runs again', () => {
    const entries = journal().slice(0, 3);
    entries.push(
      entry({
        awsIdentity: AWS,
        operationId: 'rb-1',
        kind: 'cutover-rollback',
        target: { type: 'wave', waveId: W },
        parentOperationId: RUN,
        phase: 'started',
        details: { by: 'Gus', reason: 'the owners asked', steps: [] },
      }),
      entry({
        operationId: 'a-2',
        kind: 'cutover-step',
        target: { type: 'cutover-step', waveId: W, stepId: 'announce' },
        parentOperationId: RUN,
        phase: 'started',
        details: { attempt: 2 },
      }),
    );
    const view = runView(new CutoverLedger(TEST_CATALOG, entries).latest(W)!, '2026-12-05T03:00:00.000Z');
    expect(view.rollback).toMatchObject({ startedBy: 'Gus', startedByActor: { actor: 'ops1@ws-17', awsIdentity: AWS } });
    expect(view.steps[0]).toMatchObject({ status: 'waiting', confirmedBy: null });
    expect(view.steps[0]).not.toHaveProperty('confirmedByActor');
  });

  it('copies only the OS user and the caller account and ARN, nothing else the identity object might hold', () => {
    const identity = { ...AWS, userId: 'AROAEXAMPLE:dana', secretAccessKey: 'never-copied' };
    const actor = actorOf({ actor: 'ops1@ws-17', awsIdentity: identity });
    expect(actor).toEqual({ actor: 'ops1@ws-17', awsIdentity: AWS });
    expect(JSON.stringify(actor)).not.toContain('never-copied');
    expect(actorOf({ actor: 'ops1@ws-17' })).toEqual({ actor: 'ops1@ws-17' });
  });
});

describe('cutover ledger: attempts of a step', () => {
  it('keeps every attempt for the timeline: one that ended as it ended, one the journal has no end for as interrupted', () => {
    seq = 0;
    const step = (operationId: string, phase: JournalEntry['phase'], attempt: number) =>
      entry({
        operationId,
        kind: 'cutover-step',
        target: { type: 'cutover-step', waveId: W, stepId: 'announce' },
        parentOperationId: RUN,
        phase,
        details: { attempt },
      });
    const entries = [
      entry({ operationId: RUN, kind: 'cutover', target: { type: 'wave', waveId: W }, phase: 'started', details: start as unknown as Record<string, unknown> }),
      step('a-1', 'started', 1),
      step('a-1', 'failed', 1),
      // The cockpit stopped during attempt 2: no end in the journal.
      step('a-2', 'started', 2),
      step('a-3', 'started', 3),
      step('a-3', 'succeeded', 3),
    ];
    const [announce] = runView(new CutoverLedger(TEST_CATALOG, entries).latest(W)!, '2026-12-05T03:00:00.000Z').timeline;
    expect(announce!.attempts).toEqual([
      { attempt: 1, start: entries[1]!.at, end: entries[2]!.at, status: 'failed' },
      { attempt: 2, start: entries[3]!.at, end: null, status: 'interrupted' },
      { attempt: 3, start: entries[4]!.at, end: entries[5]!.at, status: 'succeeded' },
    ]);
  });
});

describe('http-check URLs in words', () => {
  it('names placeholders instead of showing them raw', () => {
    expect(urlInWords('{{stack.output.healthUrl}}')).toBe("the URL in each stack's output 'healthUrl'");
    expect(urlInWords('https://{{stack.name}}.example/health')).toBe('https://<stack.name>.example/health per stack');
    expect(urlInWords('https://app.example/health')).toBe('https://app.example/health per stack');
  });
});

describe('cutover ledger: journals written before the track seam', () => {
  it("reads a run's start snapshot and its DMS compensations back the same: the loss estimate and the rollback steps", () => {
    const entries = journal().slice(0, 1);
    entries.push(
      entry({
        operationId: 'snap',
        kind: 'cutover-snapshot',
        target: { type: 'wave', waveId: W },
        parentOperationId: RUN,
        phase: 'succeeded',
        details: { moment: 'start', readiness: { ready: true, reasons: [] }, dms: [{ taskKey: 'apps/app2#0', stackId: 'apps/app2', writeRowsPerSecond: 3 }] },
      }),
      entry({
        operationId: 'snap-end',
        kind: 'cutover-snapshot',
        target: { type: 'wave', waveId: W },
        parentOperationId: RUN,
        phase: 'succeeded',
        details: { moment: 'end', readiness: { judged: false, phase: 'cut-over' }, dms: [] },
      }),
      entry({
        operationId: 'rb',
        kind: 'cutover-rollback',
        target: { type: 'wave', waveId: W },
        parentOperationId: RUN,
        phase: 'started',
        details: {
          by: 'Gus',
          steps: [
            {
              id: 'start-reverse:apps/app1',
              label: 'reverse replication app1-reverse started (AWS → data center)',
              action: 'start-reverse',
              system: 'dms',
              stackId: 'apps/app1',
              forStepId: 'stop',
              taskId: 'app1-reverse',
            },
          ],
        },
      }),
    );
    const run = new CutoverLedger(TEST_CATALOG, entries).latest(W)!;
    // The start snapshot, not a later one, is what a rollback's loss estimate reads.
    expect(run.snapshotAtStart).toMatchObject({ moment: 'start', dms: [{ stackId: 'apps/app2', writeRowsPerSecond: 3 }] });
    expect(runView(run, '2026-12-05T03:00:00.000Z').rollback!.steps).toEqual([
      {
        id: 'start-reverse:apps/app1',
        label: 'reverse replication app1-reverse started (AWS → data center)',
        action: 'start-reverse',
        system: 'dms',
        stackId: 'apps/app1',
        forStepId: 'stop',
        status: 'pending',
        message: null,
        operationId: null,
      },
    ]);
  });
});
