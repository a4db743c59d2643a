// The Pulumi CLI calls the downtime benchmark recorded during the runbook (bench/downtime.ts, instrumentCliCalls):
// summed per command, and per operation where its time went around its `pulumi up`.
import type { CutoverStepTargetView, OperationView } from '../../main/api/contract';
import { workspaceDir } from '../../main/pulumi/workspace';
import type { CliCall } from './cockpit';
import type { OperationTimes } from './downtime-report';

export function summarizeCalls(calls: readonly CliCall[]): { command: string; count: number; seconds: number }[] {
  const byCommand = new Map<string, { command: string; count: number; seconds: number }>();
  for (const call of calls) {
    const entry = byCommand.get(call.command) ?? { command: call.command, count: 0, seconds: 0 };
    entry.count++;
    entry.seconds += call.seconds;
    byCommand.set(call.command, entry);
  }
  return [...byCommand.values()];
}

/**
 * Where each Pulumi operation of a step spent its time: before its `up` started (journal, openStack with any CLI
 * commands it ran), the `up` itself, and after it exited (the event stream closed, the update version, the journal).
 */
export function operationTimes(
  targets: readonly CutoverStepTargetView[],
  operations: readonly OperationView[],
  calls: readonly CliCall[],
  dataDir: string,
): OperationTimes {
  const times: OperationTimes = { beforeUp: [], up: [], afterUp: [] };
  for (const target of targets) {
    const operation = operations.find((candidate) => candidate.operationId === target.operationId);
    if (!operation?.finishedAt) throw new Error(`no finished operation ${target.operationId} for ${target.stackId}`);
    const [project = '', name = ''] = target.stackId.split('/');
    const from = Date.parse(operation.startedAt);
    const to = Date.parse(operation.finishedAt);
    const up = calls.find(
      (call) => call.command === 'up' && call.cwd === workspaceDir(dataDir, { project, name }) && call.startedAtMs >= from && call.startedAtMs <= to,
    );
    if (!up) throw new Error(`no \`pulumi up\` recorded for operation ${operation.operationId} on ${target.stackId}`);
    times.beforeUp.push((up.startedAtMs - from) / 1000);
    times.up.push(up.seconds);
    times.afterUp.push((to - up.startedAtMs) / 1000 - up.seconds);
  }
  return times;
}
