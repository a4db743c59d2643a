// ELBv2 load balancers, target groups and targets through the real @aws-sdk/client-elastic-load-balancing-v2 against
// a started rehearsal: AWS's names, ARNs and DNS names, idempotent creates, paging, ELBv2's errors, and target health
// over time on the rehearsal clock (initial → healthy after HealthyThresholdCount × interval, draining for the
// deregistration delay). Listeners are elbv2-listeners.test.ts's.
import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, buildAlbService, failureOf, REGION, SUBNETS, T0, useTrafficRehearsal, VPC, type TrafficHarness } from './test-harness';

const start = useTrafficRehearsal();

async function health(harness: TrafficHarness, arn: string): Promise<string[]> {
  const out = await harness.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return out.TargetHealthDescriptions!.map(
    (entry) => `${entry.Target!.Id}:${entry.Target!.Port} ${entry.TargetHealth!.State}${entry.TargetHealth!.Reason ? ` ${entry.TargetHealth!.Reason}` : ''}`,
  );
}

describe('ELBv2 load balancers', () => {
  it('creates an application load balancer with AWS’s DNS name, zone and ARN, describes it by ARN and name, and deletes it', async () => {
    const { elbv2 } = await start();
    const created = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: SUBNETS, SecurityGroups: ['sg-0a1b2c3d4e5f60718'] })))
      .LoadBalancers![0]!;
    expect(created).toMatchObject({
      LoadBalancerName: 'shop',
      Scheme: 'internet-facing',
      Type: 'application',
      State: { Code: 'active' },
      CanonicalHostedZoneId: 'Z215JYRZR1TBD5',
      IpAddressType: 'ipv4',
      CreatedTime: new Date(T0),
      SecurityGroups: ['sg-0a1b2c3d4e5f60718'],
      AvailabilityZones: [
        { ZoneName: 'eu-central-1a', SubnetId: SUBNETS[0] },
        { ZoneName: 'eu-central-1b', SubnetId: SUBNETS[1] },
      ],
    });
    expect(created.LoadBalancerArn).toMatch(new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shop/[0-9a-f]{16}$`));
    expect(created.DNSName).toMatch(/^shop-[1-9]\d{9}\.eu-central-1\.elb\.amazonaws\.com$/);
    const internal = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'inner', Subnets: SUBNETS, Scheme: 'internal' }))).LoadBalancers![0]!;
    expect(internal.DNSName).toMatch(/^internal-inner-\d{10}\.eu-central-1\.elb\.amazonaws\.com$/);
    // The same request again answers the same load balancer; other settings under the name are a duplicate.
    expect(
      (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: SUBNETS, SecurityGroups: ['sg-0a1b2c3d4e5f60718'] }))).LoadBalancers![0]!
        .LoadBalancerArn,
    ).toBe(created.LoadBalancerArn);
    expect(await failureOf(elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: SUBNETS, Scheme: 'internal' })))).toMatchObject({
      name: 'DuplicateLoadBalancerNameException',
      status: 400,
    });

    expect((await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers!.map((lb) => lb.LoadBalancerName)).toEqual(['shop', 'inner']);
    expect((await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['inner'] }))).LoadBalancers!.map((lb) => lb.LoadBalancerArn)).toEqual([
      internal.LoadBalancerArn,
    ]);
    expect((await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [created.LoadBalancerArn!] }))).LoadBalancers![0]).toEqual(created);
    const paged = await elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 1 }));
    expect(paged.LoadBalancers!.map((lb) => lb.LoadBalancerName)).toEqual(['shop']);
    expect(
      (await elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 1, Marker: paged.NextMarker }))).LoadBalancers!.map((lb) => lb.LoadBalancerName),
    ).toEqual(['inner']);
    expect(await failureOf(elbv2.send(new DescribeLoadBalancersCommand({ Names: ['nope'] })))).toEqual({
      name: 'LoadBalancerNotFoundException',
      status: 400,
      message: "Load balancers '[nope]' not found",
    });

    await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: internal.LoadBalancerArn }));
    expect(await failureOf(elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [internal.LoadBalancerArn!] })))).toMatchObject({
      name: 'LoadBalancerNotFoundException',
    });
    expect(await failureOf(elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: internal.LoadBalancerArn })))).toMatchObject({
      name: 'LoadBalancerNotFoundException',
    });
  });

  it('answers ValidationError for names, subnets and types ELBv2 refuses', async () => {
    const { elbv2 } = await start();
    const create = (input: Partial<ConstructorParameters<typeof CreateLoadBalancerCommand>[0]>) =>
      failureOf(elbv2.send(new CreateLoadBalancerCommand({ Name: 'ok', Subnets: SUBNETS, ...input })));
    expect(await create({ Name: 'internal-shop' })).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: "Load balancer name 'internal-shop' cannot begin with 'internal-'",
    });
    expect(await create({ Name: '-shop' })).toMatchObject({ name: 'ValidationError', message: "Load balancer name '-shop' cannot begin or end with '-'" });
    expect(await create({ Name: 'a'.repeat(33) })).toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("cannot be longer than '32' characters"),
    });
    expect(await create({ Name: 'shop_1' })).toMatchObject({ name: 'ValidationError' });
    expect(await create({ Subnets: [SUBNETS[0]!] })).toMatchObject({ message: 'At least two subnets in two different Availability Zones must be specified' });
    expect(await create({ Subnets: ['subnet-1', SUBNETS[1]!] })).toMatchObject({
      name: 'SubnetNotFoundException',
      message: "The subnet ID 'subnet-1' is not valid",
    });
    expect(await create({ Type: 'network' })).toMatchObject({
      name: 'ValidationError',
      message: "The rehearsal's ELBv2 serves application load balancers, not 'network'",
    });
    expect(await create({ Scheme: 'public' as 'internal' })).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'public' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internet-facing, internal]",
    });
    expect(await failureOf(elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: ['arn:nope'] })))).toMatchObject({
      name: 'ValidationError',
      message: "'arn:nope' is not a valid load balancer ARN",
    });
    expect(await failureOf(elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: ['x'], Names: ['y'] })))).toMatchObject({ name: 'ValidationError' });
  });
});

describe('ELBv2 target groups and targets', () => {
  it('creates target groups with ELBv2’s defaults, refuses bad settings, and will not delete one in use', async () => {
    const harness = await start();
    const { elbv2 } = harness;
    const group = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'plain', Protocol: 'HTTP', Port: 8080, VpcId: VPC }))).TargetGroups![0]!;
    expect(group).toEqual({
      TargetGroupArn: expect.stringMatching(new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/plain/[0-9a-f]{16}$`)),
      TargetGroupName: 'plain',
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: VPC,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [],
      TargetType: 'instance',
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
    });
    const bad = (input: Partial<ConstructorParameters<typeof CreateTargetGroupCommand>[0]>) =>
      failureOf(elbv2.send(new CreateTargetGroupCommand({ Name: 'g', Protocol: 'HTTP', Port: 80, VpcId: VPC, ...input })));
    expect(await bad({ Name: 'plain', Port: 81 })).toMatchObject({ name: 'DuplicateTargetGroupNameException' });
    expect(await bad({ HealthCheckIntervalSeconds: 301 })).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '301' at 'healthCheckIntervalSeconds' failed to satisfy constraint: Member must have value less than or equal to 300",
    });
    expect(await bad({ HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 5 })).toMatchObject({
      message: "Health check timeout '5' must be smaller than the interval '5'",
    });
    expect(await bad({ HealthyThresholdCount: 1 })).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('greater than or equal to 2') });
    expect(await bad({ Port: undefined })).toMatchObject({ message: 'A port must be specified' });
    expect(await bad({ VpcId: 'vpc-x' })).toMatchObject({ message: "The VPC ID 'vpc-x' is not found" });
    expect(await bad({ Protocol: 'TCP' })).toMatchObject({ name: 'ValidationError', message: expect.stringContaining("not 'TCP'") });
    expect(await bad({ TargetType: 'lambda' })).toMatchObject({ name: 'ValidationError' });
    expect(await bad({ Matcher: { HttpCode: 'ok' } })).toMatchObject({ name: 'ValidationError' });

    const service = await buildAlbService(harness, 0);
    expect(await failureOf(elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: service.awsGroupArn })))).toEqual({
      name: 'ResourceInUseException',
      status: 400,
      message: `Target group '${service.awsGroupArn}' is currently in use by a listener or a rule`,
    });
    const byLoadBalancer = await elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: service.loadBalancer.LoadBalancerArn }));
    expect(byLoadBalancer.TargetGroups!.map((entry) => [entry.TargetGroupName, entry.LoadBalancerArns])).toEqual([
      ['shop-aws', [service.loadBalancer.LoadBalancerArn]],
      ['shop-dc', [service.loadBalancer.LoadBalancerArn]],
    ]);
    expect((await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['plain'] }))).TargetGroups!.map((entry) => entry.TargetGroupArn)).toEqual([
      group.TargetGroupArn,
    ]);
    await elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn }));
    expect(await failureOf(elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [group.TargetGroupArn!] })))).toEqual({
      name: 'TargetGroupNotFoundException',
      status: 400,
      message: `Target groups '[${group.TargetGroupArn}]' not found`,
    });
  });

  it('takes targets through initial, healthy and draining on the rehearsal clock', async () => {
    const harness = await start();
    const { elbv2 } = harness;
    const service = await buildAlbService(harness, 50);
    // 10 s interval, 3 healthy checks: healthy 30 s after the listener began forwarding to the group.
    expect(await health(harness, service.awsGroupArn)).toEqual([
      'i-0123456789abcdef0:80 initial Elb.RegistrationInProgress',
      'i-0123456789abcdef1:80 initial Elb.RegistrationInProgress',
    ]);
    const described = (await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: service.dcGroupArn }))).TargetHealthDescriptions![0]!;
    expect(described).toEqual({
      Target: { Id: '172.20.7.11', Port: 443, AvailabilityZone: 'all' },
      HealthCheckPort: '443',
      TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
    });
    harness.advance(29);
    expect(await health(harness, service.awsGroupArn)).toEqual([
      'i-0123456789abcdef0:80 initial Elb.RegistrationInProgress',
      'i-0123456789abcdef1:80 initial Elb.RegistrationInProgress',
    ]);
    harness.advance(1);
    expect(await health(harness, service.awsGroupArn)).toEqual(['i-0123456789abcdef0:80 healthy', 'i-0123456789abcdef1:80 healthy']);

    // A new target starts initial; a deregistered one drains for the deregistration delay (300 s), then is gone.
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: service.awsGroupArn, Targets: [{ Id: 'i-0123456789abcdef2', Port: 8080 }] }));
    await elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: service.awsGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }] }));
    expect(await health(harness, service.awsGroupArn)).toEqual([
      'i-0123456789abcdef0:80 draining Target.DeregistrationInProgress',
      'i-0123456789abcdef1:80 healthy',
      'i-0123456789abcdef2:8080 initial Elb.RegistrationInProgress',
    ]);
    harness.advance(300);
    expect(await health(harness, service.awsGroupArn)).toEqual(['i-0123456789abcdef1:80 healthy', 'i-0123456789abcdef2:8080 healthy']);
    // Asked about by id: one not registered answers Target.NotRegistered.
    const asked = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: service.awsGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }] }));
    expect(asked.TargetHealthDescriptions![0]!.TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    });
    expect(
      await failureOf(elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: service.awsGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }] }))),
    ).toMatchObject({
      name: 'InvalidTargetException',
    });

    // A group no listener forwards to: its targets are unused, and deregistering one removes it at once.
    const idle = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'idle', Protocol: 'HTTP', Port: 80, VpcId: VPC, TargetType: 'ip' }))).TargetGroups![0]!
      .TargetGroupArn!;
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: idle, Targets: [{ Id: '10.0.1.5' }, { Id: '10.0.1.6' }] }));
    expect(await health(harness, idle)).toEqual(['10.0.1.5:80 unused Target.NotInUse', '10.0.1.6:80 unused Target.NotInUse']);
    await elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: idle, Targets: [{ Id: '10.0.1.5' }] }));
    expect(await health(harness, idle)).toEqual(['10.0.1.6:80 unused Target.NotInUse']);
  });

  it('checks targets against the group’s type', async () => {
    const harness = await start();
    const { elbv2 } = harness;
    const service = await buildAlbService(harness, 0);
    const register = (arn: string, Targets: { Id: string; Port?: number; AvailabilityZone?: string }[]) =>
      failureOf(elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets })));
    expect(await register(service.awsGroupArn, [{ Id: '10.0.0.1' }])).toMatchObject({
      name: 'InvalidTargetException',
      message: "The target ID '10.0.0.1' is not a valid instance ID",
    });
    expect(await register(service.awsGroupArn, [{ Id: 'i-0123456789abcdef0', AvailabilityZone: 'all' }])).toMatchObject({
      name: 'ValidationError',
      message: "The Availability Zone 'all' can be given for targets of type ip only",
    });
    expect(await register(service.dcGroupArn, [{ Id: '8.8.8.8' }])).toMatchObject({ name: 'InvalidTargetException' });
    expect(await register(service.dcGroupArn, [{ Id: '10.0.0.300' }])).toMatchObject({ name: 'ValidationError' });
    expect(await register(service.dcGroupArn, [{ Id: '10.0.0.3', AvailabilityZone: 'us-east-1a' }])).toMatchObject({ name: 'ValidationError' });
    expect(await register(service.dcGroupArn, [{ Id: '10.0.0.3', Port: 70000 }])).toMatchObject({ name: 'ValidationError' });
    expect(await register(service.dcGroupArn, [])).toMatchObject({ name: 'ValidationError' });
  });
});
