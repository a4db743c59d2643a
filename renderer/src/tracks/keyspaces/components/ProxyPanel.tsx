// The dual-write proxy as its metrics read: where, when last read (data clock, labelled), writes per second, write
// latency, read latency on each side, requests in flight, connections, failed writes on each side since the monitor
// started watching (non-zero stands out), and why it cannot be read.
import type { ProxyView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import { failedWritesText, formatNumber, msText, perSecondText, timeText } from '../words';

export function ProxyPanel({ proxy, clock }: { proxy: ProxyView; clock: ClockRate | null }) {
  return (
    <section className="ks-panel" aria-label="Dual-write proxy" data-testid="keyspaces-proxy">
      <header className="ks-panel-head">
        <h5 className="ks-panel-title">Dual-write proxy</h5>
      </header>
      <dl className="ks-facts">
        <dt>Metrics</dt>
        <dd>{proxy.url !== null ? <code>{proxy.url}</code> : <span className="muted">no URL yet</span>}</dd>
        {proxy.checkedAt !== null ? (
          <>
            <dt>Read at</dt>
            <dd>{timeText(proxy.checkedAt, clock)}</dd>
          </>
        ) : null}
        <dt>Writes</dt>
        <dd>{proxy.writesPerSecond !== null ? perSecondText(proxy.writesPerSecond, 'writes') : '—'}</dd>
        <dt>Write latency</dt>
        <dd>{proxy.writeLatencyMs !== null ? msText(proxy.writeLatencyMs) : '—'}</dd>
        <dt>Read latency</dt>
        <dd>
          origin {proxy.readLatencyOriginMs !== null ? msText(proxy.readLatencyOriginMs) : '—'} · target{' '}
          {proxy.readLatencyTargetMs !== null ? msText(proxy.readLatencyTargetMs) : '—'}
        </dd>
        <dt>In flight</dt>
        <dd>{proxy.inflight !== null ? `${formatNumber(proxy.inflight)} ${proxy.inflight === 1 ? 'request' : 'requests'}` : '—'}</dd>
        <dt>Connections</dt>
        <dd>{proxy.connections !== null ? `${formatNumber(proxy.connections)} ${proxy.connections === 1 ? 'connection' : 'connections'}` : '—'}</dd>
        <dt>Failed writes</dt>
        <dd data-testid="keyspaces-failed-writes">
          origin <span className={proxy.failedWritesOrigin > 0 ? 'count-bad' : undefined}>{failedWritesText(proxy.failedWritesOrigin)}</span> · target{' '}
          <span className={proxy.failedWritesTarget > 0 ? 'count-bad' : undefined}>{failedWritesText(proxy.failedWritesTarget)}</span>
          <span className="muted"> since watched</span>
        </dd>
        {proxy.problem !== null ? (
          <>
            <dt>Problem</dt>
            <dd className="ks-problem" data-testid="keyspaces-proxy-problem">
              {proxy.problem}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
