// The Keyspaces track's AWS part with Pulumi runtime mocks: the keyspace and tables with their schemas, the bulk
// load's Glue job, the dual-write proxy's service in each phase and its absence once removed, the outputs, and config
// errors naming their key (with nothing registered).
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAppInstanceConfig } from '../../components/testing/app-instance-config';
import { installMocks, MOCK_ACCOUNT, valueOf, type MockHarness } from '../../components/testing/pulumi-mocks';
import type * as AppAwsModule from '../../app-instance/aws';
import type { InstanceNetwork } from '../../seam/program-track';
import type * as KeyspacesAwsModule from './aws';
import { ORDERS_SETTINGS } from './testing/settings-fixture';

const SCRIPT = 's3://migration-scripts/keyspaces-bulk-load.py';
const NLB_DNS = (name: string) => `${name}-0123456789.elb.eu-central-1.amazonaws.com`;

let mocks: MockHarness;
let mod: typeof KeyspacesAwsModule;
let app: typeof AppAwsModule;

beforeAll(async () => {
  mocks = await installMocks({
    project: 'platform-production',
    stack: 'app1101',
    invoke: (token, args) => (token === 'aws:ec2/getSubnet:getSubnet' ? { id: args.id, availabilityZone: 'eu-central-1b' } : undefined),
  });
  // The default mocks compute no NLB DNS name: give each one its own, as AWS does.
  const monitor = pulumi.runtime.getMonitor() as unknown as { mocks: pulumi.runtime.Mocks };
  const inner = monitor.mocks;
  monitor.mocks = {
    call: (args) => inner.call(args),
    async newResource(args) {
      const answer = await inner.newResource(args);
      return args.type === 'aws:lb/loadBalancer:LoadBalancer' ? { ...answer, state: { ...answer.state, dnsName: NLB_DNS(String(args.inputs.name)) } } : answer;
    },
  };
  mod = await import('./aws');
  app = await import('../../app-instance/aws');
});

const network = (cidr = '10.50.0.0/16'): InstanceNetwork => ({
  vpcId: 'vpc-0ks',
  subnetIds: ['subnet-k1', 'subnet-k2'],
  fromNetwork: () => {
    throw new Error('not used');
  },
  vpcCidr: () => cidr,
});

/** The stack's config: the instance's own, keyspaces:* and the track's project keys. */
function configure(keyspaces: Record<string, unknown> = {}, project: Record<string, unknown> = {}) {
  mocks.configure({
    'aws:region': 'eu-central-1',
    'keyspaces:settings': JSON.stringify(ORDERS_SETTINGS),
    ...Object.fromEntries(Object.entries(keyspaces).map(([key, value]) => [`keyspaces:${key}`, value])),
    'platform-production:keyspacesBulkLoadScript': SCRIPT,
    ...Object.fromEntries(Object.entries(project).map(([key, value]) => [`platform-production:${key}`, value])),
  });
}

function deploy(instanceId: string) {
  return mod.keyspacesAws.prepare(
    new pulumi.Config(),
    network(),
  )({
    instanceId,
    prefix: 'platform-production',
    tags: { Owner: 'it-ops', Application: instanceId },
    network: network(),
  });
}

type Environment = { name: string; value: string }[];
const environmentOf = async (instanceId: string): Promise<Record<string, string>> => {
  const definitions = await valueOf(pulumi.output(mocks.named(`${instanceId}-proxy-task`).inputs.containerDefinitions as string));
  const [container] = JSON.parse(definitions) as { environment: Environment }[];
  return Object.fromEntries(container!.environment.map((entry) => [entry.name, entry.value]));
};

describe('the Keyspaces AWS part', () => {
  it('is registered with the app-instance program and makes the keyspace, tables, bulk load and proxy', async () => {
    mocks.configure({
      ...demoAppInstanceConfig('app1101', 'app1101-Db-Secret-77', {
        amiId: 'ami-0abcdef1234567890',
        vpcId: 'vpc-0bbb',
        subnetIds: ['subnet-1a', 'subnet-1b'],
        replicationInstanceArn: `arn:aws:dms:eu-central-1:${MOCK_ACCOUNT}:rep:NETWORKDMS`,
        allowedCidrs: ['172.20.0.0/14'],
        keyspacesBulkLoadScript: SCRIPT,
      }),
      'keyspaces:settings': JSON.stringify(ORDERS_SETTINGS),
    });
    const outputs = app.deployAws({ stackId: 'platform-production/app1101' });
    await mocks.settle();

    const keyspaces = mocks.resources.filter((resource) => /^app1101-(keyspaces|bulk-load|proxy)/.test(resource.name)).map((r) => `${r.type} ${r.name}`);
    expect(keyspaces.sort()).toEqual(
      [
        'cockpit:migration:KeyspacesTarget app1101-keyspaces',
        'aws:keyspaces/keyspace:Keyspace app1101-keyspaces-keyspace',
        'aws:keyspaces/table:Table app1101-keyspaces-orders',
        'aws:keyspaces/table:Table app1101-keyspaces-customers',
        'cockpit:migration:BulkLoadJob app1101-bulk-load',
        'aws:iam/role:Role app1101-bulk-load-role',
        'aws:iam/rolePolicyAttachment:RolePolicyAttachment app1101-bulk-load-glue-service',
        'aws:iam/rolePolicy:RolePolicy app1101-bulk-load-access',
        'aws:ec2/securityGroup:SecurityGroup app1101-bulk-load-sg',
        'aws:glue/connection:Connection app1101-bulk-load-network',
        'aws:glue/job:Job app1101-bulk-load-job',
        'cockpit:migration:DualWriteProxy app1101-proxy',
        'aws:ecs/cluster:Cluster app1101-proxy-cluster',
        'aws:cloudwatch/logGroup:LogGroup app1101-proxy-logs',
        'aws:iam/role:Role app1101-proxy-exec',
        'aws:iam/rolePolicyAttachment:RolePolicyAttachment app1101-proxy-exec-policy',
        'aws:ecs/taskDefinition:TaskDefinition app1101-proxy-task',
        'aws:ec2/securityGroup:SecurityGroup app1101-proxy-sg',
        'aws:lb/loadBalancer:LoadBalancer app1101-proxy-nlb',
        'aws:lb/targetGroup:TargetGroup app1101-proxy-cql',
        'aws:lb/targetGroup:TargetGroup app1101-proxy-metrics',
        'aws:lb/listener:Listener app1101-proxy-cql-listener',
        'aws:lb/listener:Listener app1101-proxy-metrics-listener',
        'aws:ecs/service:Service app1101-proxy-service',
      ].sort(),
    );

    // The instance's network: the proxy's tasks and NLB in its subnets, reachable from its VPC.
    expect(mocks.named('app1101-proxy-service').inputs.networkConfiguration).toEqual({
      subnets: ['subnet-1a', 'subnet-1b'],
      securityGroups: ['app1101-proxy-sg-id'],
      assignPublicIp: false,
    });
    expect(mocks.named('app1101-proxy-nlb').inputs).toMatchObject({ internal: true, loadBalancerType: 'network', subnets: ['subnet-1a', 'subnet-1b'] });
    expect(mocks.named('app1101-proxy-sg').inputs.ingress).toEqual([
      expect.objectContaining({ protocol: 'tcp', fromPort: 9042, toPort: 9042, cidrBlocks: ['10.40.0.0/16'] }),
      expect.objectContaining({ protocol: 'tcp', fromPort: 14001, toPort: 14001, cidrBlocks: ['10.40.0.0/16'] }),
    ]);

    expect({
      keyspacesEndpoint: outputs.keyspacesEndpoint,
      bulkLoadJobName: await valueOf(outputs.bulkLoadJobName!),
      proxyEndpoint: await valueOf(outputs.proxyEndpoint!),
      proxyMetricsUrl: await valueOf(outputs.proxyMetricsUrl!),
      proxyPhase: outputs.proxyPhase,
    }).toEqual({
      keyspacesEndpoint: 'cassandra.eu-central-1.amazonaws.com:9142',
      bulkLoadJobName: 'platform-production-app1101-keyspaces-bulk-load',
      proxyEndpoint: `${NLB_DNS('platform-production-app1101-zdm')}:9042`,
      proxyMetricsUrl: `http://${NLB_DNS('platform-production-app1101-zdm')}:14001/metrics`,
      proxyPhase: 'primary=ORIGIN read=PRIMARY_ONLY',
    });
    // The instance's own resources and the DMS track's are untouched by the Keyspaces part.
    expect(mocks.named('app1101-server').type).toBe('aws:ec2/instance:Instance');
    expect(await valueOf(outputs.replicationTaskId)).toBe('app1101-mysql-full-load-cdc');
  });

  it('gives each table its schema, point-in-time recovery and on-demand capacity', async () => {
    configure();
    deploy('app2101');
    await mocks.settle();
    expect(mocks.named('app2101-keyspaces-keyspace').inputs).toMatchObject({ name: 'orders_aws', tags: { Owner: 'it-ops' } });
    const orders = mocks.named('app2101-keyspaces-orders');
    expect(orders).toMatchObject({ deleteBeforeReplace: true });
    expect(orders.inputs).toMatchObject({
      keyspaceName: 'orders_aws',
      tableName: 'orders',
      capacitySpecification: { throughputMode: 'PAY_PER_REQUEST' },
      pointInTimeRecovery: { status: 'ENABLED' },
    });
    expect(orders.inputs.schemaDefinition).toEqual({
      columns: [
        { name: 'customer_id', type: 'uuid' },
        { name: 'created_at', type: 'timestamp' },
        { name: 'order_id', type: 'timeuuid' },
        { name: 'total', type: 'decimal' },
        { name: 'items', type: 'map<text, int>' },
      ],
      partitionKeys: [{ name: 'customer_id' }],
      clusteringKeys: [
        { name: 'created_at', orderBy: 'DESC' },
        { name: 'order_id', orderBy: 'ASC' },
      ],
    });
    expect(mocks.named('app2101-keyspaces-customers').inputs.schemaDefinition).toEqual({
      columns: [
        { name: 'customer_id', type: 'uuid' },
        { name: 'region', type: 'text' },
        { name: 'name', type: 'text' },
      ],
      partitionKeys: [{ name: 'customer_id' }, { name: 'region' }],
    });
    // The tables are made in the keyspace the stack made.
    expect(orders.dependencies).toContain(mocks.named('app2101-keyspaces-keyspace').urn);
  });

  it('makes the bulk load a Glue 4.0 job with the copy in its default arguments and a role reaching Keyspaces and the script', async () => {
    configure();
    deploy('app2102');
    await mocks.settle();
    const job = mocks.named('app2102-bulk-load-job');
    expect(job.inputs).toMatchObject({
      name: 'platform-production-app2102-keyspaces-bulk-load',
      glueVersion: '4.0',
      command: { name: 'glueetl', scriptLocation: SCRIPT, pythonVersion: '3' },
      connections: ['platform-production-app2102-keyspaces-bulk-load-network'],
      executionProperty: { maxConcurrentRuns: 1 },
      defaultArguments: {
        '--source-keyspace': 'orders',
        '--target-keyspace': 'orders_aws',
        '--tables': 'orders,customers',
        '--origin-contact-points': '10.20.0.11:9042,cass-2.dc.example.internal',
        '--origin-local-data-center': 'dc1',
        '--target-endpoint': 'cassandra.eu-central-1.amazonaws.com:9142',
      },
    });
    expect(job.inputs.roleArn).toBe(`arn:aws:iam:eu-central-1:${MOCK_ACCOUNT}:app2102-bulk-load-role`);
    expect(JSON.parse(mocks.named('app2102-bulk-load-role').inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({
      Service: 'glue.amazonaws.com',
    });
    const policy = JSON.parse(mocks.named('app2102-bulk-load-access').inputs.policy as string) as {
      Statement: { Sid: string; Action: unknown; Resource: unknown }[];
    };
    expect(Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement.Resource]))).toEqual({
      TargetKeyspace: [
        `arn:aws:cassandra:eu-central-1:${MOCK_ACCOUNT}:/keyspace/orders_aws/`,
        `arn:aws:cassandra:eu-central-1:${MOCK_ACCOUNT}:/keyspace/orders_aws/table/*`,
      ],
      SystemKeyspaces: `arn:aws:cassandra:eu-central-1:${MOCK_ACCOUNT}:/keyspace/system*`,
      ScriptBucket: 'arn:aws:s3:::migration-scripts',
      ScriptObjects: 'arn:aws:s3:::migration-scripts/*',
    });
    expect(mocks.named('app2102-bulk-load-network').inputs).toMatchObject({
      connectionType: 'NETWORK',
      physicalConnectionRequirements: { subnetId: 'subnet-k1', availabilityZone: 'eu-central-1b' },
    });
  });

  it('takes the job name the plan gives', async () => {
    mocks.configure({
      'aws:region': 'eu-central-1',
      'keyspaces:settings': JSON.stringify({ ...ORDERS_SETTINGS, glueJob: 'orders-history-load' }),
      'platform-production:keyspacesBulkLoadScript': SCRIPT,
    });
    const outputs = deploy('app2103');
    await mocks.settle();
    expect(mocks.named('app2103-bulk-load-job').inputs.name).toBe('orders-history-load');
    expect(await valueOf(outputs.bulkLoadJobName!)).toBe('orders-history-load');
  });

  it('runs the proxy on Fargate with its phase, both clusters and its ports in the environment', async () => {
    configure({}, { keyspacesProxyImage: 'registry.example.com/zdm-proxy:2.3.4', keyspacesProxyCount: 3 });
    deploy('app2201');
    await mocks.settle();
    expect(await environmentOf('app2201')).toEqual({
      ZDM_PRIMARY_CLUSTER: 'ORIGIN',
      ZDM_READ_MODE: 'PRIMARY_ONLY',
      ZDM_ORIGIN_CONTACT_POINTS: '10.20.0.11,cass-2.dc.example.internal',
      ZDM_ORIGIN_PORT: '9042',
      ZDM_ORIGIN_LOCAL_DATACENTER: 'dc1',
      ZDM_TARGET_CONTACT_POINTS: 'cassandra.eu-central-1.amazonaws.com',
      ZDM_TARGET_PORT: '9142',
      ZDM_PROXY_LISTEN_ADDRESS: '0.0.0.0',
      ZDM_PROXY_LISTEN_PORT: '9042',
      ZDM_METRICS_ADDRESS: '0.0.0.0',
      ZDM_METRICS_PORT: '14001',
    });
    const task = mocks.named('app2201-proxy-task');
    expect(task.inputs).toMatchObject({ family: 'platform-production-app2201-zdm-proxy', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc' });
    const [container] = JSON.parse(task.inputs.containerDefinitions as string) as Record<string, unknown>[];
    expect(container).toMatchObject({
      name: 'zdm-proxy',
      image: 'registry.example.com/zdm-proxy:2.3.4',
      portMappings: [
        { containerPort: 9042, protocol: 'tcp' },
        { containerPort: 14001, protocol: 'tcp' },
      ],
    });
    const service = mocks.named('app2201-proxy-service');
    expect(service.inputs).toMatchObject({
      desiredCount: 3,
      launchType: 'FARGATE',
      waitForSteadyState: true,
      deploymentMinimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      loadBalancers: [
        { containerName: 'zdm-proxy', containerPort: 9042 },
        { containerName: 'zdm-proxy', containerPort: 14001 },
      ],
    });
    // The service starts once its listeners forward to its target groups.
    expect(service.dependencies).toEqual(
      expect.arrayContaining([mocks.named('app2201-proxy-cql-listener').urn, mocks.named('app2201-proxy-metrics-listener').urn]),
    );
    expect(mocks.named('app2201-proxy-cql-listener').inputs).toMatchObject({ port: 9042, protocol: 'TCP' });
    expect(mocks.named('app2201-proxy-metrics-listener').inputs).toMatchObject({ port: 14001, protocol: 'TCP' });
    expect(mocks.named('app2201-proxy-sg').inputs.ingress).toEqual([
      expect.objectContaining({ fromPort: 9042, cidrBlocks: ['10.50.0.0/16'] }),
      expect.objectContaining({ fromPort: 14001, cidrBlocks: ['10.50.0.0/16'] }),
    ]);
  });

  it('switches the phase through the task definition: mirrored reads, then the target as primary', async () => {
    configure({ readMode: 'DUAL_ASYNC_ON_SECONDARY' });
    const mirrored = deploy('app2202');
    configure({ primaryCluster: 'TARGET', readMode: 'PRIMARY_ONLY' });
    const target = deploy('app2203');
    await mocks.settle();
    expect(await environmentOf('app2202')).toMatchObject({ ZDM_PRIMARY_CLUSTER: 'ORIGIN', ZDM_READ_MODE: 'DUAL_ASYNC_ON_SECONDARY' });
    expect(await environmentOf('app2203')).toMatchObject({ ZDM_PRIMARY_CLUSTER: 'TARGET', ZDM_READ_MODE: 'PRIMARY_ONLY' });
    expect([mirrored.proxyPhase, target.proxyPhase]).toEqual(['primary=ORIGIN read=DUAL_ASYNC_ON_SECONDARY', 'primary=TARGET read=PRIMARY_ONLY']);
  });

  it('with keyspaces:proxy removed, makes no proxy at all and exports no proxy endpoint', async () => {
    configure({ primaryCluster: 'TARGET', proxy: 'removed' });
    const outputs = deploy('app2301');
    await mocks.settle();
    const made = mocks.resources.filter((resource) => resource.name.startsWith('app2301-')).map((resource) => resource.type);
    expect(made).toContain('aws:keyspaces/table:Table');
    expect(made).toContain('aws:glue/job:Job');
    for (const type of [
      'aws:ecs/service:Service',
      'aws:ecs/cluster:Cluster',
      'aws:ecs/taskDefinition:TaskDefinition',
      'aws:lb/loadBalancer:LoadBalancer',
      'aws:lb/listener:Listener',
    ])
      expect(made).not.toContain(type);
    expect(outputs).not.toHaveProperty('proxyMetricsUrl');
    expect(outputs).not.toHaveProperty('proxyEndpoint');
    expect(outputs.proxyPhase).toBe('removed');
    expect(outputs.keyspacesEndpoint).toBe('cassandra.eu-central-1.amazonaws.com:9142');
  });

  it('makes nothing for a stack without keyspaces:settings', async () => {
    mocks.configure({ 'aws:region': 'eu-central-1' });
    expect(deploy('app2401')).toEqual({});
    await mocks.settle();
    expect(mocks.resources.filter((resource) => resource.name.startsWith('app2401'))).toEqual([]);
  });

  it('says which config key is wrong, before anything is made', async () => {
    const attempt =
      (instanceId: string, keyspaces: Record<string, unknown>, project: Record<string, unknown> = {}, settings?: string) =>
      () => {
        configure(keyspaces, project);
        if (settings !== undefined)
          mocks.configure({ 'aws:region': 'eu-central-1', 'keyspaces:settings': settings, 'platform-production:keyspacesBulkLoadScript': SCRIPT });
        return deploy(instanceId);
      };
    expect(attempt('app2501', {}, {}, '{"originKeyspace": "orders",')).toThrow(/^keyspaces:settings is not valid JSON: /);
    expect(attempt('app2502', {}, {}, '[]')).toThrow('keyspaces:settings must be a JSON object { originKeyspace, targetKeyspace, origin, tables }');
    expect(attempt('app2503', {}, {}, JSON.stringify({ ...ORDERS_SETTINGS, targetKeyspace: 'orders-aws' }))).toThrow(
      'keyspaces:settings: targetKeyspace must be a CQL name: 1-48 letters, digits or underscores, starting with a letter (got "orders-aws")',
    );
    expect(attempt('app2504', { primaryCluster: 'BOTH' })).toThrow("keyspaces:primaryCluster must be one of ORIGIN, TARGET (got 'BOTH')");
    expect(attempt('app2505', { readMode: 'DUAL' })).toThrow("keyspaces:readMode must be one of PRIMARY_ONLY, DUAL_ASYNC_ON_SECONDARY (got 'DUAL')");
    expect(attempt('app2506', { proxy: 'gone' })).toThrow("keyspaces:proxy must be one of present, removed (got 'gone')");
    expect(() => {
      mocks.configure({ 'aws:region': 'eu-central-1', 'keyspaces:settings': JSON.stringify(ORDERS_SETTINGS) });
      return deploy('app2507');
    }).toThrow(/^platform-production:keyspacesBulkLoadScript is not set: /);
    expect(attempt('app2508', {}, { keyspacesBulkLoadScript: 'https://example.com/load.py' })).toThrow(
      "platform-production:keyspacesBulkLoadScript must be an S3 object URI such as s3://bucket/keyspaces-bulk-load.py (got 'https://example.com/load.py')",
    );
    expect(attempt('app2509', {}, { keyspacesProxyCount: 0 })).toThrow(
      'platform-production:keyspacesProxyCount must be a whole number of proxy tasks from 1 to 100 (got 0)',
    );
    expect(
      attempt(
        'app2510',
        {},
        {},
        JSON.stringify({ ...ORDERS_SETTINGS, origin: { ...ORDERS_SETTINGS.origin, contactPoints: ['10.20.0.11:9042', '10.20.0.12:9043'] } }),
      ),
    ).toThrow('keyspaces:settings: origin.contactPoints use different ports (9042, 9043): the dual-write proxy reaches every origin node on one port');
    await mocks.settle();
    expect(mocks.resources.filter((resource) => /^app25/.test(resource.name))).toEqual([]);
  });
});
