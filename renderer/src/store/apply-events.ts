// Pure reducer: a batch of core events applied to a plan snapshot. Returns the same object when nothing
// changed, so a batch of no-ops re-renders nothing.
import type { CockpitEvent, PlanSnapshot, StackLifecycle } from '../../../main/api/contract';

export function applyEvents(snapshot: PlanSnapshot | null, events: readonly CockpitEvent[]): PlanSnapshot | null {
  let current = snapshot;
  // Lifecycle changes are collected and applied once at the end (or before a snapshot replaces the plan),
  // so a burst of them copies the stack list once instead of once per event.
  const lifecycles = new Map<string, StackLifecycle>();
  for (const event of events) {
    switch (event.type) {
      case 'plan.changed':
        lifecycles.clear();
        current = event.snapshot;
        break;
      case 'stack.lifecycle':
        lifecycles.set(event.stackId, event.lifecycle);
        break;
      default:
        // An event type this renderer does not know yet (newer core): ignore it.
        break;
    }
  }
  return withLifecycles(current, lifecycles);
}

function withLifecycles(snapshot: PlanSnapshot | null, lifecycles: ReadonlyMap<string, StackLifecycle>): PlanSnapshot | null {
  if (lifecycles.size === 0 || snapshot?.status !== 'loaded') return snapshot;
  let changed = false;
  const stacks = snapshot.plan.stacks.map((stack) => {
    const lifecycle = lifecycles.get(stack.id);
    if (!lifecycle || sameLifecycle(stack.lifecycle, lifecycle)) return stack;
    changed = true;
    return { ...stack, lifecycle };
  });
  return changed ? { ...snapshot, plan: { ...snapshot.plan, stacks } } : snapshot;
}

function sameLifecycle(a: StackLifecycle, b: StackLifecycle): boolean {
  return a.state === b.state && a.since === b.since && a.detail === b.detail;
}
