// One wave (or the stacks that are in no wave): heading, facts, and the grid of stack cards. The heading and the
// grid are also the pieces the virtualized plan view (VirtualWaves.tsx) renders row by row.
import { useId, type CSSProperties, type KeyboardEvent } from 'react';
import type { PlanView, StackView, WaveView } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { StackCard } from './StackCard';
import { WaveButtons, WaveProgress } from './WaveControls';
import { WaveFacts } from './WaveFacts';
import { ReadinessPill } from '../cutover/ReadinessView';
import { useStackStatuses } from '../../hooks/use-stack-statuses';
import { useTrackUis } from '../../seam/use-track';
import { WavePlacements } from '../common/Placement';

/** What every card of the plan view shares: the registries, the roving tab stop, the selection and the handlers. */
export interface CardGridProps {
  registries: PlanView['registries'];
  tabbableId: string | null;
  selectedId: string | null;
  onOpen(stackId: string): void;
  onKey(stackId: string, event: KeyboardEvent<HTMLElement>): void;
  onFocusCard(stackId: string): void;
}

export interface WaveSectionProps extends CardGridProps {
  wave: WaveView | null;
  stacks: readonly StackView[];
  /** Stacks of this wave in the whole plan, to show "3 of 4" while filtering. */
  totalStacks: number;
}

export function WaveSection(props: WaveSectionProps) {
  const { wave, stacks, totalStacks } = props;
  const headingId = useId();

  return (
    <section
      className={wave ? 'wave' : 'wave wave-none'}
      aria-labelledby={headingId}
      {...(wave ? { 'data-testid': 'wave', 'data-wave-id': wave.id } : { 'data-testid': 'no-wave' })}
    >
      <WaveHeader wave={wave} shown={stacks.length} totalStacks={totalStacks} headingId={headingId} />
      {stacks.length > 0 ? <StackCardGrid waveId={wave?.id ?? null} stacks={stacks} cards={props} /> : <p className="wave-empty">No stacks in this wave.</p>}
    </section>
  );
}

/**
 * The wave's heading (order, name, id, stack count), facts, each track's gate, operations with each track's link,
 * and phase, and its progress strip.
 */
export function WaveHeader({ wave, shown, totalStacks, headingId }: { wave: WaveView | null; shown: number; totalStacks: number; headingId: string }) {
  const tracks = useTrackUis();
  const count = shown === totalStacks ? plural(totalStacks, 'stack') : `${shown} of ${plural(totalStacks, 'stack')}`;
  return (
    <>
      <header className="wave-head">
        {/* The phase pill sits with the title, not with the buttons, whose row wraps (a refusal note takes a line). */}
        <div className="wave-title-row">
          <h3 id={headingId} className="wave-title">
            {wave ? (
              <>
                <span className="wave-order" aria-label={`Wave ${wave.order}:`}>
                  {wave.order}
                </span>
                <span className="wave-name">{wave.name}</span>
                <span className="wave-id">{wave.id}</span>
              </>
            ) : (
              <span className="wave-name">Not in a wave</span>
            )}
          </h3>
          {wave ? <ReadinessPill waveId={wave.id} /> : null}
          <span className="wave-count">{count}</span>
        </div>
        {wave ? <WavePlacements wave={wave} /> : null}
        {wave?.description ? <p className="wave-description">{wave.description}</p> : null}
        {wave ? <WaveFacts wave={wave} /> : <p className="wave-description">These stacks are not part of any wave yet.</p>}
        {wave ? tracks.map((track) => (track.waveGate ? <track.waveGate key={track.id} wave={wave} /> : null)) : null}
        {wave ? (
          <div className="wave-actions">
            <WaveButtons wave={wave} />
            {tracks.map((track) => (track.waveLink ? <track.waveLink key={track.id} wave={wave} /> : null))}
          </div>
        ) : null}
      </header>
      {wave ? <WaveProgress waveId={wave.id} /> : null}
    </>
  );
}

/** Stack cards of one wave: all of them, or one row of them in the virtualized view (`columns` set). */
export function StackCardGrid({
  waveId,
  stacks,
  cards,
  columns,
}: {
  waveId: string | null;
  stacks: readonly StackView[];
  cards: CardGridProps;
  columns?: number;
}) {
  // The store keeps unchanged stack views, so a card re-renders only when its own status changed.
  const statusOf = useStackStatuses(waveId);
  const style: CSSProperties | undefined = columns ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } : undefined;
  return (
    <div className="card-grid" style={style}>
      {stacks.map((stack) => (
        <StackCard
          key={stack.id}
          stack={stack}
          status={statusOf.get(stack.id)}
          registries={cards.registries}
          tabbable={stack.id === cards.tabbableId}
          selected={stack.id === cards.selectedId}
          onOpen={cards.onOpen}
          onKey={cards.onKey}
          onFocusCard={cards.onFocusCard}
        />
      ))}
    </div>
  );
}
