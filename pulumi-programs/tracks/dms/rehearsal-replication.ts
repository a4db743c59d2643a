// The rehearsal counterpart of tracks/dms/data-replication.ts: the instance's DMS source and target endpoints
// and its replication task, created with the real AWS SDK v3 DMS client against the rehearsal environment's
// AWS endpoint, so the monitor then watches a task the stack really made.
//
// Pulumi serializes this provider into the stack's state and runs it later in the provider plugin process,
// whose working folder is the stack's workspace (no node_modules there). So the provider loads the SDK by the
// absolute path resolved here, when the program runs, and captures nothing else but plain values.
import * as pulumi from '@pulumi/pulumi';
import { REHEARSAL_SIGN_IN, rehearsalAccountSession, type RehearsalAccountGuard } from '../../lib/rehearsal-account';

export type { RehearsalAccountGuard } from '../../lib/rehearsal-account';

export interface RehearsalReplicationInputs {
  /** The rehearsal environment's AWS endpoint (DMS and CloudWatch), e.g. http://127.0.0.1:4566. */
  readonly endpoint: string;
  readonly region: string;
  /** e.g. `app1101-mysql-full-load-cdc`, the id in the plan's `replicationTasks`. */
  readonly taskId: string;
  /** Replication instance identifier to run on; the environment's first instance when empty. */
  readonly instanceId: string;
  readonly migrationType: 'full-load' | 'cdc' | 'full-load-and-cdc';
  readonly tableMappings: string;
  readonly sourceServer: string;
  readonly sourcePort: number;
  /** In a plan with accounts: act in the stack's account only. Without: the rehearsal's sign-in account. */
  readonly account?: RehearsalAccountGuard;
}

export interface RehearsalReplicationOutputs extends RehearsalReplicationInputs {
  readonly taskArn: string;
  /** Last segment of the task ARN: the ReplicationTaskIdentifier dimension of the task's CloudWatch metrics. */
  readonly taskResourceId: string;
  readonly instanceArn: string;
  readonly sourceEndpointArn: string;
  readonly targetEndpointArn: string;
  /** True when the task already existed in the rehearsal environment and was adopted rather than created. */
  readonly adopted: boolean;
}

// Resolved when the program runs (CommonJS), captured by value into the serialized provider.
const DMS_SDK_PATH = require.resolve('@aws-sdk/client-database-migration-service');

interface DmsSdk {
  DatabaseMigrationService: new (config: object) => DmsApi;
}

// The slice of the SDK's aggregated client the provider uses (its methods return the AWS response shapes).
interface DmsApi {
  describeReplicationTasks(input: object): Promise<{
    ReplicationTasks?: {
      ReplicationTaskArn?: string;
      Status?: string;
      ReplicationInstanceArn?: string;
      SourceEndpointArn?: string;
      TargetEndpointArn?: string;
    }[];
  }>;
  describeReplicationInstances(
    input: object,
  ): Promise<{ ReplicationInstances?: { ReplicationInstanceArn?: string; ReplicationInstanceIdentifier?: string }[] }>;
  describeEndpoints(input: object): Promise<{ Endpoints?: { EndpointArn?: string }[] }>;
  createEndpoint(input: object): Promise<{ Endpoint?: { EndpointArn?: string } }>;
  deleteEndpoint(input: object): Promise<unknown>;
  createReplicationTask(input: object): Promise<{ ReplicationTask?: { ReplicationTaskArn?: string } }>;
  stopReplicationTask(input: object): Promise<unknown>;
  deleteReplicationTask(input: object): Promise<unknown>;
}

async function dmsClient(inputs: Pick<RehearsalReplicationInputs, 'endpoint' | 'region' | 'account'>): Promise<DmsApi> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by absolute path in the provider process
  const sdk = require(DMS_SDK_PATH) as DmsSdk;
  return new sdk.DatabaseMigrationService({
    endpoint: inputs.endpoint,
    region: inputs.region,
    credentials: inputs.account ? (await rehearsalAccountSession(inputs, inputs.account)).credentials : REHEARSAL_SIGN_IN,
    maxAttempts: 5,
  });
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ResourceNotFoundFault' || error.name === 'ResourceNotFoundException');
}

async function findTask(dms: DmsApi, filter: { Name: string; Values: string[] }) {
  try {
    const answer = await dms.describeReplicationTasks({ Filters: [filter], WithoutSettings: true });
    return answer.ReplicationTasks?.[0];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function findEndpoint(dms: DmsApi, id: string): Promise<string | undefined> {
  try {
    const answer = await dms.describeEndpoints({ Filters: [{ Name: 'endpoint-id', Values: [id] }] });
    return answer.Endpoints?.[0]?.EndpointArn;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function instanceArnOf(dms: DmsApi, instanceId: string): Promise<string> {
  const filters = instanceId ? [{ Name: 'replication-instance-id', Values: [instanceId] }] : [];
  const answer = await dms.describeReplicationInstances(filters.length > 0 ? { Filters: filters } : {}).catch((error: unknown) => {
    if (isNotFound(error)) return { ReplicationInstances: [] };
    throw error;
  });
  const arn = answer.ReplicationInstances?.[0]?.ReplicationInstanceArn;
  if (!arn) throw new Error(`the rehearsal environment has no replication instance${instanceId ? ` named ${instanceId}` : ''}`);
  return arn;
}

/** Creates the endpoint unless one with this identifier exists (a retried or adopted create). */
async function ensureEndpoint(dms: DmsApi, id: string, type: 'source' | 'target', server: string, port: number): Promise<string> {
  const existing = await findEndpoint(dms, id);
  if (existing) return existing;
  const created = await dms.createEndpoint({
    EndpointIdentifier: id,
    EndpointType: type,
    EngineName: 'mysql',
    ServerName: server,
    Port: port,
    Username: 'dms',
    // The rehearsal never connects to it; a real password never reaches this provider.
    Password: 'rehearsal',
  });
  if (!created.Endpoint?.EndpointArn) throw new Error(`CreateEndpoint ${id} answered without an ARN`);
  return created.Endpoint.EndpointArn;
}

async function createReplication(inputs: RehearsalReplicationInputs): Promise<RehearsalReplicationOutputs> {
  const dms = await dmsClient(inputs);
  const existing = await findTask(dms, { Name: 'replication-task-id', Values: [inputs.taskId] });
  if (existing?.ReplicationTaskArn) {
    // The environment already holds this task (e.g. its scenario defines it): adopt it as it is.
    const arn = existing.ReplicationTaskArn;
    return {
      ...inputs,
      taskArn: arn,
      taskResourceId: arn.slice(arn.lastIndexOf(':') + 1),
      instanceArn: existing.ReplicationInstanceArn ?? '',
      sourceEndpointArn: existing.SourceEndpointArn ?? '',
      targetEndpointArn: existing.TargetEndpointArn ?? '',
      adopted: true,
    };
  }
  const instanceArn = await instanceArnOf(dms, inputs.instanceId);
  const sourceEndpointArn = await ensureEndpoint(dms, `${inputs.taskId}-source`, 'source', inputs.sourceServer, inputs.sourcePort);
  const targetEndpointArn = await ensureEndpoint(dms, `${inputs.taskId}-target`, 'target', `${inputs.taskId}.rehearsal.internal`, 3306);
  const created = await dms.createReplicationTask({
    ReplicationTaskIdentifier: inputs.taskId,
    ReplicationInstanceArn: instanceArn,
    SourceEndpointArn: sourceEndpointArn,
    TargetEndpointArn: targetEndpointArn,
    MigrationType: inputs.migrationType,
    TableMappings: inputs.tableMappings,
    Tags: [{ Key: 'ManagedBy', Value: 'migration-cockpit' }],
  });
  const arn = created.ReplicationTask?.ReplicationTaskArn;
  if (!arn) throw new Error(`CreateReplicationTask ${inputs.taskId} answered without an ARN`);
  // Like the AWS provider, the create ends when DMS has the task ready to start.
  await waitForStatus(dms, arn, (status) => status !== 'creating', `task ${inputs.taskId} is still creating after 60 s`);
  return { ...inputs, taskArn: arn, taskResourceId: arn.slice(arn.lastIndexOf(':') + 1), instanceArn, sourceEndpointArn, targetEndpointArn, adopted: false };
}

/** Polls the task until `done(status)` (a deleted task counts as done), for at most 60 s. */
async function waitForStatus(dms: DmsApi, arn: string, done: (status: string) => boolean, timeoutMessage: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const task = await findTask(dms, { Name: 'replication-task-arn', Values: [arn] });
    if (!task || done(task.Status ?? '')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(timeoutMessage);
}

async function deleteReplication(outputs: RehearsalReplicationOutputs): Promise<void> {
  const dms = await dmsClient(outputs);
  const task = await findTask(dms, { Name: 'replication-task-arn', Values: [outputs.taskArn] });
  if (task) {
    // DMS refuses to delete a running task: stop it first and wait until it has stopped.
    if (task.Status === 'running' || task.Status === 'starting') await dms.stopReplicationTask({ ReplicationTaskArn: outputs.taskArn });
    const busy = ['running', 'starting', 'stopping', 'creating', 'modifying'];
    await waitForStatus(dms, outputs.taskArn, (status) => !busy.includes(status), `task ${outputs.taskId} did not stop within 60 s; stop it and retry`);
    await dms.deleteReplicationTask({ ReplicationTaskArn: outputs.taskArn }).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
  if (outputs.adopted) return; // Its endpoints were not this stack's to remove.
  for (const arn of [outputs.sourceEndpointArn, outputs.targetEndpointArn]) {
    // An endpoint DMS still shows as in use is left to its other user.
    await dms.deleteEndpoint({ EndpointArn: arn }).catch((error: unknown) => {
      if (!isNotFound(error) && !(error instanceof Error && error.name === 'InvalidResourceStateFault')) throw error;
    });
  }
}

const provider: pulumi.dynamic.ResourceProvider<RehearsalReplicationInputs, RehearsalReplicationOutputs> = {
  async create(inputs) {
    const outs = await createReplication(inputs);
    return { id: outs.taskArn, outs };
  },

  async read(id, props) {
    if (!props) return {};
    const task = await findTask(await dmsClient(props), { Name: 'replication-task-arn', Values: [id] });
    // Deleted behind the stack's back: an empty result tells the engine it is gone.
    return task ? { id, props } : {};
  },

  async diff(_id, olds, news) {
    const replaces: string[] = (['taskId', 'instanceId', 'migrationType', 'tableMappings', 'sourceServer', 'sourcePort'] as const).filter(
      (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
    );
    // Another account is another task: made there, removed here.
    if (olds.account?.roleArn !== news.account?.roleArn) replaces.push('account');
    // Where the environment listens is not part of the task, nor the session's name or allowed list: in place.
    const changes =
      replaces.length > 0 ||
      olds.endpoint !== news.endpoint ||
      olds.region !== news.region ||
      JSON.stringify(olds.account ?? null) !== JSON.stringify(news.account ?? null);
    // Task identifiers are unique: the old task must go before the new one can take its name.
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    const { account, ...kept } = olds;
    return { outs: { ...kept, endpoint: news.endpoint, region: news.region, ...((news.account ?? account) ? { account: news.account ?? account } : {}) } };
  },

  async delete(_id, props) {
    await deleteReplication(props);
  },
};

/** The inputs as the program gives them: the guard may be an Output (read from secret config). */
export type RehearsalReplicationArgs = Omit<RehearsalReplicationInputs, 'account'> & { readonly account?: pulumi.Input<RehearsalAccountGuard> };

export class RehearsalReplication extends pulumi.dynamic.Resource {
  declare readonly taskArn: pulumi.Output<string>;
  declare readonly taskId: pulumi.Output<string>;
  declare readonly taskResourceId: pulumi.Output<string>;

  constructor(name: string, args: pulumi.Inputs & RehearsalReplicationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      taskArn: undefined,
      taskResourceId: undefined,
      instanceArn: undefined,
      sourceEndpointArn: undefined,
      targetEndpointArn: undefined,
      adopted: undefined,
    };
    // The guard may hold the role's external id: kept encrypted in the state.
    super(provider, name, { ...outputs, ...args }, { ...opts, additionalSecretOutputs: ['account'] }, 'cockpit', 'RehearsalReplication');
  }
}
