import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationView } from '../api/contract';
import type { StepContext } from '../seam/runbook-part';
import { createActions as createActionsOf } from './actions';
import { registerSummary, renderUrl, type CoreRuntime } from './core-actions';
import type { RunbookStepDef } from './ledger';
import { loadTestPlan, RUNBOOK_PLAN, TEST_CATALOG } from './runbook-testing';

type ActionPorts = CoreRuntime;
const createActions = (ports: ActionPorts) => createActionsOf(TEST_CATALOG, () => ports);

const plan = loadTestPlan();
const wave = plan.waves[0]!;
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function context(signal = new AbortController().signal): StepContext & { progressed: string[] } {
  const progressed: string[] = [];
  return { runId: 'run', stepId: 's', attemptId: 'attempt', wave, plan, signal, progress: (message) => progressed.push(message), progressed };
}

function ports(overrides: Partial<ActionPorts>): ActionPorts {
  return {
    runOperation: async () => {
      throw new Error('not in this test');
    },
    setConfigOverlay: () => {},
    stackOutputs: () => undefined,
    fetch,
    ...overrides,
  };
}

const step = (action: RunbookStepDef['action']): RunbookStepDef => ({ id: 's', name: 'S', action, mustSucceed: true });

describe("cutover actions: the core's, through the catalog", () => {
  it('fills URL placeholders from the plan and the stack outputs, and names what is missing', () => {
    const stack = plan.stacks.get('apps/app1')!;
    expect(renderUrl('https://{{stack.name}}.{{stack.config.owner}}.example/{{wave.id}}?u={{stack.output.url}}', plan, wave, stack, { url: 'x' })).toEqual({
      url: 'https://app1.a.example/wave-1?u=x',
    });
    expect(renderUrl('{{stack.output.url}}/health', plan, wave, stack, undefined)).toEqual({
      error: "stack output 'url' of apps/app1 is not known (deploy the stack first)",
    });
  });

  it('http-check retries until the expected status, and fails with the last answer', async () => {
    let calls = 0;
    server = createServer((request, response) => {
      calls++;
      response.statusCode = request.url?.startsWith('/app1') && calls >= 2 ? 200 : 503;
      response.end('unavailable');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const actions = createActions(ports({}));
    const outcome = await actions.run(
      step({
        type: 'http-check',
        url: `http://127.0.0.1:${port}/{{stack.name}}/health`,
        expectStatus: 200,
        retries: 2,
        retryDelaySeconds: 0.01,
        requestTimeoutSeconds: 2,
      }),
      context(),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.targets).toEqual([
      expect.objectContaining({
        stackId: 'apps/app1',
        status: 'succeeded',
        message: expect.stringMatching(/^HTTP 200 from http:\/\/127\.0\.0\.1:\d+\/app1\/health \(attempt \d\)$/),
      }),
      expect.objectContaining({
        stackId: 'apps/app2',
        status: 'failed',
        message: expect.stringMatching(/^HTTP 503 from .*\/app2\/health, expected 200 after 3 attempt\(s\)$/),
      }),
    ]);
    expect(outcome.message).toMatch(/^apps\/app2: HTTP 503/);
  });

  it('register says which stacks it registered now and which already were registered', async () => {
    const registering = loadTestPlan(
      RUNBOOK_PLAN.replace(
        'projects:',
        `registries:
  - id: cmdb
    name: Metadata service
    baseUrl: rehearsal
    auth: { type: bearer, tokenEnv: MC_TEST_CMDB_TOKEN }
    register: { method: POST, path: /api/v1/instances, body: { name: "{{stack.name}}" }, idPointer: /id }
    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}", idPointer: /items/0/id }
    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }
projects:`,
      )
        .replace('config: { owner: a },', 'config: { owner: a }, registries: [cmdb],')
        .replace('config: { owner: b },', 'config: { owner: b }, registries: [cmdb],'),
    );
    const registeringWave = registering.waves[0]!;
    const ctx = { ...context(), plan: registering, wave: registeringWave };
    const operation = (stackId: string, created: number) =>
      ({
        operationId: `op-${stackId}`,
        kind: 'register',
        stackId,
        status: 'succeeded',
        message: null,
        changes: { create: created, same: 1 - created },
        updateVersion: 3,
      }) as unknown as OperationView;
    const run = (createdBy: Record<string, number>) =>
      createActions(ports({ runOperation: async (stackId) => operation(stackId, createdBy[stackId] ?? 0) })).run(step({ type: 'register' }), ctx);

    expect(await run({ 'apps/app1': 1 })).toMatchObject({
      ok: true,
      message: 'registered apps/app1; already registered: apps/app2',
      details: { registered: ['apps/app1'] },
    });
    expect(await run({ 'apps/app1': 1, 'apps/app2': 1 })).toMatchObject({ ok: true, message: 'registered apps/app1, apps/app2' });
    expect(await run({})).toMatchObject({ ok: true, message: 'all 2 already registered: apps/app1, apps/app2', details: { registered: [] } });
    expect(registerSummary(['app1101', 'app1102'], ['app1103'])).toBe('registered app1101, app1102; already registered: app1103');
  });
});
