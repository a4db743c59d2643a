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
    run: (stack, { onEvent, signal }) =>
      engineOperation(stack, kind === 'register' ? 'up' : 'destroy', { onEvent, signal, target: urns, message: `migration cockpit: ${kind}` }),
  };
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
  const onDisk = await historyLengthOnDisk(stack);
  if (onDisk !== undefined) return onDisk > 0 ? onDisk : undefined;
  const [latest] = await stack.history(1, undefined, false).catch(() => []);
  if (!latest) return undefined;
  if (latest.version > 0) return latest.version;
  const all = await stack.history(undefined, undefined, false).catch(() => []);
  return all.length > 0 ? all.length : undefined;
}

/** For a file:// backend, the number of updates in the stack's history folder, without starting the CLI. */
async function historyLengthOnDisk(stack: Stack): Promise<number | undefined> {
  try {
    const settings = await stack.workspace.projectSettings();
    const url = settings.backend?.url;
    if (!url?.startsWith('file://')) return undefined;
    const folder = path.join(url.slice('file://'.length), '.pulumi', 'history', settings.name, stack.name);
    return (await readdir(folder)).filter((name) => /\.history\.json(\.gz)?$/.test(name)).length;
  } catch {
    return undefined;
  }
}
