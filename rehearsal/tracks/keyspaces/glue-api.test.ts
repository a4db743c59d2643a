// Glue job runs of the bulk load on a manual clock: STARTING → RUNNING → SUCCEEDED with recordsRead (namespace Glue)
// summing to the rows, a run failing at an injected percentage, stopped runs, bad arguments and the timeout; through
// handle() and through the real @aws-sdk/client-glue and CloudWatch clients against the rehearsal's endpoint.
import {
  BatchStopJobRunCommand,
  ConcurrentRunsExceededException,
  CreateJobCommand,
  DeleteJobCommand,
  EntityNotFoundException,
  GetJobCommand,
  GetJobRunCommand,
  GetJobRunsCommand,
  IdempotentParameterMismatchException,
  StartJobRunCommand,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { errorOf, standaloneTrack, T0, useKeyspacesRehearsal } from './test-harness';

const ARGUMENTS = {
  '--source-keyspace': 'shop',
  '--target-keyspace': 'shop_aws',
  '--tables': 'orders,customers',
  '--rows': '300000',
  '--rows-per-second': '2000',
};
const JOB = {
  Name: 'app1234-bulk-load',
  Role: 'arn:aws:iam::123456789012:role/glue-bulk-load',
  Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/copy.py' },
};

function recordsReadQuery(jobName: string, runId: string) {
  return {
    id: 'r',
    returnData: true,
    namespace: 'Glue',
    metricName: 'glue.driver.aggregate.recordsRead',
    dimensions: new Map([
      ['JobName', jobName],
      ['JobRunId', runId],
      ['Type', 'count'],
    ]),
    period: 60,
    stat: 'Sum',
  };
}

describe('Glue job runs through handle()', () => {
  it('goes STARTING → RUNNING → SUCCEEDED on the clock, copying --rows at --rows-per-second, recordsRead summing to the rows', () => {
    const { glue, clock, kernel, track } = standaloneTrack();
    expect(glue('CreateJob', { ...JOB, DefaultArguments: ARGUMENTS })).toEqual({ Name: JOB.Name });
    const { JobRunId } = glue('StartJobRun', { JobName: JOB.Name }) as { JobRunId: string };
    expect(JobRunId).toMatch(/^jr_[0-9a-f]{64}$/);
    // The same seed and commands give the same id.
    const again = standaloneTrack();
    again.glue('CreateJob', { ...JOB, DefaultArguments: ARGUMENTS });
    expect(again.glue('StartJobRun', { JobName: JOB.Name })).toEqual({ JobRunId });

    const run = () => (glue('GetJobRun', { JobName: JOB.Name, RunId: JobRunId }) as { JobRun: Record<string, unknown> }).JobRun;
    expect(run()).toMatchObject({ Id: JobRunId, Attempt: 0, JobName: JOB.Name, JobRunState: 'STARTING', StartedOn: T0 / 1000, Arguments: {} });
    clock.advance(10_000);
    expect(run()).toMatchObject({ JobRunState: 'RUNNING', LastModifiedOn: (T0 + 10_000) / 1000 });
    clock.advance(20_000);
    const estate = track.simulation.estate() as { jobs: Array<{ runs: Array<Record<string, unknown>> }> };
    expect(estate.jobs[0]!.runs[0]).toMatchObject({ state: 'RUNNING', rowsCopied: 40_000, totalRows: 300_000, percent: 13.3 });
    clock.advance(130_000);
    expect(run()).toMatchObject({ JobRunState: 'SUCCEEDED', CompletedOn: (T0 + 160_000) / 1000, ExecutionTime: 160 });
    expect(run().ErrorMessage).toBeUndefined();

    clock.advance(80_000);
    const series = kernel.metrics.datapoints(recordsReadQuery(JOB.Name, JobRunId), T0, clock.now(), true);
    expect(series.timestamps).toEqual([T0 / 1000, T0 / 1000 + 60, T0 / 1000 + 120]);
    expect(series.values).toEqual([100_000, 120_000, 80_000]);
  });

  it('fails a run whose arguments are bad, and times a run out', () => {
    const { glue, clock } = standaloneTrack();
    glue('CreateJob', { ...JOB, DefaultArguments: { ...ARGUMENTS, '--rows': 'lots' } });
    const { JobRunId } = glue('StartJobRun', { JobName: JOB.Name }) as { JobRunId: string };
    clock.advance(10_000);
    expect((glue('GetJobRun', { JobName: JOB.Name, RunId: JobRunId }) as { JobRun: unknown }).JobRun).toMatchObject({
      JobRunState: 'FAILED',
      ErrorMessage: "Bulk load script failed: --rows must be a whole number, got 'lots'",
      CompletedOn: (T0 + 10_000) / 1000,
    });
    // --rows from the run's Arguments win over the job's; Timeout is minutes.
    const slow = glue('StartJobRun', { JobName: JOB.Name, Arguments: { '--rows': '1000000', '--rows-per-second': '100' }, Timeout: 1 }) as { JobRunId: string };
    clock.advance(61_000);
    expect((glue('GetJobRun', { JobName: JOB.Name, RunId: slow.JobRunId }) as { JobRun: unknown }).JobRun).toMatchObject({
      JobRunState: 'TIMEOUT',
      Timeout: 1,
      ExecutionTime: 60,
      ErrorMessage: expect.stringContaining('timed out after 1 minutes'),
    });
  });

  it("answers Glue's errors", () => {
    const { glue } = standaloneTrack();
    expect(errorOf(() => glue('GetJob', { JobName: 'nope' }))).toEqual({ code: 'EntityNotFoundException', message: 'Job nope not found' });
    expect(errorOf(() => glue('StartJobRun', { JobName: 'nope' })).code).toBe('EntityNotFoundException');
    expect(errorOf(() => glue('CreateJob', { Name: 'x', Command: {} })).message).toContain("at 'role' failed to satisfy constraint: Member must not be null");
    glue('CreateJob', { ...JOB, DefaultArguments: ARGUMENTS });
    expect(glue('CreateJob', { ...JOB, DefaultArguments: ARGUMENTS })).toEqual({ Name: JOB.Name });
    expect(errorOf(() => glue('CreateJob', { ...JOB, DefaultArguments: {} })).code).toBe('IdempotentParameterMismatchException');
    expect(errorOf(() => glue('GetJobRun', { JobName: JOB.Name, RunId: 'jr_0' })).code).toBe('EntityNotFoundException');
    expect(errorOf(() => glue('GetJobRuns', { JobName: JOB.Name, MaxResults: 201 })).code).toBe('InvalidInputException');
    expect(errorOf(() => glue('ResetJobBookmark', {}))).toMatchObject({
      code: 'UnknownOperationException',
      message: expect.stringContaining('CreateJob, GetJob'),
    });
  });
});

describe('Glue through the real SDK clients', () => {
  const start = useKeyspacesRehearsal();

  it('runs a job STARTING → RUNNING → SUCCEEDED over the wire; GetMetricData reads its recordsRead per minute', async () => {
    const { glue, advance, minuteSums, admin } = await start();
    await glue.send(new CreateJobCommand({ ...JOB, DefaultArguments: ARGUMENTS, WorkerType: 'G.1X', NumberOfWorkers: 10 }));
    const job = (await glue.send(new GetJobCommand({ JobName: JOB.Name }))).Job!;
    expect(job).toMatchObject({
      Name: JOB.Name,
      DefaultArguments: ARGUMENTS,
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      WorkerType: 'G.1X',
      MaxCapacity: 10,
    });
    expect(job.CreatedOn).toEqual(new Date(T0));

    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: JOB.Name }));
    const state = async () => (await glue.send(new GetJobRunCommand({ JobName: JOB.Name, RunId: JobRunId }))).JobRun!;
    expect((await state()).JobRunState).toBe('STARTING');
    await expect(glue.send(new StartJobRunCommand({ JobName: JOB.Name }))).rejects.toBeInstanceOf(ConcurrentRunsExceededException);
    advance(30);
    expect((await state()).JobRunState).toBe('RUNNING');
    const estate = (await admin('GET', 'keyspaces/estate')).json as { jobs: Array<{ name: string; runs: Array<Record<string, unknown>> }> };
    expect(estate.jobs).toEqual([
      {
        name: JOB.Name,
        runs: [
          expect.objectContaining({
            id: JobRunId,
            state: 'RUNNING',
            rowsCopied: 40_000,
            totalRows: 300_000,
            percent: 13.3,
            completedOn: null,
            errorMessage: null,
          }),
        ],
      },
    ]);
    advance(150);
    const done = await state();
    expect(done).toMatchObject({ JobRunState: 'SUCCEEDED', ExecutionTime: 160, Attempt: 0, LogGroupName: '/aws-glue/jobs' });
    expect(done.StartedOn).toEqual(new Date(T0));
    expect(done.CompletedOn).toEqual(new Date(T0 + 160_000));

    const sums = await minuteSums(
      'Glue',
      'glue.driver.aggregate.recordsRead',
      { JobName: JOB.Name, JobRunId: JobRunId!, Type: 'count' },
      T0 - 60_000,
      T0 + 180_000,
    );
    expect(sums).toEqual([100_000, 120_000, 80_000]);
    expect(sums.reduce((a, b) => a + b, 0)).toBe(300_000);

    const second = await glue.send(new StartJobRunCommand({ JobName: JOB.Name, Arguments: { '--rows': '10' } }));
    const runs = await glue.send(new GetJobRunsCommand({ JobName: JOB.Name, MaxResults: 1 }));
    expect(runs.JobRuns!.map((run) => run.Id)).toEqual([second.JobRunId]);
    const older = await glue.send(new GetJobRunsCommand({ JobName: JOB.Name, MaxResults: 1, NextToken: runs.NextToken }));
    expect(older.JobRuns!.map((run) => run.Id)).toEqual([JobRunId]);
    expect(older.NextToken).toBeUndefined();
  });

  it('fails the next run at the injected percentage, with an ErrorMessage, and its recordsRead stop there', async () => {
    const { glue, advance, admin, minuteSums } = await start();
    await glue.send(new CreateJobCommand({ ...JOB, DefaultArguments: ARGUMENTS }));
    const unknown = await admin('POST', 'faults', { type: 'keyspaces-job-fails', job: 'nope', atPercent: 40 });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ message: `no Glue job 'nope' (jobs: ${JOB.Name})` });
    expect((await admin('POST', 'faults', { type: 'keyspaces-job-fails', job: JOB.Name, atPercent: 40 })).status).toBe(201);

    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: JOB.Name }));
    const faults = (await admin('GET', 'faults')).json as { keyspaces: Array<Record<string, unknown>> };
    expect(faults.keyspaces).toEqual([expect.objectContaining({ type: 'keyspaces-job-fails', job: JOB.Name, atPercent: 40, attachedTo: JobRunId })]);
    advance(69);
    expect((await glue.send(new GetJobRunCommand({ JobName: JOB.Name, RunId: JobRunId }))).JobRun!.JobRunState).toBe('RUNNING');
    advance(1);
    const failed = (await glue.send(new GetJobRunCommand({ JobName: JOB.Name, RunId: JobRunId }))).JobRun!;
    expect(failed).toMatchObject({ JobRunState: 'FAILED', ExecutionTime: 70 });
    expect(failed.ErrorMessage).toContain('Failed to write statements to shop_aws.orders');
    expect(failed.CompletedOn).toEqual(new Date(T0 + 70_000));
    advance(120);
    const sums = await minuteSums('Glue', 'glue.driver.aggregate.recordsRead', { JobName: JOB.Name, JobRunId: JobRunId!, Type: 'count' }, T0, T0 + 180_000);
    expect(sums.reduce((a, b) => a + b, 0)).toBe(120_000);
    // The fault is used up: the next run succeeds.
    const next = await glue.send(new StartJobRunCommand({ JobName: JOB.Name, Arguments: { '--rows': '2000' } }));
    advance(20);
    expect((await glue.send(new GetJobRunCommand({ JobName: JOB.Name, RunId: next.JobRunId }))).JobRun!.JobRunState).toBe('SUCCEEDED');
  });

  it('stops runs with BatchStopJobRun (STOPPING, then STOPPED), names the ones it cannot stop, and deletes jobs', async () => {
    const { glue, advance, admin } = await start();
    await glue.send(new CreateJobCommand({ ...JOB, DefaultArguments: ARGUMENTS }));
    await expect(glue.send(new CreateJobCommand({ ...JOB, Description: 'another' }))).rejects.toBeInstanceOf(IdempotentParameterMismatchException);
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: JOB.Name }));
    advance(20);
    const stopped = await glue.send(new BatchStopJobRunCommand({ JobName: JOB.Name, JobRunIds: [JobRunId!, 'jr_unknown'] }));
    expect(stopped.SuccessfulSubmissions).toEqual([{ JobName: JOB.Name, JobRunId }]);
    expect(stopped.Errors).toEqual([
      {
        JobName: JOB.Name,
        JobRunId: 'jr_unknown',
        ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: `Job run jr_unknown of job ${JOB.Name} not found` },
      },
    ]);
    expect((await glue.send(new GetJobRunCommand({ JobName: JOB.Name, RunId: JobRunId }))).JobRun!.JobRunState).toBe('STOPPING');
    advance(3);
    const run = (await glue.send(new GetJobRunCommand({ JobName: JOB.Name, RunId: JobRunId }))).JobRun!;
    expect(run.JobRunState).toBe('STOPPED');
    expect(run.CompletedOn).toEqual(new Date(T0 + 23_000));
    advance(60);
    const estate = (await admin('GET', 'keyspaces/estate')).json as { jobs: Array<{ runs: Array<{ rowsCopied: number }> }> };
    expect(estate.jobs[0]!.runs[0]!.rowsCopied).toBe(20_000);
    const again = await glue.send(new BatchStopJobRunCommand({ JobName: JOB.Name, JobRunIds: [JobRunId!] }));
    expect(again.Errors![0]!.ErrorDetail).toEqual({ ErrorCode: 'InvalidInputException', ErrorMessage: `Job run ${JobRunId} is STOPPED and cannot be stopped` });

    expect(await glue.send(new DeleteJobCommand({ JobName: JOB.Name }))).toMatchObject({ JobName: JOB.Name });
    expect(await glue.send(new DeleteJobCommand({ JobName: JOB.Name }))).toMatchObject({ JobName: JOB.Name });
    await expect(glue.send(new GetJobCommand({ JobName: JOB.Name }))).rejects.toBeInstanceOf(EntityNotFoundException);
  });
});
