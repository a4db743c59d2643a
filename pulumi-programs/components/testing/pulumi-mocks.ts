// Test support (used only by the *.test.ts files next to the programs): Pulumi runtime mocks that record every
// resource registration as the engine would receive it, including the resource options that
// `pulumi.runtime.setMocks` does not pass to `newResource` (deleteBeforeReplace, replaceOnChanges,
// ignoreChanges, retainOnDelete, additionalSecretOutputs, dependencies) and which inputs travel as secrets.
//
// Call `installMocks` before importing any module that creates resources (import those with `await import()`).
import * as pulumi from '@pulumi/pulumi';

/** How a secret travels in a serialized property: `{ [SIG_KEY]: SECRET_VALUE, value }` (see @pulumi/pulumi runtime/rpc). */
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE = '1b47061264138c4ac30d75fd1eb44270';

/** How an unknown value (preview) travels in a serialized property. */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export const MOCK_ACCOUNT = '111122223333';
export const MOCK_REGION = 'eu-central-1';
/** The name of every hosted zone the default `aws.route53.getZone` answer knows. */
export const MOCK_ZONE_NAME = 'example.com';
/** The canonical hosted zone id of the mocks' load balancers (eu-central-1's ALB zone). */
export const MOCK_ALB_ZONE_ID = 'Z215JYRZR1TBD5';

export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  /** Filled in when the monitor has answered (after `settle()`). */
  urn: string;
  readonly custom: boolean;
  /** A read of an existing resource (e.g. a StackReference) rather than a registration. */
  readonly read: boolean;
  /** URN of the parent resource ('' for none). */
  readonly parent: string;
  /** The explicit provider reference, `<provider URN>::<provider id>` ('' for the default provider). */
  readonly provider: string;
  /** Inputs with secrets unwrapped. */
  readonly inputs: Record<string, unknown>;
  /** Top-level input names whose value was sent as a secret. */
  readonly secretInputs: string[];
  /** Inputs as sent, with every secret value (at any depth) replaced by `[secret]`. */
  readonly plainInputs: Record<string, unknown>;
  readonly deleteBeforeReplace: boolean;
  readonly replaceOnChanges: string[];
  readonly ignoreChanges: string[];
  readonly retainOnDelete: boolean;
  readonly additionalSecretOutputs: string[];
  /** URNs this resource depends on (explicit dependsOn and input dependencies). */
  readonly dependencies: string[];
}

export interface RecordedInvoke {
  readonly token: string;
  readonly args: Record<string, unknown>;
}

export interface MockOptions {
  readonly project: string;
  readonly stack: string;
  /**
   * Preview mode: like the engine's preview, resources answer with their inputs only, so computed outputs
   * (ids aside) stay unknown and applies on them never run: never await them.
   */
  readonly preview?: boolean;
  /** Full config keys (`project:key`, `cockpit:target`) to values; objects are JSON-encoded. */
  readonly config?: Record<string, unknown>;
  /** Full config keys that are secrets. */
  readonly secretKeys?: string[];
  /** Answers to invokes (data sources) by token; the default answers a few AWS data sources. */
  readonly invoke?: (token: string, args: Record<string, unknown>) => Record<string, unknown> | undefined;
  /** Outputs of stacks read with `new pulumi.StackReference(name)`, by stack name. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
}

export interface MockHarness {
  readonly resources: RegisteredResource[];
  readonly invokes: RecordedInvoke[];
  /** Replaces the whole config map (full keys such as `project:key`; objects are JSON-encoded). */
  configure(config: Record<string, unknown>, secretKeys?: string[]): void;
  /** Waits until every registration and invoke started so far has been answered. */
  settle(): Promise<void>;
  byType(type: string): RegisteredResource[];
  /** The only resource of a type (throws when there are none or several). */
  one(type: string): RegisteredResource;
  /** The resource with this logical name (throws when absent). */
  named(name: string): RegisteredResource;
}

interface WireRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDeletebeforereplace(): boolean;
  getReplaceonchangesList(): string[];
  getIgnorechangesList(): string[];
  getRetainondelete(): boolean | undefined;
  getAdditionalsecretoutputsList(): string[];
  getDependenciesList(): string[];
}

interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
  getAdditionalsecretoutputsList(): string[];
  getDependenciesList(): string[];
}

type Callback = (error: unknown, response: unknown) => void;

interface MonitorLike {
  registerResource(request: WireRequest, callback: Callback): void;
  readResource(request: ReadRequest, callback: Callback): void;
}

export async function installMocks(options: MockOptions): Promise<MockHarness> {
  const resources: RegisteredResource[] = [];
  const invokes: RecordedInvoke[] = [];
  const pending = new Set<Promise<unknown>>();

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        const computed = options.preview && args.type !== 'pulumi:pulumi:StackReference' ? {} : computedState(args.type, args.name, inputs, options);
        // Auto-naming: the provider names resources that were given no name after their logical name.
        const state = { name: args.name, ...inputs, ...computed };
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        const callArgs = args.inputs as Record<string, unknown>;
        invokes.push({ token: args.token, args: callArgs });
        return options.invoke?.(args.token, callArgs) ?? defaultInvoke(args.token, callArgs);
      },
    },
    options.project,
    options.stack,
    options.preview ?? false,
  );

  const configure = (values: Record<string, unknown>, secretKeys?: string[]) => {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) config[key] = typeof value === 'string' ? value : JSON.stringify(value);
    pulumi.runtime.setAllConfig(config, secretKeys);
  };
  configure(options.config ?? {}, options.secretKeys);

  // Record the registration request itself: it carries the options that newResource never sees.
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
  const track = (record: RegisteredResource, send: (callback: Callback) => void, callback: Callback) => {
    resources.push(record);
    const done = new Promise<void>((resolve) => {
      send((error, response) => {
        if (response) record.urn = (response as { getUrn(): string }).getUrn();
        callback(error, response);
        resolve();
      });
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const record: RegisteredResource = {
      type: request.getType(),
      name: request.getName(),
      urn: '',
      custom: request.getCustom(),
      read: false,
      parent: request.getParent(),
      provider: request.getProvider(),
      ...inputsOf(request.getObject()?.toJavaScript() ?? {}),
      deleteBeforeReplace: request.getDeletebeforereplace(),
      replaceOnChanges: request.getReplaceonchangesList(),
      ignoreChanges: request.getIgnorechangesList(),
      retainOnDelete: request.getRetainondelete() ?? false,
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      dependencies: request.getDependenciesList(),
    };
    track(record, (send) => register(request, send), callback);
  };
  // Reads of existing resources (StackReference is one) go through readResource.
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (request, callback) => {
    const record: RegisteredResource = {
      type: request.getType(),
      name: request.getName(),
      urn: '',
      custom: true,
      read: true,
      parent: request.getParent(),
      provider: request.getProvider(),
      ...inputsOf(request.getProperties()?.toJavaScript() ?? {}),
      deleteBeforeReplace: false,
      replaceOnChanges: [],
      ignoreChanges: [],
      retainOnDelete: false,
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      dependencies: request.getDependenciesList(),
    };
    track(record, (send) => read(request, send), callback);
  };

  const harness: MockHarness = {
    resources,
    invokes,
    configure,
    async settle() {
      // The SDK keeps every outstanding RPC (registrations, invokes, output resolution) in one queue;
      // waitForRPCs drains it, including registrations that are still waiting for their inputs.
      const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
      if (typeof runtime.waitForRPCs !== 'function') throw new Error('@pulumi/pulumi no longer exposes runtime.waitForRPCs');
      await runtime.waitForRPCs();
      await Promise.all(pending);
    },
    byType: (type) => resources.filter((resource) => resource.type === type),
    one(type) {
      const found = resources.filter((resource) => resource.type === type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(', ')}`);
      return found[0]!;
    },
    named(name) {
      const found = resources.find((resource) => resource.name === name);
      if (!found) throw new Error(`no resource named ${name}; registered: ${resources.map((r) => r.name).join(', ')}`);
      return found;
    },
  };
  return harness;
}

/** Resolves an Output's value (only where it is known: never in preview for computed values). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Whether an Output is marked secret. */
export function secretFlagOf(output: pulumi.Output<unknown>): Promise<boolean> {
  return pulumi.isSecret(output);
}

/** A serialized property map, as tests want to see it. */
function inputsOf(wire: Record<string, unknown>): Pick<RegisteredResource, 'inputs' | 'secretInputs' | 'plainInputs'> {
  return {
    inputs: unwrapSecrets(wire) as Record<string, unknown>,
    secretInputs: Object.keys(wire).filter((key) => isSecretValue(wire[key])),
    plainInputs: redactSecrets(wire) as Record<string, unknown>,
  };
}

function isSecretValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_VALUE;
}

function redactSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return '[secret]';
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactSecrets(entry)]));
  }
  return value;
}

function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, unwrapSecrets(entry)]));
  }
  return value;
}

/** A stable, ARN-safe suffix from a logical name (DMS ARNs end in an upper-case resource id). */
function resourceIdOf(name: string): string {
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `${name
    .replace(/[^a-z0-9]/gi, '')
    .toUpperCase()
    .slice(0, 12)}${hash.toString(36).toUpperCase()}`;
}

/** A stable 16-hex-digit id from a logical name (ELBv2 ARNs end in one). */
function hexIdOf(name: string): string {
  let high = 2166136261;
  let low = 5381;
  for (const char of name) {
    high = Math.imul(high ^ char.charCodeAt(0), 16777619) >>> 0;
    low = (Math.imul(low, 33) + char.charCodeAt(0)) >>> 0;
  }
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
}

const ELB_ARN_BASE = `arn:aws:elasticloadbalancing:${MOCK_REGION}:${MOCK_ACCOUNT}`;

/** The outputs AWS would compute for the resource types these programs use. */
function computedState(type: string, name: string, inputs: Record<string, unknown>, options: MockOptions): Record<string, unknown> {
  const arnBase = `arn:aws:${type.split(':')[1]?.split('/')[0] ?? 'unknown'}:${MOCK_REGION}:${MOCK_ACCOUNT}`;
  switch (type) {
    case 'aws:ec2/instance:Instance':
      return { arn: `${arnBase}:instance/i-${resourceIdOf(name).toLowerCase()}`, privateIp: '10.40.0.10' };
    case 'aws:rds/instance:Instance': {
      const address = `${String(inputs.identifier ?? name)}.c0ffee.${MOCK_REGION}.rds.amazonaws.com`;
      return { arn: `arn:aws:rds:${MOCK_REGION}:${MOCK_ACCOUNT}:db:${String(inputs.identifier ?? name)}`, address, port: 3306, endpoint: `${address}:3306` };
    }
    case 'aws:dms/endpoint:Endpoint':
      return { endpointArn: `arn:aws:dms:${MOCK_REGION}:${MOCK_ACCOUNT}:endpoint:${resourceIdOf(name)}` };
    case 'aws:dms/replicationTask:ReplicationTask':
      return { replicationTaskArn: `arn:aws:dms:${MOCK_REGION}:${MOCK_ACCOUNT}:task:${resourceIdOf(name)}` };
    case 'aws:dms/replicationInstance:ReplicationInstance':
      return { replicationInstanceArn: `arn:aws:dms:${MOCK_REGION}:${MOCK_ACCOUNT}:rep:${resourceIdOf(name)}` };
    case 'aws:lb/loadBalancer:LoadBalancer': {
      const lbName = String(inputs.name ?? name);
      const dnsName = `${inputs.internal === true ? 'internal-' : ''}${lbName}-${parseInt(hexIdOf(name).slice(0, 8), 16)}.${MOCK_REGION}.elb.amazonaws.com`;
      return { arn: `${ELB_ARN_BASE}:loadbalancer/app/${lbName}/${hexIdOf(name)}`, dnsName, zoneId: MOCK_ALB_ZONE_ID };
    }
    case 'aws:lb/targetGroup:TargetGroup':
      return { arn: `${ELB_ARN_BASE}:targetgroup/${String(inputs.name ?? name)}/${hexIdOf(name)}` };
    case 'aws:lb/listener:Listener':
      // A listener's ARN continues its load balancer's: listener/app/<name>/<id>/<listener id>.
      return { arn: `${String(inputs.loadBalancerArn).replace(':loadbalancer/', ':listener/')}/${hexIdOf(name)}` };
    // The traffic track's rehearsal resources (dynamic): what the rehearsal's ELBv2 and Route 53 answer.
    case 'pulumi-nodejs:dynamic/cockpit:RehearsalLoadBalancer': {
      const lbName = String(inputs.name);
      const dnsName = `${inputs.scheme === 'internal' ? 'internal-' : ''}${lbName}-${parseInt(hexIdOf(name).slice(0, 8), 16)}.${MOCK_REGION}.elb.amazonaws.com`;
      return { arn: `${ELB_ARN_BASE}:loadbalancer/app/${lbName}/${hexIdOf(name)}`, dnsName, canonicalHostedZoneId: MOCK_ALB_ZONE_ID };
    }
    case 'pulumi-nodejs:dynamic/cockpit:RehearsalTargetGroup':
      return { arn: `${ELB_ARN_BASE}:targetgroup/${String(inputs.name)}/${hexIdOf(name)}` };
    case 'pulumi-nodejs:dynamic/cockpit:RehearsalListener':
      return { arn: `${String(inputs.loadBalancerArn).replace(':loadbalancer/', ':listener/')}/${hexIdOf(name)}` };
    case 'pulumi-nodejs:dynamic/cockpit:RehearsalWeightedRecords':
      return { changeId: `C${hexIdOf(name).toUpperCase()}` };
    case 'aws:route53/record:Record':
      // The provider's fqdn: the name without its trailing dot (names here are fully qualified).
      return { fqdn: String(inputs.name).replace(/\.$/, '').toLowerCase() };
    case 'pulumi:pulumi:StackReference': {
      const stackName = String(inputs.name);
      const outputs = options.stackOutputs?.[stackName];
      if (!outputs) throw new Error(`the mocks know no stack '${stackName}'`);
      return { outputs, secretOutputNames: [] };
    }
    default:
      return { arn: `${arnBase}:${name}` };
  }
}

function defaultInvoke(token: string, args: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case 'aws:index/getAvailabilityZones:getAvailabilityZones':
      return { names: [`${MOCK_REGION}a`, `${MOCK_REGION}b`, `${MOCK_REGION}c`], zoneIds: ['euc1-az2', 'euc1-az3', 'euc1-az1'], id: MOCK_REGION };
    case 'aws:ec2/getVpc:getVpc':
      return { id: args.id, cidrBlock: '10.40.0.0/16' };
    case 'aws:route53/getZone:getZone':
      return { id: args.zoneId, zoneId: args.zoneId, name: MOCK_ZONE_NAME, privateZone: false };
    case 'aws:route53/getRecords:getRecords':
      // An empty zone (tests of what a name already holds answer with their own sets).
      return { zoneId: args.zoneId, nameRegex: args.nameRegex, resourceRecordSets: [] };
    case 'aws:ssm/getParameter:getParameter':
      return { name: args.name, value: 'ami-0123456789abcdef0', type: 'String' };
    default:
      throw new Error(`the mocks have no answer for invoke ${token}`);
  }
}
