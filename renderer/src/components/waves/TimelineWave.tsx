// One wave on the timeline: a bar the length of its cutover window in the colour of its phase, and its label
// (order and name, the window in UTC, the phase badge and the stack count). Opens the wave on the Cutover tab.
import { memo, type KeyboardEvent } from 'react';
import type { WaveView } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { phaseTone } from '../../lib/wave-phase';
import { formatWindowShort, type TimelineItem } from '../../lib/wave-timeline';
import { useActions, useCockpit } from '../../store/context';
import { PhaseBadge } from '../common/PhaseBadge';

export const TIMELINE_LANE_HEIGHT = 88;

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
  return (
    <li className="overview-item" style={{ left, top, width: item.width }} data-testid="overview-wave" data-wave-id={wave.id} data-lane={item.lane}>
      <button
        ref={(element) => register(wave.id, element)}
        type="button"
        className="overview-wave"
        tabIndex={tabbable ? 0 : -1}
        title={`${wave.name}: cutover ${window}${readiness ? `. ${readiness.phaseDetail}` : ''}. Open it on the Cutover tab`}
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
        <span className="overview-wave-status">
          {readiness ? <PhaseBadge wave={readiness} small testId="overview-phase" /> : <span className="muted">phase not known yet</span>}
          <span className="muted">{plural(wave.stackIds.length, 'stack')}</span>
        </span>
      </button>
    </li>
  );
});
