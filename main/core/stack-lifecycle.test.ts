import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../journal/entry';
import { ROLLBACK_DESTROYED_MESSAGE } from '../pulumi/rollback';
import { lifecycleAfter, lifecyclesFromJournal } from './stack-lifecycle';

let seq = 0;
const entry = (operationId: string, kind: JournalEntry['kind'], phase: JournalEntry['phase'], stackId: string, message?: string): JournalEntry => ({
  seq: ++seq,
  at: `2026-12-03T02:${String(seq).padStart(2, '0')}:00.000Z`,
  actor: 'ops@host',
  operationId,
  kind,
  target: { type: 'stack', stackId },
  phase,
  ...(message ? { message } : {}),
});

describe('lifecycleAfter', () => {
  it('maps each finished operation to the state it leaves', () => {
    expect(lifecycleAfter('up', 'succeeded', false)).toBe('deployed');
    expect(lifecycleAfter('up', 'succeeded', true)).toBe('registered');
    expect(lifecycleAfter('destroy', 'succeeded', true)).toBe('planned');
    expect(lifecycleAfter('deregister', 'succeeded', true)).toBe('deployed');
    expect(lifecycleAfter('rollback', 'succeeded', false, ROLLBACK_DESTROYED_MESSAGE)).toBe('planned');
    expect(lifecycleAfter('up', 'failed', false)).toBe('failed');
    expect(lifecycleAfter('preview', 'failed', false)).toBeUndefined();
    expect(lifecycleAfter('recover', 'succeeded', false)).toBeUndefined();
    expect(lifecycleAfter('up', 'cancelled', false)).toBeUndefined();
  });
});

describe('lifecyclesFromJournal', () => {
  const inPlan = (registers: Record<string, boolean>) => (stackId: string) => registers[stackId];

  it('takes each stack from its last finished operation, ignoring previews and refreshes', () => {
    const entries = [
      entry('a1', 'up', 'started', 'app'),
      entry('a1', 'up', 'succeeded', 'app'),
      entry('a2', 'refresh', 'started', 'app'),
      entry('a2', 'refresh', 'failed', 'app'),
      entry('b1', 'up', 'started', 'db'),
      entry('b1', 'up', 'succeeded', 'db'),
      entry('b2', 'destroy', 'started', 'db'),
      entry('b2', 'destroy', 'succeeded', 'db'),
    ];
    const { states, interrupted } = lifecyclesFromJournal(entries, inPlan({ app: true, db: false }));
    expect(states.get('app')).toEqual({ state: 'registered', detail: `up succeeded at ${entries[1]!.at}` });
    expect(states.get('db')?.state).toBe('planned');
    expect(interrupted.size).toBe(0);
  });

  it('marks an operation that started and never ended as interrupted, over the state before it', () => {
    const entries = [entry('c1', 'up', 'started', 'app'), entry('c1', 'up', 'succeeded', 'app'), entry('c2', 'destroy', 'started', 'app')];
    const { states, interrupted } = lifecyclesFromJournal(entries, inPlan({ app: false }));
    expect(states.get('app')?.state).toBe('failed');
    expect(states.get('app')?.detail).toMatch(/^interrupted: the cockpit stopped during destroy/);
    expect(interrupted.get('app')?.operationId).toBe('c2');
  });

  it('skips stacks the current plan does not have', () => {
    const entries = [entry('d1', 'up', 'started', 'gone'), entry('d1', 'up', 'succeeded', 'gone'), entry('d2', 'up', 'started', 'gone')];
    const { states, interrupted } = lifecyclesFromJournal(entries, inPlan({}));
    expect(states.size).toBe(0);
    expect(interrupted.size).toBe(0);
  });
});
