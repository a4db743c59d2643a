// The gate matrix's rows (GateMatrix.tsx): plain below VIRTUALIZE_ABOVE rows, virtualized above; each row memoized
// (the store keeps unchanged stack objects), each cell green / red / unknown with its text, and keyboard focus that
// follows the grid's arrow keys.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, type RefObject } from 'react';
import type { GateColumnView, ReadinessGateView, StackReadinessView, StackView } from '../../../../main/api/contract';
import { cellTone, gateLabel, shownCellText } from '../../lib/readiness';
import { useDataClock } from '../../hooks/use-data-clock';

export interface Focus {
  readonly row: number;
  /** 0: the stack's name; 1 to the number of gate columns: the gates. */
  readonly col: number;
}

export const ROW_HEIGHT = 40;

interface RowsProps {
  rows: readonly StackReadinessView[];
  stacks: ReadonlyMap<string, StackView>;
  columns: readonly GateColumnView[];
  now: number;
  focus: Focus;
  movedRef: RefObject<boolean>;
  gridRef: RefObject<HTMLDivElement | null>;
  /** Whether the gates decide anything in the wave's phase: when not (cut over, cutting over…) cells are neutral. */
  judged: boolean;
  onCell(target: Focus): void;
}

/** Moves DOM focus to the focused cell after a keyboard move (once it is rendered). */
function useCellFocus(gridRef: RefObject<HTMLDivElement | null>, movedRef: RefObject<boolean>, focus: Focus, rendered: boolean) {
  useEffect(() => {
    if (!movedRef.current || !rendered) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.col}"]`);
    if (cell) {
      movedRef.current = false;
      cell.focus({ preventScroll: false });
    }
  });
}

export function PlainRows({ rows, stacks, columns, now, focus, movedRef, gridRef, judged, onCell }: RowsProps) {
  useCellFocus(gridRef, movedRef, focus, true);
  return (
    <div role="rowgroup">
      {rows.map((stack, index) => (
        <GateRow
          key={stack.stackId}
          stack={stack}
          view={stacks.get(stack.stackId)}
          columns={columns}
          index={index}
          now={now}
          focusCol={focus.row === index ? focus.col : -1}
          top={null}
          judged={judged}
          onCell={onCell}
        />
      ))}
    </div>
  );
}

export function VirtualRows({ rows, stacks, columns, now, focus, movedRef, gridRef, judged, onCell }: RowsProps) {
  // The app does not use the React Compiler; the virtualizer re-renders this component itself when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.stackId ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const rendered = items.some((item) => item.index === focus.row);
  useEffect(() => {
    if (movedRef.current && !rendered) virtualizer.scrollToIndex(focus.row, { align: 'auto' });
  });
  useCellFocus(gridRef, movedRef, focus, rendered);
  return (
    <div role="rowgroup" className="gate-rows-virtual" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const stack = rows[item.index]!;
        return (
          <GateRow
            key={item.key}
            stack={stack}
            view={stacks.get(stack.stackId)}
            columns={columns}
            index={item.index}
            now={now}
            focusCol={focus.row === item.index ? focus.col : -1}
            top={item.start - ROW_HEIGHT}
            measure={virtualizer.measureElement}
            judged={judged}
            onCell={onCell}
          />
        );
      })}
    </div>
  );
}

interface GateRowProps {
  stack: StackReadinessView;
  view: StackView | undefined;
  columns: readonly GateColumnView[];
  index: number;
  /** Which cell of this row is the grid's tab stop (-1: none). */
  focusCol: number;
  now: number;
  top: number | null;
  /** The virtualizer's measuring ref: a row grows with its wrapped reasons, so its height is measured, not assumed. */
  measure?: (element: HTMLElement | null) => void;
  /** Whether the gates decide anything in the wave's phase: when not (cut over, cutting over…) cells are neutral. */
  judged: boolean;
  onCell(target: Focus): void;
}

const GateRow = memo(function GateRow({ stack, view, columns, index, focusCol, now, top, measure, judged, onCell }: GateRowProps) {
  const name = view?.name ?? stack.stackId.slice(stack.stackId.indexOf('/') + 1);
  return (
    <div
      ref={measure}
      className="gate-row"
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-testid="gate-row"
      data-stack-id={stack.stackId}
      data-ready={stack.ready}
      style={top === null ? undefined : { transform: `translateY(${top}px)` }}
    >
      <span
        role="rowheader"
        className="gate-cell gate-stack"
        data-cell={`${index}:0`}
        tabIndex={focusCol === 0 ? 0 : -1}
        title={stack.stackId}
        onClick={() => onCell({ row: index, col: 0 })}
      >
        <span className="gate-stack-name">{name}</span>
        <span className="muted gate-stack-project">{view?.project ?? ''}</span>
      </span>
      {stack.gates.map((gate, g) => (
        <GateCell
          key={gate.gate}
          gate={gate}
          label={gateLabel(columns, gate.gate)}
          row={index}
          col={g + 1}
          tabbable={focusCol === g + 1}
          now={now}
          judged={judged}
          onCell={onCell}
        />
      ))}
    </div>
  );
});

function GateCell({
  gate,
  label,
  row,
  col,
  tabbable,
  now,
  judged,
  onCell,
}: {
  gate: ReadinessGateView;
  label: string;
  row: number;
  col: number;
  tabbable: boolean;
  now: number;
  judged: boolean;
  onCell(target: Focus): void;
}) {
  // The monitor's data clock names green-since and hold-end times (labelled: a rehearsal's runs ahead of UTC).
  const clock = useDataClock();
  const text = shownCellText(gate, label, now, clock, judged);
  return (
    <span
      role="gridcell"
      className="gate-cell gate-status"
      // Neutral, never red or green, where the gates decide nothing (the same tone as every other view's).
      data-gate={cellTone(gate, judged)}
      data-status={gate.status}
      data-gate-name={gate.gate}
      data-cell={`${row}:${col}`}
      data-testid="gate-cell"
      tabIndex={tabbable ? 0 : -1}
      title={text.full}
      aria-label={text.full}
      onClick={() => onCell({ row, col })}
    >
      <span className="gate-dot" aria-hidden="true" />
      <span className="gate-cell-text">
        <span className="gate-cell-main">{text.main}</span>
        {text.sub ? <span className="gate-cell-sub muted">{text.sub}</span> : null}
      </span>
    </span>
  );
}
