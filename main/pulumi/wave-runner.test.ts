import { describe, expect, it } from 'vitest';
import type { OperationView } from '../api/contract';
import type { Journal } from '../journal/journal';
import { parsePlan } from '../plan/plan-testing';
import { SMALL_PLAN, TEST_FILE } from '../plan/plan-testing';
import { newOperationView, type OperationRunner } from './operations';
import { WaveRunner } from './wave-runner';

/** An operation runner whose operations end when the test says so. */
function controllableRunner() {
  const pending = new Map<string, (view: OperationView) => void>();
  const started: string[] = [];
  const view = (stackId: string, status: OperationView['status']): OperationView => ({
    ...newOperationView({ operationId: `op-${stackId}`, kind: 'up', stackId, parentOperationId: null }),
    status,
  });
  const runner = {
    start: (stackId: string) => {
      started.push(stackId);
      return view(stackId, 'running');
    },
    waitFor: (operationId: string) => new Promise<OperationView>((resolve) => pending.set(operationId, resolve)),
    isRunning: () => false,
    cancel: () => false,
  } as unknown as OperationRunner;
  const finish = async (stackId: string) => {
    while (!pending.has(`op-${stackId}`)) await new Promise((resolve) => setTimeout(resolve, 1));
    pending.get(`op-${stackId}`)!(view(stackId, 'succeeded'));
  };
  return { runner, started, finish };
}

describe('WaveRunner', () => {
  it('reports each stack operation as it ends, before the wave ends, so a stack card never waits for its wave', async () => {
    const loaded = parsePlan(
      TEST_FILE,
      SMALL_PLAN.replace('stacks: [app1, app2]', 'stacks: [app1, app2]\n    maxParallel: 1').replace('    dependsOn: [wave-0]\n', ''),
    );
    if (!loaded.ok) throw new Error(`plan did not load: ${JSON.stringify(loaded.issues)}`);
    const { runner, started, finish } = controllableRunner();
    const finishedStacks: string[] = [];
    const journal = { append: async () => undefined } as unknown as Journal;
    const waves = new WaveRunner({
      runner,
      journal,
      publish: () => undefined,
      plan: () => loaded.plan,
      lifecycleOf: () => 'deployed',
      log: () => undefined,
      onStackFinished: (op) => finishedStacks.push(op.stackId),
    });

    const view = waves.start('wave-1', 'wave-deploy', () => ({}) as never);
    await finish('apps/app1');
    while (started.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    // app1 is reported while app2 still runs: the wave is not over yet.
    expect(finishedStacks).toEqual(['apps/app1']);
    expect(waves.list()[0]!.status).toBe('running');
    await finish('apps/app2');
    const done = await waves.waitFor(view.operationId);
    expect(done.status).toBe('succeeded');
    expect(finishedStacks).toEqual(['apps/app1', 'apps/app2']);
  });
});
