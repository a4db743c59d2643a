// Stack operations with the real Pulumi CLI on a temporary file:// backend, registering with the rehearsal
// h.registry. The registry must hold exactly the registrations expected after each step.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { stackOperation } from '../../main/pulumi/stack-operations';
import { OPERATION_TIMEOUT as TIMEOUT, planWith, useHarness, type Harness } from './harness';

const PLAN = planWith(
  `  - name: app1
    project: platform-production
    config: { owner: team-a }
    registries: [cmdb]
  - name: app2
    project: platform-production
    config: { owner: team-b }
    registries: [cmdb]
`,
  `  - id: wave-1
    name: One
    stacks: [app1, app2]
`,
);

const need = useHarness(PLAN);

async function run(h: Harness, stackId: string, kind: Parameters<typeof stackOperation>[0]) {
  return h.runner.waitFor(h.runner.start(stackId, stackOperation(kind)).operationId);
}

describe('stack operations with the real engine', () => {
  it(
    'deploys a stack and registers it once',
    async ({ skip }) => {
      const h = need(skip);
      const result = await run(h, 'platform-production/app1', 'up');
      expect(result, result.message ?? '').toMatchObject({ status: 'succeeded', updateVersion: 1 });
      expect(result.changes).toMatchObject({ create: 2 });
      expect(h.registered()).toEqual(['platform-production/app1']);
      expect(h.registry.instances()[0]?.attributes).toMatchObject({ owner: 'team-a' });
      const phases = (await h.journal.read()).entries.filter((entry) => entry.operationId === result.operationId).map((entry) => entry.phase);
      expect(phases).toEqual(['started', 'succeeded']);
      expect(h.events.some((event) => event.type === 'operation.log' && event.line.text.includes('registration-cmdb'))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'a second deploy changes nothing and registers nothing new',
    async ({ skip }) => {
      const h = need(skip);
      const result = await run(h, 'platform-production/app1', 'up');
      expect(result).toMatchObject({ status: 'succeeded', changes: { same: 2 } });
      expect(h.registry.instances()).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'refresh notices a registration removed behind its back, and the next deploy restores it',
    async ({ skip }) => {
      const h = need(skip);
      const [instance] = h.registry.instances();
      const response = await fetch(`${h.registry.url}/api/v1/instances/${instance!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${h.token}` } });
      expect(response.status).toBe(204);
      const refresh = await run(h, 'platform-production/app1', 'refresh');
      expect(refresh).toMatchObject({ status: 'succeeded' });
      expect(refresh.changes).toMatchObject({ delete: 1 });
      expect(h.registered()).toEqual([]);
      const up = await run(h, 'platform-production/app1', 'up');
      expect(up).toMatchObject({ status: 'succeeded', changes: { create: 1, same: 1 } });
      expect(h.registered()).toEqual(['platform-production/app1']);
    },
    TIMEOUT,
  );

  it(
    'refuses a second operation on a stack that has one running',
    async ({ skip }) => {
      const h = need(skip);
      const first = h.runner.start('platform-production/app1', stackOperation('preview'));
      expect(() => h.runner.start('platform-production/app1', stackOperation('up'))).toThrow(/platform-production\/app1 already has a preview running/);
      await h.runner.waitFor(first.operationId);
    },
    TIMEOUT,
  );

  it(
    'destroy deregisters the instance',
    async ({ skip }) => {
      const h = need(skip);
      await run(h, 'platform-production/app2', 'up');
      expect(h.registered()).toEqual(['platform-production/app1', 'platform-production/app2']);
      const destroyed = await run(h, 'platform-production/app1', 'destroy');
      expect(destroyed).toMatchObject({ status: 'succeeded', changes: { delete: 2 } });
      expect(h.registered()).toEqual(['platform-production/app2']);
    },
    TIMEOUT,
  );

  it(
    'cancels an update in flight',
    async ({ skip }) => {
      const h = need(skip);
      h.registry.delayNext(50, 4000);
      const started = h.runner.start('platform-production/app1', stackOperation('up'));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(h.runner.cancel('platform-production/app1')).toBe(true);
      const result = await h.runner.waitFor(started.operationId);
      h.registry.resetFaults();
      expect(result.status).toBe('cancelled');
      const last = (await h.journal.read()).entries.at(-1);
      expect(last).toMatchObject({ operationId: started.operationId, phase: 'cancelled' });
    },
    TIMEOUT,
  );

  it('never writes the registry token to the journal', async ({ skip }) => {
    const h = need(skip);
    expect(await readFile(h.journal.file, 'utf8')).not.toContain(h.token);
    expect(JSON.stringify(h.events)).not.toContain(h.token);
  });
});
