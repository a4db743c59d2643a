import { describe, expect, it } from 'vitest';
import { reverseTaskKey, taskIndex, taskKey } from './keys';

describe('task keys', () => {
  it('name the n-th task and the reverse task of a stack, and read the index back', () => {
    expect(taskKey('platform-production/app1101', 2)).toBe('platform-production/app1101#2');
    expect(reverseTaskKey('platform-production/app1101')).toBe('platform-production/app1101#reverse');
    expect(taskIndex(taskKey('a/b', 3))).toBe(3);
    expect(taskIndex(reverseTaskKey('a/b'))).toBe(0);
  });
});
