// The read-only page at GET /: what the rehearsal has registered, for an operator to check at a glance.
// Self-contained (inline CSS, no scripts, refreshes itself), and every value is escaped: names and attributes
// come from clients and may hold anything.
import type { RegistryInstance } from './store';

export interface ViewState {
  readonly instances: readonly RegistryInstance[];
  /** Injected faults are pending: worth a banner, since the operator may be wondering why calls fail. */
  readonly faultsActive: boolean;
}

/** No scripts at all, and styles only from the page itself. */
export const VIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function renderRegistryPage(state: ViewState): string {
  const rows = state.instances.map(
    (instance) => `<tr>
        <td class="id">${escapeHtml(instance.id)}</td>
        <td>${escapeHtml(instance.name)}</td>
        <td>${escapeHtml(instance.project)}</td>
        <td>${renderAttributes(instance.attributes)}</td>
        <td><time datetime="${escapeHtml(instance.createdAt)}">${escapeHtml(instance.createdAt)}</time></td>
      </tr>`,
  );
  const count = state.instances.length;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="refresh" content="5">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Rehearsal metadata registry</title>
  <style>
    :root { color-scheme: light dark; --line: #8884; --muted: #777; }
    body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; }
    h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
    p { color: var(--muted); margin: 0 0 1rem; }
    .banner { color: inherit; background: #f5a62333; border: 1px solid #f5a623; padding: .5rem .75rem; border-radius: 4px; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
    th { font-weight: 600; }
    .id { font-family: ui-monospace, monospace; white-space: nowrap; }
    dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 .6rem; }
    dt { color: var(--muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
  </style>
</head>
<body>
  <h1>Rehearsal metadata registry</h1>
  <p>${count === 1 ? '1 instance' : `${count} instances`} registered. Read-only view; refreshes every 5 seconds.</p>
  ${state.faultsActive ? '<p class="banner">Fault injection is active: some API requests will fail or be slow on purpose.</p>' : ''}
  ${
    count === 0
      ? '<p>Nothing is registered yet.</p>'
      : `<table>
    <thead><tr><th>Id</th><th>Name</th><th>Project</th><th>Attributes</th><th>Created</th></tr></thead>
    <tbody>
      ${rows.join('\n      ')}
    </tbody>
  </table>`
  }
</body>
</html>
`;
}

function renderAttributes(attributes: RegistryInstance['attributes']): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  return `<dl>${entries.map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`).join('')}</dl>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}
