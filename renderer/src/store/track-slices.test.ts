// The store with a track of the seam (seam/track-ui.ts), against a fake CockpitApi: the batch's events the track owns
// applied in the store's one update, its re-read given the owned events that arrived while it was in flight, its tab
// shown with its slice changed in one update, and one track per id.
import { describe, expect, it } from 'vitest';
import type { CockpitEvent } from '../../../main/api/contract';
import { trackActions, trackSlice } from '../seam/use-track';
import { trackRef, type TrackUi } from '../seam/track-ui';
import { createCockpitStore } from './cockpit-store';
import { fakeApi, START_ANSWERS, withBrowserGlobals } from './fake-cockpit-api';

withBrowserGlobals();

interface ProbeSlice {
  readonly seen: readonly string[];
  readonly opened: boolean;
}
interface ProbeActions {
  open(): void;
}

const PROBE = trackRef<ProbeSlice, ProbeActions>('probe');
const lifecycle = (stackId: string): CockpitEvent => ({ type: 'stack.lifecycle', stackId, lifecycle: { state: 'deployed', since: '2026-12-01T00:00:00Z' } });

/** Owns stack.lifecycle events; its re-read is waves.list, after which it has seen 'read' and what arrived meanwhile. */
const probeUi: TrackUi<ProbeSlice, ProbeActions> = {
  ...PROBE,
  initial: { seen: [], opened: false },
  owns: (event) => event.type === 'stack.lifecycle',
  connect: ({ api, update, showTab, during }) => ({
    actions: { open: () => showTab((slice) => ({ ...slice, opened: true })) },
    apply: (slice, events) => ({ ...slice, seen: [...slice.seen, ...events.map((event) => (event.type === 'stack.lifecycle' ? event.stackId : '?'))] }),
    async reread() {
      const { arrived } = await during(() => api.commands['waves.list']({}));
      update((slice) => ({ ...slice, seen: ['read', ...arrived.map((event) => (event.type === 'stack.lifecycle' ? event.stackId : '?'))] }));
    },
  }),
  tab: { view: 'probe', label: 'Probe', help: 'A probe track', View: () => null },
};

describe('the store with a track', () => {
  it('applies the events the track owns in the one update per batch, and leaves its slice alone otherwise', () => {
    const { api, emit } = fakeApi(START_ANSWERS);
    const store = createCockpitStore(api, [probeUi]);
    store.getState().actions.start();
    let updates = 0;
    store.subscribe(() => (updates += 1));
    emit({ sequence: 1, events: [lifecycle('a/1'), { type: 'journal.appended', entry: journalEntry() }, lifecycle('a/2')] });
    expect(updates).toBe(1);
    expect(trackSlice(store.getState(), PROBE).seen).toEqual(['a/1', 'a/2']);

    const slice = trackSlice(store.getState(), PROBE);
    emit({ sequence: 2, events: [{ type: 'journal.appended', entry: journalEntry() }] });
    expect(trackSlice(store.getState(), PROBE)).toBe(slice);
  });

  it("gives the track's re-read the events it owns that arrived while the read was in flight", async () => {
    let answer: (value: unknown) => void = () => {};
    const { api } = fakeApi({ ...START_ANSWERS, 'waves.list': () => new Promise((resolve) => (answer = resolve)) });
    const store = createCockpitStore(api, [probeUi]);
    const reread = store.getState().actions.resyncTrack('probe');
    store.getState().actions.applyBatch({ sequence: 1, events: [lifecycle('a/1'), { type: 'journal.appended', entry: journalEntry() }] });
    answer([]);
    await reread;
    expect(trackSlice(store.getState(), PROBE).seen).toEqual(['read', 'a/1']);
    await expect(store.getState().actions.resyncTrack('nope')).rejects.toThrow("no track 'nope'");
  });

  it("shows the track's tab with its slice changed in one update", () => {
    const { api } = fakeApi(START_ANSWERS);
    const store = createCockpitStore(api, [probeUi]);
    let updates = 0;
    store.subscribe(() => (updates += 1));
    trackActions(store.getState(), PROBE).open();
    expect(updates).toBe(1);
    expect(store.getState().view).toBe('probe');
    expect(trackSlice(store.getState(), PROBE).opened).toBe(true);
  });

  it('refuses two tracks with one id', () => {
    const { api } = fakeApi(START_ANSWERS);
    expect(() => createCockpitStore(api, [probeUi, probeUi])).toThrow("Two tracks have the id 'probe'");
  });
});

function journalEntry() {
  return {
    seq: 1,
    at: '2026-12-01T00:00:00Z',
    actor: 'ops@host',
    operationId: 'o',
    kind: 'up',
    target: { type: 'stack', stackId: 'a/1' },
    phase: 'started',
  } as const;
}
