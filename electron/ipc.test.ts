// wireIpc against a stand-in for ipcMain: the sender checks and the event routing, without an Electron binary.
import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../main/api/contract';
import { COMMAND_CHANNEL, EVENTS_CHANNEL } from './ipc-channels';
import { wireIpc } from './ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const { handlers } = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const PAGE = 'app://cockpit/index.html';
const BATCH: EventBatch = { sequence: 1, events: [{ type: 'plan.changed', snapshot: { status: 'none' } }] };

class FakeContents extends EventEmitter {
  url = PAGE;
  destroyed = false;
  readonly send = vi.fn();
  isDestroyed = () => this.destroyed;
  getURL = () => this.url;
}

function setup() {
  const contents = new FakeContents();
  let listener: ((batch: EventBatch) => void) | undefined;
  const core = {
    dispatch: vi.fn(async () => ({ ok: true as const, value: { status: 'none' as const } })),
    subscribe: vi.fn((next: (batch: EventBatch) => void) => {
      listener = next;
      return () => {
        listener = undefined;
      };
    }),
  };
  const log = vi.fn();
  const dispose = wireIpc({ core, contents: contents as unknown as WebContents, appPages: ['app://cockpit/'], log });
  const invoke = (event: { sender: unknown; senderFrame: unknown }, name: unknown, request: unknown) =>
    handlers.get(COMMAND_CHANNEL)!(event as IpcMainInvokeEvent, name, request);
  const mainFrame = { url: PAGE, parent: null };
  return { contents, core, log, dispose, invoke, mainFrame, emit: (batch: EventBatch) => listener?.(batch) };
}

beforeEach(() => handlers.clear());

describe('wireIpc commands', () => {
  it('dispatches a command from the main frame of our window', async () => {
    const { contents, core, invoke, mainFrame } = setup();
    const result = await invoke({ sender: contents, senderFrame: mainFrame }, 'plan.get', {});
    expect(core.dispatch).toHaveBeenCalledWith('plan.get', {});
    expect(result).toEqual({ ok: true, value: { status: 'none' } });
  });

  it.each([
    ['a subframe', (s: ReturnType<typeof setup>) => ({ sender: s.contents, senderFrame: { url: PAGE, parent: s.mainFrame } })],
    ['another page', (s: ReturnType<typeof setup>) => ({ sender: s.contents, senderFrame: { url: 'https://evil.example/', parent: null } })],
    ['a gone frame', (s: ReturnType<typeof setup>) => ({ sender: s.contents, senderFrame: null })],
    ['another window', (s: ReturnType<typeof setup>) => ({ sender: new FakeContents(), senderFrame: s.mainFrame })],
    [
      'a disposed frame',
      (s: ReturnType<typeof setup>) => ({
        sender: s.contents,
        get senderFrame(): unknown {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      }),
    ],
  ])('refuses a command from %s, and logs it', async (_what, eventOf) => {
    const s = setup();
    const result = await s.invoke(eventOf(s), 'plan.open', { file: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'transport', message: 'untrusted sender' } });
    expect(s.core.dispatch).not.toHaveBeenCalled();
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining("refused command 'plan.open'"));
  });
});

describe('wireIpc events', () => {
  it('sends batches to our window while it shows our page, and nowhere else', () => {
    const { contents, emit } = setup();
    emit(BATCH);
    expect(contents.send).toHaveBeenCalledWith(EVENTS_CHANNEL, BATCH);

    contents.send.mockClear();
    contents.url = 'https://evil.example/';
    emit(BATCH);
    contents.url = PAGE;
    contents.destroyed = true;
    emit(BATCH);
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('unsubscribes and removes the handler when disposed, or when the window goes', () => {
    const first = setup();
    first.dispose();
    expect(handlers.has(COMMAND_CHANNEL)).toBe(false);
    first.emit(BATCH);
    expect(first.contents.send).not.toHaveBeenCalled();

    const second = setup();
    second.contents.emit('destroyed');
    expect(handlers.has(COMMAND_CHANNEL)).toBe(false);
    second.dispose();
  });
});
