// Lifecycle states as the UI shows them. Redefined here (the renderer may not import the contract's runtime
// values); `satisfies` plus the exhaustiveness check below make TypeScript fail if the contract changes.
import type { LifecycleState } from '../../../main/api/contract';

export const LIFECYCLE_STATES = [
  'planned',
  'deployed',
  'registered',
  'cut-over',
  'rolled-back',
  'failed',
] as const satisfies readonly LifecycleState[];

type MissingState = Exclude<LifecycleState, (typeof LIFECYCLE_STATES)[number]>;
const everyStateListed: [MissingState] extends [never] ? true : MissingState = true;
void everyStateListed;

export const STATE_LABELS: Readonly<Record<LifecycleState, string>> = {
  planned: 'planned',
  deployed: 'deployed',
  registered: 'registered',
  'cut-over': 'cut over',
  'rolled-back': 'rolled back',
  failed: 'failed',
};

export function stateLabel(state: LifecycleState): string {
  return STATE_LABELS[state];
}

/** CSS custom property holding the state's colour (defined per theme in the stylesheet). */
export function stateColorVar(state: LifecycleState): string {
  return `var(--state-${state})`;
}
