// Small plan snapshots for the renderer's unit tests.
import type { LifecycleState, PlanSnapshot, StackView, WaveView } from '../../../main/api/contract';

export function stack(project: string, name: string, waveId: string | null, state: LifecycleState = 'planned', extra: Partial<StackView> = {}): StackView {
  return {
    id: `${project}/${name}`,
    name,
    project,
    waveId,
    config: [],
    registries: [],
    replicationTasks: [{ kind: 'task-id', taskId: `${name}-cdc` }],
    lifecycle: { state, since: '2026-12-01T00:00:00Z' },
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
      projects: [{ name: 'net', program: 'p', backend: 'local' }, { name: 'apps', program: 'p', backend: 'local' }],
      registries: [],
      waves,
      stacks,
    },
  };
}

export function demoLike(): Extract<PlanSnapshot, { status: 'loaded' }> {
  return loaded(
    [
      stack('net', 'network', 'w0'),
      stack('apps', 'app1', 'w1', 'planned', { description: 'Payments ledger' }),
      stack('apps', 'app2', 'w1', 'failed'),
      stack('apps', 'app3', 'w2', 'in-sync'),
      stack('apps', 'loose', null),
    ],
    [wave('w0', 'Network', 1, ['net/network']), wave('w1', 'Pilot', 2, ['apps/app1', 'apps/app2']), wave('w2', 'Finance', 3, ['apps/app3'])],
  );
}
