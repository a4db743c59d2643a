// A stack's bulk load: the Glue job and its newest run (state, start and end on the data clock with their clock,
// rows read, duration, the error when it failed), and "Start bulk load", disabled while a run is under way or a start
// is on its way, with the core's refusal in its words. After a run that succeeded, starting another asks first: it
// copies the whole history again.
import { useState } from 'react';
import type { BulkLoadView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import type { KeyspacesRefusal } from '../slice';
import { BULK_LOAD_TONE, bulkLoadDuration, bulkLoadPhase, bulkLoadStateText, dateTimeText, rowsText } from '../words';
import { TonePill } from './Pill';
import { Refusal } from './Refusal';

export interface BulkLoadPanelProps {
  load: BulkLoadView;
  clock: ClockRate | null;
  /** Why the button cannot be pressed now, or null. */
  blocked: string | null;
  refusal: KeyspacesRefusal | null;
  onStart: () => void;
  onDismiss: () => void;
}

export function BulkLoadPanel({ load, clock, blocked, refusal, onStart, onDismiss }: BulkLoadPanelProps) {
  const phase = bulkLoadPhase(load);
  const duration = bulkLoadDuration(load);
  const [confirming, setConfirming] = useState(false);
  const again = phase === 'succeeded';
  return (
    <section className="ks-panel" aria-label="Bulk load" data-testid="keyspaces-bulk-load" data-phase={phase}>
      <header className="ks-panel-head">
        <h5 className="ks-panel-title">Bulk load</h5>
        <TonePill tone={BULK_LOAD_TONE[phase]} label={bulkLoadStateText(load)} testId="keyspaces-load-state" />
      </header>
      <dl className="ks-facts">
        <dt>Glue job</dt>
        <dd>{load.jobName !== null ? <code>{load.jobName}</code> : <span className="muted">not known</span>}</dd>
        {load.runId !== null ? (
          <>
            <dt>Run</dt>
            <dd>
              <code>{load.runId}</code>
            </dd>
          </>
        ) : null}
        {load.startedAt !== null ? (
          <>
            <dt>Started</dt>
            <dd>{dateTimeText(load.startedAt, clock)}</dd>
          </>
        ) : null}
        {load.completedAt !== null ? (
          <>
            <dt>Ended</dt>
            <dd>{dateTimeText(load.completedAt, clock)}</dd>
          </>
        ) : null}
        {load.recordsRead !== null ? (
          <>
            <dt>Read</dt>
            <dd>
              {rowsText(load.recordsRead)}
              {phase === 'active' ? (
                <span className="muted"> so far</span>
              ) : !load.recordsFinal ? (
                <span className="muted" data-testid="keyspaces-load-count-pending">
                  {' '}
                  so far: CloudWatch publishes the run’s last minutes a few minutes after its end
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        {duration !== null ? (
          <>
            <dt>Duration</dt>
            <dd>{duration}</dd>
          </>
        ) : null}
        {load.problem !== null ? (
          <>
            <dt>Problem</dt>
            <dd data-testid="keyspaces-load-problem">{load.problem}</dd>
          </>
        ) : null}
      </dl>
      {load.errorMessage !== null ? (
        <div className="error-box" role={phase === 'failed' ? 'alert' : undefined} data-testid="keyspaces-load-error">
          <strong>{phase === 'failed' ? `The run ended ${bulkLoadStateText(load).toLowerCase()}.` : 'Glue reports an error:'}</strong>
          <pre className="error-text">{load.errorMessage}</pre>
        </div>
      ) : null}
      <div className="ks-actions">
        {confirming ? (
          <span role="group" aria-label="Confirm another bulk load" className="ks-confirm" data-testid="keyspaces-load-confirm">
            <span>The history was loaded already; another run copies every row again.</span>
            <button
              type="button"
              data-command="bulk-load-again"
              onClick={() => {
                setConfirming(false);
                onStart();
              }}
            >
              Run it again
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep the loaded data
            </button>
          </span>
        ) : (
          <button
            type="button"
            data-command="bulk-load"
            disabled={blocked !== null}
            title={blocked ?? `Starts a run of the Glue job ${load.jobName ?? ''}`}
            onClick={again ? () => setConfirming(true) : onStart}
          >
            {again ? 'Run the bulk load again…' : 'Start bulk load'}
          </button>
        )}
        {blocked !== null ? <span className="muted ks-why">{blocked}</span> : null}
      </div>
      {refusal ? <Refusal refusal={refusal} onDismiss={onDismiss} /> : null}
    </section>
  );
}
