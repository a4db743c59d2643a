// The engine operations on one stack, as OperationBodies for the OperationRunner.
import type { Stack } from '@pulumi/pulumi/automation';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OperationKind } from '../api/contract';
import { runEngineCommand, type EngineCommand, type EngineCommandOptions } from './engine-command';
import type { OperationBody, OperationOutcome } from './operations';

export type StackOperationKind = Extract<OperationKind, 'preview' | 'up' | 'refresh' | 'destroy'>;
export type RegistrationOperationKind = Extract<OperationKind, 'register' | 'deregister'>;

/** The type token of the registration dynamic resource (pulumi-programs/lib/registration.ts). */
export const REGISTRATION_TYPE = 'pulumi-nodejs:dynamic/cockpit:Registration';

/** URN of a stack's registration with one registry (a top-level resource named registration-<registry id>). */
export function registrationUrn(stack: { name: string; project: string }, registryId: string): string {
  return `urn:pulumi:${stack.name}::${stack.project}::${REGISTRATION_TYPE}::registration-${registryId}`;
}

/**
 * Register or deregister only: an update (or destroy) targeted at the stack's registration resources, so
 * nothing else of the stack changes.
 */
export function registrationOperation(kind: RegistrationOperationKind, urns: readonly string[]): OperationBody {
  return {
    kind,
    async run(stack, { onEvent, signal }) {
      const options = { onEvent, signal, target: urns, message: `migration cockpit: ${kind}` };
      if (kind === 'register') return engineOperation(stack, 'up', options);
      return withoutRegistrations(await engineOperation(stack, 'destroy', options), urns);
    },
  };
}

/**
 * A targeted destroy does not run the program, so the stack's `registrationIds` output still names the
 * registrations it just removed (until the next deploy): the outcome reports them as gone.
 */
function withoutRegistrations(outcome: OperationOutcome, urns: readonly string[]): OperationOutcome {
  const marker = '::registration-';
  const removed = new Set(urns.map((urn) => urn.slice(urn.lastIndexOf(marker) + marker.length)));
  const ids = outcome.outputs?.registrationIds;
  if (!ids || typeof ids.value !== 'object' || ids.value === null) return outcome;
  const remaining = Object.fromEntries(Object.entries(ids.value as Record<string, unknown>).filter(([registryId]) => !removed.has(registryId)));
  return { ...outcome, outputs: { ...outcome.outputs, registrationIds: { ...ids, value: remaining } } };
}

export function stackOperation(kind: StackOperationKind, options: { message?: string } = {}): OperationBody {
  const message = options.message ?? `migration cockpit: ${kind}`;
  return {
    kind,
    async run(stack, { onEvent, signal }) {
      if (kind === 'preview') {
        const result = await stack.preview({ onEvent, signal, message, diff: true });
        return { changes: result.changeSummary as Record<string, number> };
      }
      return engineOperation(stack, kind, { onEvent, signal, message });
    },
  };
}

/**
 * Runs up, refresh or destroy and returns its outcome: changes and outputs from the engine's own events, the
 * update version from the backend. Outputs are read from the stack only when the events carried none (a
 * targeted destroy or a refresh need not touch the root stack resource).
 */
export async function engineOperation(stack: Stack, command: EngineCommand, options: EngineCommandOptions): Promise<OperationOutcome> {
  const result = await runEngineCommand(stack, command, options);
  const updateVersion = await updateVersionOf(stack);
  return {
    changes: result.changes,
    outputs: result.outputs ?? (await stack.outputs()),
    ...(updateVersion !== undefined ? { updateVersion } : {}),
  };
}

/**
 * The number of the update that just ended: its position in the stack's history, which is how Pulumi Cloud
 * numbers updates (DIY backends such as file:// and s3:// leave versions at 0). For file:// it is read from the
 * history folder without starting the CLI.
 */
export async function updateVersionOf(stack: Stack): Promise<number | undefined> {
  const settings = await stack.workspace.projectSettings().catch(() => undefined);
  const backend = settings?.backend?.url;
  if (settings && backend?.startsWith('file://')) {
    const onDisk = await historyLengthOnDisk(backend, settings.name, stack.name);
    if (onDisk !== undefined) return onDisk > 0 ? onDisk : undefined;
  }
  // Pulumi Cloud numbers its updates; DIY backends (s3://, gs://, ...) report 0, and there the position in the
  // whole history is the number. One CLI run either way.
  const diy = backend !== undefined && !/^https?:\/\//.test(backend);
  const history = await stack.history(diy ? undefined : 1, undefined, false).catch(() => []);
  if (history.length === 0) return undefined;
  return diy ? history.length : history[0]!.version || undefined;
}

/** For a file:// backend, the number of updates in the stack's history folder, without starting the CLI. */
async function historyLengthOnDisk(backendUrl: string, project: string, stackName: string): Promise<number | undefined> {
  try {
    const folder = path.join(backendUrl.slice('file://'.length), '.pulumi', 'history', project, stackName);
    return (await readdir(folder)).filter((name) => /\.history\.json(\.gz)?$/.test(name)).length;
  } catch {
    return undefined;
  }
}
