// The plan view's sections as the rows a virtualized list renders: each wave (or the stacks in no wave) becomes
// its heading row and then rows of as many cards as fit side by side. Pure functions.

export interface RowGroup {
  readonly key: string;
  readonly stackIds: readonly string[];
}

export type PlanRow =
  | { readonly kind: 'head'; readonly key: string; readonly group: number }
  /** Cards `from` (inclusive) to `to` (exclusive) of the group's stacks. */
  | { readonly kind: 'cards'; readonly key: string; readonly group: number; readonly from: number; readonly to: number };

export interface PlanRows {
  readonly rows: readonly PlanRow[];
  /** stack id -> index of the row that shows its card. */
  readonly rowOf: ReadonlyMap<string, number>;
}

export function planRows(groups: readonly RowGroup[], columns: number): PlanRows {
  const perRow = Math.max(1, Math.floor(columns));
  const rows: PlanRow[] = [];
  const rowOf = new Map<string, number>();
  groups.forEach((group, index) => {
    rows.push({ kind: 'head', key: `head:${group.key}`, group: index });
    for (let from = 0; from < group.stackIds.length; from += perRow) {
      const to = Math.min(group.stackIds.length, from + perRow);
      for (let i = from; i < to; i++) rowOf.set(group.stackIds[i]!, rows.length);
      rows.push({ kind: 'cards', key: `cards:${group.key}:${from / perRow}`, group: index, from, to });
    }
  });
  return { rows, rowOf };
}

/** How many cards of at least `minWidth` fit in `width` with `gap` between them (what CSS `auto-fill` picks). */
export function cardColumns(width: number, minWidth: number, gap: number): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}

/** The rendered row indexes (ascending) with `pinned` added, so a row outside the visible range stays mounted. */
export function withPinnedRow(indexes: readonly number[], pinned: number | undefined): number[] {
  if (pinned === undefined || indexes.includes(pinned)) return [...indexes];
  return [...indexes, pinned].sort((a, b) => a - b);
}

/** Consecutive runs of rendered rows that belong to one group: each becomes one section in the DOM. */
export function runsByGroup<T extends { readonly index: number }>(items: readonly T[], rows: readonly PlanRow[]): { group: number; items: T[] }[] {
  const runs: { group: number; items: T[] }[] = [];
  for (const item of items) {
    const group = rows[item.index]?.group;
    if (group === undefined) continue;
    const last = runs[runs.length - 1];
    if (last && last.group === group) last.items.push(item);
    else runs.push({ group, items: [item] });
  }
  return runs;
}
