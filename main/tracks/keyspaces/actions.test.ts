import { describe, expect, it } from 'vitest';
import type { OperationView } from '../../api/contract';
import { parsePlan, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import type { StepContext } from '../../seam/runbook-part';
import type { OverlayConfig } from '../../seam/stack-changes';
import { KEYSPACES_ACTIONS, KEYSPACES_COMPENSATIONS, keyspacesLossEstimate } from './actions';
import type { KeyspacesRuntime } from './runtime';

const PLAN = SMALL_PLAN.replace(
  '    replicationTasks:\n      - taskId: app2-mysql\n',
  `    keyspaces:
      origin: { contactPoints: [10.0.0.1], localDataCenter: dc1, keyspace: orders }
      tables: [{ name: orders, partitionKey: [id], columns: { id: uuid } }]
`,
);

const plan = (() => {
  const result = parsePlan(TEST_FILE, PLAN);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
})();

/** A runtime whose stack changes are recorded, each update answering `status`. */
function fakeRuntime(status: OperationView['status'] = 'succeeded') {
  const overlays = new Map<string, OverlayConfig>([['apps/app2', { trafficTarget: 'aws' }]]);
  const operations: { stackId: string; overlay: OverlayConfig | undefined }[] = [];
  const runtime = {
    stackChanges: {
      overlayOf: (stackId: string) => overlays.get(stackId),
      setOverlay: async (stackId: string, overlay: OverlayConfig | undefined) => void (overlay ? overlays.set(stackId, overlay) : overlays.delete(stackId)),
      runOperation: async (stackId: string) => {
        operations.push({ stackId, overlay: overlays.get(stackId) });
        return { operationId: `op-${operations.length}`, status, message: status === 'failed' ? 'the proxy task failed to start' : null } as OperationView;
      },
    },
    refreshSoon: () => undefined,
  } as unknown as KeyspacesRuntime;
  return { runtime, operations };
}

const step = (): StepContext => ({
  runId: 'run-1',
  stepId: 'primary',
  attemptId: 'attempt-1',
  wave: plan.waves.find((wave) => wave.id === 'wave-1')!,
  plan,
  signal: new AbortController().signal,
  progress: () => undefined,
});

const action = (type: string) => KEYSPACES_ACTIONS.find((decl) => decl.type === type)!;

describe("the Keyspaces track's runbook actions", () => {
  it('switch the proxy of each moving stack with a Pulumi update, its phase on top of the cutover config already there', async () => {
    const { runtime, operations } = fakeRuntime();
    const outcome = await action('keyspaces-primary-target').run({ type: 'keyspaces-primary-target' } as never, step(), runtime);
    expect(outcome).toMatchObject({ ok: true, message: 'proxies switched to primary target, reads from the primary only: apps/app2' });
    // Only apps/app2 moves Cassandra data; traffic config set by another step stays.
    expect(operations).toEqual([
      { stackId: 'apps/app2', overlay: { trafficTarget: 'aws', 'keyspaces:primaryCluster': 'TARGET', 'keyspaces:readMode': 'PRIMARY_ONLY' } },
    ]);
    expect(outcome.details).toEqual({
      phase: { 'keyspaces:primaryCluster': 'TARGET', 'keyspaces:readMode': 'PRIMARY_ONLY' },
      stacks: ['apps/app2'],
      reached: ['apps/app2'],
    });
  });

  it('fail the step with the stack and why when an update fails', async () => {
    const { runtime } = fakeRuntime('failed');
    const outcome = await action('keyspaces-mirror-reads').run({ type: 'keyspaces-mirror-reads' } as never, step(), runtime);
    expect(outcome).toMatchObject({ ok: false, message: 'failed at apps/app2: up failed: the proxy task failed to start' });
  });

  it('are undone by the primary back on the origin, per stack the step reached, in the data phase', async () => {
    const compensations = action('keyspaces-primary-target').compensations!(
      { type: 'keyspaces-primary-target' } as never,
      { def: { id: 'primary', name: 'Keyspaces primary' }, attempt: 1, details: { stacks: ['apps/app2'] }, passedPointOfNoReturn: null },
      plan.waves[1],
      plan,
    );
    expect(compensations).toEqual([
      expect.objectContaining({ action: 'keyspaces-origin-primary', system: 'keyspaces', stackId: 'apps/app2', forStepId: 'primary' }),
    ]);
    const decl = KEYSPACES_COMPENSATIONS[0]!;
    expect(decl.phase).toBe('data');
    const { runtime, operations } = fakeRuntime();
    const result = await decl.execute(compensations[0]!, { plan, operationId: 'rollback-1', signal: new AbortController().signal }, runtime);
    expect(result).toMatchObject({ status: 'succeeded', operationId: 'op-1' });
    expect(operations[0]!.overlay).toEqual({ trafficTarget: 'aws', 'keyspaces:primaryCluster': 'ORIGIN', 'keyspaces:readMode': 'PRIMARY_ONLY' });
    expect(decl.standing(compensations[0]!, 'failed', 'engine error')).toBe(
      "apps/app2: the dual-write proxy's primary is NOT back on the origin — failed: engine error",
    );
  });
});

describe("the Keyspaces track's loss estimate", () => {
  it('says a rollback loses nothing of a stack’s Cassandra data, and leaves other stacks to the next track', () => {
    const input = { switchedAt: '2026-12-05T02:00:00Z', since: 'since 02:00:00 UTC', atStart: null, plan, clock: { now: 0, dataClockRate: 1 } };
    expect(keyspacesLossEstimate({ ...input, stackId: 'apps/app2' })).toMatchObject({ loss: 'none', estimatedRows: null });
    expect(keyspacesLossEstimate({ ...input, stackId: 'apps/app1' })).toBeNull();
  });
});
