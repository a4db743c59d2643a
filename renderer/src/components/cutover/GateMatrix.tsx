// A wave's phase and cutover readiness: READY / NOT READY with why and since when while the gates decide (before a
// cutover, or after a rollback), and the gate matrix — one row per stack,
// one column per gate of the plan (PlanView.gateColumns: infrastructure, registration, each track's gates such as
// DMS's data, dependencies), each cell green / red / unknown with the time since it went green, the hold countdown
// while a gate with a hold times, or its first reason (all of them in the
// tooltip and in the detail below the grid). An ARIA grid: arrow keys, Home / End, Page Up / Down move between
// cells; Enter shows a cell's reasons. Rows (GateMatrixRows.tsx) are memoized (the store keeps unchanged stack objects) and virtualized
// above VIRTUALIZE_ABOVE rows.
import { WAVE_PHASE_WORDS } from '../../../../common/states';
import { useCallback, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { GateColumnView, ReadinessGateView, StackView, WaveReadinessView, WaveView } from '../../../../main/api/contract';
import { formatUtcSeconds } from '../../lib/format';
import { dataClockLabel, dataDurationsNote, dataNow, gateLabel, greenCounts, waveHeadline } from '../../lib/readiness';
import { useDataClock } from '../../hooks/use-data-clock';
import { useNow } from '../../hooks/use-now';
import { gatesDecide } from '../../lib/wave-phase';
import { stoppedAtCutoverOf } from '../../seam/contributions';
import { useTrackUis } from '../../seam/use-track';
import { useCockpit } from '../../store/context';
import { PhaseBadge } from '../common/PhaseBadge';
import { WavePlacements } from '../common/Placement';
import { PlainRows, VirtualRows, type Focus } from './GateMatrixRows';

export const VIRTUALIZE_ABOVE = 60;

/** `columns`: the plan's gate columns (PlanView.gateColumns), the order every stack's gates follow. */
export function GateMatrix({ wave, stacks, columns }: { wave: WaveView; stacks: ReadonlyMap<string, StackView>; columns: readonly GateColumnView[] }) {
  const readiness = useCockpit((state) => state.readiness.waves[wave.id]);
  const loaded = useCockpit((state) => state.readiness.loaded);
  const error = useCockpit((state) => state.readiness.error);
  const dataClock = useDataClock();
  const stoppedAtCutover = stoppedAtCutoverOf(useTrackUis());
  const now = dataNow(dataClock, useNow(true, 1000));
  const [onlyBlocking, setOnlyBlocking] = useState(false);
  const [focus, setFocus] = useState<Focus>({ row: 0, col: 1 });
  const [opened, setOpened] = useState<Focus | null>(null);
  const movedRef = useRef(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const filterId = useId();

  const rows = useMemo(
    () => (readiness ? (onlyBlocking ? readiness.stacks.filter((stack) => !stack.ready) : readiness.stacks) : []),
    [readiness, onlyBlocking],
  );
  const counts = useMemo(() => greenCounts(readiness ?? NO_READINESS, columns.length), [readiness, columns.length]);
  // The stack's name, then one per gate.
  const width = columns.length + 1;
  const row = Math.min(focus.row, Math.max(0, rows.length - 1));

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const last = rows.length - 1;
      if (last < 0) return;
      let next: Focus;
      const page = 10;
      switch (event.key) {
        case 'ArrowRight':
          next = { row, col: Math.min(width - 1, focus.col + 1) };
          break;
        case 'ArrowLeft':
          next = { row, col: Math.max(0, focus.col - 1) };
          break;
        case 'ArrowDown':
          next = { row: Math.min(last, row + 1), col: focus.col };
          break;
        case 'ArrowUp':
          next = { row: Math.max(0, row - 1), col: focus.col };
          break;
        case 'PageDown':
          next = { row: Math.min(last, row + page), col: focus.col };
          break;
        case 'PageUp':
          next = { row: Math.max(0, row - page), col: focus.col };
          break;
        case 'Home':
          next = event.ctrlKey ? { row: 0, col: 0 } : { row, col: 0 };
          break;
        case 'End':
          next = event.ctrlKey ? { row: last, col: width - 1 } : { row, col: width - 1 };
          break;
        case 'Enter':
        case ' ':
          event.preventDefault();
          setOpened((current) => (current && current.row === row && current.col === focus.col ? null : { row, col: focus.col }));
          return;
        case 'Escape':
          setOpened(null);
          return;
        default:
          return;
      }
      event.preventDefault();
      movedRef.current = true;
      setFocus(next);
    },
    [rows.length, row, focus.col, width],
  );

  const onCellClick = useCallback((target: Focus) => {
    setFocus(target);
    setOpened((current) => (current && current.row === target.row && current.col === target.col ? null : target));
  }, []);

  if (!readiness) {
    return (
      <section className="gate-matrix" aria-label={`Readiness of ${wave.name}`} data-testid="gate-matrix" data-wave-id={wave.id}>
        <p className="muted">{error ? `Readiness is not available: ${error}` : loaded ? 'No readiness for this wave yet.' : 'Reading readiness…'}</p>
      </section>
    );
  }

  const decide = gatesDecide(readiness.phase);
  // Green-since and hold durations count on the data clock; said when it runs faster than the runbook's real time.
  const durationsNote = dataDurationsNote(dataClock);
  const openedStack = opened ? rows[opened.row] : undefined;
  const openedGate = opened && openedStack && opened.col > 0 ? openedStack.gates[opened.col - 1] : undefined;

  const rowsProps = { rows, stacks, columns, now, focus: { row, col: focus.col }, movedRef, gridRef, judged: decide, onCell: onCellClick };
  return (
    <section className="gate-matrix" aria-labelledby={headingId} data-testid="gate-matrix" data-wave-id={wave.id} data-ready={readiness.ready}>
      <header className="gate-matrix-head">
        <h3 id={headingId} className="gate-matrix-title">
          <PhaseBadge wave={readiness} testId="matrix-phase" />
          <span className="wave-name">{wave.name}</span>
          {decide ? (
            <span className="readiness-pill" data-ready={readiness.ready} data-testid="readiness-headline">
              {waveHeadline(readiness, now)}
            </span>
          ) : null}
        </h3>
        <WavePlacements wave={wave} />
        {!decide ? (
          <p className="phase-note" data-testid="phase-note">
            {WAVE_PHASE_WORDS[readiness.phase]}
            {readiness.phaseSince ? ` since ${formatUtcSeconds(readiness.phaseSince)}` : ''}: {readiness.phaseDetail}. The gates below judge a wave before its
            cutover and decide nothing now
            {stoppedAtCutover !== null && (readiness.phase === 'cut-over' || readiness.phase === 'finalized')
              ? ` (the runbook stopped ${stoppedAtCutover} on purpose)`
              : ''}
            .
          </p>
        ) : null}
        {decide && readiness.ready && readiness.readySince ? (
          <p className="muted" data-testid="ready-since">
            Ready since {formatUtcSeconds(readiness.readySince).replace(/ UTC$/, '')} {dataClockLabel(dataClock)}.
          </p>
        ) : null}
        {decide && !readiness.ready && readiness.blockingReasons.length > 0 ? (
          <details className="readiness-blocking" data-testid="readiness-blocking">
            <summary>
              Why not ready ({readiness.blockingCount} {readiness.blockingCount === 1 ? 'gate' : 'gates'})
            </summary>
            <ul className="gate-reasons">
              {readiness.blockingReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {durationsNote ? (
          <p className="muted gate-clock-note" data-testid="gate-clock-note">
            Gate cells: {durationsNote}; the runbook&apos;s times (started, elapsed, downtime) are real time.
          </p>
        ) : null}
        <label className="readiness-filter" htmlFor={filterId}>
          <input id={filterId} type="checkbox" checked={onlyBlocking} onChange={(event) => setOnlyBlocking(event.target.checked)} /> Only stacks not ready
        </label>
      </header>
      {rows.length === 0 ? (
        <p className="muted">{readiness.stacks.length === 0 ? 'This wave has no stacks.' : 'Every stack of this wave is ready.'}</p>
      ) : (
        <div
          ref={gridRef}
          className={rows.length > VIRTUALIZE_ABOVE ? 'gate-grid is-virtual' : 'gate-grid'}
          role="grid"
          aria-label={`Readiness gates of ${wave.name}: stacks by gate`}
          aria-rowcount={rows.length + 1}
          aria-colcount={width}
          onKeyDown={onKeyDown}
          // One column per gate of the plan (a track adds its own): the rows' grid reads the count from here.
          style={{ '--gate-columns': columns.length } as CSSProperties}
        >
          <div className="gate-row gate-header" role="row" aria-rowindex={1}>
            <span role="columnheader" className="gate-cell gate-stack">
              Stack
            </span>
            {columns.map((column, index) => (
              <span key={column.id} role="columnheader" className="gate-cell" title={column.help}>
                {column.label}
                {/* Green counts only while the gates decide: "0/3" over a cut-over wave would read as a failure. */}
                {decide ? <ColumnCount count={counts[index]} /> : null}
              </span>
            ))}
          </div>
          {rows.length > VIRTUALIZE_ABOVE ? <VirtualRows {...rowsProps} /> : <PlainRows {...rowsProps} />}
        </div>
      )}
      {openedStack ? (
        <div className="gate-detail" data-testid="gate-detail" aria-live="polite">
          <strong>{openedStack.stackId}</strong>
          {openedGate ? (
            <GateDetail gate={openedGate} label={gateLabel(columns, openedGate.gate)} />
          ) : (
            openedStack.gates.map((gate) => <GateDetail key={gate.gate} gate={gate} label={gateLabel(columns, gate.gate)} />)
          )}
        </div>
      ) : null}
    </section>
  );
}

const NO_READINESS: Pick<WaveReadinessView, 'stacks'> = { stacks: [] };

function GateDetail({ gate, label }: { gate: ReadinessGateView; label: string }) {
  return (
    <div className="gate-detail-gate" data-gate={gate.status}>
      <span className="gate-dot" aria-hidden="true" /> {label}: {gate.status}
      {gate.greenSince ? ` since ${formatUtcSeconds(gate.greenSince)}` : ''}
      {gate.reasons.length > 0 ? (
        <ul className="gate-reasons">
          {gate.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A column's green cells of those it judges; a dash where the gate applies to no stack of the wave. */
function ColumnCount({ count }: { count: { green: number; of: number } | undefined }) {
  if (!count || count.of === 0)
    return (
      <span className="muted" title="No stack of this wave has anything for this gate to check">
        {' '}
        —
      </span>
    );
  return (
    <span className="muted" title={`${count.green} of the ${count.of} stacks this gate checks are green`}>
      {' '}
      {count.green}/{count.of}
    </span>
  );
}
