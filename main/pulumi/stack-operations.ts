// The engine operations on one stack, as OperationBodies for the OperationRunner.
import type { Stack, UpdateSummary } from '@pulumi/pulumi/automation';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OperationKind } from '../api/contract';
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
      const options = { onEvent, signal, target: [...urns], message: `migration cockpit: ${kind}` };
      if (kind === 'register') {
        const result = await stack.up(options);
        return { ...(await outcomeOf(stack, result.summary)), outputs: result.outputs };
      }
      const result = await stack.destroy(options);
      return { ...(await outcomeOf(stack, result.summary)), outputs: await stack.outputs() };
    },
  };
}

export function stackOperation(kind: StackOperationKind, options: { message?: string } = {}): OperationBody {
  const message = options.message ?? `migration cockpit: ${kind}`;
  return {
    kind,
    async run(stack, { onEvent, signal }) {
      switch (kind) {
        case 'preview': {
          const result = await stack.preview({ onEvent, signal, message, diff: true });
          return { changes: result.changeSummary as Record<string, number> };
        }
        case 'up': {
          const result = await stack.up({ onEvent, signal, message });
          return { ...(await outcomeOf(stack, result.summary)), outputs: result.outputs };
        }
        case 'refresh': {
          const result = await stack.refresh({ onEvent, signal, message });
          return { ...(await outcomeOf(stack, result.summary)), outputs: await stack.outputs() };
        }
        case 'destroy': {
          const result = await stack.destroy({ onEvent, signal, message });
          return { ...(await outcomeOf(stack, result.summary)), outputs: {} };
        }
      }
    },
  };
}

/**
 * The update's version and changes. DIY backends (file://, s3://) leave versions at 0 in summaries and history;
 * there the version is the update's position in the stack's history, which is what Pulumi Cloud numbers too.
 */
export async function outcomeOf(stack: Stack, summary: UpdateSummary): Promise<OperationOutcome> {
  const changes = (summary.resourceChanges ?? {}) as Record<string, number>;
  if (summary.version > 0) return { updateVersion: summary.version, changes };
  const version = (await historyLengthOnDisk(stack)) ?? (await stack.history().catch(() => [])).length;
  return version > 0 ? { updateVersion: version, changes } : { changes };
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
