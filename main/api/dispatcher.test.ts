import { describe, expect, it } from 'vitest';
import { CockpitEventSchema, EventBatchSchema, PlanSnapshotSchema } from './contract';
import { CommandError, createDispatcher, type CommandHandlers } from './dispatcher';

/** A shift paused at its first step, as a traffic command answers it. */
const SHIFT = {
  waveId: 'wave-7',
  runId: 'run-1',
  stepId: 'shift',
  services: [],
  steps: [{ percent: 5, pauseSeconds: 300 }],
  onFailure: 'zero' as const,
  intervalSeconds: 60,
  failureLimit: 0,
  startedAt: '2026-12-05T01:00:00.000Z',
  fromPercent: 0,
  state: 'paused' as const,
  percent: 5,
  stepRecords: [],
  operator: [],
  abort: null,
  message: null,
  endedAt: null,
};

const snapshot = { status: 'none' } as const;
const notFound = async (): Promise<never> => {
  throw new CommandError('not-found', 'no waves in this test');
};
const handlers: CommandHandlers = {
  'core.info': async () => ({ version: '1', transport: 'web', dataDir: '/d', recentPlans: [], examplePlans: [], planOpening: 'path' }),
  'plan.get': async () => snapshot,
  'team.get': async () => ({ mode: 'local' as const }),
  'team.requestControl': async () => ({ mode: 'local' as const }),
  'team.handOver': async () => ({ mode: 'local' as const }),
  'team.release': async () => ({ mode: 'local' as const }),
  'team.requestApproval': async () => ({ mode: 'local' as const }),
  'team.decide': async () => ({ mode: 'local' as const }),
  'environment.get': async ({ refresh }) => ({
    kind: 'aws',
    operator: 'alice@host',
    region: 'eu-central-1',
    endpoint: null,
    profile: 'prod',
    production: true,
    accountId: '111122223333',
    caller: { arn: 'arn:aws:sts::111122223333:assumed-role/Operator/alice', userId: 'AROAEXAMPLE:alice', principal: 'role Operator, session alice' },
    status: 'ok',
    error: null,
    // The request's default applied before the handler runs: refresh is a boolean here.
    checkedAt: refresh ? '2026-12-03T10:00:00.000Z' : '2026-12-03T09:55:00.000Z',
    credentialsExpireAt: null,
    clockRate: null,
    accounts: [],
  }),
  'plan.open': async ({ file }) => {
    if (file === 'busy') throw new CommandError('busy', 'another operation runs');
    if (file === 'boom') throw new Error('disk on fire');
    // A handler answering outside the contract is caught by response validation.
    if (file === 'bad-response') return { status: 'loaded' } as never;
    return snapshot;
  },
  'plan.reload': async () => snapshot,
  'plan.choose': async () => ({ chosen: false, snapshot }),
  'toolchain.info': async () => ({ found: false, message: 'no CLI' }),
  'stack.operate': async () => {
    throw new CommandError('not-found', 'no stacks in this test');
  },
  'stack.cancel': async () => ({ cancelled: false }),
  'operations.list': async () => [],
  'operation.log': async ({ operationId }) => ({ operationId, lines: [], dropped: 0, kept: false }),
  'journal.list': async () => ({ entries: [], damagedLines: 0 }),
  'wave.deploy': async () => {
    throw new CommandError('not-found', 'no waves in this test');
  },
  'wave.rollback': async () => {
    throw new CommandError('not-found', 'no waves in this test');
  },
  'wave.cancel': async () => ({ cancelled: false }),
  'waves.list': async () => [],
  'recovery.scan': async () => [],
  'stack.history': async () => [],
  'dms.snapshot': async () => ({
    monitor: {
      state: 'idle',
      target: 'rehearsal',
      intervalSeconds: 5,
      lastCycleAt: null,
      lastCycleMs: null,
      lastCycleCalls: {},
      message: null,
      dataClock: null,
    },
    tasks: [],
    waves: [],
    alerts: [],
    reverseTasks: [],
    resources: [],
  }),
  'dms.series': async ({ taskKey }) => ({ taskKey, series: [], cursor: null, recentWindowMs: 900_000 }),
  'dms.focus': async () => [],
  'dms.control': async () => {
    throw new CommandError('not-found', 'no tasks in this test');
  },
  'dms.alerts.ack': async () => {
    throw new CommandError('not-found', 'no alerts in this test');
  },
  'dms.resources': async ({ taskKey }) => ({
    taskKey,
    taskArn: null,
    instance: null,
    source: null,
    target: null,
    log: null,
    describedAt: null,
    problems: ['not described'],
  }),
  'dms.testConnection': async () => {
    throw new CommandError('not-found', 'no tasks in this test');
  },
  'dms.logs.follow': async ({ taskKeys }) =>
    taskKeys.map((taskKey) => ({ taskKey, group: null, stream: null, state: 'waiting' as const, message: null, lines: [], readAt: null })),
  'health.snapshot': async () => ({ monitor: null, probes: [] }),
  'keyspaces.snapshot': async () => ({ monitor: null, stacks: [], validations: [] }),
  'keyspaces.validate': async () => ({ runId: 'v-1' }),
  'keyspaces.validation.cancel': async () => ({ cancelled: false }),
  'keyspaces.bulk-load.start': async () => ({ runId: 'jr_1' }),
  'schedules.snapshot': async () => ({ monitor: null, jobs: [], alerts: [] }),
  'schedules.test-invoke': async () => ({ at: '2026-12-05T01:00:00.000Z', ok: true, message: 'answered 200' }),
  'schedules.alerts.ack': async () => ({ acknowledged: 0 }),
  'traffic.snapshot': async () => ({ monitor: null, services: [], shifts: [] }),
  'traffic.pause': async () => ({ shift: SHIFT }),
  'traffic.resume': async () => ({ shift: SHIFT }),
  'traffic.promote': async () => ({ shift: SHIFT }),
  'traffic.abort': async () => ({ shift: SHIFT }),
  'cutover.readiness': async () => [],
  'cutover.state': async () => [],
  'cutover.start': notFound,
  'cutover.pause': notFound,
  'cutover.resume': notFound,
  'cutover.retry': notFound,
  'cutover.abort': notFound,
  'cutover.confirmStep': notFound,
  'cutover.rollback': notFound,
  'cutover.finalize': notFound,
  'evidence.export': notFound,
};

describe('command dispatcher (contract validation at the boundary)', () => {
  const dispatch = createDispatcher(handlers);

  it('answers a valid command', async () => {
    expect(await dispatch('plan.get', {})).toEqual({ ok: true, value: { status: 'none' } });
  });

  it('answers environment.get, refreshing on request, and refuses anything else in it', async () => {
    expect(await dispatch('environment.get', {})).toMatchObject({
      ok: true,
      value: { kind: 'aws', accountId: '111122223333', checkedAt: '2026-12-03T09:55:00.000Z' },
    });
    expect(await dispatch('environment.get', { refresh: true })).toMatchObject({ ok: true, value: { checkedAt: '2026-12-03T10:00:00.000Z' } });
    expect(await dispatch('environment.get', { refresh: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('environment.get', { secretAccessKey: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('keeps anything outside the environment view from leaving the core', async () => {
    const leaky = createDispatcher({
      ...handlers,
      'environment.get': async () => ({ ...(await handlers['environment.get']({ refresh: false })), status: 'leaked' as never }),
    });
    expect(await leaky('environment.get', {})).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('treats a missing request as an empty one', async () => {
    expect(await dispatch('plan.get', undefined)).toMatchObject({ ok: true });
  });

  it.each([
    ['a name that is not a command', 'plan.delete', {}],
    ['a prototype property as a name', 'toString', {}],
    ['a name that is not a string', 42, {}],
    ['no name', undefined, {}],
  ])('rejects %s', async (_label, name, request) => {
    expect(await dispatch(name, request)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });

  it.each([
    ['a request field of the wrong type', 'plan.open', { file: 7 }],
    ['a missing request field', 'plan.open', {}],
    ['an empty path', 'plan.open', { file: '' }],
    ['an unexpected extra field', 'plan.open', { file: '/x.yaml', force: true }],
    ['a request that is not an object', 'plan.open', 'x.yaml'],
    ['fields on a command that takes none', 'plan.get', { everything: true }],
    ['an array request', 'core.info', []],
    ['an unknown operation kind', 'stack.operate', { stackId: 'p/s', kind: 'explode' }],
    ['a journal limit out of range', 'journal.list', { limit: 100_000 }],
    ['a cutover override without a real reason', 'cutover.start', { waveId: 'wave-1', override: { reason: '   ok     ' } }],
    ['an evidence format the cockpit does not make', 'evidence.export', { waveId: 'wave-1', format: 'pdf' }],
    ['a connection test of an endpoint that is neither source nor target', 'dms.testConnection', { taskKey: 'p/s#0', endpoint: 'both' }],
    ['a connection test without a task', 'dms.testConnection', { endpoint: 'source' }],
    ['more task logs followed than the contract allows', 'dms.logs.follow', { taskKeys: ['a#0', 'b#0', 'c#0', 'd#0', 'e#0'] }],
    ['a resources refresh that is not a boolean', 'dms.resources', { taskKey: 'p/s#0', refresh: 'yes' }],
  ])('rejects %s', async (_label, name, request) => {
    const result = await dispatch(name, request);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!result.ok) expect(result.error.message).toContain(`invalid request for '${String(name)}'`);
  });

  it('passes an expected failure code through', async () => {
    expect(await dispatch('plan.open', { file: 'busy' })).toEqual({ ok: false, error: { code: 'busy', message: 'another operation runs' } });
  });

  it('reports an unexpected failure without throwing', async () => {
    const seen: unknown[] = [];
    const result = await createDispatcher(handlers, (error) => seen.push(error))('plan.open', { file: 'boom' });
    expect(result).toEqual({ ok: false, error: { code: 'failed', message: "'plan.open' failed: disk on fire" } });
    expect(seen).toHaveLength(1);
  });

  it('refuses to send a response that breaks the contract', async () => {
    expect(await dispatch('plan.open', { file: 'bad-response' })).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});

describe('contract schemas', () => {
  it('rejects malformed events', () => {
    expect(CockpitEventSchema.safeParse({ type: 'stack.lifecycle', stackId: 'p/s', lifecycle: { state: 'exploded', since: 'now' } }).success).toBe(false);
    expect(CockpitEventSchema.safeParse({ type: 'plan.deleted' }).success).toBe(false);
    expect(EventBatchSchema.safeParse({ sequence: 0, events: [] }).success).toBe(false);
  });

  it('accepts a well-formed event batch', () => {
    const batch = { sequence: 1, events: [{ type: 'stack.lifecycle', stackId: 'p/s', lifecycle: { state: 'cut-over', since: '2026-01-01T00:00:00Z' } }] };
    expect(EventBatchSchema.parse(batch)).toEqual(batch);
  });

  it("cannot carry a secret value in a stack config entry, nor an account's external id", () => {
    const stack = { key: 'dbPassword', kind: 'secret', sourceEnv: 'DB_PASSWORD', value: 'hunter2' };
    const parsed = PlanSnapshotSchema.parse({
      status: 'loaded',
      file: '/p.yaml',
      loadedAt: 'now',
      warnings: [],
      plan: {
        name: 'p',
        environment: { region: 'eu-central-1', profile: null, endpoint: null, backend: 'b', secretsProvider: 'passphrase' },
        projects: [],
        registries: [],
        accounts: [
          {
            id: '123456789012',
            name: 'workloads',
            organizationalUnit: 'Workloads',
            regions: ['eu-central-1'],
            production: false,
            roleArn: 'arn:aws:iam::123456789012:role/MigrationOperator',
            externalIdEnv: 'WORKLOADS_EXTERNAL_ID',
            externalId: 'hunter3',
          },
        ],
        waves: [],
        gateColumns: [],
        stacks: [
          {
            id: 'p/s',
            name: 's',
            project: 'p',
            waveId: null,
            account: { id: '123456789012', name: 'workloads', production: false, externalId: 'hunter3' },
            region: 'eu-central-1',
            config: [stack],
            registries: [],
            replicationTasks: [],
            lifecycle: { state: 'planned', since: 'now' },
            registrations: null,
          },
        ],
      },
    });
    // zod strips unknown keys: the value never crosses even if a bug put it there.
    expect(JSON.stringify(parsed)).not.toContain('hunter2');
    expect(JSON.stringify(parsed)).not.toContain('hunter3');
    expect(JSON.stringify(parsed)).toContain('WORKLOADS_EXTERNAL_ID');
  });
});
