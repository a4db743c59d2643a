// The dual-write hold: clean or not, the failed writes and Keyspaces throttle events in the hold's window against the
// wave's limits, since when the proxy has been watched and when the hold ends (data clock, labelled).
import type { DualWriteView, ProxyView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import { HOLD_STATUS_TONE, HOLD_STATUS_WORDS, holdEndText, holdLimitLines, holdStatus, timeText } from '../words';
import { TonePill } from './Pill';

export function DualWritePanel({ hold, proxy, clock }: { hold: DualWriteView; proxy: ProxyView; clock: ClockRate | null }) {
  const status = holdStatus(hold, proxy);
  const end = holdEndText(hold, clock);
  return (
    <section className="ks-panel" aria-label="Dual-write hold" data-testid="keyspaces-hold" data-status={status}>
      <header className="ks-panel-head">
        <h5 className="ks-panel-title">Dual-write hold</h5>
        <TonePill tone={HOLD_STATUS_TONE[status]} label={HOLD_STATUS_WORDS[status]} testId="keyspaces-hold-state" />
      </header>
      <ul className="ks-lines">
        {holdLimitLines(hold).map((line) => (
          <li key={line.text} className={line.over ? 'count-bad' : undefined} data-over={line.over || undefined}>
            {line.text}
          </li>
        ))}
      </ul>
      <dl className="ks-facts">
        {hold.observedSince !== null ? (
          <>
            <dt>Watched since</dt>
            <dd>{timeText(hold.observedSince, clock)}</dd>
          </>
        ) : null}
        <dt>Hold</dt>
        <dd data-testid="keyspaces-hold-end">{end ?? 'starts once the proxy is read'}</dd>
      </dl>
    </section>
  );
}
