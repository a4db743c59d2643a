// Which cards the Keyspaces tab shows and in what order, and what a table's "Re-check these ranges" sends. Pure.
import type { PlanView, WaveView } from '../../../../main/api/contract';
import type { KeyspacesStackView, TableValidationView } from '../../../../main/tracks/keyspaces/contract';
import type { TokenRangeRef } from './slice';

export interface KeyspacesWaveGroup {
  /** The wave's id as the stacks' views carry it (null: in no wave). */
  readonly waveId: string | null;
  /** The plan's wave, when the plan knows it. */
  readonly wave: WaveView | null;
  readonly stacks: readonly KeyspacesStackView[];
}

/**
 * The moving stacks grouped by wave: the plan's waves in its order and each wave's stacks in the plan's order, then
 * stacks of a wave the plan does not know (by wave id) and stacks in no wave last, each in the monitor's order.
 */
export function groupByWave(plan: PlanView | null, stacks: Readonly<Record<string, KeyspacesStackView>>): KeyspacesWaveGroup[] {
  const views = Object.values(stacks);
  if (views.length === 0) return [];
  const placed = new Set<string>();
  const groups: KeyspacesWaveGroup[] = [];
  for (const wave of plan?.waves ?? []) {
    const inPlanOrder = wave.stackIds.flatMap((id) => {
      const view = stacks[id];
      return view && view.waveId === wave.id ? [view] : [];
    });
    // A stack the wave lists in another order than the monitor's view says stays in the wave its view names.
    const others = views.filter((view) => view.waveId === wave.id && !wave.stackIds.includes(view.stackId));
    const members = [...inPlanOrder, ...others];
    for (const view of members) placed.add(view.stackId);
    if (members.length > 0) groups.push({ waveId: wave.id, wave, stacks: members });
  }
  const rest = new Map<string | null, KeyspacesStackView[]>();
  for (const view of views) {
    if (placed.has(view.stackId)) continue;
    const list = rest.get(view.waveId) ?? [];
    list.push(view);
    rest.set(view.waveId, list);
  }
  const unknownWaves = [...rest.keys()].filter((id): id is string => id !== null);
  for (const waveId of unknownWaves) groups.push({ waveId, wave: null, stacks: rest.get(waveId)! });
  const noWave = rest.get(null);
  if (noWave) groups.push({ waveId: null, wave: null, stacks: noWave });
  return groups;
}

/** A stack's name as the plan gives it, else its id. */
export function stackName(plan: PlanView | null, stackId: string): string {
  return plan?.stacks.find((stack) => stack.id === stackId)?.name ?? stackId;
}

/** Whether a table's validation has ranges to re-check (count or row mismatches, ranges it could not check). */
export function hasRangesToRecheck(table: TableValidationView): boolean {
  return table.countMismatchCount + table.rowMismatchCount + table.uncheckedCount > 0;
}

export interface RecheckRanges {
  /** The distinct ranges the view carries, in the order it lists them (count mismatches, rows, unchecked). */
  readonly ranges: readonly TokenRangeRef[];
  /** Ranges with differences the view counted but does not carry (over its cap): a re-check leaves them out. */
  readonly left: number;
}

/** What "Re-check these ranges" sends for a table: its mismatched and unchecked ranges, each once. */
export function recheckRanges(table: TableValidationView): RecheckRanges {
  const seen = new Map<string, TokenRangeRef>();
  for (const range of [...table.countMismatches, ...table.rowMismatches, ...table.unchecked]) {
    const key = `${range.start}:${range.end}`;
    if (!seen.has(key)) seen.set(key, { start: range.start, end: range.end });
  }
  const left =
    table.countMismatchCount -
    table.countMismatches.length +
    (table.rowMismatchCount - table.rowMismatches.length) +
    (table.uncheckedCount - table.unchecked.length);
  return { ranges: [...seen.values()], left };
}
