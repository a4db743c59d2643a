import { describe, expect, it } from 'vitest';
import type { ReadinessPart } from '../seam/readiness-part';
import type { CoreTrack } from '../seam/track';
import { gateLayout } from './gate-columns';

const part = (...ids: string[]): ReadinessPart => ({
  gates: ids.map((id) => ({ id, label: id, help: `${id} help` })),
  createJudge: () => {
    throw new Error('not judged here');
  },
});
const track = (id: string, ...gates: string[]): CoreTrack => ({ id, title: id, ...(gates.length > 0 ? { readiness: part(...gates) } : {}) });

describe('gate columns', () => {
  it('are the core gates alone without tracks', () => {
    const layout = gateLayout([]);
    expect(layout.columns.map((column) => column.id)).toEqual(['infrastructure', 'registration', 'dependencies']);
    expect(layout.core).toEqual({ infrastructure: 0, registration: 1, dependencies: 2 });
    expect(layout.columns[0]).toMatchObject({ label: 'Infrastructure', track: null });
  });

  it("insert each track's gates before dependencies, in registration order, skipping tracks without gates", () => {
    const layout = gateLayout([track('dms', 'data'), track('notes'), track('keyspaces', 'keyspaces.load', 'keyspaces.dual-write')]);
    expect(layout.columns.map((column) => `${column.id}:${column.track ?? 'core'}`)).toEqual([
      'infrastructure:core',
      'registration:core',
      'data:dms',
      'keyspaces.load:keyspaces',
      'keyspaces.dual-write:keyspaces',
      'dependencies:core',
    ]);
    expect(layout.core.dependencies).toBe(5);
    expect(layout.tracks.map((seated) => [seated.track, seated.first])).toEqual([
      ['dms', 2],
      ['keyspaces', 3],
    ]);
  });

  it('refuse a malformed or repeated gate id', () => {
    expect(() => gateLayout([track('x', 'Data')])).toThrow("gate 'Data' of track 'x' is not a gate id");
    expect(() => gateLayout([track('x', 'x.a.b')])).toThrow('is not a gate id');
    expect(() => gateLayout([track('x', 'registration')])).toThrow("gate 'registration' is declared twice (core and x)");
    expect(() => gateLayout([track('a', 'data'), track('b', 'data')])).toThrow("gate 'data' is declared twice (a and b)");
  });
});
