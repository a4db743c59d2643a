import { describe, expect, it } from 'vitest';
import type { LifecycleState } from '../api/contract';
import { lifecycleAfter } from '../core/stack-lifecycle';
import { ROLLBACK_DESTROYED_MESSAGE } from '../pulumi/rollback';
import { deployRefusal, STACK_EXISTS } from './stack-exists';

const waves = [
  { id: 'w0', dependsOn: [], stackIds: ['net/a', 'net/b'] },
  { id: 'w1', dependsOn: ['w0'], stackIds: ['apps/x'] },
];

describe('which stacks exist (one rule for deploying after dependencies and for infrastructure waves)', () => {
  it('refuses a deploy while a stack of a dependency does not exist, naming it', () => {
    const states = new Map<string, LifecycleState>([
      ['net/a', 'registered'],
      ['net/b', 'planned'],
    ]);
    const of = (id: string) => states.get(id) ?? 'planned';
    expect(deployRefusal(waves[1]!, waves, of)).toBe("wave 'w1' depends on w0, whose stacks are not all deployed yet: net/b");
    expect(deployRefusal(waves[0]!, waves, of)).toBeNull();
    states.set('net/b', 'failed');
    expect(deployRefusal(waves[1]!, waves, of)).toMatch(/net\/b$/);
  });

  it('a dependency rolled back (previous config, or across systems after a cutover) and redeployed still exists', () => {
    const of = (id: string): LifecycleState => (id === 'net/a' ? 'rolled-back' : 'cut-over');
    expect(deployRefusal(waves[1]!, waves, of)).toBeNull();
    expect([...STACK_EXISTS].sort()).toEqual(['cut-over', 'deployed', 'registered', 'rolled-back']);
  });

  it('a stack rollback that destroyed the stack (no earlier deploy) leaves it planned, live and from the journal', () => {
    expect(lifecycleAfter('rollback', 'succeeded', true)).toBe('rolled-back');
    expect(lifecycleAfter('rollback', 'succeeded', true, ROLLBACK_DESTROYED_MESSAGE)).toBe('planned');
    expect(lifecycleAfter('up', 'succeeded', true)).toBe('registered');
    expect(lifecycleAfter('preview', 'failed', false)).toBeUndefined();
  });

  it('shortens a long list of missing stacks', () => {
    const many = [
      { id: 'w0', dependsOn: [], stackIds: Array.from({ length: 8 }, (_, i) => `p/s${i}`) },
      { id: 'w1', dependsOn: ['w0'], stackIds: [] },
    ];
    expect(deployRefusal(many[1]!, many, () => 'planned')).toMatch(/p\/s0, p\/s1, p\/s2, p\/s3, p\/s4 and 3 more$/);
  });
});
