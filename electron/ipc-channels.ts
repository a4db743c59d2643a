// The only two IPC channels between the shell and the renderer, named in one place so the main-process side
// (electron/ipc.ts) and the preload cannot drift apart. Commands go renderer -> main with `invoke`; event
// batches go main -> renderer with `send`. Nothing else crosses IPC.
export const COMMAND_CHANNEL = 'cockpit:command';
export const EVENTS_CHANNEL = 'cockpit:events';
