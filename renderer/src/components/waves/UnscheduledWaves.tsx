// The waves without a cutover window, listed apart in dependency order (infrastructure waves usually): one row
// each with its phase and stack count; choosing one opens it on the Cutover tab. One Tab stop for the list;
// Up / Down, Home / End move between the rows.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { WaveView } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { GRID_KEYS, moveInGrid } from '../../lib/grid-nav';
import { useActions, useCockpit } from '../../store/context';
import { PhaseBadge } from '../common/PhaseBadge';
import { WavePlacements } from '../common/Placement';

export function UnscheduledWaves({ waves }: { waves: readonly WaveView[] }) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  if (waves.length === 0) return null;
  const tabbableId = focusedId !== null && waves.some((wave) => wave.id === focusedId) ? focusedId : waves[0]!.id;

  const onKeyDown = (waveId: string, event: KeyboardEvent<HTMLButtonElement>) => {
    if (!GRID_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    // One wave per row: Up / Down go between rows, Home / End to the first / last.
    const next = moveInGrid(
      waves.map((wave) => [wave.id]),
      waveId,
      event.key,
    );
    if (next !== null) buttons.current.get(next)?.focus();
  };

  return (
    <section className="unscheduled-waves" aria-labelledby="unscheduled-waves-title" data-testid="unscheduled-waves">
      <h3 id="unscheduled-waves-title" className="overview-subtitle">
        Without a cutover window <span className="muted">({plural(waves.length, 'wave')}, in dependency order)</span>
      </h3>
      <ol className="unscheduled-list">
        {waves.map((wave) => (
          <li key={wave.id}>
            <UnscheduledWave
              wave={wave}
              tabbable={wave.id === tabbableId}
              register={(element) => {
                if (element) buttons.current.set(wave.id, element);
                else buttons.current.delete(wave.id);
              }}
              onKeyDown={onKeyDown}
              onFocus={setFocusedId}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

interface UnscheduledWaveProps {
  wave: WaveView;
  tabbable: boolean;
  register(element: HTMLButtonElement | null): void;
  onKeyDown(waveId: string, event: KeyboardEvent<HTMLButtonElement>): void;
  onFocus(waveId: string): void;
}

function UnscheduledWave({ wave, tabbable, register, onKeyDown, onFocus }: UnscheduledWaveProps) {
  const readiness = useCockpit((state) => state.readiness.waves[wave.id]);
  const { openReadiness } = useActions();
  return (
    <button
      ref={register}
      type="button"
      className="unscheduled-wave"
      data-testid="unscheduled-wave"
      data-wave-id={wave.id}
      tabIndex={tabbable ? 0 : -1}
      title={`${readiness ? `${readiness.phaseDetail}. ` : ''}Open ${wave.name} on the Cutover tab`}
      onClick={() => openReadiness(wave.id)}
      onKeyDown={(event) => onKeyDown(wave.id, event)}
      onFocus={() => onFocus(wave.id)}
    >
      <span className="wave-order">{wave.order}</span>
      <span className="unscheduled-name">{wave.name}</span>
      {readiness ? <PhaseBadge wave={readiness} small testId="overview-phase" /> : <span className="muted">phase not known yet</span>}
      <span className="muted">{plural(wave.stackIds.length, 'stack')}</span>
      <WavePlacements wave={wave} />
      <span className="muted unscheduled-deps">{wave.dependsOn.length > 0 ? `after ${wave.dependsOn.join(', ')}` : 'no dependencies'}</span>
    </button>
  );
}
