import { describe, expect, it } from 'vitest';
import type { TaskLogLine, TaskLogView, TaskResourcesView } from '../../../../../main/api/contract';
import { dmsSnapshot, task } from './dms-fixtures';
import { applyDmsEvents, isReverseTaskKey, mergeLogs, mergeResources, mergeTask, NO_DMS, pruneLogs, replaceDms } from './dms';
import { toArray } from '../../../store/log-buffer';

const NONE = new Set<string>();
const REVERSE = 'apps/app1#reverse';

function resources(taskKey: string, extra: Partial<TaskResourcesView> = {}): TaskResourcesView {
  return {
    taskKey,
    taskArn: `arn:aws:dms:eu-central-1:1:task:${taskKey.length}`,
    instance: null,
    source: null,
    target: null,
    log: null,
    describedAt: null,
    problems: [],
    ...extra,
  };
}

function line(seq: number, level: TaskLogLine['level'] = 'info'): TaskLogLine {
  return { seq, at: '2026-12-05T01:00:00.000Z', level, component: 'TASK_MANAGER', text: `line ${seq}` };
}

function logView(taskKey: string, lines: TaskLogLine[], extra: Partial<TaskLogView> = {}): TaskLogView {
  return { taskKey, group: 'dms-tasks-dms-1', stream: 'dms-task-X', state: 'following', message: null, lines, readAt: null, ...extra };
}

describe('fallback reverse tasks in the DMS slice', () => {
  it("keeps them apart from the plan's tasks, from the snapshot and from dms.reverse events", () => {
    const reverse = task(REVERSE, { waveId: null, taskId: 'app1-reverse-cdc', phase: 'not-started' });
    const state = replaceDms(NO_DMS, dmsSnapshot({ reverseTasks: [reverse] }), [], NONE);
    expect(Object.keys(state.tasks)).toEqual(['apps/app1#0', 'apps/app2#0']);
    expect(Object.keys(state.reverseTasks)).toEqual([REVERSE]);

    const moved = applyDmsEvents(state, [{ type: 'dms.reverse', tasks: [{ ...reverse, phase: 'cdc' }] }], NONE);
    expect(moved.reverseTasks[REVERSE]!.phase).toBe('cdc');
    expect(moved.tasks).toBe(state.tasks);
    // The set is replaced as a whole: a reverse task no longer followed goes.
    expect(applyDmsEvents(moved, [{ type: 'dms.reverse', tasks: [] }], NONE).reverseTasks).toEqual({});
  });

  it('routes a control answer about a reverse task to the reverse tasks, and keeps its series across a snapshot', () => {
    expect(isReverseTaskKey(REVERSE)).toBe(true);
    expect(isReverseTaskKey('apps/app1#0')).toBe(false);
    const reverse = task(REVERSE, { waveId: null });
    let state = replaceDms(NO_DMS, dmsSnapshot({ reverseTasks: [reverse] }), [], NONE);
    state = mergeTask(state, { ...reverse, status: 'starting', freshness: { ...reverse.freshness, taskAt: '2026-12-05T02:00:00.000Z' } });
    expect(state.reverseTasks[REVERSE]!.status).toBe('starting');
    expect(state.tasks[REVERSE]).toBeUndefined();

    state = applyDmsEvents(state, [{ type: 'dms.samples', samples: [{ taskKey: REVERSE, metric: 'CDCLatencyTarget', points: [[1, 2]] }] }], NONE);
    const again = replaceDms(state, dmsSnapshot({ reverseTasks: [reverse] }), [], NONE);
    expect(again.series[REVERSE]).toBeDefined();
    expect(replaceDms(state, dmsSnapshot(), [], NONE).series[REVERSE]).toBeUndefined();
  });
});

describe('task resources in the DMS slice', () => {
  it('takes them from the snapshot, events and command answers', () => {
    let state = replaceDms(NO_DMS, dmsSnapshot({ resources: [resources('apps/app1#0')] }), [], NONE);
    expect(Object.keys(state.resources)).toEqual(['apps/app1#0']);
    const tested = resources('apps/app1#0', { problems: ['x'] });
    state = applyDmsEvents(state, [{ type: 'dms.resources', resources: [tested, resources('apps/app2#0')] }], NONE);
    expect(state.resources['apps/app1#0']).toBe(tested);
    expect(Object.keys(state.resources).sort()).toEqual(['apps/app1#0', 'apps/app2#0']);
    const answered = resources('apps/app2#0', { describedAt: '2026-12-05T01:00:00.000Z' });
    expect(mergeResources(state, answered).resources['apps/app2#0']).toBe(answered);
  });
});

describe('task logs in the DMS slice', () => {
  const followed = new Set(['apps/app1#0']);

  it('keeps lines of followed tasks only, appends only newer lines, and replaces on a reset', () => {
    let state = replaceDms(NO_DMS, dmsSnapshot(), [], NONE);
    state = applyDmsEvents(state, [{ type: 'dms.log', log: logView('apps/app2#0', [line(1)]), append: false }], NONE, followed);
    expect(state.logs).toEqual({});

    state = applyDmsEvents(state, [{ type: 'dms.log', log: logView('apps/app1#0', [line(1), line(2)]), append: false }], NONE, followed);
    // An answer to dms.logs.follow that raced the event: nothing is doubled.
    state = mergeLogs(state, [logView('apps/app1#0', [line(1), line(2), line(3, 'error')])], followed);
    state = applyDmsEvents(state, [{ type: 'dms.log', log: logView('apps/app1#0', [line(3, 'error'), line(4)]), append: true }], NONE, followed);
    expect(toArray(state.logs['apps/app1#0']!.lines).map((l) => [l.seq, l.level])).toEqual([
      [1, 'info'],
      [2, 'info'],
      [3, 'error'],
      [4, 'info'],
    ]);
    // The core's log started over (another log, or the core restarted): the new lines replace the old ones.
    state = applyDmsEvents(state, [{ type: 'dms.log', log: logView('apps/app1#0', [line(1)], { stream: 'dms-task-Y' }), append: false }], NONE, followed);
    expect(toArray(state.logs['apps/app1#0']!.lines).map((l) => l.seq)).toEqual([1]);
    state = mergeLogs(state, [logView('apps/app1#0', [line(7)])], followed);
    state = mergeLogs(state, [logView('apps/app1#0', [line(2)])], followed);
    expect(toArray(state.logs['apps/app1#0']!.lines).map((l) => l.seq)).toEqual([2]);
    // State changes come without lines.
    state = applyDmsEvents(
      state,
      [{ type: 'dms.log', log: logView('apps/app1#0', [], { state: 'error', message: 'throttled' }), append: true }],
      NONE,
      followed,
    );
    expect(state.logs['apps/app1#0']).toMatchObject({ state: 'error', message: 'throttled' });
    expect(pruneLogs(state, NONE).logs).toEqual({});
  });
});
