// One wave on the timeline: a bar the length of its cutover window in the colour of its phase, and its label
// (order and name, the window in UTC, the phase badge and the stack count). Opens the wave on the Cutover tab.
import { memo, type KeyboardEvent } from 'react';
import type { WaveView } from '../../../../main/api/contract';
import { usePlanAccounts, useStackPlacements } from '../../hooks/use-placements';
import { placementText } from '../../lib/accounts';
import { plural } from '../../lib/format';
import { phaseTone } from '../../lib/wave-phase';
import { formatWindowShort, type TimelineItem } from '../../lib/wave-timeline';
import { useActions, useCockpit } from '../../store/context';
import { PhaseBadge } from '../common/PhaseBadge';
import { PlacementTag } from '../common/Placement';

export const TIMELINE_LANE_HEIGHT = 88;
/** The extra line of a plan with accounts: where each wave's stacks live. */
export const TIMELINE_PLACEMENT_LINE = 18;

interface TimelineWaveProps {
  item: TimelineItem;
  left: number;
  top: number;
  wave: WaveView;
  tabbable: boolean;
  register(waveId: string, element: HTMLButtonElement | null): void;
  onKeyDown(waveId: string, event: KeyboardEvent<HTMLButtonElement>): void;
  onFocus(waveId: string): void;
}

export const TimelineWave = memo(function TimelineWave({ item, left, top, wave, tabbable, register, onKeyDown, onFocus }: TimelineWaveProps) {
  const readiness = useCockpit((state) => state.readiness.waves[wave.id]);
  const { openReadiness } = useActions();
  const window = formatWindowShort(item.startMs, item.endMs);
  const placements = useStackPlacements(wave.stackIds);
  const accounts = usePlanAccounts();
  const where = placements.length > 0 ? `. In ${placements.map(placementText).join(', ')}` : '';
  return (
    <li className="overview-item" style={{ left, top, width: item.width }} data-testid="overview-wave" data-wave-id={wave.id} data-lane={item.lane}>
      <button
        ref={(element) => register(wave.id, element)}
        type="button"
        className="overview-wave"
        tabIndex={tabbable ? 0 : -1}
        title={`${wave.name}: cutover ${window}${readiness ? `. ${readiness.phaseDetail}` : ''}${where}. Open it on the Cutover tab`}
        onClick={() => openReadiness(wave.id)}
        onKeyDown={(event) => onKeyDown(wave.id, event)}
        onFocus={() => onFocus(wave.id)}
      >
        <span className="overview-bar" data-tone={readiness ? phaseTone(readiness.phase) : 'idle'} style={{ width: item.barWidth }} aria-hidden="true" />
        <span className="overview-wave-name">
          <span className="wave-order" aria-label={`Wave ${wave.order}:`}>
            {wave.order}
          </span>
          <span className="overview-wave-title">{wave.name}</span>
        </span>
        <time className="overview-wave-window" dateTime={new Date(item.startMs).toISOString()}>
          {window}
        </time>
        {placements.length > 0 ? (
          // The label is narrow: names and regions only, cut with an ellipsis; the title has them all with their ids.
          <span className="overview-wave-accounts" aria-label={`Accounts and regions of ${wave.name}`}>
            {placements.map((placement) => (
              <PlacementTag key={`${placement.account.id}/${placement.region}`} placement={placement} accounts={accounts} short />
            ))}
          </span>
        ) : null}
        <span className="overview-wave-status">
          {readiness ? <PhaseBadge wave={readiness} small testId="overview-phase" /> : <span className="muted">phase not known yet</span>}
          <span className="muted">{plural(wave.stackIds.length, 'stack')}</span>
        </span>
      </button>
    </li>
  );
});
