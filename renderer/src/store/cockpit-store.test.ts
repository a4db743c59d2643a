// The web transport and the store together, against fake fetch/WebSocket: batching, gaps, reconnects, errors.
import { COMMAND_NAMES } from '../../../main/api/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebCockpit, type WebCockpit } from '../transport/web-cockpit';
import { createCockpitStore } from './cockpit-store';
import { demoLike, loaded, stack } from './test-fixtures';

class FakeSocket {
  static all: FakeSocket[] = [];
  private listeners = new Map<string, ((event: { data?: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  addEventListener(type: string, listener: (event: { data?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: { data?: string } = {}) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  send(batch: unknown) {
    this.emit('message', { data: JSON.stringify(batch) });
  }
  close() {
    this.emit('close');
  }
}

let planGets = 0;
let api: WebCockpit;
const lastSocket = () => FakeSocket.all[FakeSocket.all.length - 1]!;
const settle = () => vi.advanceTimersByTimeAsync(1);

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  planGets = 0;
  vi.stubGlobal('location', { protocol: 'http:', host: '127.0.0.1:9' });
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
  vi.stubGlobal('document', { documentElement: { dataset: {} } });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    expect(init.credentials).toBe('same-origin');
    const name = url.replace('/api/command/', '');
    if (name === 'plan.get') {
      planGets += 1;
      return Response.json({ ok: true, value: demoLike() });
    }
    if (name === 'core.info') {
      return Response.json({ ok: true, value: { version: '1', transport: 'web', dataDir: '/d', recentPlans: [], examplePlans: [], planOpening: 'path' } });
    }
    if (name === 'toolchain.info') return Response.json({ ok: true, value: { found: true, version: '3.260.0', source: 'cache', binDir: '/bin' } });
    if (name === 'operations.list') return Response.json({ ok: true, value: [] });
    if (name === 'journal.list') return Response.json({ ok: true, value: { entries: [], damagedLines: 0 } });
    if (name === 'plan.reload') return new Response('<html>bad gateway', { status: 502 });
    if (name === 'plan.open') return Response.json({ ok: false, error: { code: 'not-found', message: 'no such file' } }, { status: 404 });
    throw new TypeError('Failed to fetch');
  });
  api = createWebCockpit();
});

afterEach(() => {
  api.close();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the web transport and the store', () => {
  it('has one function per command and opens the event socket on the page origin', () => {
    expect(Object.keys(api.commands).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(lastSocket().url).toBe('ws://127.0.0.1:9/api/events');
  });

  it('applies each event batch with one store update and re-reads the plan after a gap', async () => {
    const store = createCockpitStore(api);
    store.getState().actions.start();
    lastSocket().emit('open');
    await settle();
    expect(store.getState().connection).toBe('connected');
    const readsAfterConnect = planGets;

    let updates = 0;
    store.subscribe(() => (updates += 1));
    lastSocket().send({
      sequence: 5,
      events: [
        { type: 'stack.lifecycle', stackId: 'apps/app1', lifecycle: { state: 'deployed', since: 't1' } },
        { type: 'stack.lifecycle', stackId: 'apps/app3', lifecycle: { state: 'cut-over', since: 't1' } },
      ],
    });
    expect(updates).toBe(1);
    await settle();
    expect(planGets).toBe(readsAfterConnect);

    lastSocket().send({ sequence: 7, events: [{ type: 'plan.changed', snapshot: loaded([stack('apps', 'x', null)], []) }] });
    await settle();
    expect(planGets).toBe(readsAfterConnect + 1);
  });

  it('reports reconnecting, retries with backoff and re-reads the plan after reconnecting', async () => {
    const store = createCockpitStore(api);
    store.getState().actions.start();
    lastSocket().emit('open');
    await settle();
    store.getState().actions.selectStack('apps/app1');

    lastSocket().close();
    expect(store.getState().connection).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    lastSocket().close();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(3);

    const reads = planGets;
    lastSocket().emit('open');
    expect(store.getState().lastSequence).toBeNull();
    await settle();
    expect(planGets).toBe(reads + 1);
    expect(store.getState().connection).toBe('connected');
    expect(store.getState().selectedStackId).toBe('apps/app1');
  });

  it('shows a fault the core contained as an error banner with its UTC time', async () => {
    const store = createCockpitStore(api);
    store.getState().actions.start();
    lastSocket().emit('open');
    await settle();
    lastSocket().send({ sequence: 1, events: [{ type: 'core.fault', fault: { at: '2026-12-02T23:04:05.000Z', message: 'TypeError: x is undefined' } }] });
    expect(store.getState().errors.map((e) => e.message)).toContain(
      "Internal error contained at 02 Dec 2026, 23:04:05 UTC: TypeError: x is undefined. The cockpit keeps running; the core's log (its terminal, or the desktop app's output) has the details.",
    );
  });

  it('turns failed commands into error banners, and unreadable answers into transport errors', async () => {
    const store = createCockpitStore(api);
    await store.getState().actions.reload();
    expect(store.getState().errors.map((e) => e.message)).toEqual(['plan.reload: the cockpit core answered HTTP 502 without a readable result']);
    expect(await store.getState().actions.openPlan('/x.yaml')).toEqual({ code: 'not-found', message: 'no such file' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await api.commands['core.info']({});
    expect(result.ok ? null : result.error.code).toBe('transport');
  });
});
