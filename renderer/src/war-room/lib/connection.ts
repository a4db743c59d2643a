// What the wall says about its link to the cockpit core: nothing while events flow; while it is down, that the screen
// shows old data and from when, so nobody reads a frozen runbook as a calm one.
import type { ConnectionState } from '../../transport/connection';
import { formatUtcSeconds } from '../../lib/format';

/** `lastDataAt`: when the last data arrived (ms), null before any did. */
export function connectionProblem(connection: ConnectionState, lastDataAt: number | null): string | null {
  if (connection === 'connected') return null;
  const last = lastDataAt === null ? 'no data has arrived yet' : `last data at ${formatUtcSeconds(new Date(lastDataAt).toISOString())}`;
  if (connection === 'connecting') return `Connecting to the cockpit core: ${last}`;
  return `Disconnected from the cockpit core: what is shown is old, ${last}. Reconnecting…`;
}
