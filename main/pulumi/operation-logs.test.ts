import { describe, expect, it } from 'vitest';
import type { OperationLogLine } from '../api/contract';
import { OperationLogs } from './operation-logs';

const line = (operationId: string, seq: number): OperationLogLine => ({ operationId, seq, at: '2026-12-03T02:00:00.000Z', level: 'info', text: `line ${seq}` });

describe('operation logs kept for late windows', () => {
  it('keeps the newest lines of an operation and counts the dropped ones', () => {
    const logs = new OperationLogs(3, 10);
    for (let seq = 1; seq <= 5; seq += 1) logs.add(line('a', seq));
    const tail = logs.tail('a');
    expect(tail.lines.map((kept) => kept.seq)).toEqual([3, 4, 5]);
    expect(tail).toMatchObject({ dropped: 2, kept: true });
  });

  it('forgets the oldest operation beyond its limit and says it kept nothing', () => {
    const logs = new OperationLogs(3, 2);
    logs.add(line('a', 1));
    logs.add(line('b', 1));
    logs.add(line('c', 1));
    expect(logs.tail('a')).toEqual({ operationId: 'a', lines: [], dropped: 0, kept: false });
    expect(logs.tail('b').kept).toBe(true);
    expect(logs.tail('c').lines).toHaveLength(1);
  });

  it('hands out copies: a reader cannot change what is kept', () => {
    const logs = new OperationLogs();
    logs.add(line('a', 1));
    logs.tail('a').lines.pop();
    expect(logs.tail('a').lines).toHaveLength(1);
  });
});
