// Synthetic engine events shaped like the ones the Automation API hands to onEvent during `pulumi up` of an
// AWS stack: a prelude, per resource a resourcePreEvent and a resOutputsEvent (with inputs, outputs, diffs),
// diagnostics for some resources, and a summary. Most steps create, some are `same` (no log line), some update.
import { DiffKind, type EngineEvent, type OpType } from '@pulumi/pulumi/automation';

const TYPES = [
  'aws:ec2/instance:Instance',
  'aws:ec2/securityGroup:SecurityGroup',
  'aws:ec2/securityGroupRule:SecurityGroupRule',
  'aws:iam/role:Role',
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
  'aws:rds/instance:Instance',
  'aws:s3/bucketV2:BucketV2',
  'aws:route53/record:Record',
  'aws:lb/targetGroup:TargetGroup',
  'aws:cloudwatch/metricAlarm:MetricAlarm',
];
const PROVIDER = 'urn:pulumi:{stack}::{project}::pulumi:providers:aws::default_7_48_0::04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export interface SyntheticOperation {
  readonly events: EngineEvent[];
  /** Log lines ProgressTracker makes of these events. */
  readonly logLines: number;
}

/** One `up` of a stack with `resources` resources. */
export function syntheticUp(stack: string, project: string, resources: number): SyntheticOperation {
  const events: EngineEvent[] = [];
  let sequence = 0;
  const start = Date.now() / 1000;
  const push = (event: Omit<EngineEvent, 'sequence' | 'timestamp'>) =>
    events.push({ sequence: ++sequence, timestamp: Math.floor(start + sequence / 1000), ...event });
  const provider = PROVIDER.replace('{stack}', stack).replace('{project}', project);
  const stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
  const stackStep = { op: 'create' as OpType, urn: stackUrn, type: 'pulumi:pulumi:Stack', provider: '' };
  let logLines = 0;
  const changes: Record<string, number> = {};

  push({ preludeEvent: { config: { 'aws:region': 'eu-central-1', [`${project}:owner`]: 'team-a' } } });
  push({ resourcePreEvent: { metadata: stackStep } });
  for (let index = 0; index < resources; index++) {
    const type = TYPES[index % TYPES.length]!;
    const name = `${type.slice(type.lastIndexOf(':') + 1).toLowerCase()}-${index}`;
    const urn = `urn:pulumi:${stack}::${project}::${type}::${name}`;
    const op: OpType = index % 10 === 3 ? 'same' : index % 20 === 7 ? 'update' : 'create';
    changes[op] = (changes[op] ?? 0) + 1;
    const inputs = {
      name,
      tags: { Name: name, 'cockpit:stack': `${project}/${stack}`, owner: 'team-a', costCenter: 'cc-1234' },
      description: `${name} of ${project}/${stack}`,
      __defaults: ['name'],
    };
    const state = (id: string, outputs: Record<string, unknown>) => ({
      type,
      urn,
      custom: true,
      id,
      parent: stackUrn,
      inputs,
      outputs,
      provider,
    });
    const diff = op === 'update' ? { diffs: ['tags'], detailedDiff: { 'tags.owner': { diffKind: DiffKind.update, inputDiff: true } } } : {};
    push({ resourcePreEvent: { metadata: { op, urn, type, provider, new: state('', {}), ...diff } } });
    if (op !== 'same') logLines++;
    if (index % 4 === 0) {
      const warning = index % 8 === 0;
      push({
        diagnosticEvent: {
          urn,
          prefix: warning ? 'warning: ' : '',
          message: warning
            ? `\u001b[33mwarning:\u001b[0m ${name}: the default VPC security group allows all egress; consider restricting it\n`
            : `${name}: waiting for the resource to become available (attempt 1 of 40)\n`,
          color: 'raw',
          severity: warning ? 'warning' : 'info',
          ephemeral: false,
        },
      });
      logLines++;
    }
    const id = `${name}-${(0x5f3759df ^ index).toString(16)}`;
    const outputs = { ...inputs, id, arn: `arn:aws:service:eu-central-1:123456789012:${name}/${id}` };
    push({ resOutputsEvent: { metadata: { op, urn, type, provider, new: state(id, outputs), ...diff } } });
    if (op !== 'same') logLines++;
  }
  push({ resOutputsEvent: { metadata: stackStep } });
  push({ summaryEvent: { maybeCorrupt: false, durationSeconds: 42, resourceChanges: { ...changes, create: (changes.create ?? 0) + 1 }, policyPacks: {} } });
  logLines++;
  return { events, logLines };
}
