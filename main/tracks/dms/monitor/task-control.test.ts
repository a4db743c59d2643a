import type { ReplicationTask } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { explainInvalidState, refusalOf, replicateActionFor } from './task-control';

const neverRun: ReplicationTask = { Status: 'ready' };
const ran = (Status: string): ReplicationTask => ({ Status, ReplicationTaskStats: { StartDate: new Date(0) } });

describe('DMS state rules', () => {
  it('allows start only for the first run of a ready task', () => {
    expect(refusalOf('start', neverRun)).toBeNull();
    expect(refusalOf('start', ran('stopped'))).toMatch(/only for a task's first run.*use resume or reload-target/);
    expect(refusalOf('start', ran('running'))).toMatch(/this task is running/);
  });

  it('allows resume and reload-target only on a stopped or failed task that has run', () => {
    expect(refusalOf('resume', ran('stopped'))).toBeNull();
    expect(refusalOf('resume', ran('failed'))).toBeNull();
    expect(refusalOf('reload-target', ran('failed'))).toBeNull();
    expect(refusalOf('resume', ran('running'))).toBe('resume needs a stopped or failed task that has run; this task is running');
    expect(refusalOf('resume', neverRun)).toBe('resume needs a stopped or failed task that has run; this task is ready and has never run');
  });

  it('gets a task replicating with start on its first run and resume after that, nothing when it runs', () => {
    expect(replicateActionFor(neverRun)).toBe('start');
    expect(replicateActionFor(ran('stopped'))).toBe('resume');
    expect(replicateActionFor(ran('failed'))).toBe('resume');
    expect(replicateActionFor(ran('running'))).toBeNull();
    expect(refusalOf(replicateActionFor(ran('stopped'))!, ran('stopped'))).toBeNull();
  });

  it('allows stop on running or starting tasks and table reloads on running ones', () => {
    expect(refusalOf('stop', ran('running'))).toBeNull();
    expect(refusalOf('stop', ran('starting'))).toBeNull();
    expect(refusalOf('stop', ran('stopped'))).toMatch(/stop needs a running or starting task; this task is stopped/);
    expect(refusalOf('reload-tables-data', ran('running'))).toBeNull();
    expect(refusalOf('reload-tables-validate', ran('stopped'))).toMatch(/needs a running task/);
  });

  it("explains AWS's InvalidResourceStateFault with the rule", () => {
    expect(explainInvalidState('resume', ran('running'), 'Task is running')).toBe(
      'DMS refused resume: Task is running (resume needs a stopped or failed task that has run; this task is running)',
    );
    expect(explainInvalidState('stop', ran('running'), 'nope')).toMatch(/changed state since the last refresh/);
  });
});
