import { describe, expect, it } from 'vitest';
import { reuseUnchanged } from './reuse-unchanged';

describe('reuseUnchanged', () => {
  it("points the new object at the old one's equal dates and nested values, and keeps what changed", () => {
    const previous = { arn: 'arn:a', status: 'running', created: new Date(1000), stats: { started: new Date(2000), percent: 50 }, list: ['x'] };
    const next = { arn: 'arn:a', status: 'stopped', created: new Date(1000), stats: { started: new Date(3000), percent: 60 }, list: ['x'], extra: 1 };
    reuseUnchanged(next, previous);
    expect(next.created).toBe(previous.created);
    expect(next.stats.started).not.toBe(previous.stats.started);
    expect(next).toEqual({ arn: 'arn:a', status: 'stopped', created: new Date(1000), stats: { started: new Date(3000), percent: 60 }, list: ['x'], extra: 1 });
    expect(next.list).not.toBe(previous.list);
  });
});
