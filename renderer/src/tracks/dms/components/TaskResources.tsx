// What the DMS console shows about a task beside its state: its ARN, its replication instance (identifier, class,
// status) and its source and target endpoints (engine, server, port, database; never how they sign in), each with
// its latest connection test and a button to test it again. The core describes instance and endpoints when it first
// sees the task and again only on "Describe again"; a connection test's outcome arrives by itself.
import { useEffect, useState } from 'react';
import type { ConnectionTestView, EndpointView, TaskResourcesView } from '../../../../../main/api/contract';
import { formatDataTime } from '../../../lib/readiness';
import { useDataClockRate } from '../hooks/use-freshness';
import { useDms, useDmsActions } from '../slice';

const CONNECTION_LABELS: Readonly<Record<ConnectionTestView['status'], string>> = {
  testing: 'Testing…',
  successful: 'Connection successful',
  failed: 'Connection failed',
  'timed-out': 'No result yet',
};

export function TaskResources({ taskKey, name }: { taskKey: string; name: string }) {
  const view = useDms((slice) => slice.dms.resources[taskKey]);
  const clock = useDataClockRate();
  const { fetchResources } = useDmsActions();
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The snapshot and events bring the resources; a task the store has none for (yet) asks once.
  const known = view !== undefined;
  useEffect(() => {
    if (known) return;
    let live = true;
    void fetchResources(taskKey).then((refusal) => {
      if (live && refusal) setError(refusal.message);
    });
    return () => {
      live = false;
    };
  }, [known, taskKey, fetchResources]);

  const refresh = async () => {
    setRefreshing(true);
    setError(null);
    const refusal = await fetchResources(taskKey, true);
    setRefreshing(false);
    setError(refusal ? refusal.message : null);
  };

  return (
    <section className="task-resources" aria-label={`DMS resources of ${name}`} data-testid="task-resources">
      <div className="task-resources-head">
        <h5 className="task-resources-title">Task, instance and endpoints</h5>
        {view?.describedAt ? <span className="muted">described {formatDataTime(view.describedAt, clock, { date: true })}</span> : null}
        <button
          type="button"
          className="link-button"
          onClick={() => void refresh()}
          disabled={refreshing}
          title="Describe the replication instance and the endpoints again now"
        >
          {refreshing ? 'Describing…' : 'Describe again'}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {!view ? (
        <p className="muted">Reading the task&rsquo;s resources…</p>
      ) : (
        <>
          <dl className="task-facts">
            <dt>Task ARN</dt>
            <dd>{view.taskArn ? <code data-testid="task-arn">{view.taskArn}</code> : <span className="muted">not known yet</span>}</dd>
            <dt>Replication instance</dt>
            <dd data-testid="task-instance">{view.instance ? <InstanceText instance={view.instance} /> : <span className="muted">not known yet</span>}</dd>
            {view.log ? (
              <>
                <dt>Log</dt>
                <dd>
                  <code>{view.log.group}</code> / <code>{view.log.stream}</code>
                </dd>
              </>
            ) : null}
          </dl>
          <div className="endpoint-list">
            {view.source ? <EndpointCard taskKey={taskKey} endpoint={view.source} /> : null}
            {view.target ? <EndpointCard taskKey={taskKey} endpoint={view.target} /> : null}
          </div>
          {view.problems.length > 0 ? (
            <ul className="plain-list muted task-resources-problems">
              {view.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

function InstanceText({ instance }: { instance: NonNullable<TaskResourcesView['instance']> }) {
  return (
    <>
      <strong title={instance.arn}>{instance.identifier ?? instance.arn}</strong>
      {instance.instanceClass ? <span> · {instance.instanceClass}</span> : null}
      {instance.status ? (
        <span className="resource-status" data-status={instance.status}>
          {' '}
          · {instance.status}
        </span>
      ) : null}
      {instance.engineVersion ? <span className="muted"> · engine {instance.engineVersion}</span> : null}
      {instance.multiAz ? <span className="muted"> · Multi-AZ</span> : null}
    </>
  );
}

function EndpointCard({ taskKey, endpoint }: { taskKey: string; endpoint: EndpointView }) {
  const pending = useDms((slice) => slice.pendingConnectionTests[`${taskKey}:${endpoint.role}`] === true);
  const { testConnection } = useDmsActions();
  const [refusal, setRefusal] = useState<string | null>(null);
  const label = endpoint.role === 'source' ? 'Source endpoint' : 'Target endpoint';
  const testing = pending || endpoint.connection?.status === 'testing';
  const where = endpoint.serverName ? `${endpoint.serverName}${endpoint.port !== null ? `:${endpoint.port}` : ''}` : null;

  const test = async () => {
    setRefusal(null);
    const error = await testConnection(taskKey, endpoint.role);
    if (error) setRefusal(error.message);
  };

  return (
    <article className="endpoint-card" aria-label={`${label} ${endpoint.identifier ?? endpoint.arn}`} data-testid={`endpoint-${endpoint.role}`}>
      <header className="endpoint-card-head">
        <span className="endpoint-role">{label}</span>
        <strong className="endpoint-name" title={endpoint.arn}>
          {endpoint.identifier ?? endpoint.arn}
        </strong>
        {endpoint.status ? <span className="muted">{endpoint.status}</span> : null}
      </header>
      <dl className="task-facts">
        <dt>Engine</dt>
        <dd>{endpoint.engine ?? '—'}</dd>
        <dt>Server</dt>
        <dd data-testid="endpoint-server">{where ? <code>{where}</code> : '—'}</dd>
        <dt>Database</dt>
        <dd>{endpoint.databaseName ?? '—'}</dd>
        {endpoint.sslMode ? (
          <>
            <dt>SSL mode</dt>
            <dd>{endpoint.sslMode}</dd>
          </>
        ) : null}
      </dl>
      <div className="endpoint-connection">
        <button
          type="button"
          onClick={() => void test()}
          disabled={testing}
          aria-busy={testing || undefined}
          title={`Test the connection from the replication instance to ${endpoint.identifier ?? 'this endpoint'}`}
        >
          {testing ? 'Testing connection…' : 'Test connection'}
        </button>
        <ConnectionResult connection={endpoint.connection} />
      </div>
      {refusal ? (
        <p className="error-text" role="alert" data-testid="connection-refused">
          {refusal}
        </p>
      ) : null}
    </article>
  );
}

function ConnectionResult({ connection }: { connection: ConnectionTestView | null }) {
  const clock = useDataClockRate();
  if (!connection) return <span className="muted">Not tested from the cockpit yet.</span>;
  const when = connection.finishedAt ?? connection.startedAt;
  return (
    <span className="connection-result" data-testid="connection-result" data-status={connection.status} role="status">
      <strong>{CONNECTION_LABELS[connection.status]}</strong>
      <span className="muted">
        {' '}
        · {connection.status === 'testing' ? 'since' : ''} {formatDataTime(when, clock, { date: true })}
      </span>
      {connection.message ? <span className="connection-message">{connection.message}</span> : null}
    </span>
  );
}
