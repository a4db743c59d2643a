import { describe, expect, it } from 'vitest';
import { runTimeline, type TimelineRun } from './timeline';

const step = (id: string, over: Partial<TimelineRun['steps'][number]> & { planned?: number; timeout?: number } = {}): TimelineRun['steps'][number] => ({
  def: { id, name: id.toUpperCase(), ...(over.planned ? { plannedMinutes: over.planned } : {}), ...(over.timeout ? { timeoutMinutes: over.timeout } : {}) },
  status: 'succeeded',
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('planned-vs-actual timeline', () => {
  it('plans from the run start (not its window: a run may start outside it) with planned minutes only, and stops planning after a step without them', () => {
    const timeline = runTimeline({
      startedAt: '2026-12-05T01:10:00.000Z',
      window: { start: '2026-12-05T01:00:00.000Z' },
      steps: [
        step('a', { planned: 5, startedAt: '2026-12-05T01:10:00.000Z', finishedAt: '2026-12-05T01:12:00.000Z' }),
        step('b', {
          planned: 10,
          stackTimes: new Map([['apps/app1', { start: '2026-12-05T01:12:00.000Z', end: '2026-12-05T01:13:00.000Z', status: 'succeeded' }]]),
        }),
        step('c'),
        step('d', { planned: 1 }),
      ],
    });
    expect(timeline.map((entry) => [entry.stepId, entry.plannedStart?.slice(11, 16) ?? null, entry.plannedEnd?.slice(11, 16) ?? null])).toEqual([
      ['a', '01:10', '01:15'],
      ['b', '01:15', '01:25'],
      ['c', '01:25', null],
      ['d', null, null],
    ]);
    expect(timeline[0]).toMatchObject({ actualStart: '2026-12-05T01:10:00.000Z', actualEnd: '2026-12-05T01:12:00.000Z' });
    expect(timeline[1]!.stacks).toEqual([{ stackId: 'apps/app1', start: '2026-12-05T01:12:00.000Z', end: '2026-12-05T01:13:00.000Z', status: 'succeeded' }]);
  });

  it('never plans from a timeout: a step with only a timeout has no planned duration, and the steps after it no planned start', () => {
    const timeline = runTimeline({
      startedAt: '2026-12-05T01:10:00.000Z',
      window: null,
      steps: [
        step('quiet', { timeout: 20, startedAt: '2026-12-05T01:10:00.000Z', finishedAt: '2026-12-05T01:11:00.000Z' }),
        step('switch', { timeout: 20, planned: 5, startedAt: '2026-12-05T01:11:00.000Z', finishedAt: '2026-12-05T01:14:00.000Z' }),
      ],
    });
    // Summed timeouts would have planned 'switch' at 01:30 and called its 01:11 start 19 minutes early.
    expect(timeline.map((entry) => [entry.stepId, entry.plannedStart, entry.plannedEnd])).toEqual([
      ['quiet', '2026-12-05T01:10:00.000Z', null],
      ['switch', null, null],
    ]);
  });

  it('keeps every attempt of a retried step, oldest first, the last one being the actual times', () => {
    const [stop] = runTimeline({
      startedAt: '2026-12-05T01:10:00.000Z',
      window: null,
      steps: [
        step('stop', {
          status: 'succeeded',
          attempt: 2,
          startedAt: '2026-12-05T01:15:00.000Z',
          finishedAt: '2026-12-05T01:16:00.000Z',
          earlierAttempts: [{ attempt: 1, start: '2026-12-05T01:10:00.000Z', end: '2026-12-05T01:12:00.000Z', status: 'failed' }],
        }),
      ],
    });
    expect(stop!.attempts).toEqual([
      { attempt: 1, start: '2026-12-05T01:10:00.000Z', end: '2026-12-05T01:12:00.000Z', status: 'failed' },
      { attempt: 2, start: '2026-12-05T01:15:00.000Z', end: '2026-12-05T01:16:00.000Z', status: 'succeeded' },
    ]);
    // A step that never ran has no attempt.
    expect(runTimeline({ startedAt: '2026-12-05T01:10:00.000Z', window: null, steps: [step('a')] })[0]!.attempts).toEqual([]);
  });

  it('plans from the run start without a window', () => {
    expect(runTimeline({ startedAt: '2026-12-05T01:10:00.000Z', window: null, steps: [step('a', { planned: 2 })] })[0]).toMatchObject({
      plannedStart: '2026-12-05T01:10:00.000Z',
      plannedEnd: '2026-12-05T01:12:00.000Z',
    });
  });
});
