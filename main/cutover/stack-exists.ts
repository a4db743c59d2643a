// Which lifecycle states mean a stack's infrastructure exists: one rule for deploying a wave after its
// dependencies (main/pulumi/wave-runner.ts) and for judging a wave without a runbook deployed (readiness.ts).
// A stack rolled back (to its previous config, or across systems after a cutover) still exists.
import type { LifecycleState } from '../api/contract';

export const STACK_EXISTS: ReadonlySet<LifecycleState> = new Set(['deployed', 'registered', 'cut-over', 'rolled-back']);

/** The stacks among `stackIds` whose infrastructure does not exist (yet). */
export function stacksNotDeployed(stackIds: readonly string[], lifecycleOf: (stackId: string) => LifecycleState): string[] {
  return stackIds.filter((stackId) => !STACK_EXISTS.has(lifecycleOf(stackId)));
}

/** Why deploying a wave would be refused now (some stack of a wave it depends on does not exist), or null. */
export function deployRefusal(
  wave: { readonly id: string; readonly dependsOn: readonly string[] },
  waves: readonly { readonly id: string; readonly stackIds: readonly string[] }[],
  lifecycleOf: (stackId: string) => LifecycleState,
): string | null {
  const missing = wave.dependsOn.flatMap((dependency) => stacksNotDeployed(waves.find((entry) => entry.id === dependency)?.stackIds ?? [], lifecycleOf));
  if (missing.length === 0) return null;
  const shown = missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more` : missing.join(', ');
  return `wave '${wave.id}' depends on ${wave.dependsOn.join(', ')}, whose stacks are not all deployed yet: ${shown}`;
}
