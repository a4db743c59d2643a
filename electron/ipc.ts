// The Electron IPC transport of the API contract (modeled on GitHub Desktop and Electron Fiddle): one
// `invoke` channel for commands, one `send` channel for event batches, every command checked for its sender.
// Validation of names and requests is the dispatcher's job (zod), shared with the web bridge.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CommandName, CommandResult, EventBatch } from '../main/api/contract';
import type { Dispatch } from '../main/api/dispatcher';
import { COMMAND_CHANNEL, EVENTS_CHANNEL } from './ipc-channels';
import { isAppUrl, isTrustedSender } from './ipc-trust';

export interface IpcOptions {
  readonly core: {
    readonly dispatch: Dispatch;
    subscribe(listener: (batch: EventBatch) => void): () => void;
  };
  /** The cockpit window's contents: the only sender answered and the only receiver of events. */
  readonly contents: WebContents;
  /** Our pages (see ipc-trust.ts). */
  readonly appPages: readonly string[];
  readonly log: (line: string) => void;
}

const UNTRUSTED: CommandResult<CommandName> = { ok: false, error: { code: 'transport', message: 'untrusted sender' } };

/** Wires the core to the window; returns a disposer (also run when the window's contents are destroyed). */
export function wireIpc({ core, contents, appPages, log }: IpcOptions): () => void {
  ipcMain.handle(COMMAND_CHANNEL, async (event, name: unknown, request: unknown): Promise<CommandResult<CommandName>> => {
    const sender = senderOf(event);
    if (event.sender !== contents || !isTrustedSender(sender.url, sender.isMainFrame, appPages)) {
      log(`refused command '${String(name).slice(0, 80)}' from an untrusted sender (${(sender.url ?? 'no frame').slice(0, 200)})`);
      return UNTRUSTED;
    }
    return core.dispatch(name, request);
  });

  const unsubscribe = core.subscribe((batch) => {
    // Only to our window, and only while it shows our page: events never reach anything else.
    if (contents.isDestroyed() || !isAppUrl(contents.getURL(), appPages)) return;
    contents.send(EVENTS_CHANNEL, batch);
  });

  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    ipcMain.removeHandler(COMMAND_CHANNEL);
    if (!contents.isDestroyed()) contents.off('destroyed', dispose);
  };
  contents.once('destroyed', dispose);
  return dispose;
}

function senderOf(event: IpcMainInvokeEvent): { url: string | undefined; isMainFrame: boolean } {
  try {
    const frame = event.senderFrame;
    return { url: frame?.url, isMainFrame: frame !== null && frame.parent === null };
  } catch {
    // A frame disposed while the message was in flight throws on access: treat it as gone.
    return { url: undefined, isMainFrame: false };
  }
}
