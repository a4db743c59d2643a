// The engine operations on one stack, as OperationBodies for the OperationRunner.
import type { Stack, UpdateSummary } from '@pulumi/pulumi/automation';
import type { OperationKind } from '../api/contract';
import type { OperationBody, OperationOutcome } from './operations';

export type StackOperationKind = Extract<OperationKind, 'preview' | 'up' | 'refresh' | 'destroy'>;

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
          return outcome(stack, result.summary);
        }
        case 'refresh': {
          const result = await stack.refresh({ onEvent, signal, message });
          return outcome(stack, result.summary);
        }
        case 'destroy': {
          const result = await stack.destroy({ onEvent, signal, message });
          return outcome(stack, result.summary);
        }
      }
    },
  };
}

/**
 * The update's version and changes. DIY backends (file://, s3://) leave versions at 0 in summaries and history;
 * there the version is the update's position in the stack's history, which is what Pulumi Cloud numbers too.
 */
async function outcome(stack: Stack, summary: UpdateSummary): Promise<OperationOutcome> {
  const changes = (summary.resourceChanges ?? {}) as Record<string, number>;
  if (summary.version > 0) return { updateVersion: summary.version, changes };
  const history = await stack.history().catch(() => []);
  const version = history[0]?.version || history.length;
  return version > 0 ? { updateVersion: version, changes } : { changes };
}
