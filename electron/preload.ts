// The sandboxed preload: exposes `window.cockpit` (the CockpitApi of main/api/contract.ts) over exactly two IPC
// channels. It never exposes ipcRenderer or a generic invoke/send, only one function per contract command.
//
// Only type imports from the contract: importing COMMAND_NAMES (a runtime value) would bundle zod and the
// whole schema module into the preload, which runs in every page load and needs none of it (validation
// happens in the main process). The command table below is annotated `CockpitCommands`, so a command missing
// from it, or one the contract does not have, is a compile error: the hand-written list cannot drift.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  CockpitApi,
  CockpitCommands,
  CommandName,
  CommandRequest,
  CommandResult,
  EventBatch,
} from '../main/api/contract';
import { COMMAND_CHANNEL, EVENTS_CHANNEL } from './ipc-channels';

function command<C extends CommandName>(name: C): (request: CommandRequest<C>) => Promise<CommandResult<C>> {
  return async (request) => {
    try {
      return (await ipcRenderer.invoke(COMMAND_CHANNEL, name, request)) as CommandResult<C>;
    } catch (error) {
      // The main process is gone or has no handler (e.g. while quitting): answer like any transport failure.
      return { ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

const commands: CockpitCommands = {
  'core.info': command('core.info'),
  'environment.get': command('environment.get'),
  'plan.get': command('plan.get'),
  'plan.open': command('plan.open'),
  'plan.reload': command('plan.reload'),
  'plan.choose': command('plan.choose'),
  'toolchain.info': command('toolchain.info'),
  'stack.operate': command('stack.operate'),
  'stack.cancel': command('stack.cancel'),
  'operations.list': command('operations.list'),
  'operation.log': command('operation.log'),
  'journal.list': command('journal.list'),
  'dms.snapshot': command('dms.snapshot'),
  'dms.series': command('dms.series'),
  'dms.focus': command('dms.focus'),
  'dms.control': command('dms.control'),
  'dms.alerts.ack': command('dms.alerts.ack'),
  'dms.resources': command('dms.resources'),
  'dms.testConnection': command('dms.testConnection'),
  'dms.logs.follow': command('dms.logs.follow'),
  'cutover.readiness': command('cutover.readiness'),
  'cutover.state': command('cutover.state'),
  'cutover.start': command('cutover.start'),
  'cutover.pause': command('cutover.pause'),
  'cutover.resume': command('cutover.resume'),
  'cutover.retry': command('cutover.retry'),
  'cutover.abort': command('cutover.abort'),
  'cutover.confirmStep': command('cutover.confirmStep'),
  'cutover.rollback': command('cutover.rollback'),
  'cutover.finalize': command('cutover.finalize'),
  'evidence.export': command('evidence.export'),
  'wave.deploy': command('wave.deploy'),
  'wave.rollback': command('wave.rollback'),
  'wave.cancel': command('wave.cancel'),
  'waves.list': command('waves.list'),
  'recovery.scan': command('recovery.scan'),
  'stack.history': command('stack.history'),
};

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
