// The tracks as the core composes them: every name a track adds carries its id as a prefix (DMS's predate the rule
// and are the listed exceptions), no two tracks claim one id, gate or name, and the lists agree with each other.
import { describe, expect, it } from 'vitest';
import { TRACK_COMMAND_NAMES } from '../../common/tracks/index';
import { TRACK_EVENT_TYPES } from '../api/contract';
import { TRACK_CONTRACTS } from './contracts';
import { CORE_TRACKS } from './index';

/** DMS's names from before the prefix rule (user plans and journals keep them). */
const DMS_LEGACY_GATES = new Set(['data']);

describe('the tracks', () => {
  it('have distinct ids, and each listed track has its contract listed', () => {
    const ids = CORE_TRACKS.map((track) => track.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(TRACK_CONTRACTS.map((contract) => contract.id)).toEqual(ids);
  });

  it("name every command and event with the track's id", () => {
    for (const contract of TRACK_CONTRACTS) {
      for (const name of Object.keys(contract.commands)) expect(name.startsWith(`${contract.id}.`), name).toBe(true);
      for (const spec of contract.events ?? []) expect(spec.schema.shape.type.value.startsWith(`${contract.id}.`), spec.schema.shape.type.value).toBe(true);
    }
    expect([...TRACK_EVENT_TYPES.keys()].every((type) => TRACK_CONTRACTS.some((contract) => type.startsWith(`${contract.id}.`)))).toBe(true);
  });

  it('list their command names in common/ exactly as their contracts declare them', () => {
    expect([...TRACK_COMMAND_NAMES].sort()).toEqual(TRACK_CONTRACTS.flatMap((contract) => Object.keys(contract.commands)).sort());
  });

  it("name their gates with the track's id, DMS's data gate excepted", () => {
    const gates = CORE_TRACKS.flatMap((track) => (track.readiness?.gates ?? []).map((gate) => ({ track: track.id, id: gate.id })));
    expect(new Set(gates.map((gate) => gate.id)).size).toBe(gates.length);
    for (const gate of gates) if (!DMS_LEGACY_GATES.has(gate.id)) expect(gate.id === gate.track || gate.id.startsWith(`${gate.track}.`), gate.id).toBe(true);
  });
});
