// Rollback of a stack, as Pulumi recommends it (it has no rollback command): redeploy the config of the last
// successful update before the current one, or destroy the stack when it did not exist before.
import type { ConfigMap, Stack, UpdateSummary } from '@pulumi/pulumi/automation';
import type { OperationBody } from './operations';
import { writeStackConfig } from './secret-config';
import { engineOperation } from './stack-operations';
import { forgetOpenedStack } from './workspace';

/** Keys the cockpit writes for where things are now (not what was deployed): kept from the current config. */
const LOCATION_KEYS = ['cockpit:registrations'] as const;

/**
 * The message of a rollback that destroyed the stack (it had no earlier deploy): the stack then does not exist, and
 * its lifecycle is `planned` again (main/core/stack-lifecycle.ts lifecycleAfter), live and when read from the journal.
 */
export const ROLLBACK_DESTROYED_MESSAGE = 'the stack had no earlier successful deploy: destroyed it';

/** `hideSecret` learns the secret values of the restored config (an older value may be one the core never read). */
export function rollbackOperation(hideSecret: (value: string) => void = () => {}): OperationBody {
  return {
    kind: 'rollback',
    async run(stack, { onEvent, signal }) {
      const target = rollbackTarget(await stack.history(undefined, undefined, true));
      for (const entry of Object.values(target?.config ?? {})) if (entry.secret) hideSecret(entry.value);
      if (!target) {
        const outcome = await engineOperation(stack, 'destroy', { onEvent, signal, message: 'migration cockpit: rollback (the stack did not exist before)' });
        return { ...outcome, message: ROLLBACK_DESTROYED_MESSAGE };
      }
      const current = await stack.getAllConfig();
      await replaceConfig(stack, current, restoredConfig(target.config, current));
      const outcome = await engineOperation(stack, 'up', { onEvent, signal, message: `migration cockpit: rollback to update ${target.version}` });
      return {
        ...outcome,
        message: `restored the config of update ${target.version} (${target.startTime})`,
      };
    },
  };
}

/**
 * The update to return to, from history (newest first): the last successful update before the current one.
 * When the newest update failed, the current state is that failure and the last success is the target.
 * Returns undefined when there is none (the stack did not exist before).
 */
export function rollbackTarget(history: readonly UpdateSummary[]): (UpdateSummary & { version: number }) | undefined {
  const updates = history
    .map((entry, index) => ({ ...entry, version: entry.version || history.length - index }))
    .filter((entry) => entry.kind === 'update' || entry.kind === 'destroy');
  const newest = updates[0];
  if (!newest) return undefined;
  const successes = updates.filter((entry) => entry.result === 'succeeded');
  const candidate = newest.result === 'succeeded' ? successes[1] : successes[0];
  // A destroy is the "did not exist" state: roll back past it to nothing.
  return candidate?.kind === 'update' ? candidate : undefined;
}

/** The target's config, with the cockpit's location keys (where registries are now) kept from the current config. */
export function restoredConfig(target: ConfigMap, current: ConfigMap): ConfigMap {
  const restored: ConfigMap = { ...target };
  for (const key of LOCATION_KEYS) {
    const now = current[key];
    const then = target[key];
    if (!now || !then) continue;
    restored[key] = { ...then, value: withCurrentBaseUrls(then.value, now.value) };
  }
  return restored;
}

function withCurrentBaseUrls(thenJson: string, nowJson: string): string {
  const then = JSON.parse(thenJson) as { registryId: string; baseUrl: string }[];
  const now = new Map((JSON.parse(nowJson) as { registryId: string; baseUrl: string }[]).map((entry) => [entry.registryId, entry.baseUrl]));
  return JSON.stringify(then.map((entry) => ({ ...entry, baseUrl: now.get(entry.registryId) ?? entry.baseUrl })));
}

async function replaceConfig(stack: Stack, current: ConfigMap, next: ConfigMap): Promise<void> {
  // The workspace's config is no longer the plan's: the next operation must write it again.
  forgetOpenedStack(stack.workspace.workDir);
  const removed = Object.keys(current).filter((key) => !(key in next));
  if (removed.length > 0) await stack.removeAllConfig(removed);
  await writeStackConfig(stack, next);
}
