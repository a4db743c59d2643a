// The store's rules without HTTP: ids, uniqueness, patch semantics, restoring, and undo on a failed save.
import { describe, expect, it } from 'vitest';
import { parseInstanceBody, parsePatchBody } from './instance-input';
import { compareIds, formatId, RegistryStore, type StoreSnapshot } from './store';

const clock = () => {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 11, 5, 1, 0, tick++));
};

describe('RegistryStore', () => {
  it('formats ids with six digits at least and orders them numerically', () => {
    expect(formatId(123)).toBe('ci-000123');
    expect(formatId(1_234_567)).toBe('ci-1234567');
    expect(['ci-1000000', 'ci-999999', 'ci-000002'].sort(compareIds)).toEqual(['ci-000002', 'ci-999999', 'ci-1000000']);
  });

  it('keeps (name, project) unique on create, replace and patch', () => {
    const store = new RegistryStore({ now: clock() });
    const a = store.create({ name: 'a', project: 'p', attributes: {} });
    const b = store.create({ name: 'b', project: 'p', attributes: {} });
    if (!a.ok || !b.ok) throw new Error('setup failed');
    expect(store.create({ name: 'a', project: 'p', attributes: { x: 1 } })).toEqual({ ok: false, reason: 'conflict', existingId: a.instance.id });
    expect(store.replace(b.instance.id, { name: 'a', project: 'p', attributes: {} })).toEqual({ ok: false, reason: 'conflict', existingId: a.instance.id });
    expect(store.patch(b.instance.id, { project: 'p', name: 'a', set: {}, remove: [] })).toMatchObject({ reason: 'conflict' });
    expect(store.patch('ci-000404', { set: {}, remove: [] })).toEqual({ ok: false, reason: 'not-found' });
    expect(store.list().map((instance) => instance.name)).toEqual(['a', 'b']);
  });

  it('stamps createdAt once and updatedAt on every change; records are frozen', () => {
    const store = new RegistryStore({ now: clock() });
    const created = store.create({ name: 'a', project: 'p', attributes: { x: 1 } });
    if (!created.ok) throw new Error('setup failed');
    const patched = store.patch(created.instance.id, { set: { y: true }, remove: ['x'] });
    expect(patched).toMatchObject({
      ok: true,
      instance: { createdAt: '2026-12-05T01:00:00.000Z', updatedAt: '2026-12-05T01:00:01.000Z', attributes: { y: true } },
    });
    expect(Object.isFrozen(created.instance)).toBe(true);
    expect(Object.isFrozen(created.instance.attributes)).toBe(true);
    expect(created.instance.attributes).toEqual({ x: 1 });
  });

  it('keeps counting ids across clear() and restores the counter from a snapshot', () => {
    const store = new RegistryStore();
    store.create({ name: 'a', project: 'p', attributes: {} });
    store.clear();
    const next = store.create({ name: 'a', project: 'p', attributes: {} });
    expect(next).toMatchObject({ instance: { id: 'ci-000002' } });

    // A snapshot whose counter lags behind its own records (hand-edited file) still never reissues an id.
    const snapshot: StoreSnapshot = { nextSequence: 1, instances: store.list() };
    const restored = new RegistryStore({ snapshot });
    expect(restored.create({ name: 'b', project: 'p', attributes: {} })).toMatchObject({ instance: { id: 'ci-000003' } });
  });

  it('undoes a change whose save failed', () => {
    let failing = false;
    const store = new RegistryStore({
      onChange: () => {
        if (failing) throw new Error('disk full');
      },
    });
    store.create({ name: 'a', project: 'p', attributes: {} });
    failing = true;
    expect(() => store.create({ name: 'b', project: 'p', attributes: {} })).toThrow('disk full');
    expect(() => store.remove('ci-000001')).toThrow('disk full');
    expect(() => store.clear()).toThrow('disk full');
    failing = false;
    expect(store.list().map((instance) => instance.id)).toEqual(['ci-000001']);
    expect(store.create({ name: 'b', project: 'p', attributes: {} })).toMatchObject({ instance: { id: 'ci-000002' } });
  });
});

describe('request bodies', () => {
  it('keeps a "__proto__" attribute as plain data', () => {
    const parsed = parseInstanceBody(JSON.parse('{"name":"a","project":"p","__proto__":"x"}'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.getPrototypeOf(parsed.value.attributes)).toBe(Object.prototype);
    expect(Object.keys(parsed.value.attributes)).toEqual(['__proto__']);
    const store = new RegistryStore();
    const created = store.create(parsed.value);
    expect(created.ok && JSON.stringify(created.instance.attributes)).toBe('{"__proto__":"x"}');
  });

  it('reads a PATCH null as "remove" but refuses to remove name or project', () => {
    expect(parsePatchBody({ owner: null, tier: 2 })).toEqual({ ok: true, value: { set: { tier: 2 }, remove: ['owner'] } });
    expect(parsePatchBody({ name: null })).toMatchObject({ ok: false, field: 'name' });
    expect(parsePatchBody({ createdAt: 'yesterday' })).toMatchObject({ ok: false, field: 'createdAt' });
  });
});
