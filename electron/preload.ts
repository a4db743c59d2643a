// The sandboxed preload: exposes `window.cockpit` (the CockpitApi of main/api/contract/) over exactly two IPC
// channels. It never exposes ipcRenderer or a generic invoke/send, only one function per contract command.
//
// Only type imports from the contract: importing its runtime values would bundle zod and the whole schema module
// into the preload, which runs in every page load and needs none of it (validation happens in the main process).
// The command names come from common/commands.ts (values only), which the contract checks against its table.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { transportFailure } from '../common/command-error';
import { ALL_COMMAND_NAMES } from '../common/commands';
import type { CockpitApi, CockpitCommands, CommandName, CommandRequest, CommandResult, EventBatch } from '../main/api/contract';
import { COMMAND_CHANNEL, EVENTS_CHANNEL } from './ipc-channels';

function command<C extends CommandName>(name: C): (request: CommandRequest<C>) => Promise<CommandResult<C>> {
  return async (request) => {
    try {
      return (await ipcRenderer.invoke(COMMAND_CHANNEL, name, request)) as CommandResult<C>;
    } catch (error) {
      // The main process is gone or has no handler (e.g. while quitting): answer like any transport failure.
      return transportFailure(error);
    }
  };
}

// One function per command of the contract, from common/'s zod-free name list (the contract checks it equals its
// table both ways, so the cast is safe).
const commands = Object.fromEntries(ALL_COMMAND_NAMES.map((name) => [name, command(name)])) as unknown as CockpitCommands;

const api = {
  transport: 'electron',
  commands,
  onEvents(listener) {
    // The page gets the batch only, never the IpcRendererEvent (it would reach `sender`, i.e. ipcRenderer).
    const forward = (_event: IpcRendererEvent, batch: EventBatch) => listener(batch);
    ipcRenderer.on(EVENTS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENTS_CHANNEL, forward);
    };
  },
} satisfies CockpitApi;

contextBridge.exposeInMainWorld('cockpit', api);
