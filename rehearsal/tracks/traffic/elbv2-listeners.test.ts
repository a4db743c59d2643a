// ELBv2 listeners through the real @aws-sdk/client-elastic-load-balancing-v2 against a started rehearsal: forward
// actions with weighted target groups, replaced whole by ModifyListener, ELBv2's errors for listeners and actions,
// another account's estate, and malformed forms as raw requests.
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  DeleteListenerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, buildAlbService, CREDENTIALS, failureOf, REGION, setListenerPercent, SUBNETS, useTrafficRehearsal } from './test-harness';

const start = useTrafficRehearsal();

describe('ELBv2 listeners', () => {
  it('forwards by weight, answers the whole action, and replaces it whole on ModifyListener', async () => {
    const harness = await start();
    const { elbv2 } = harness;
    const service = await buildAlbService(harness, 0);
    const listeners = async () => (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: service.loadBalancer.LoadBalancerArn }))).Listeners!;
    const [listener] = await listeners();
    expect(listener).toEqual({
      ListenerArn: service.listenerArn,
      LoadBalancerArn: service.loadBalancer.LoadBalancerArn,
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: service.dcGroupArn, Weight: 100 },
              { TargetGroupArn: service.awsGroupArn, Weight: 0 },
            ],
            TargetGroupStickinessConfig: { Enabled: false },
          },
        },
      ],
    });
    expect(service.listenerArn).toMatch(/^arn:aws:elasticloadbalancing:eu-central-1:123456789012:listener\/app\/shop\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    await setListenerPercent(harness, service, 25);
    expect((await listeners())[0]!.DefaultActions![0]!.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: service.dcGroupArn, Weight: 75 },
      { TargetGroupArn: service.awsGroupArn, Weight: 25 },
    ]);
    // A plain TargetGroupArn forwards everything to it (weight 1); the answer carries both forms.
    const modified = await elbv2.send(
      new ModifyListenerCommand({ ListenerArn: service.listenerArn, DefaultActions: [{ Type: 'forward', TargetGroupArn: service.awsGroupArn }] }),
    );
    expect(modified.Listeners![0]!.DefaultActions).toEqual([
      {
        Type: 'forward',
        TargetGroupArn: service.awsGroupArn,
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: service.awsGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
      },
    ]);
    // The data-center group is no longer behind the load balancer.
    const dc = await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [service.dcGroupArn] }));
    expect(dc.TargetGroups![0]!.LoadBalancerArns).toEqual([]);
    expect((await elbv2.send(new DescribeListenersCommand({ ListenerArns: [service.listenerArn] }))).Listeners).toHaveLength(1);
    await elbv2.send(new DeleteListenerCommand({ ListenerArn: service.listenerArn }));
    expect(await listeners()).toEqual([]);
    expect(await failureOf(elbv2.send(new DeleteListenerCommand({ ListenerArn: service.listenerArn })))).toMatchObject({
      name: 'ListenerNotFoundException',
      status: 400,
    });
  });

  it('answers ELBv2’s errors for listeners and forward actions', async () => {
    const harness = await start();
    const { elbv2 } = harness;
    const service = await buildAlbService(harness, 0);
    const lbArn = service.loadBalancer.LoadBalancerArn!;
    const forward = (groups: { TargetGroupArn: string; Weight?: number }[]) => [{ Type: 'forward' as const, ForwardConfig: { TargetGroups: groups } }];
    const create = (input: Partial<ConstructorParameters<typeof CreateListenerCommand>[0]>) =>
      failureOf(
        elbv2.send(
          new CreateListenerCommand({
            LoadBalancerArn: lbArn,
            Protocol: 'HTTP',
            Port: 8080,
            DefaultActions: forward([{ TargetGroupArn: service.awsGroupArn }]),
            ...input,
          }),
        ),
      );
    expect(await create({ DefaultActions: forward([{ TargetGroupArn: service.awsGroupArn, Weight: 1000 }]) })).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '1000' at 'defaultActions.1.member.forwardConfig.targetGroups.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 999",
    });
    expect(await create({ Port: 80, DefaultActions: forward([{ TargetGroupArn: service.awsGroupArn }]) })).toMatchObject({
      name: 'DuplicateListenerException',
    });
    expect(await create({ Protocol: 'HTTPS' })).toMatchObject({ name: 'ValidationError', message: 'A certificate must be specified for HTTPS listeners' });
    expect(await create({ Protocol: 'TCP' })).toMatchObject({ message: "Listener protocol 'TCP' must be one of 'HTTP, HTTPS'" });
    expect(await create({ DefaultActions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301' } }] })).toMatchObject({
      name: 'ValidationError',
      message: "The rehearsal's ELBv2 serves forward actions, not 'redirect'",
    });
    expect(await create({ DefaultActions: [] })).toMatchObject({ name: 'ValidationError' });
    const missingGroup = service.awsGroupArn.replace(/[0-9a-f]{16}$/, '0000000000000000');
    expect(await create({ DefaultActions: forward([{ TargetGroupArn: missingGroup }]) })).toMatchObject({ name: 'TargetGroupNotFoundException' });
    expect(await create({ DefaultActions: forward([{ TargetGroupArn: service.awsGroupArn }, { TargetGroupArn: service.awsGroupArn }]) })).toMatchObject({
      name: 'ValidationError',
    });
    expect(
      await create({
        DefaultActions: [{ Type: 'forward', TargetGroupArn: service.dcGroupArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: service.awsGroupArn }] } }],
      }),
    ).toMatchObject({
      message: 'You cannot specify a target group ARN and a forward config with different target groups',
    });
    expect(await create({ LoadBalancerArn: lbArn.replace(/[0-9a-f]{16}$/, '0000000000000000') })).toMatchObject({ name: 'LoadBalancerNotFoundException' });
    // A group behind one load balancer cannot be forwarded to by another's listener.
    const other = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'other', Subnets: SUBNETS }))).LoadBalancers![0]!;
    expect(await create({ LoadBalancerArn: other.LoadBalancerArn })).toEqual({
      name: 'TargetGroupAssociationLimitException',
      status: 400,
      message: `The following target groups cannot be associated with more than one load balancer: ${service.awsGroupArn}`,
    });
    expect(await failureOf(elbv2.send(new DescribeListenersCommand({})))).toMatchObject({
      message: 'You must specify either listener ARNs or a load balancer ARN',
    });
    // An HTTPS listener with a certificate gets ELBv2's default policy; switched back to HTTP it keeps neither.
    const https = await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abc` }],
        DefaultActions: forward([{ TargetGroupArn: service.awsGroupArn }]),
      }),
    );
    expect(https.Listeners![0]).toMatchObject({
      SslPolicy: 'ELBSecurityPolicy-2016-08',
      Certificates: [{ CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abc` }],
    });
    const plain = await elbv2.send(new ModifyListenerCommand({ ListenerArn: https.Listeners![0]!.ListenerArn, Protocol: 'HTTP', Port: 8443 }));
    expect(plain.Listeners![0]).toMatchObject({ Protocol: 'HTTP', Port: 8443 });
    expect(plain.Listeners![0]!.SslPolicy).toBeUndefined();
    expect(await failureOf(elbv2.send(new ModifyListenerCommand({ ListenerArn: service.listenerArn, Port: 8443 })))).toMatchObject({
      name: 'DuplicateListenerException',
    });
  });
});

describe('ELBv2 across accounts and on the wire', () => {
  it('answers another account’s estate to its credentials', async () => {
    const harness = await start({ roles: [{ accountId: '222222222222', roleName: 'Deployer' }] });
    await buildAlbService(harness, 0);
    const sts = new STSClient({ endpoint: harness.url, region: REGION, credentials: CREDENTIALS });
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Deployer', RoleSessionName: 'deploy' }));
    sts.destroy();
    const other = new ElasticLoadBalancingV2Client({
      endpoint: harness.url,
      region: REGION,
      maxAttempts: 1,
      credentials: {
        accessKeyId: session.Credentials!.AccessKeyId!,
        secretAccessKey: session.Credentials!.SecretAccessKey!,
        sessionToken: session.Credentials!.SessionToken!,
      },
    });
    expect((await other.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    const created = (await other.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: SUBNETS }))).LoadBalancers![0]!;
    expect(created.LoadBalancerArn).toContain(':222222222222:loadbalancer/app/shop/');
    other.destroy();
    expect((await harness.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);
  });

  it('answers malformed forms and unknown actions in ELBv2’s XML, never a crash', async () => {
    const harness = await start();
    const form = (body: string) => harness.raw('POST', '/', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const unknown = await form('Action=DescribeRules&Version=2015-12-01');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(
      /^<\?xml[^>]*>\n<ErrorResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2015-12-01\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action DescribeRules is not valid for this web service \(the rehearsal&#39;s ELBv2\)\.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
    for (const body of [
      'Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=a&Names.member.1.x=b',
      'Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.0=a',
      'Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.99999=a',
      'Action=DescribeLoadBalancers&Version=2015-12-01&__proto__.polluted=yes',
      'Action=DescribeLoadBalancers&Version=2015-12-01&a..b=1',
    ]) {
      const answer = await form(body);
      expect([answer.status, answer.text]).toEqual([400, expect.stringContaining('<Code>MalformedQueryString</Code>')]);
    }
    // Member names that are an object's own are only names: nothing reaches a prototype.
    expect((await form('Action=DescribeLoadBalancers&Version=2015-12-01&constructor.prototype.polluted=yes')).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const body of [
      'Action=DescribeLoadBalancers&Version=2015-12-01&Names=a',
      'Action=CreateTargetGroup&Version=2015-12-01&Name=g&Port=eighty&Protocol=HTTP&VpcId=vpc-0a1b2c3d4e5f60718',
    ]) {
      const answer = await form(body);
      expect([answer.status, answer.text]).toEqual([400, expect.stringContaining('<Code>ValidationError</Code>')]);
    }
  });
});
