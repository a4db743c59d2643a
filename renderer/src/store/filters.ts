// Filtering and grouping of the plan's stacks into the sections the plan view shows. Pure functions.
import { LIFECYCLE_STATES } from '../../../common/states';
import type { LifecycleState, PlanView, StackView, WaveView } from '../../../main/api/contract';
import { accountSearchTerms } from '../lib/accounts';

export interface Filters {
  readonly query: string;
  /** Empty means every state. */
  readonly states: readonly LifecycleState[];
  /** null means every project. */
  readonly project: string | null;
}

export const NO_FILTERS: Filters = { query: '', states: [], project: null };

export function isFiltering(filters: Filters): boolean {
  return filters.query.trim() !== '' || filters.states.length > 0 || filters.project !== null;
}

export interface StackGroup {
  /** The wave id, or null for the stacks that are in no wave. */
  readonly key: string;
  readonly wave: WaveView | null;
  readonly stacks: readonly StackView[];
}

export interface PlanLayout {
  readonly groups: readonly StackGroup[];
  readonly shown: number;
  readonly total: number;
}

export const NO_WAVE_KEY = '(no wave)';

/** What a search matches of a stack beyond its names and its wave's (the tracks': seam/contributions.ts searchTermsOf). */
export type SearchTerms = (stack: StackView) => readonly string[];

const NO_TERMS: SearchTerms = () => [];

export function layoutPlan(plan: PlanView, filters: Filters, terms: SearchTerms = NO_TERMS): PlanLayout {
  const byId = new Map(plan.stacks.map((stack) => [stack.id, stack]));
  const waveOf = new Map<string, WaveView>();
  for (const wave of plan.waves) for (const id of wave.stackIds) waveOf.set(id, wave);

  const matches = stackMatcher(filters, waveOf, terms);
  const filtering = isFiltering(filters);
  const groups: StackGroup[] = [];
  let shown = 0;

  for (const wave of plan.waves) {
    const stacks = wave.stackIds.flatMap((id) => {
      const stack = byId.get(id);
      return stack && matches(stack) ? [stack] : [];
    });
    shown += stacks.length;
    if (!filtering || stacks.length > 0) groups.push({ key: wave.id, wave, stacks });
  }

  const loose = plan.stacks.filter((stack) => !waveOf.has(stack.id));
  const looseShown = loose.filter(matches);
  shown += looseShown.length;
  if (looseShown.length > 0) groups.push({ key: NO_WAVE_KEY, wave: null, stacks: looseShown });

  return { groups, shown, total: plan.stacks.length };
}

/** The first stack the plan view shows (in wave order), where Down from the search box goes; null when none matches. */
export function firstShownStackId(layout: PlanLayout): string | null {
  for (const group of layout.groups) if (group.stacks.length > 0) return group.stacks[0]!.id;
  return null;
}

function stackMatcher(filters: Filters, waveOf: ReadonlyMap<string, WaveView>, terms: SearchTerms): (stack: StackView) => boolean {
  const words = filters.query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '');
  const states = new Set(filters.states);
  return (stack) => {
    if (filters.project !== null && stack.project !== filters.project) return false;
    if (states.size > 0 && !states.has(stack.lifecycle.state)) return false;
    if (words.length === 0) return true;
    const text = searchText(stack, waveOf.get(stack.id), terms);
    return words.every((word) => text.includes(word));
  };
}

function searchText(stack: StackView, wave: WaveView | undefined, terms: SearchTerms): string {
  const parts = [stack.id, stack.name, stack.project, stack.description ?? '', wave?.id ?? '', wave?.name ?? '', ...accountSearchTerms(stack), ...terms(stack)];
  return parts.join('\n').toLowerCase();
}

export function countByState(stacks: readonly StackView[]): Record<LifecycleState, number> {
  const counts = Object.fromEntries(LIFECYCLE_STATES.map((state) => [state, 0])) as Record<LifecycleState, number>;
  for (const stack of stacks) counts[stack.lifecycle.state] += 1;
  return counts;
}

export function projectNames(plan: PlanView): string[] {
  const names = plan.projects.map((project) => project.name);
  for (const stack of plan.stacks) if (!names.includes(stack.project)) names.push(stack.project);
  return names;
}
