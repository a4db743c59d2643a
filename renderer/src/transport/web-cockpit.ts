// The browser implementation of the API contract over the headless web bridge (same origin as the page).
// Commands are HTTP POSTs, events arrive over one WebSocket. Authentication is an HttpOnly cookie the bridge
// set when the page was opened, so this code never sees a token.
import type { CockpitApi, CockpitCommands, CommandName, CommandRequest, CommandResult, EventBatch } from '../../../main/api/contract';
import { transportFailure } from '../../../common/command-error';
import { ALL_COMMAND_NAMES } from '../../../common/commands';
import type { ConnectionAware, ConnectionState } from './connection';

const COMMAND_TIMEOUT_MS = 60_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 5_000;

export type WebCockpit = CockpitApi & ConnectionAware & { close(): void };

export interface WebCockpitOptions {
  /** Defaults to the page's own origin. */
  readonly origin?: { protocol: string; host: string };
}

export function createWebCockpit(options: WebCockpitOptions = {}): WebCockpit {
  const origin = options.origin ?? { protocol: location.protocol, host: location.host };
  const events = createEventStream(`${origin.protocol === 'https:' ? 'wss://' : 'ws://'}${origin.host}/api/events`);

  // One function per command; the cast is safe because the contract checks ALL_COMMAND_NAMES lists every CommandName.
  const commands = Object.freeze(
    Object.fromEntries(ALL_COMMAND_NAMES.map((name) => [name, (request: CommandRequest<typeof name>) => postCommand(name, request)])),
  ) as CockpitCommands;

  const api = {
    transport: 'web',
    commands,
    onEvents: events.onEvents,
    get connection(): ConnectionState {
      return events.state();
    },
    onConnectionChange: events.onConnectionChange,
    close: events.close,
  } satisfies CockpitApi & ConnectionAware & { close(): void };
  return api;
}

// ---------------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------------

async function postCommand<C extends CommandName>(name: C, request: CommandRequest<C>): Promise<CommandResult<C>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), COMMAND_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(`/api/command/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch (cause) {
      const reason = controller.signal.aborted ? `no answer within ${COMMAND_TIMEOUT_MS / 1000} s` : errorText(cause);
      return transportFailure(`${name}: cannot reach the cockpit core (${reason})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return transportFailure(`${name}: the cockpit core answered HTTP ${response.status} without a readable result`);
    }
    if (!isCommandResult(body)) {
      return transportFailure(`${name}: the cockpit core answered HTTP ${response.status} with an unexpected body`);
    }
    return body as CommandResult<C>;
  } finally {
    clearTimeout(timer);
  }
}

function isCommandResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const result = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } | null };
  if (result.ok === true) return 'value' in result;
  if (result.ok !== false || typeof result.error !== 'object' || result.error === null) return false;
  return typeof result.error.code === 'string' && typeof result.error.message === 'string';
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

// ---------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------

function createEventStream(url: string) {
  const batchListeners = new Set<(batch: EventBatch) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let closed = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (cause) {
      console.warn('cockpit: cannot open the event stream', cause);
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      failures = 0;
      setState('connected');
    });
    ws.addEventListener('message', (message) => {
      const batch = parseBatch(message.data);
      if (!batch) {
        console.warn('cockpit: ignored an event message that is not an event batch');
        return;
      }
      for (const listener of [...batchListeners]) listener(batch);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      scheduleReconnect();
    });
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer !== null) return;
    setState('reconnecting');
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** failures);
    failures += 1;
    retryTimer = setTimeout(connect, delay);
  };

  connect();

  return {
    state: () => state,
    onEvents(listener: (batch: EventBatch) => void): () => void {
      batchListeners.add(listener);
      return () => batchListeners.delete(listener);
    },
    onConnectionChange(listener: (state: ConnectionState) => void): () => void {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close(): void {
      closed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      socket?.close();
      socket = null;
    },
  };
}

function parseBatch(data: unknown): EventBatch | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const batch = value as { sequence?: unknown; events?: unknown };
  if (typeof batch.sequence !== 'number' || !Array.isArray(batch.events)) return null;
  const wellFormed = batch.events.every(
    (event: unknown) => typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string',
  );
  return wellFormed ? (value as EventBatch) : null;
}
