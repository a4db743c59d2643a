// Lifecycle states as the UI shows them (the list itself is common/states.ts LIFECYCLE_STATES).
import type { LifecycleState } from '../../../main/api/contract';

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
