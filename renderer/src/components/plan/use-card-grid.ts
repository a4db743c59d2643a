// Keyboard and focus behaviour of the stack-card grid: roving tabindex, arrow keys, Enter/Escape.
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { GRID_KEYS, moveInGrid, type Rows } from '../../lib/grid-nav';
import { useActions } from '../../store/context';
import { useCardFocus } from './card-focus';

export function useCardGrid(rows: Rows, selectedId: string | null) {
  const cardFocus = useCardFocus();
  const { selectStack } = useActions();
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // The handlers read the latest rows/selection through refs so they keep one identity, and the memoized
  // cards do not all re-render whenever a lifecycle event produces a new layout.
  const rowsRef = useRef(rows);
  const selectedRef = useRef(selectedId);
  useLayoutEffect(() => {
    rowsRef.current = rows;
    selectedRef.current = selectedId;
  }, [rows, selectedId]);

  const visible = useMemo(() => new Set(rows.flat()), [rows]);
  const tabbableId = focusedId !== null && visible.has(focusedId) ? focusedId : (rows.find((ids) => ids.length > 0)?.[0] ?? null);

  const onOpen = useCallback((stackId: string) => selectStack(stackId), [selectStack]);

  const onKey = useCallback(
    (stackId: string, event: KeyboardEvent<HTMLElement>) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (GRID_KEYS.has(event.key)) {
        event.preventDefault();
        const next = moveInGrid(rowsRef.current, stackId, event.key);
        if (next !== null && next !== stackId) cardFocus.focus(next);
      } else if (event.key === 'Escape' && selectedRef.current !== null) {
        event.preventDefault();
        event.stopPropagation();
        selectStack(null);
      }
    },
    [cardFocus, selectStack],
  );

  const onFocusCard = useCallback((stackId: string) => setFocusedId(stackId), []);

  return { tabbableId, onOpen, onKey, onFocusCard };
}
