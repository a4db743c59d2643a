// Keyboard movement between stack cards. Rows are the visible waves (top to bottom), each a list of card ids
// (left to right). Left/Right stay inside a wave, Up/Down go to the previous/next wave that has cards (same
// index, or its last card if it is shorter), Home/End go to the very first/last card.
export type Rows = readonly (readonly string[])[];

export function moveInGrid(rows: Rows, currentId: string, key: string): string | null {
  const row = rows.findIndex((ids) => ids.includes(currentId));
  if (row < 0) return null;
  const ids = rows[row]!;
  const index = ids.indexOf(currentId);
  const filled = rows.filter((ids) => ids.length > 0);

  switch (key) {
    case 'ArrowLeft':
      return ids[Math.max(0, index - 1)] ?? null;
    case 'ArrowRight':
      return ids[Math.min(ids.length - 1, index + 1)] ?? null;
    case 'ArrowUp':
      return nearestIn(lastBefore(rows, row), index) ?? currentId;
    case 'ArrowDown':
      return nearestIn(firstAfter(rows, row), index) ?? currentId;
    case 'Home':
      return filled[0]?.[0] ?? null;
    case 'End': {
      const last = filled[filled.length - 1];
      return last?.[last.length - 1] ?? null;
    }
    default:
      return null;
  }
}

function lastBefore(rows: Rows, row: number): readonly string[] | undefined {
  for (let r = row - 1; r >= 0; r -= 1) if (rows[r]!.length > 0) return rows[r];
  return undefined;
}

function firstAfter(rows: Rows, row: number): readonly string[] | undefined {
  for (let r = row + 1; r < rows.length; r += 1) if (rows[r]!.length > 0) return rows[r];
  return undefined;
}

function nearestIn(ids: readonly string[] | undefined, index: number): string | undefined {
  if (!ids || ids.length === 0) return undefined;
  return ids[Math.min(index, ids.length - 1)];
}

export const GRID_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
