// The Glue operations of the bulk load (awsJson1_1, `x-amz-target: AWSGlue.<Operation>`): job definitions created,
// read and deleted, runs started, read, listed (newest first) and stopped, with Glue's PascalCase shapes, epoch-second
// timestamps and its errors (EntityNotFoundException, ConcurrentRunsExceededException, InvalidInputException, ...).
import { AwsError, validationError } from '../../kernel/errors';
import { asBody, optionalList, optionalNumber, optionalString, requiredString, type Body } from '../../kernel/input';
import { decodeToken, encodeToken, page } from '../../kernel/paging';
import type { GlueJob, GlueJobs } from './glue-jobs';
import type { JobRun } from './job-run';

export const GLUE_TARGET_PREFIX = 'AWSGlue.';

/** What the operations act on: the jobs, and the clock with the estate advanced to it. */
export interface GlueControlPlane {
  readonly jobs: GlueJobs;
  now(): number;
}

type Handler = (body: Body, plane: GlueControlPlane) => Record<string, unknown>;

/** DPUs per worker of each worker type. */
const WORKER_DPU: Readonly<Record<string, number>> = { 'G.025X': 0.25, 'G.1X': 1, 'G.2X': 2, 'G.4X': 4, 'G.8X': 8, 'G.12X': 12, 'G.16X': 16, 'Z.2X': 2 };
const MAX_TIMEOUT_MINUTES = 10_080;

function stringMap(body: Body, member: string): Record<string, string> {
  const value = body[member];
  if (value === undefined || value === null) return {};
  const map = asBody(value);
  for (const [key, entry] of Object.entries(map))
    if (typeof entry !== 'string') throw new AwsError('SerializationException', `Unexpected value for ${member}.${key}: expected a string`);
  return map as Record<string, string>;
}

function wholeNumber(body: Body, member: string, min: number, max: number): number | undefined {
  const value = optionalNumber(body, member);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new AwsError('InvalidInputException', `${member} must be a whole number between ${min} and ${max}, got ${value}`);
  return value;
}

function epochSeconds(ms: number): number {
  return ms / 1000;
}

const createJob: Handler = (body, plane) => {
  const name = requiredString(body, 'Name');
  if (name.length > 255) throw validationError('name', 'Member must have length less than or equal to 255', name);
  const role = requiredString(body, 'Role');
  const commandBody = body.Command;
  if (commandBody === undefined || commandBody === null) throw validationError('command', 'Member must not be null');
  const command = asBody(commandBody);
  const execution = body.ExecutionProperty === undefined || body.ExecutionProperty === null ? {} : asBody(body.ExecutionProperty);
  const glueVersion = optionalString(body, 'GlueVersion') ?? '5.0';
  const workerType = optionalString(body, 'WorkerType');
  if (workerType !== undefined && !Object.hasOwn(WORKER_DPU, workerType))
    throw new AwsError('InvalidInputException', `WorkerType ${workerType} is not one of ${Object.keys(WORKER_DPU).join(', ')}`);
  const numberOfWorkers = wholeNumber(body, 'NumberOfWorkers', 1, 299);
  if ((workerType === undefined) !== (numberOfWorkers === undefined))
    throw new AwsError('InvalidInputException', 'WorkerType and NumberOfWorkers must be given together');
  const maxCapacity = optionalNumber(body, 'MaxCapacity');
  const description = optionalString(body, 'Description');
  const scriptLocation = optionalString(command, 'ScriptLocation');
  const pythonVersion = optionalString(command, 'PythonVersion');
  const job: GlueJob = {
    name,
    role,
    createdOn: plane.now(),
    command: {
      Name: optionalString(command, 'Name') ?? 'glueetl',
      ...(scriptLocation ? { ScriptLocation: scriptLocation } : {}),
      ...(pythonVersion ? { PythonVersion: pythonVersion } : {}),
    },
    defaultArguments: stringMap(body, 'DefaultArguments'),
    nonOverridableArguments: stringMap(body, 'NonOverridableArguments'),
    ...(description !== undefined ? { description } : {}),
    maxConcurrentRuns: wholeNumber(execution, 'MaxConcurrentRuns', 1, 1000) ?? 1,
    maxRetries: wholeNumber(body, 'MaxRetries', 0, 10) ?? 0,
    timeout: wholeNumber(body, 'Timeout', 1, MAX_TIMEOUT_MINUTES) ?? (Number(glueVersion) >= 5 ? 480 : 2880),
    glueVersion,
    ...(workerType !== undefined ? { workerType, numberOfWorkers: numberOfWorkers! } : {}),
    ...(maxCapacity !== undefined ? { maxCapacity } : {}),
    definition: JSON.stringify({ ...body, Tags: undefined }),
  };
  return { Name: plane.jobs.createJob(job).name };
};

/** DPUs of a run of the job. */
function capacityOf(job: GlueJob | undefined): number {
  if (!job) return 10;
  if (job.workerType !== undefined) return (job.numberOfWorkers ?? 0) * (WORKER_DPU[job.workerType] ?? 1);
  return job.maxCapacity ?? 10;
}

function jobShape(job: GlueJob): Record<string, unknown> {
  return {
    Name: job.name,
    JobMode: 'SCRIPT',
    Role: job.role,
    CreatedOn: epochSeconds(job.createdOn),
    LastModifiedOn: epochSeconds(job.createdOn),
    ExecutionProperty: { MaxConcurrentRuns: job.maxConcurrentRuns },
    Command: job.command,
    DefaultArguments: job.defaultArguments,
    ...(Object.keys(job.nonOverridableArguments).length > 0 ? { NonOverridableArguments: job.nonOverridableArguments } : {}),
    ...(job.description !== undefined ? { Description: job.description } : {}),
    MaxRetries: job.maxRetries,
    AllocatedCapacity: Math.floor(capacityOf(job)),
    Timeout: job.timeout,
    MaxCapacity: capacityOf(job),
    ...(job.workerType !== undefined ? { WorkerType: job.workerType, NumberOfWorkers: job.numberOfWorkers } : {}),
    GlueVersion: job.glueVersion,
    ExecutionClass: 'STANDARD',
  };
}

const getJob: Handler = (body, plane) => ({ Job: jobShape(plane.jobs.requireJob(requiredString(body, 'JobName'))) });

const deleteJob: Handler = (body, plane) => {
  const name = requiredString(body, 'JobName');
  plane.jobs.deleteJob(name);
  return { JobName: name };
};

function runShape(run: JobRun, job: GlueJob | undefined, now: number): Record<string, unknown> {
  const capacity = capacityOf(job);
  return {
    Id: run.id,
    Attempt: 0,
    JobName: run.jobName,
    JobMode: 'SCRIPT',
    StartedOn: epochSeconds(run.startedOn),
    LastModifiedOn: epochSeconds(run.lastModifiedOn),
    ...(run.completedOn !== undefined ? { CompletedOn: epochSeconds(run.completedOn) } : {}),
    JobRunState: run.state,
    Arguments: run.arguments,
    ...(run.errorMessage !== undefined ? { ErrorMessage: run.errorMessage } : {}),
    PredecessorRuns: [],
    AllocatedCapacity: Math.floor(capacity),
    ExecutionTime: Math.round(((run.completedOn ?? now) - run.startedOn) / 1000),
    Timeout: run.timeoutMinutes,
    MaxCapacity: capacity,
    ...(job?.workerType !== undefined ? { WorkerType: job.workerType, NumberOfWorkers: job.numberOfWorkers } : {}),
    LogGroupName: '/aws-glue/jobs',
    GlueVersion: job?.glueVersion ?? '5.0',
    ExecutionClass: 'STANDARD',
  };
}

const startJobRun: Handler = (body, plane) => {
  const jobName = requiredString(body, 'JobName');
  const timeout = wholeNumber(body, 'Timeout', 1, MAX_TIMEOUT_MINUTES);
  const run = plane.jobs.startRun(jobName, stringMap(body, 'Arguments'), plane.now(), timeout);
  return { JobRunId: run.id };
};

const getJobRun: Handler = (body, plane) => {
  const jobName = requiredString(body, 'JobName');
  const run = plane.jobs.run(jobName, requiredString(body, 'RunId'));
  return { JobRun: runShape(run, plane.jobs.job(jobName), plane.now()) };
};

const getJobRuns: Handler = (body, plane) => {
  const jobName = requiredString(body, 'JobName');
  const max = wholeNumber(body, 'MaxResults', 1, 200) ?? 100;
  const token = optionalString(body, 'NextToken');
  const invalid = new AwsError('InvalidInputException', 'The NextToken is not valid: pass the NextToken of the previous response unchanged');
  const after = token === undefined ? 0 : decodeToken(token, `runs:${jobName}`, ['after'], invalid).after!;
  const runs = plane.jobs.runs(jobName).map((run, index) => ({ run, index }));
  const result = page(runs, (entry) => entry.index + 1, after, max);
  const now = plane.now();
  const job = plane.jobs.job(jobName);
  return {
    JobRuns: result.items.map(({ run }) => runShape(run, job, now)),
    ...(result.last !== undefined ? { NextToken: encodeToken(`runs:${jobName}`, { after: result.last }) } : {}),
  };
};

const batchStopJobRun: Handler = (body, plane) => {
  const jobName = requiredString(body, 'JobName');
  const ids = optionalList(body, 'JobRunIds');
  if (ids === undefined) throw validationError('jobRunIds', 'Member must not be null');
  if (ids.length < 1 || ids.length > 25) throw validationError('jobRunIds', 'Member must have length between 1 and 25');
  if (ids.some((id) => typeof id !== 'string')) throw new AwsError('SerializationException', 'JobRunIds must be strings');
  const result = plane.jobs.stopRuns(jobName, ids as string[], plane.now());
  return {
    SuccessfulSubmissions: result.stopped.map((JobRunId) => ({ JobName: jobName, JobRunId })),
    Errors: result.errors.map((error) => ({ JobName: jobName, JobRunId: error.runId, ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message } })),
  };
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  CreateJob: createJob,
  GetJob: getJob,
  DeleteJob: deleteJob,
  StartJobRun: startJobRun,
  GetJobRun: getJobRun,
  GetJobRuns: getJobRuns,
  BatchStopJobRun: batchStopJobRun,
};

export const GLUE_OPERATIONS = Object.keys(HANDLERS);

export function handleGlue(operation: string, input: unknown, plane: GlueControlPlane): Record<string, unknown> {
  const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined;
  if (!handler)
    throw new AwsError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the rehearsal environment (Glue supports: ${GLUE_OPERATIONS.join(', ')})`,
    );
  // The estate advanced to now first, as every answer describes it then.
  plane.now();
  return handler(asBody(input), plane);
}
