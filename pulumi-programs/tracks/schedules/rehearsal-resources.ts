// The scheduled-jobs track's rehearsal resources as Pulumi dynamic resources: a job's Lambda function and its
// EventBridge Scheduler schedule, made in the rehearsal environment by rehearsal-operations.ts.
//
// Pulumi serializes these providers into the stack's state and runs them later in the provider plugin process: they
// call only the operations (captured by value, loading their SDKs by absolute path) with `realServices()`, and plain
// values. delete and read run the code stored at the last update.
import * as pulumi from '@pulumi/pulumi';
import {
  createFunction,
  createSchedule,
  deleteFunction,
  deleteSchedule,
  functionExists,
  realServices,
  scheduleExists,
  updateFunction,
  updateSchedule,
  type FunctionInputs,
  type FunctionOutputs,
  type Place,
  type RehearsalAccountGuard,
  type ScheduleInputs,
  type ScheduleOutputs,
} from './rehearsal-operations';

/** Which inputs differ (compared as JSON). */
function differing<T extends object>(olds: T, news: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null)).map(String);
}

/** `replaceKeys` (and another account: another estate) replace; where the environment listens, the region and `updateKeys` update. */
function placeDiff<T extends Place>(olds: T, news: T, replaceKeys: readonly (keyof T)[], updateKeys: readonly (keyof T)[]) {
  const replaces = differing(olds, news, replaceKeys);
  if (olds.account?.roleArn !== news.account?.roleArn) replaces.push('account');
  const changes = replaces.length > 0 || differing(olds, news, ['endpoint', 'region', 'account', ...updateKeys]).length > 0;
  // A name is unique in its estate: the old one goes before the new one takes it (and never two schedules fire one slot).
  return { changes, replaces, deleteBeforeReplace: true };
}

// The code is the application's (a placeholder here): a change of the placeholder's files changes nothing.
const functionProvider: pulumi.dynamic.ResourceProvider<FunctionInputs, FunctionOutputs> = {
  async create(inputs) {
    const outs = await createFunction(inputs, realServices());
    return { id: inputs.functionName, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await functionExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(olds, news, ['functionName'], ['roleName', 'runtime', 'handler', 'memoryMb', 'timeoutSeconds', 'description']);
  },
  async update(_id, olds, news) {
    return { outs: await updateFunction(olds, news, realServices()) };
  },
  async delete(_id, props) {
    await deleteFunction(props, realServices());
  },
};

// A state switch (the handover's, a rollback's) is an update: GetSchedule, then UpdateSchedule with the whole schedule.
const scheduleProvider: pulumi.dynamic.ResourceProvider<ScheduleInputs, ScheduleOutputs> = {
  async create(inputs) {
    const outs = await createSchedule(inputs, realServices());
    return { id: `${inputs.groupName}/${inputs.scheduleName}`, outs };
  },
  async read(id, props) {
    if (!props) return {};
    return (await scheduleExists(props, realServices())) ? { id, props } : {};
  },
  async diff(_id, olds, news) {
    return placeDiff(
      olds,
      news,
      ['scheduleName', 'groupName'],
      [
        'expression',
        'timeZone',
        'flexibleWindowMinutes',
        'targetArn',
        'roleName',
        'input',
        'maximumRetryAttempts',
        'maximumEventAgeSeconds',
        'state',
        'startDate',
        'description',
      ],
    );
  },
  async update(_id, olds, news) {
    return { outs: await updateSchedule(olds, news, realServices()) };
  },
  async delete(_id, props) {
    await deleteSchedule(props, realServices());
  },
};

/** The inputs as the program gives them: the guard comes from secret config, the target from the function (Outputs). */
type Args<T> = { readonly [K in keyof Omit<T, 'account'>]: pulumi.Input<T[K]> } & { readonly account?: pulumi.Input<RehearsalAccountGuard> };

// The guard may hold the role's external id: kept encrypted in the state.
const SECRET_OUTPUTS = ['account'];

export class RehearsalFunction extends pulumi.dynamic.Resource {
  declare readonly functionName: pulumi.Output<string>;
  declare readonly functionArn: pulumi.Output<string>;

  constructor(name: string, args: Args<FunctionInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      functionProvider,
      name,
      { functionArn: undefined, roleArn: undefined, ...args },
      { ...opts, additionalSecretOutputs: SECRET_OUTPUTS },
      'cockpit',
      'RehearsalFunction',
    );
  }
}

export class RehearsalSchedule extends pulumi.dynamic.Resource {
  declare readonly scheduleName: pulumi.Output<string>;
  declare readonly scheduleArn: pulumi.Output<string>;

  constructor(name: string, args: Args<ScheduleInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      scheduleProvider,
      name,
      { scheduleArn: undefined, roleArn: undefined, ...args },
      { ...opts, additionalSecretOutputs: SECRET_OUTPUTS },
      'cockpit',
      'RehearsalSchedule',
    );
  }
}

/** The providers, for tests of their diffs (a resource is made through its class). */
export const REHEARSAL_PROVIDERS = { function: functionProvider, schedule: scheduleProvider } as const;
