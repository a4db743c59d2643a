// Pure reducer: a batch of core events applied to a plan snapshot. Returns the same object when nothing
// changed, so a batch of no-ops re-renders nothing.
import type { CockpitEvent, PlanSnapshot, RegistrationStatus, StackLifecycle, StackView } from '../../../main/api/contract';

export function applyEvents(snapshot: PlanSnapshot | null, events: readonly CockpitEvent[]): PlanSnapshot | null {
  let current = snapshot;
  // Lifecycle and registration changes are collected and applied once at the end (or before a snapshot
  // replaces the plan), so a burst of them copies the stack list once instead of once per event.
  const lifecycles = new Map<string, StackLifecycle>();
  const registrations = new Map<string, RegistrationStatus[]>();
  for (const event of events) {
    switch (event.type) {
      case 'plan.changed':
        lifecycles.clear();
        registrations.clear();
        current = event.snapshot;
        break;
      case 'stack.lifecycle':
        lifecycles.set(event.stackId, event.lifecycle);
        break;
      case 'stack.registrations':
        registrations.set(event.stackId, event.registrations);
        break;
      default:
        // Other events (operations, waves, the journal) or a type this renderer does not know yet: ignore them.
        break;
    }
  }
  return withStackChanges(current, lifecycles, registrations);
}

function withStackChanges(
  snapshot: PlanSnapshot | null,
  lifecycles: ReadonlyMap<string, StackLifecycle>,
  registrations: ReadonlyMap<string, RegistrationStatus[]>,
): PlanSnapshot | null {
  if ((lifecycles.size === 0 && registrations.size === 0) || snapshot?.status !== 'loaded') return snapshot;
  let changed = false;
  const stacks = snapshot.plan.stacks.map((stack) => {
    let next: StackView = stack;
    const lifecycle = lifecycles.get(stack.id);
    if (lifecycle && !sameLifecycle(stack.lifecycle, lifecycle)) next = { ...next, lifecycle };
    const registered = registrations.get(stack.id);
    if (registered && !sameRegistrations(stack.registrations, registered)) next = { ...next, registrations: registered };
    if (next !== stack) changed = true;
    return next;
  });
  return changed ? { ...snapshot, plan: { ...snapshot.plan, stacks } } : snapshot;
}

function sameLifecycle(a: StackLifecycle, b: StackLifecycle): boolean {
  return a.state === b.state && a.since === b.since && a.detail === b.detail;
}

function sameRegistrations(a: readonly RegistrationStatus[] | null, b: readonly RegistrationStatus[]): boolean {
  if (a === null || a.length !== b.length) return false;
  return a.every((entry, index) => entry.registryId === b[index]!.registryId && entry.registrationId === b[index]!.registrationId);
}
