// One DMS task at a glance: phase and DMS status (with the stop reason or failure), full-load progress, tables,
// CDC latency against the wave's gate with its trend, ETA, validation, the gate with its reasons and hold
// countdown, and how fresh all of it is. A stale task says so with its reason and its values are greyed: they
// are never shown as current; nor is a stopped task's latency or an old datapoint: those show greyed with their
// age. While the wave's gates decide nothing (its phase: cut over, cutting over…) or it has none, the gate is
// said neutrally, never in red. Data-clock times are labelled with that clock (lib/readiness.ts formatDataTime).
// Every value's age is measured from its datapoint's time as the view carries it (the gate's reasons use the same);
// CDC latency reads "—" before CDC; a CDC-only task has no full load, and a fallback reverse task is not gated.
import { useId } from 'react';
import type { DmsMetric, ReplicationTaskView, StackView, WaveView } from '../../../../../main/api/contract';
import { useDataClockRate } from '../hooks/use-freshness';
import { formatCount } from '../../../lib/format';
import { formatDataTime } from '../../../lib/readiness';
import {
  formatCountdown,
  fullLoadEtaText,
  gateJudgement,
  hasFullLoad,
  holdRemaining,
  latencyGateNote,
  latencyReading,
  latestSampleAt,
  migrationTypeLabel,
  PHASE_LABELS,
  stopReasonText,
  taskName,
  TREND_LABELS,
  VALIDATION_LABELS,
  type Freshness,
  type FreshnessContext,
  type GateJudgement,
  type ValueReading,
} from '../lib/replication';
import { lastBufferTime } from '../lib/series';
import { PlacementTag } from '../../../components/common/Placement';
import { usePlanAccounts } from '../../../hooks/use-placements';
import { placementOf } from '../../../lib/accounts';
import { useCockpit } from '../../../store/context';
import { useDms } from '../slice';

export interface TaskCardProps {
  task: ReplicationTaskView;
  stack: StackView | undefined;
  wave: WaveView | undefined;
  freshness: Freshness;
  /** The clocks (wall and data) the card's ages and countdowns are measured on. */
  context: FreshnessContext;
  /** The heading level of the task's name inside its container. */
  level?: 3 | 4;
  /** A fallback reverse task a rollback started: marked as such, and shown without a gate (it is no part of one). */
  reverse?: boolean;
  /** Newest datapoint times the task's chart history shows (data clock, ms), when it is open. */
  sampleTimes?: Readonly<Partial<Record<DmsMetric, number>>>;
}

const NO_WAVE: GateJudgement = {
  kind: 'none',
  label: 'no gates defined',
  why: 'the task’s stack is in no wave',
  text: 'No gates: the task’s stack is in no wave',
};

/** How the wave's gate reads for its tasks now (judged, not judged in its phase, or none defined). */
export function useGateJudgement(wave: WaveView | undefined): GateJudgement {
  const readiness = useCockpit((state) => (wave ? state.readiness.waves[wave.id] : undefined));
  return wave ? gateJudgement(wave.gates !== null, readiness) : NO_WAVE;
}

export function TaskCard({ task, stack, wave, freshness, context, level = 4, reverse = false, sampleTimes }: TaskCardProps) {
  const idBase = useId();
  const name = taskName(task, stack);
  // A fallback reverse task is no part of the wave's gate: no gate to measure its latency against.
  const gateSeconds = reverse ? null : (wave?.gates?.maxCdcLatencySeconds ?? null);
  const Heading = level === 3 ? 'h3' : 'h4';
  const stale = freshness.stale;
  const judgement = useGateJudgement(wave);
  const judged = judgement.kind === 'judged';
  const clock = useDataClockRate();
  // The datapoints' times as the view carries them (the gate measures ages from the same); a view without them
  // falls back to a sample that arrived since the page opened, or to the chart history while the task is open.
  const sourceSeen = latestOf(
    useDms((slice) => lastBufferTime(slice.dms.series[task.key]?.CDCLatencySource)),
    sampleTimes?.CDCLatencySource,
  );
  const targetSeen = latestOf(
    useDms((slice) => lastBufferTime(slice.dms.series[task.key]?.CDCLatencyTarget)),
    sampleTimes?.CDCLatencyTarget,
  );
  const source = latencyReading(task.latest.cdcLatencySourceSeconds, latestSampleAt(task, 'CDCLatencySource', sourceSeen), task, freshness, context);
  const target = latencyReading(task.latest.cdcLatencyTargetSeconds, latestSampleAt(task, 'CDCLatencyTarget', targetSeen), task, freshness, context);
  const eta = fullLoadEtaText(task, clock);
  const gateNote = latencyGateNote(reverse, gateSeconds);
  // One note for both latencies when they share it ("last values before the task stopped").
  const notes = [...new Set([target.note, source.note].filter((note): note is string => note !== null))].map((note) =>
    source.note === target.note ? note.replace(/^last value/, 'last values') : note,
  );
  // A green gate has held its time: no countdown at 0:00 beside it; a gate that does not judge has no hold.
  const hold = judged && task.gate.status !== 'green' ? holdRemaining(task, context.dataNow, stale) : null;
  const trend = TREND_LABELS[task.cdcTrend];
  const overGate = target.live && gateSeconds !== null && task.latest.cdcLatencyTargetSeconds !== null && task.latest.cdcLatencyTargetSeconds > gateSeconds;
  const gateShown = reverse ? undefined : judged ? task.gate.status : 'neutral';
  const placement = stack ? placementOf(stack) : null;
  const accounts = usePlanAccounts();

  return (
    <article
      className={stale ? 'task-card is-stale' : 'task-card'}
      aria-labelledby={`${idBase}-name`}
      data-testid="task-card"
      data-task-key={task.key}
      data-phase={task.phase}
      data-stale={stale}
      data-gate={gateShown ?? task.gate.status}
      data-gate-status={task.gate.status}
      data-reverse={reverse || undefined}
    >
      <header className="task-card-head">
        <Heading id={`${idBase}-name`} className="task-name">
          {name}
        </Heading>
        <span className="phase-pill" data-phase={task.phase} data-testid="task-phase">
          {PHASE_LABELS[task.phase]}
        </span>
        {reverse ? (
          <span className="reverse-pill" data-testid="reverse-pill" title="The fallback reverse task a rollback started: it keeps the data center current">
            fallback · AWS → data center
          </span>
        ) : judged ? (
          <GatePill status={task.gate.status} />
        ) : (
          <GatePill status="neutral" label={judgement.kind === 'none' ? 'no gates defined' : 'gate not judged'} title={judgement.text} />
        )}
      </header>
      {placement ? <PlacementTag placement={placement} accounts={accounts} testId="task-placement" /> : null}

      <p className="task-freshness" data-testid="task-freshness">
        {stale ? (
          <span className="stale-tag" title={freshness.reason ?? undefined}>
            Stale
          </span>
        ) : null}
        <span className={stale ? 'stale-reason' : 'muted'}>
          {stale && freshness.reason ? `${freshness.reason} · ` : ''}
          {freshness.text}
        </span>
      </p>

      {task.phase === 'failed' || task.lastFailureMessage ? (
        <div className="error-box task-failure" role={task.phase === 'failed' ? 'alert' : undefined}>
          <strong>{task.phase === 'failed' ? 'The task failed.' : 'Last failure:'}</strong>
          {task.lastFailureMessage ? <pre className="error-text">{task.lastFailureMessage}</pre> : null}
          {task.stopReason ? <StopReason raw={task.stopReason} className="muted" /> : null}
        </div>
      ) : task.stopReason ? (
        <StopReason raw={task.stopReason} className="task-stop-reason" />
      ) : null}

      <div className="task-values">
        <dl className="task-facts">
          <dt>DMS status</dt>
          <dd>
            {task.status ?? '—'}
            {task.migrationType ? <span className="muted"> · {migrationTypeLabel(task.migrationType)}</span> : null}
          </dd>
          {task.phase === 'unresolved' ? (
            <>
              <dt>Why unresolved</dt>
              <dd>{task.resolution ?? 'DMS does not know this task yet'}</dd>
            </>
          ) : null}
          <dt>Full load</dt>
          <dd data-testid="task-full-load">
            {hasFullLoad(task) ? (
              <>
                <FullLoadBar percent={task.fullLoadPercent} label={`Full load of ${name}`} />
                {eta !== null ? (
                  <span className="muted" data-testid="task-eta">
                    {' '}
                    {eta}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="muted">none (CDC only)</span>
            )}
          </dd>
          <dt>Tables</dt>
          <dd data-testid="task-tables">
            {task.tables ? (
              <>
                {hasFullLoad(task) ? (
                  <>
                    {/* Each count stays with its word when the line wraps. */}
                    <span className="count-word">{formatCount(task.tables.loaded)} loaded</span> ·{' '}
                    <span className="count-word">{formatCount(task.tables.loading)} loading</span> ·{' '}
                    <span className="count-word">{formatCount(task.tables.queued)} queued</span> ·{' '}
                  </>
                ) : (
                  // A CDC-only task loads nothing: its tables are replicated, never "loaded".
                  <>
                    <span className="count-word">{formatCount(task.tables.loaded + task.tables.loading + task.tables.queued)} replicated</span> ·{' '}
                  </>
                )}
                <span className={task.tables.errored > 0 ? 'count-word count-bad' : 'count-word'}>{formatCount(task.tables.errored)} errored</span>
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>CDC latency</dt>
          <dd data-testid="task-latency" data-live={target.live}>
            source <Reading reading={source} /> · target <Reading reading={target} bad={overGate} />
            {notes.length > 0 ? <span className="value-note">, {notes.join('; ')}</span> : null}
            {gateNote !== null ? <span className="muted"> {gateNote}</span> : null}
            {target.live || source.live ? (
              <>
                {' '}
                <span className="trend" data-trend={task.cdcTrend} title={trend.text}>
                  <span aria-hidden="true">{trend.glyph}</span> {trend.text}
                </span>
              </>
            ) : null}
          </dd>
          <dt>Validation</dt>
          <dd>
            {task.validation ? (
              <>
                <span className={task.validation.state === 'mismatched' || task.validation.state === 'error' ? 'count-bad' : undefined}>
                  {VALIDATION_LABELS[task.validation.state]}
                </span>
                {task.validation.failedRecords > 0 || task.validation.suspendedRecords > 0 ? (
                  <span className="muted">
                    {' '}
                    · {formatCount(task.validation.failedRecords)} failed, {formatCount(task.validation.suspendedRecords)} suspended records
                  </span>
                ) : null}
              </>
            ) : (
              <span className="muted">not read yet</span>
            )}
          </dd>
        </dl>
      </div>

      {reverse ? (
        <p className="task-gate muted" data-testid="task-gate-none">
          Fallback reverse task of {stack?.name ?? task.stackId}, started by the rollback: it replicates the changes made on AWS back to the data center. It is
          no part of the wave&rsquo;s gate; its failure, or a stop nobody asked for, raises an alert.
        </p>
      ) : !judged ? (
        <p className="task-gate task-gate-neutral" data-testid="task-gate" data-status={judgement.kind}>
          {judgement.text}.
        </p>
      ) : (
        <div className="task-gate" data-testid="task-gate" data-status={task.gate.status}>
          {task.gate.status === 'green' ? (
            <p>Gate green: latency held under {gateSeconds ?? '?'} s.</p>
          ) : task.gate.reasons.length > 0 ? (
            <ul className="gate-reasons" aria-label={`Why the gate of ${name} is not green`}>
              {task.gate.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Gate {task.gate.status}.</p>
          )}
          {hold !== null ? (
            <p className="gate-hold" data-testid="gate-hold" data-done={hold === 0 || undefined}>
              {hold > 0 ? (
                <>
                  Latency hold: <strong>{formatCountdown(hold)}</strong> to go{stale ? ' (as of the last read)' : ''}
                  {task.gate.latencyUnderSince ? (
                    <span className="muted"> · under the gate since {formatDataTime(task.gate.latencyUnderSince, clock)}</span>
                  ) : null}
                </>
              ) : (
                // The latency streak counts whatever else holds the gate red (main/tracks/dms/monitor/gates.ts): at 0:00 it is done,
                // and the gate turns green as soon as the reasons above clear, without a new hold.
                <>
                  Latency hold done
                  {task.gate.latencyUnderSince ? (
                    <span className="muted">: under the gate since {formatDataTime(task.gate.latencyUnderSince, clock)}</span>
                  ) : null}
                  . The gate waits only on the reasons above.
                </>
              )}
            </p>
          ) : null}
        </div>
      )}
    </article>
  );
}

function latestOf(a: number | null, b: number | undefined): number | null {
  return b === undefined ? a : a === null ? b : Math.max(a, b);
}

/** A latest value: as it is when current, greyed when not (its age or "last value" goes beside it). */
function Reading({ reading, bad = false }: { reading: ValueReading; bad?: boolean }) {
  const old = !reading.live && reading.note !== null;
  return <span className={old ? 'value-old' : bad ? 'count-bad' : undefined}>{reading.value}</span>;
}

/** DMS's stop reason, once and readable (its own words in the tooltip). */
function StopReason({ raw, className }: { raw: string; className: string }) {
  return (
    <p className={className} data-testid="task-stop-reason">
      <span className="muted">Stop reason: </span>
      <span title={`DMS: ${raw}`}>{stopReasonText(raw)}</span>
    </p>
  );
}

/** A gate's status as a pill; `neutral` when the gates judge nothing (no gates, or a phase in which they decide nothing). */
export function GatePill({ status, label, title }: { status: 'green' | 'red' | 'unknown' | 'neutral'; label?: string; title?: string }) {
  return (
    <span className="gate-pill" data-gate={status} title={title}>
      <span className="gate-dot" aria-hidden="true" />
      {label ?? `gate ${status}`}
    </span>
  );
}

export function FullLoadBar({ percent, label }: { percent: number | null; label: string }) {
  const value = percent === null ? null : Math.max(0, Math.min(100, percent));
  return (
    <span className="full-load">
      <span
        className="progress full-load-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(value !== null ? { 'aria-valuenow': Math.round(value) } : { 'aria-valuetext': 'not known' })}
      >
        {value !== null ? <span className="progress-fill" style={{ width: `${value}%` }} /> : null}
      </span>
      <span className="full-load-text">{value !== null ? `${Math.round(value)} %` : '—'}</span>
    </span>
  );
}
