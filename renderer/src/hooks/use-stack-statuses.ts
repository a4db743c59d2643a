// Each stack's readiness (with its sync and health) in a wave, by stack id, for the stack cards. The index is
// built once per readiness view of the wave and shared by every component showing part of the wave (a
// virtualized plan view renders a wave's cards in several rows).
import type { StackReadinessView } from '../../../main/api/contract';
import { useCockpit } from '../store/context';

type StatusIndex = ReadonlyMap<string, StackReadinessView>;

const NONE: StatusIndex = new Map();
const indexes = new WeakMap<readonly StackReadinessView[], StatusIndex>();

export function useStackStatuses(waveId: string | null): StatusIndex {
  // The store keeps a wave's stacks array while nothing in it changed, so this re-renders only on a change.
  const stacks = useCockpit((state) => (waveId === null ? undefined : state.readiness.waves[waveId]?.stacks));
  if (!stacks) return NONE;
  let index = indexes.get(stacks);
  if (!index) {
    index = new Map(stacks.map((status) => [status.stackId, status]));
    indexes.set(stacks, index);
  }
  return index;
}
