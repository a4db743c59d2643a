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
  it('plans from the run start (not its window: a run may start outside it) with planned minutes (else the timeout), and stops planning after a step without either', () => {
    const timeline = runTimeline({
      startedAt: '2026-12-05T01:10:00.000Z',
      window: { start: '2026-12-05T01:00:00.000Z' },
      steps: [
        step('a', { planned: 5, startedAt: '2026-12-05T01:10:00.000Z', finishedAt: '2026-12-05T01:12:00.000Z' }),
        step('b', { timeout: 10, stackTimes: new Map([['apps/app1', { start: '2026-12-05T01:12:00.000Z', end: '2026-12-05T01:13:00.000Z', status: 'succeeded' }]]) }),
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

  it('plans from the run start without a window', () => {
    expect(runTimeline({ startedAt: '2026-12-05T01:10:00.000Z', window: null, steps: [step('a', { planned: 2 })] })[0]).toMatchObject({ plannedStart: '2026-12-05T01:10:00.000Z', plannedEnd: '2026-12-05T01:12:00.000Z' });
  });
});
