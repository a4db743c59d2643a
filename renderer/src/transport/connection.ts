// Optional capability a transport may add to CockpitApi: reporting whether its event stream is connected.
// The web bridge has it (its WebSocket can drop and come back); the Electron preload may not, and then the
// stream is treated as always connected.
import type { CockpitApi } from '../../../main/api/contract';

/**
 * - `connecting`: first connection attempt in progress
 * - `connected`: events flow; a transition to it means events may have been missed before, so resync
 * - `reconnecting`: the connection dropped (or never came up); retrying with backoff
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionAware {
  readonly connection: ConnectionState;
  /** Called on every change of `connection`; returns a function that stops listening. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export function isConnectionAware(api: CockpitApi): api is CockpitApi & ConnectionAware {
  const candidate = api as Partial<ConnectionAware>;
  return typeof candidate.onConnectionChange === 'function' && typeof candidate.connection === 'string';
}
