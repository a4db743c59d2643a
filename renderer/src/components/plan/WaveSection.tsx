// One wave (or the stacks that are in no wave): heading, facts, and the grid of stack cards.
import { useId, useMemo, type KeyboardEvent } from 'react';
import type { PlanView, StackView, WaveView } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { StackCard } from './StackCard';
import { WaveButtons, WaveProgress } from './WaveControls';
import { WaveFacts } from './WaveFacts';
import { WaveGateSummary } from '../replication/WaveGateSummary';
import { ReadinessPill } from '../cutover/ReadinessView';
import { useActions, useCockpit } from '../../store/context';

export interface WaveSectionProps {
  wave: WaveView | null;
  stacks: readonly StackView[];
  /** Stacks of this wave in the whole plan, to show "3 of 4" while filtering. */
  totalStacks: number;
  registries: PlanView['registries'];
  tabbableId: string | null;
  selectedId: string | null;
  onOpen(stackId: string): void;
  onKey(stackId: string, event: KeyboardEvent<HTMLElement>): void;
  onFocusCard(stackId: string): void;
}

export function WaveSection(props: WaveSectionProps) {
  const { wave, stacks, totalStacks } = props;
  const headingId = useId();
  const { openReplication } = useActions();
  const readiness = useCockpit((state) => (wave ? state.readiness.waves[wave.id] : undefined));
  // The store keeps unchanged stack views, so a card re-renders only when its own status changed.
  const statusOf = useMemo(() => new Map((readiness?.stacks ?? []).map((status) => [status.stackId, status])), [readiness?.stacks]);
  const count = stacks.length === totalStacks ? plural(totalStacks, 'stack') : `${stacks.length} of ${plural(totalStacks, 'stack')}`;

  return (
    <section
      className={wave ? 'wave' : 'wave wave-none'}
      aria-labelledby={headingId}
      {...(wave ? { 'data-testid': 'wave', 'data-wave-id': wave.id } : { 'data-testid': 'no-wave' })}
    >
      <header className="wave-head">
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
          <span className="wave-count">{count}</span>
        </h3>
        {wave?.description ? <p className="wave-description">{wave.description}</p> : null}
        {wave ? <WaveFacts wave={wave} /> : <p className="wave-description">These stacks are not part of any wave yet.</p>}
        {wave ? <WaveGateSummary wave={wave} compact /> : null}
        {wave ? (
          <div className="wave-actions">
            <WaveButtons wave={wave} />
            <ReadinessPill waveId={wave.id} />
            <button type="button" className="link-button wave-replication-link" onClick={() => openReplication(wave.id)} title={`Gates, latency heatmap and tasks of ${wave.name}`}>
              Replication of {wave.name} →
            </button>
          </div>
        ) : null}
      </header>
      {wave ? <WaveProgress waveId={wave.id} /> : null}
      {stacks.length > 0 ? (
        <div className="card-grid">
          {stacks.map((stack) => (
            <StackCard
              key={stack.id}
              stack={stack}
              status={statusOf.get(stack.id)}
              registries={props.registries}
              tabbable={stack.id === props.tabbableId}
              selected={stack.id === props.selectedId}
              onOpen={props.onOpen}
              onKey={props.onKey}
              onFocusCard={props.onFocusCard}
            />
          ))}
        </div>
      ) : (
        <p className="wave-empty">No stacks in this wave.</p>
      )}
    </section>
  );
}
