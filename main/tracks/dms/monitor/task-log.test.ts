import { afterEach, describe, expect, it } from 'vitest';
import type { TaskLogView } from '../contract-views';
import type { CockpitEvent } from '../../../api/contract/events';
import { maskSecrets, parseLogLine, TaskLogFollower } from './task-log';
import { FakeAwsError, FakeReplicationApi, taskArn } from './testing/fake-api';

describe('DMS log lines', () => {
  it.each([
    ['2026-12-05T00:00:05 [TASK_MANAGER    ]I:  Task is running (replicationtask.c:1425)', 'info', 'TASK_MANAGER'],
    ['2026-12-05T00:00:05 [SOURCE_CAPTURE  ]W:  Binary logging retention is short (mysql_endpoint_capture.c:1520)', 'warning', 'SOURCE_CAPTURE'],
    ['2026-12-05T00:00:05 [TARGET_LOAD     ]E:  Failed to load table (odbc_endpoint_imp.c:7776)', 'error', 'TARGET_LOAD'],
    ['00012345: 2026-12-05T00:00:05 [SORTER          ]D:  Sorter counters', 'debug', 'SORTER'],
    ['2026-12-05T00:00:05 [TARGET_APPLY    ]T:  Applying batch', 'trace', 'TARGET_APPLY'],
    ['Some line without a DMS severity', 'other', null],
  ])('%s', (text, level, component) => {
    expect(parseLogLine(text)).toEqual({ level, component });
  });

  it('masks the values of password-like settings and URL passwords', () => {
    expect(maskSecrets('Connect string: SERVER=db;PORT=3306;UID=dms;PWD=s3cr3t!;DATABASE=shop')).toBe(
      'Connect string: SERVER=db;PORT=3306;UID=dms;PWD=***;DATABASE=shop',
    );
    expect(maskSecrets('endpoint settings {"username":"dms","password":"p@ss w"}')).toBe('endpoint settings {"username":"dms","password":***}');
    expect(maskSecrets('Password: hunter2 token=abc123')).toBe('Password: *** token=***');
    expect(maskSecrets('target mysql://dms:hunter2@db.internal:3306/shop')).toBe('target mysql://dms:***@db.internal:3306/shop');
    // What DMS already masked, and words that only look like settings, stay as they are.
    expect(maskSecrets('PWD=******; passwordPolicy is strict; bypass=true')).toBe('PWD=******; passwordPolicy is strict; bypass=true');
  });
});

describe('following a task log', () => {
  const followers: TaskLogFollower[] = [];
  afterEach(() => followers.splice(0).forEach((follower) => follower.close()));

  function setup(located = true) {
    const api = new FakeReplicationApi();
    const events: CockpitEvent[] = [];
    const stop = new AbortController();
    const where = { located };
    const follower = new TaskLogFollower({
      apiOf: () => api,
      locate: (taskKey) =>
        where.located ? { group: 'dms-tasks-dms-1', stream: `dms-task-${taskArn(taskKey).split(':').at(-1)}` } : { reason: 'waiting for the instance' },
      publish: (event) => events.push(event),
      stop: stop.signal,
      pollMs: 60_000,
      initialLines: 3,
      maxLines: 5,
      call: { timeoutMs: 200, backoffBaseMs: 1, backoffMaxMs: 2, maxAttempts: 2 },
    });
    followers.push(follower);
    const logs = () => events.flatMap((event) => (event.type === 'dms.log' ? [event] : []));
    return { api, follower, events, logs, where };
  }
  const line = (n: number, level = 'I') => ({
    timestamp: Date.UTC(2026, 11, 5) + n * 1000,
    message: `2026-12-05T00:00:0${n} [TASK_MANAGER    ]${level}:  line ${n} PWD=secret${n};`,
  });

  it('reads the newest lines first, then only new ones, with levels and secrets masked', async () => {
    const { api, follower, logs } = setup();
    api.appendLog('task-a', line(1), line(2), line(3), line(4, 'E'));
    expect(follower.follow(['task-a'])).toMatchObject([{ taskKey: 'task-a', state: 'waiting', lines: [] }]);
    await follower.pollNow();
    const first = logs().at(-1)!;
    expect(first.append).toBe(false);
    expect(first.log.state).toBe('following');
    expect(first.log.lines.map((l) => [l.seq, l.level, l.text])).toEqual([
      [1, 'info', '2026-12-05T00:00:02 [TASK_MANAGER    ]I:  line 2 PWD=***;'],
      [2, 'info', '2026-12-05T00:00:03 [TASK_MANAGER    ]I:  line 3 PWD=***;'],
      [3, 'error', '2026-12-05T00:00:04 [TASK_MANAGER    ]E:  line 4 PWD=***;'],
    ]);

    const before = logs().length;
    await follower.pollNow();
    expect(logs().length).toBe(before); // nothing new, nothing sent

    api.appendLog('task-a', line(5), line(6), line(7));
    await follower.pollNow();
    expect(logs().at(-1)).toMatchObject({ append: true, log: { lines: [{ seq: 4 }, { seq: 5 }, { seq: 6 }] } });
    // At most maxLines are held.
    expect(follower.view('task-a')!.lines.map((l) => l.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(api.calls.GetLogEvents).toBe(3);
  });

  it('says when there is no log yet, and when the location is not known', async () => {
    const { follower, logs, where, api } = setup(false);
    follower.follow(['task-a']);
    await follower.pollNow();
    expect(logs().at(-1)!.log).toMatchObject({ state: 'waiting', message: 'waiting for the instance' });
    where.located = true;
    await follower.pollNow();
    const view: TaskLogView = logs().at(-1)!.log;
    expect(view.state).toBe('no-log');
    expect(view.message).toContain('The specified log stream does not exist.');
    expect(view.message).toContain('Logging.EnableLogging');
    api.interceptor = (operation) => {
      if (operation === 'GetLogEvents') throw new FakeAwsError('AccessDeniedException', 'not allowed');
    };
    await new Promise((resolve) => setTimeout(resolve, 5)); // past the retry time
    follower.follow([]);
    follower.follow(['task-a']);
    await follower.pollNow();
    expect(logs().at(-1)!.log).toMatchObject({ state: 'error' });
    expect(logs().at(-1)!.log.message).toContain('logs:GetLogEvents');
  });

  it('stops reading what nobody follows', async () => {
    const { api, follower } = setup();
    api.appendLog('task-a', line(1));
    follower.follow(['task-a']);
    await follower.pollNow();
    follower.follow([]);
    await follower.pollNow();
    expect(api.calls.GetLogEvents).toBe(1);
    expect(follower.view('task-a')).toBeUndefined();
  });
});
