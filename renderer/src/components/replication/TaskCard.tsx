// One DMS task at a glance: phase and DMS status (with the stop reason or failure), full-load progress, tables,
// CDC latency against the wave's gate with its trend, ETA, validation, the gate with its reasons and hold
// countdown, and how fresh all of it is. A stale task says so with its reason and its values are greyed: they
// are never shown as current.
import { useId } from 'react';
import type { ReplicationTaskView, StackView, WaveView } from '../../../../main/api/contract';
import { formatCount } from '../../lib/format';
import {
  formatCountdown,
  formatEta,
  formatLatency,
  holdRemaining,
  migrationTypeLabel,
  PHASE_LABELS,
  taskName,
  TREND_LABELS,
  VALIDATION_LABELS,
  type Freshness,
} from '../../lib/replication';

export interface TaskCardProps {
  task: ReplicationTaskView;
  stack: StackView | undefined;
  wave: WaveView | undefined;
  freshness: Freshness;
  now: number;
  /** The heading level of the task's name inside its container. */
  level?: 3 | 4;
  /** A fallback reverse task a rollback started: marked as such, and shown without a gate (it is no part of one). */
  reverse?: boolean;
}

export function TaskCard({ task, stack, wave, freshness, now, level = 4, reverse = false }: TaskCardProps) {
  const idBase = useId();
  const name = taskName(task, stack);
  const gateSeconds = wave?.gates?.maxCdcLatencySeconds ?? null;
  const Heading = level === 3 ? 'h3' : 'h4';
  const stale = freshness.stale;
  // A green gate has held its time: no countdown at 0:00 beside it.
  const hold = task.gate.status === 'green' ? null : holdRemaining(task, now, stale);
  const trend = TREND_LABELS[task.cdcTrend];
  const target = task.latest.cdcLatencyTargetSeconds;
  const overGate = gateSeconds !== null && target !== null && target > gateSeconds;

  return (
    <article
      className={stale ? 'task-card is-stale' : 'task-card'}
      aria-labelledby={`${idBase}-name`}
      data-testid="task-card"
      data-task-key={task.key}
      data-phase={task.phase}
      data-stale={stale}
      data-gate={task.gate.status}
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
        ) : (
          <GatePill status={task.gate.status} />
        )}
      </header>

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
          {task.stopReason ? <p className="muted">Stop reason: {task.stopReason}</p> : null}
        </div>
      ) : task.stopReason ? (
        <p className="task-stop-reason">
          <span className="muted">Stop reason: </span>
          {task.stopReason}
        </p>
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
          <dd>
            <FullLoadBar percent={task.fullLoadPercent} label={`Full load of ${name}`} />
            {task.fullLoadEtaSeconds !== null ? <span className="muted"> ETA {formatEta(task.fullLoadEtaSeconds)}</span> : null}
          </dd>
          <dt>Tables</dt>
          <dd data-testid="task-tables">
            {task.tables ? (
              <>
                {formatCount(task.tables.loaded)} loaded · {formatCount(task.tables.loading)} loading · {formatCount(task.tables.queued)} queued ·{' '}
                <span className={task.tables.errored > 0 ? 'count-bad' : undefined}>{formatCount(task.tables.errored)} errored</span>
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>CDC latency</dt>
          <dd data-testid="task-latency">
            source {formatLatency(task.latest.cdcLatencySourceSeconds)} · target{' '}
            <span className={overGate ? 'count-bad' : undefined}>{formatLatency(target)}</span>
            {gateSeconds !== null ? <span className="muted"> (gate {gateSeconds} s)</span> : null}{' '}
            <span className="trend" data-trend={task.cdcTrend} title={trend.text}>
              <span aria-hidden="true">{trend.glyph}</span> {trend.text}
            </span>
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
          Fallback reverse task of {stack?.name ?? task.stackId}, started by the rollback: it replicates the changes made on AWS back to the data center.
          It is no part of the wave&rsquo;s gate; its failure, or a stop nobody asked for, raises an alert.
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
            <p className="gate-hold" data-testid="gate-hold">
              Hold: <strong>{formatCountdown(hold)}</strong> to go{stale ? ' (as of the last read)' : ''}
              {task.gate.latencyUnderSince ? <span className="muted"> · under the gate since {task.gate.latencyUnderSince.slice(11, 19)} UTC</span> : null}
            </p>
          ) : null}
        </div>
      )}
    </article>
  );
}

export function GatePill({ status, label }: { status: 'green' | 'red' | 'unknown'; label?: string }) {
  return (
    <span className="gate-pill" data-gate={status}>
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
