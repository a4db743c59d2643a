// The loaded plan's accounts, and the placements (account and region) of some of its stacks, for the views that
// show where a wave, a step or a task acts. The stack index is built once per plan snapshot (the store keeps the
// stacks array while the plan is unchanged) and shared by every view.
import { useMemo } from 'react';
import type { AccountView, StackView } from '../../../main/api/contract';
import { placementsOf, stacksByIds, type Placement } from '../lib/accounts';
import { useCockpit } from '../store/context';

const NO_ACCOUNTS: readonly AccountView[] = [];
const indexes = new WeakMap<readonly StackView[], ReadonlyMap<string, StackView>>();

export function usePlanAccounts(): readonly AccountView[] {
  return useCockpit((state) => (state.snapshot?.status === 'loaded' ? state.snapshot.plan.accounts : NO_ACCOUNTS));
}

/**
 * Why an account is unusable now, as the environment banner says it (a refused session, a role that cannot be
 * assumed, a monitor that cannot read there), or null while it is usable or not checked yet.
 */
export function useAccountProblem(accountId: string): string | null {
  return useCockpit((state) => {
    const account = state.environment?.accounts.find((candidate) => candidate.id === accountId);
    return account?.status === 'error' ? (account.error ?? 'unusable') : null;
  });
}

/** The distinct placements of the stacks with these ids, in the ids' order; empty without accounts. */
export function useStackPlacements(stackIds: readonly string[]): Placement[] {
  const stacks = useCockpit((state) => (state.snapshot?.status === 'loaded' ? state.snapshot.plan.stacks : null));
  return useMemo(() => {
    if (stacks === null) return [];
    let byId = indexes.get(stacks);
    if (!byId) {
      byId = new Map(stacks.map((stack) => [stack.id, stack]));
      indexes.set(stacks, byId);
    }
    return placementsOf(stacksByIds(byId, stackIds));
  }, [stacks, stackIds]);
}
