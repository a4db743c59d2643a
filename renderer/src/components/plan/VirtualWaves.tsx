// The waves of a large plan, virtualized: each wave is its heading row and rows of cards (as many as fit side by
// side), and only the rows on screen, a few around them, and the row of the card that holds the Tab stop are in
// the DOM. The rows scroll with the main area (the summary and filter bar above them scroll along), their heights
// are measured as they render, and the rendered rows of one wave sit in one <section> so the page keeps its
// structure. Keyboard navigation reaches cards that are not rendered: the card focus scrolls their row into view
// through the revealer registered here and focuses the card once it mounts.
import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { useElementWidth } from '../../hooks/use-element-width';
import { useScrollContainer } from '../../hooks/use-scroll-container';
import { cardColumns, planRows, runsByGroup, withPinnedRow, type PlanRow } from '../../lib/plan-rows';
import type { StackGroup } from '../../store/filters';
import { useCardFocus } from './card-focus';
import { StackCardGrid, WaveHeader, type CardGridProps } from './WaveSection';

/** As `.card-grid` in styles/parts/plan.css: the narrowest card and the gap between cards. */
const CARD_MIN_WIDTH = 230;
const CARD_GAP = 8;
const HEAD_ESTIMATE = 130;
const CARD_ROW_ESTIMATE = 148;

export interface VirtualWavesProps {
  groups: readonly StackGroup[];
  /** Stacks of the group's wave in the whole plan (for "3 of 4 stacks" while filtering). */
  totalOf(group: StackGroup): number;
  cards: CardGridProps;
}

export function VirtualWaves({ groups, totalOf, cards }: VirtualWavesProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(listRef);
  const columns = cardColumns(width, CARD_MIN_WIDTH, CARD_GAP);
  const container = useScrollContainer(listRef);
  const stackIds = useMemo(() => groups.map((group) => ({ key: group.key, stackIds: group.stacks.map((stack) => stack.id) })), [groups]);
  const { rows, rowOf } = useMemo(() => planRows(stackIds, columns), [stackIds, columns]);
  const pinned = cards.tabbableId === null ? undefined : rowOf.get(cards.tabbableId);
  const rangeExtractor = useCallback((range: Range) => withPinnedRow(defaultRangeExtractor(range), pinned), [pinned]);

  // The app does not use the React Compiler; the virtualizer re-renders this component itself when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => container.element,
    estimateSize: (index) => (rows[index]?.kind === 'head' ? HEAD_ESTIMATE : CARD_ROW_ESTIMATE),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 3,
    scrollMargin: container.offset,
    scrollPaddingStart: container.paddingTop,
    rangeExtractor,
  });

  const cardFocus = useCardFocus();
  useEffect(() => {
    cardFocus.setRevealer((stackId) => {
      const row = rowOf.get(stackId);
      if (row === undefined) return false;
      virtualizer.scrollToIndex(row, { align: 'auto' });
      return true;
    });
    return () => cardFocus.setRevealer(null);
  }, [cardFocus, rowOf, virtualizer]);

  const margin = virtualizer.options.scrollMargin;
  const runs = runsByGroup(virtualizer.getVirtualItems(), rows);
  return (
    <div ref={listRef} className="waves-virtual" style={{ height: virtualizer.getTotalSize() }} data-testid="waves-virtual">
      {runs.map((run) => {
        const group = groups[run.group]!;
        const top = run.items[0]!.start - margin;
        const bottom = run.items[run.items.length - 1]!.end - margin;
        return (
          <section
            key={group.key}
            className={group.wave ? 'wave wave-rows' : 'wave wave-rows wave-none'}
            style={{ top, height: bottom - top }}
            aria-label={group.wave ? `Wave ${group.wave.order}: ${group.wave.name}` : 'Not in a wave'}
            {...(group.wave ? { 'data-testid': 'wave', 'data-wave-id': group.wave.id } : { 'data-testid': 'no-wave' })}
          >
            {run.items.map((item) => (
              <VirtualRow key={item.key} item={item} top={item.start - margin - top} measure={virtualizer.measureElement}>
                <RowContent row={rows[item.index]!} group={group} totalOf={totalOf} cards={cards} columns={columns} />
              </VirtualRow>
            ))}
          </section>
        );
      })}
    </div>
  );
}

function VirtualRow({ item, top, measure, children }: { item: VirtualItem; top: number; measure(element: Element | null): void; children: ReactNode }) {
  return (
    <div className="wave-row" data-index={item.index} ref={measure} style={{ transform: `translateY(${top}px)` }}>
      {children}
    </div>
  );
}

// Memoized: the list re-renders on every scroll event, a row only when what it shows changed.
const RowContent = memo(function RowContent({
  row,
  group,
  totalOf,
  cards,
  columns,
}: {
  row: PlanRow;
  group: StackGroup;
  totalOf(group: StackGroup): number;
  cards: CardGridProps;
  columns: number;
}) {
  if (row.kind === 'cards') {
    return <StackCardGrid waveId={group.wave?.id ?? null} stacks={group.stacks.slice(row.from, row.to)} cards={cards} columns={columns} />;
  }
  return <HeadRow group={group} first={row.group === 0} totalStacks={totalOf(group)} />;
});

function HeadRow({ group, first, totalStacks }: { group: StackGroup; first: boolean; totalStacks: number }) {
  const headingId = useId();
  return (
    <div className="wave-row-head" data-first={first || undefined}>
      <WaveHeader wave={group.wave} shown={group.stacks.length} totalStacks={totalStacks} headingId={headingId} />
      {group.stacks.length === 0 ? <p className="wave-empty">No stacks in this wave.</p> : null}
    </div>
  );
}
