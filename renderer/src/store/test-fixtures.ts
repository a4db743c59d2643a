// Small plan snapshots, operations, log lines and journal entries for the renderer's unit tests.
import type {
  AccountView,
  GateColumnView,
  JournalEntryView,
  LifecycleState,
  OperationLogLine,
  OperationView,
  PlanSnapshot,
  StackView,
  WaveView,
} from '../../../main/api/contract';

export function stack(project: string, name: string, waveId: string | null, state: LifecycleState = 'planned', extra: Partial<StackView> = {}): StackView {
  return {
    id: `${project}/${name}`,
    name,
    project,
    waveId,
    account: null,
    region: 'eu-central-1',
    config: [],
    registries: [],
    replicationTasks: [{ kind: 'task-id', taskId: `${name}-cdc` }],
    lifecycle: { state, since: '2026-12-01T00:00:00Z' },
    registrations: null,
    ...extra,
  };
}

export function wave(id: string, name: string, order: number, stackIds: string[]): WaveView {
  return { id, name, order, dependsOn: [], maxParallel: 1, gates: null, cutoverWindow: null, stackIds };
}

export function loaded(stacks: StackView[], waves: WaveView[], file = '/plans/a.yaml'): Extract<PlanSnapshot, { status: 'loaded' }> {
  return {
    status: 'loaded',
    file,
    loadedAt: '2026-12-01T00:00:00Z',
    warnings: [],
    plan: {
      name: 'Test plan',
      environment: { region: 'eu-central-1', profile: null, endpoint: 'rehearsal', backend: 'local', secretsProvider: 'passphrase' },
      projects: [
        { name: 'net', program: 'p', backend: 'local' },
        { name: 'apps', program: 'p', backend: 'local' },
      ],
      registries: [],
      accounts: [],
      waves,
      stacks,
      gateColumns: GATE_COLUMNS,
    },
  };
}

/** The gate columns of a plan with the DMS track, as the core composes them. */
export const GATE_COLUMNS: GateColumnView[] = [
  { id: 'infrastructure', label: 'Infrastructure', help: 'The last deploy succeeded, nothing runs, no drift.', track: null },
  { id: 'registration', label: 'Registration', help: 'Registered with every registry.', track: null },
  { id: 'data', label: 'Data', help: 'Replication in CDC, under the latency limit for the hold.', track: 'dms' },
  { id: 'dependencies', label: 'Dependencies', help: 'Every wave this one depends on is cut over.', track: null },
];

export function demoLike(): Extract<PlanSnapshot, { status: 'loaded' }> {
  return loaded(
    [
      stack('net', 'network', 'w0'),
      stack('apps', 'app1', 'w1', 'planned', { description: 'Payments ledger' }),
      stack('apps', 'app2', 'w1', 'failed'),
      stack('apps', 'app3', 'w2', 'cut-over'),
      stack('apps', 'loose', null),
    ],
    [wave('w0', 'Network', 1, ['net/network']), wave('w1', 'Pilot', 2, ['apps/app1', 'apps/app2']), wave('w2', 'Finance', 3, ['apps/app3'])],
  );
}

/** The plan's accounts of a landing zone: a network account and a production and a non-production workload account. */
export const ACCOUNTS: AccountView[] = [
  account('111111111111', 'network', 'Infrastructure', ['eu-central-1']),
  account('222222222222', 'workloads-prod', 'Workloads/Production', ['eu-central-1', 'eu-west-1'], true),
  account('033333333333', 'workloads-test', 'Workloads/SDLC', ['eu-west-1']),
];

export function account(id: string, name: string, organizationalUnit: string, regions: string[], production = false): AccountView {
  return { id, name, organizationalUnit, regions, production, roleArn: `arn:aws:iam::${id}:role/MigrationOperator`, externalIdEnv: null };
}

/** The stack's placement in one of ACCOUNTS, by the account's name. */
export function placedIn(accountName: string, region: string): Pick<StackView, 'account' | 'region'> {
  const found = ACCOUNTS.find((candidate) => candidate.name === accountName);
  if (!found) throw new Error(`test fixture: no account '${accountName}' in ACCOUNTS`);
  return { account: { id: found.id, name: found.name, production: found.production }, region };
}

/**
 * demoLike() across accounts: the network in the network account, Pilot split over the production account's two
 * regions, Finance and the loose stack in the non-production account.
 */
export function acrossAccounts(): Extract<PlanSnapshot, { status: 'loaded' }> {
  const snapshot = loaded(
    [
      stack('net', 'network', 'w0', 'planned', placedIn('network', 'eu-central-1')),
      stack('apps', 'app1', 'w1', 'planned', { description: 'Payments ledger', ...placedIn('workloads-prod', 'eu-central-1') }),
      stack('apps', 'app2', 'w1', 'failed', placedIn('workloads-prod', 'eu-west-1')),
      stack('apps', 'app3', 'w2', 'cut-over', placedIn('workloads-test', 'eu-west-1')),
      stack('apps', 'loose', null, 'planned', placedIn('workloads-test', 'eu-west-1')),
    ],
    [wave('w0', 'Network', 1, ['net/network']), wave('w1', 'Pilot', 2, ['apps/app1', 'apps/app2']), wave('w2', 'Finance', 3, ['apps/app3'])],
  );
  return { ...snapshot, plan: { ...snapshot.plan, accounts: ACCOUNTS } };
}

export function operation(
  operationId: string,
  stackId: string,
  kind: OperationView['kind'] = 'up',
  status: OperationView['status'] = 'running',
  startedAt = '2026-12-01T10:00:00.000Z',
  extra: Partial<OperationView> = {},
): OperationView {
  return {
    operationId,
    kind,
    stackId,
    parentOperationId: null,
    status,
    startedAt,
    finishedAt: status === 'running' ? null : startedAt,
    message: null,
    expectedResources: null,
    counts: { started: 0, done: 0, failed: 0 },
    steps: [],
    changes: null,
    updateVersion: null,
    ...extra,
  };
}

export function logLine(operationId: string, seq: number, text = `line ${seq}`): OperationLogLine {
  return { operationId, seq, at: '2026-12-01T10:00:01.000Z', level: 'info', text };
}

export function journalEntry(
  seq: number,
  stackId: string,
  phase: JournalEntryView['phase'] = 'succeeded',
  kind: JournalEntryView['kind'] = 'up',
): JournalEntryView {
  return {
    seq,
    at: '2026-12-01T10:00:00.000Z',
    actor: 'ops@host',
    operationId: `op-${seq}`,
    kind,
    target: { type: 'stack', stackId },
    phase,
  };
}
