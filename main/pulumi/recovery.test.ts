import { describe, expect, it } from 'vitest';
import { leftToRecover } from './recovery';

const found = {
  locks: [
    { pid: 10, user: 'op', host: 'here', since: '2026-12-03T02:00:00Z', state: 'running' as const },
    { pid: 11, user: 'op', host: 'here', since: '2026-12-02T02:00:00Z', state: 'stale' as const },
  ],
  pendingOperations: [{ op: 'creating', urn: 'urn:pulumi:s::p::t::r', type: 't' }],
};

describe('leftToRecover', () => {
  it('reports every lock and pending operation when this cockpit runs nothing on the stack', () => {
    expect(leftToRecover(found, false)).toEqual(found);
  });

  it('does not call a running operation of this cockpit a crash: its live lock and pending operations are progress', () => {
    expect(leftToRecover(found, true)).toEqual({ locks: [found.locks[1]], pendingOperations: [] });
  });
});
