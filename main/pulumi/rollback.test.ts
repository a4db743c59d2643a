import type { UpdateSummary } from '@pulumi/pulumi/automation';
import { describe, expect, it } from 'vitest';
import { restoredConfig, rollbackTarget } from './rollback';

/** History entries newest first, as `stack.history()` returns them; DIY backends leave versions at 0. */
const history = (...entries: [UpdateSummary['kind'], UpdateSummary['result']][]): UpdateSummary[] =>
  entries.map(([kind, result], index) => ({
    kind,
    result,
    version: 0,
    startTime: new Date(Date.UTC(2026, 0, 10 - index)),
    endTime: new Date(Date.UTC(2026, 0, 10 - index, 0, 5)),
    message: '',
    environment: {},
    config: { 'p:owner': { value: `owner-${entries.length - index}`, secret: false } },
  }));

describe('rollback target', () => {
  it('is the successful update before the current one', () => {
    expect(rollbackTarget(history(['update', 'succeeded'], ['refresh', 'succeeded'], ['update', 'succeeded']))?.version).toBe(1);
  });

  it('is the last success when the newest update failed', () => {
    expect(rollbackTarget(history(['update', 'failed'], ['update', 'succeeded'], ['update', 'succeeded']))?.version).toBe(2);
  });

  it('is nothing when the stack had a single successful update (it did not exist before)', () => {
    expect(rollbackTarget(history(['update', 'succeeded']))).toBeUndefined();
    expect(rollbackTarget([])).toBeUndefined();
  });

  it('does not reach past a destroy: before it the stack did not exist', () => {
    expect(rollbackTarget(history(['update', 'succeeded'], ['destroy', 'succeeded'], ['update', 'succeeded']))).toBeUndefined();
  });
});

describe('restored config', () => {
  it('takes the old values but where registries are now', () => {
    const then = {
      'p:owner': { value: 'team-a', secret: false },
      'cockpit:registrations': {
        value: JSON.stringify([{ registryId: 'cmdb', baseUrl: 'http://127.0.0.1:1111', variables: { owner: 'team-a' } }]),
        secret: false,
      },
    };
    const now = {
      'p:owner': { value: 'team-b', secret: false },
      'cockpit:registrations': {
        value: JSON.stringify([{ registryId: 'cmdb', baseUrl: 'http://127.0.0.1:2222', variables: { owner: 'team-b' } }]),
        secret: false,
      },
    };
    const restored = restoredConfig(then, now);
    expect(restored['p:owner']?.value).toBe('team-a');
    expect(JSON.parse(restored['cockpit:registrations']!.value)).toEqual([
      { registryId: 'cmdb', baseUrl: 'http://127.0.0.1:2222', variables: { owner: 'team-a' } },
    ]);
  });
});
