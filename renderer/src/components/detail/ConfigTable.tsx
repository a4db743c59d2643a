// A stack's configuration. Secrets show only where they come from; their values never reach the UI.
import type { ConfigEntry } from '../../../../main/api/contract';

export function ConfigTable({ entries }: { entries: readonly ConfigEntry[] }) {
  if (entries.length === 0) return <p className="muted">No configuration.</p>;
  return (
    <table className="config-table">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.key} data-kind={entry.kind}>
            <th scope="row">{entry.key}</th>
            <td>
              {entry.kind === 'plain' ? (
                <code>{String(entry.value)}</code>
              ) : (
                <span className="secret">
                  <span className="secret-tag">secret</span> — from environment variable <code>{entry.sourceEnv}</code>
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
