// A step the plan marks as the point of no return: the run waits for the wave's id typed before the step does
// anything, journals who went past it, and from then on the rollback plans nothing for what the step took away
// and says so (the view, the rollback's journal and summary, the evidence pack).
import { afterEach, describe, expect, it } from 'vitest';
import { CutoverLedger } from './ledger';
import { buildEvidence } from './evidence';
import { renderMarkdown } from './evidence-render';
import { engineFixture, eventually, loadTestPlan, TEST_CATALOG, type EngineFixture } from './runbook-testing';
import { executeRollback } from './rollback-across';

const W = 'wave-ks';
const PLAN = `version: 1
name: Point of no return
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:
  - name: app1
    project: apps
    config: { owner: a }
    keyspaces:
      origin: { contactPoints: [10.0.0.1], localDataCenter: dc1, keyspace: orders }
      tables: [{ name: orders, partitionKey: [id], columns: { id: uuid } }]
waves:
  - id: ${W}
    name: Cassandra
    stacks: [app1]
    cutoverWindow: { start: 2026-12-05T01:00:00Z, end: 2026-12-05T05:00:00Z }
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: primary, name: Keyspaces primary, action: { type: keyspaces-primary-target } }
        - { id: remove, name: Remove the proxy, action: { type: keyspaces-remove-proxy }, pointOfNoReturn: true, timeoutMinutes: 1 }
        - { id: after, name: Tell the owners, manual: Tell the owners }
`;

let fixture: EngineFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const step = (f: EngineFixture, id: string) => f.engine.view(W).steps.find((candidate) => candidate.id === id)!;

async function atThePoint(): Promise<EngineFixture> {
  const f = (fixture = await engineFixture({ plan: loadTestPlan(PLAN) }));
  // The scripted actions record what they reached, as the Keyspaces actions do.
  f.actions.set('primary', async () => ({ ok: true, message: 'primary switched', details: { stacks: ['apps/app1'] } }));
  f.actions.set('remove', async () => ({ ok: true, message: 'proxy removed', details: { stacks: ['apps/app1'], reached: ['apps/app1'] } }));
  await f.engine.start(W);
  await eventually(() => step(f, 'remove').status === 'waiting', 3000, 'the point of no return to wait');
  return f;
}

describe('a point of no return', () => {
  it('waits for the wave id typed before the step runs, refusing anything else, and journals who went past it', async () => {
    const f = await atThePoint();
    const ran: string[] = [];
    f.actions.set('remove', async () => {
      ran.push('remove');
      return { ok: true, message: 'proxy removed', details: { reached: ['apps/app1'] } };
    });
    expect(step(f, 'remove')).toMatchObject({
      pointOfNoReturn: true,
      passedPointOfNoReturn: null,
      message: `point of no return: waiting for the operator to type the wave id '${W}'`,
    });
    // Before it: the way back is open, and the plan says so.
    expect(f.engine.view(W).noWayBack).toEqual([]);
    expect(f.engine.view(W).rollbackPlan.map((planned) => planned.id)).toEqual(['keyspaces-origin-primary:apps/app1']);

    await expect(f.engine.confirm(W, 'remove', 'Alice')).rejects.toThrow(/type the wave id 'wave-ks' to go past it/);
    await expect(f.engine.confirm(W, 'remove', 'Alice', undefined, 'wave-k')).rejects.toThrow(/\(typed 'wave-k'\)/);
    // The step's timeout (1 min = 50 ms here) does not run out the operator's time to decide.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(step(f, 'remove').status).toBe('waiting');
    expect(ran).toEqual([]);

    await f.engine.confirm(W, 'remove', 'Alice', 'change board agreed', ` ${W} `);
    await eventually(() => step(f, 'after').status === 'waiting', 3000, 'the next step');
    expect(ran).toEqual(['remove']);
    expect(step(f, 'remove')).toMatchObject({ status: 'succeeded', passedPointOfNoReturn: { by: 'Alice' }, confirmedBy: 'Alice' });
    const log = (await f.journal.read()).entries;
    const passing = log.find((entry) => entry.kind === 'cutover-control' && entry.details?.action === 'point-of-no-return');
    expect(passing).toMatchObject({ details: { stepId: 'remove', by: 'Alice', note: 'change board agreed' } });
    expect(passing!.message).toMatch(/^point of no return of step 'remove' passed: the wave id typed by Alice$/);
    // Journaled before the step ran: the passing comes before the step's end.
    const removeEnd = log.find(
      (entry) => entry.kind === 'cutover-step' && entry.phase === 'succeeded' && (entry.target as { stepId: string }).stepId === 'remove',
    );
    expect(passing!.seq).toBeLessThan(removeEnd!.seq);
  });

  it('then the rollback plans nothing for Keyspaces and says why, in the view, the rollback, its summary and the evidence', async () => {
    const f = await atThePoint();
    await f.engine.confirm(W, 'remove', 'Alice', undefined, W);
    await eventually(() => step(f, 'after').status === 'waiting', 3000, 'the next step');
    const view = f.engine.view(W);
    expect(view.rollbackPlan).toEqual([]);
    expect(view.noWayBack).toEqual([
      expect.objectContaining({ stepId: 'remove', system: 'keyspaces', systemTitle: 'Keyspaces', stackIds: ['apps/app1'], passedBy: 'Alice' }),
    ]);
    expect(view.noWayBack[0]!.says).toMatch(/clients write to Keyspaces only/);
    await f.engine.abort(W, 'Alice');

    // The rollback itself, over the journal the engine wrote.
    const plan = loadTestPlan(PLAN);
    const ledger = new CutoverLedger(TEST_CATALOG, (await f.journal.read()).entries);
    const run = ledger.latest(W)!;
    const recorded: { kind: string; details?: Record<string, unknown>; message?: string }[] = [];
    const outcome = await executeRollback(
      {
        catalog: TEST_CATALOG,
        runtimeOf: () => {
          throw new Error('nothing may be compensated');
        },
        record: async (input) => {
          recorded.push(input as never);
          return { ...input, seq: recorded.length, at: '2026-12-05T02:10:00.000Z', actor: 'tester@host' } as never;
        },
      },
      run,
      plan,
      'Alice',
      undefined,
      'the owners asked to go back',
    );
    expect(outcome.ok).toBe(true);
    expect(recorded[0]).toMatchObject({ kind: 'cutover-rollback', details: { steps: [], noWayBack: [expect.objectContaining({ stepId: 'remove' })] } });
    expect(recorded[0]!.message).toBe('nothing the cockpit can still undo: Keyspaces cannot go back');
    expect(outcome.summary).toMatch(
      /^Rollback of wave-ks: nothing the cockpit can still undo\.\nKeyspaces CANNOT GO BACK for apps\/app1: step 'remove' went past its point of no return \(typed by Alice at /,
    );

    const markdown = renderMarkdown(
      buildEvidence({
        plan,
        waveId: W,
        entries: (await f.journal.read()).entries,
        generatedAt: '2026-12-05T03:00:00.000Z',
        generatedBy: 'tester',
        catalog: TEST_CATALOG,
      }),
    );
    expect(markdown).toMatch(/\*\*Point of no return:\*\* remove \(Remove the proxy\): PASSED at .*, the wave id typed by Alice/);
  });

  it('an abort while it waits leaves the way back open: nothing was removed', async () => {
    const f = await atThePoint();
    await f.engine.abort(W, 'Alice');
    const view = f.engine.view(W);
    expect(step(f, 'remove')).toMatchObject({ status: 'aborted', passedPointOfNoReturn: null });
    expect(view.noWayBack).toEqual([]);
    expect(view.rollbackPlan.map((planned) => planned.id)).toEqual(['keyspaces-origin-primary:apps/app1']);
  });

  it('a retry asks again; a step past it once stays past it', async () => {
    const f = await atThePoint();
    f.actions.set('remove', async () => ({ ok: false, message: 'up failed', details: { reached: ['apps/app1'] } }));
    await f.engine.confirm(W, 'remove', 'Alice', undefined, W);
    await eventually(() => f.engine.view(W).status === 'failed', 3000, 'the step to fail');
    // The update may have gone through: the way back is gone for the stack it reached.
    expect(f.engine.view(W).noWayBack.map((no) => no.stackIds)).toEqual([['apps/app1']]);
    f.actions.set('remove', async () => ({ ok: true, message: 'proxy removed', details: { reached: ['apps/app1'] } }));
    await f.engine.retry(W, 'Bob');
    await eventually(() => step(f, 'remove').status === 'waiting', 3000, 'the retry to wait at the point again');
    expect(step(f, 'remove')).toMatchObject({ attempt: 2, passedPointOfNoReturn: { by: 'Alice' } });
    await f.engine.confirm(W, 'remove', 'Bob', undefined, W);
    await eventually(() => step(f, 'remove').status === 'succeeded', 3000, 'the retry to succeed');
    expect(step(f, 'remove').passedPointOfNoReturn).toMatchObject({ by: 'Bob' });
    // Folded again from the journal (a restart), the same.
    const refolded = new CutoverLedger(TEST_CATALOG, (await f.journal.read()).entries).latest(W)!;
    expect(refolded.steps.find((candidate) => candidate.def.id === 'remove')!.passedPointOfNoReturn).toMatchObject({ by: 'Bob' });
  });
});
