// Waves, rollback and registration with the real Pulumi engine and the rehearsal registry.
import { describe, expect, it } from 'vitest';
import { rollbackOperation } from '../../main/pulumi/rollback';
import { registrationOperation, registrationUrn, stackOperation } from '../../main/pulumi/stack-operations';
import { OPERATION_TIMEOUT, planWith, useHarness } from './harness';

const stack = (name: string, owner: string, registry = 'cmdb') =>
  `  - name: ${name}\n    project: platform-production\n    config: { owner: ${owner} }\n    registries: [${registry}]\n`;

// A registry whose register request goes to a path the registry does not have: every deploy with it fails.
const BROKEN_REGISTRY = `  - id: broken
    name: Misconfigured registry
    baseUrl: rehearsal
    auth: { type: bearer, tokenEnv: MC_IT_CMDB_TOKEN }
    register: { method: POST, path: /api/v1/nowhere, body: { name: "{{stack.name}}" }, idPointer: /id }
    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}-broken", idPointer: /items/0/id }
    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }
`;

const STACKS = [stack('app1', 'team-a'), stack('app2', 'team-b'), stack('bad', 'team-c', 'broken'), stack('app3', 'team-d'), stack('app4', 'team-e')].join('');
const WAVES = `  - id: wave-1
    name: Parallel
    stacks: [app1, app2]
    maxParallel: 2
  - id: wave-2
    name: Stops at the first failure
    dependsOn: [wave-1]
    stacks: [app3, bad, app4]
    maxParallel: 1
`;
const PLAN = planWith(STACKS, WAVES, BROKEN_REGISTRY);

const need = useHarness(PLAN);

describe('waves with the real engine', () => {
  it('refuses a wave whose dependencies are not deployed', ({ skip }) => {
    const h = need(skip);
    expect(() => h.waves.start('wave-2', 'wave-deploy', () => stackOperation('up'))).toThrow(
      /wave 'wave-2' depends on wave-1, whose stacks are not all deployed yet: platform-production\/app1, platform-production\/app2/,
    );
  });

  it(
    'deploys a wave with its stacks in parallel',
    async ({ skip }) => {
      const h = need(skip);
      const started = h.waves.start('wave-1', 'wave-deploy', () => stackOperation('up'));
      const wave = await h.waves.waitFor(started.operationId);
      expect(wave).toMatchObject({ status: 'succeeded', stacks: [{ status: 'succeeded' }, { status: 'succeeded' }] });
      expect(h.registered()).toEqual(['platform-production/app1', 'platform-production/app2']);
      const [first, second] = await Promise.all(wave.stacks.map((s) => h.runner.waitFor(s.operationId!)));
      // maxParallel 2: the two deploys overlapped in time.
      expect(Date.parse(first!.startedAt)).toBeLessThan(Date.parse(second!.finishedAt!));
      expect(Date.parse(second!.startedAt)).toBeLessThan(Date.parse(first!.finishedAt!));
      for (const stackId of ['platform-production/app1', 'platform-production/app2']) h.lifecycles.set(stackId, 'registered');
    },
    OPERATION_TIMEOUT,
  );

  it(
    'stops starting stacks after a failure and says which failed and which never started',
    async ({ skip }) => {
      const h = need(skip);
      const started = h.waves.start('wave-2', 'wave-deploy', () => stackOperation('up'));
      const wave = await h.waves.waitFor(started.operationId);
      expect(wave.status).toBe('failed');
      expect(wave.stacks.map((s) => [s.stackId, s.status])).toEqual([
        ['platform-production/app3', 'succeeded'],
        ['platform-production/bad', 'failed'],
        ['platform-production/app4', 'skipped'],
      ]);
      expect(wave.message).toBe('failed: platform-production/bad; not started: platform-production/app4');
      const failedOperation = await h.runner.waitFor(wave.stacks[1]!.operationId!);
      expect(failedOperation.message).toMatch(/broken: POST .*\/api\/v1\/nowhere was refused with HTTP 404/);
      expect(h.registered()).toEqual(['platform-production/app1', 'platform-production/app2', 'platform-production/app3']);
      const waveEntries = (await h.journal.read()).entries.filter((entry) => entry.operationId === wave.operationId);
      expect(waveEntries.map((entry) => entry.phase)).toEqual(['started', 'failed']);
      const children = (await h.journal.read()).entries.filter((entry) => entry.parentOperationId === wave.operationId && entry.phase !== 'started');
      expect(children.map((entry) => entry.phase)).toEqual(['succeeded', 'failed']);
    },
    OPERATION_TIMEOUT,
  );
});

describe('rollback and registration with the real engine', () => {
  it(
    'rollback restores the previous config (the registry sees the old owner again)',
    async ({ skip }) => {
      const h = need(skip);
      h.setPlan(planWith(STACKS.replace('owner: team-a', 'owner: team-z'), WAVES, BROKEN_REGISTRY));
      const update = await h.runner.waitFor(h.runner.start('platform-production/app1', stackOperation('up')).operationId);
      expect(update).toMatchObject({ status: 'succeeded', changes: { replace: 1 } });
      expect(h.registry.instances().find((i) => i.name === 'app1')?.attributes).toMatchObject({ owner: 'team-z' });

      const rollback = await h.runner.waitFor(h.runner.start('platform-production/app1', rollbackOperation()).operationId);
      expect(rollback, rollback.message ?? '').toMatchObject({ status: 'succeeded', kind: 'rollback', changes: { replace: 1 } });
      expect(rollback.message).toMatch(/restored the config of update 1/);
      expect(
        h.registry
          .instances()
          .filter((i) => i.name === 'app1')
          .map((i) => i.attributes.owner),
      ).toEqual(['team-a']);
    },
    OPERATION_TIMEOUT,
  );

  it(
    'rolling back a stack that did not exist before destroys it and deregisters it',
    async ({ skip }) => {
      const h = need(skip);
      const rollback = await h.runner.waitFor(h.runner.start('platform-production/app3', rollbackOperation()).operationId);
      expect(rollback).toMatchObject({ status: 'succeeded', message: 'the stack had no earlier successful deploy: destroyed it' });
      expect(h.registered()).not.toContain('platform-production/app3');
    },
    OPERATION_TIMEOUT,
  );

  it(
    'deregisters and registers again with targeted operations',
    async ({ skip }) => {
      const h = need(skip);
      const urns = [registrationUrn({ name: 'app2', project: 'platform-production' }, 'cmdb')];
      const deregister = await h.runner.waitFor(h.runner.start('platform-production/app2', registrationOperation('deregister', urns)).operationId);
      expect(deregister).toMatchObject({ status: 'succeeded', changes: { delete: 1 } });
      expect(h.registered()).not.toContain('platform-production/app2');
      // A targeted destroy leaves the stack and its outputs in place: they must not read as gone.
      expect(h.outcomes.get('platform-production/app2')?.outputs).toMatchObject({ target: { value: 'rehearsal' }, registrationIds: { value: {} } });
      const register = await h.runner.waitFor(h.runner.start('platform-production/app2', registrationOperation('register', urns)).operationId);
      expect(register).toMatchObject({ status: 'succeeded' });
      expect(register.changes).toMatchObject({ create: 1 });
      expect(h.registered()).toContain('platform-production/app2');
    },
    OPERATION_TIMEOUT,
  );
});
