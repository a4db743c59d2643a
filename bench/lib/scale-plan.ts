// The scale benchmark's estate (bench/scale.ts): the large plan of bench/lib/large-plan.ts (the plan view benchmark's
// estate: foundations, then application waves with cutover windows and runbooks, every stack registered with a CMDB)
// with 3 DMS tasks per stack by identifier and DMS gates on every wave; the rehearsal scenario with those tasks; and the
// Pulumi state a deployed estate has on disk (file:// backend in the cockpit's data folder: each stack's checkpoint,
// its registration with the CMDB among its resources), which the core reads when it loads the plan.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REGISTRATION_TYPE } from '../../main/pulumi/stack-operations';
import { defineScenario } from '../../rehearsal/aws-rehearsal';
import { largePlanStackId, largePlanStackName, largePlanYaml } from './large-plan';

export const TASKS_PER_STACK = 3;
/** Stacks per wave, as in the estate (2,000 stacks in 100 waves). */
export const STACKS_PER_WAVE = 20;
/** The CloudWatch period the monitor reads (s). */
export const PERIOD_SECONDS = 60;
/** At the API-call floor: no validation required, so no table statistics are read for the gates. */
export const GATES = '{ maxCdcLatencySeconds: 30, holdSeconds: 600, requireValidation: false }';

export interface EstateSize {
  readonly tasks: number;
  readonly stacks: number;
  readonly waves: number;
}

/** 3 tasks per stack (the last stack takes what is left), 20 stacks per wave. */
export function estateOf(tasks: number): EstateSize {
  const stacks = Math.ceil(tasks / TASKS_PER_STACK);
  return { tasks, stacks, waves: Math.max(1, Math.round(stacks / STACKS_PER_WAVE)) };
}

/** The task identifiers the rehearsal generates (`gen-0001-mysql`, ...), for plans validated without a rehearsal. */
export function generatedTaskIds(tasks: number): string[] {
  const width = String(tasks).length;
  return Array.from({ length: tasks }, (_, i) => `gen-${String(i + 1).padStart(width, '0')}-mysql`);
}

export function scalePlanYaml(size: Pick<EstateSize, 'stacks' | 'waves'>, taskIds: readonly string[]): string {
  return largePlanYaml({
    stacks: size.stacks,
    waves: size.waves,
    gates: GATES,
    awsEndpoint: 'rehearsal',
    replicationTasks: (s) => taskIds.slice(s * TASKS_PER_STACK, (s + 1) * TASKS_PER_STACK),
  });
}

/** Full load and CDC, 2 tables per task, no validation, running from the start; latency well under the gate. */
export function scaleScenario(tasks: number) {
  return defineScenario({
    name: 'scale benchmark',
    generated: { tasks, tablesPerTask: 2, autoStart: true, validation: false, changeRatePerSecond: 40, applyCapacityPerSecond: 600 },
  });
}

export function stackIds(stacks: number): string[] {
  return Array.from({ length: stacks }, (_, s) => largePlanStackId(s));
}

/**
 * Writes each stack's checkpoint where the core looks for it (`<dataDir>/state/.pulumi/stacks/<project>/<stack>.json`,
 * the default file:// backend): the stack resource with outputs, the app-instance program's resources, and the
 * CMDB registration, as a deploy leaves them. The core reads every one of them when it loads the plan.
 */
export async function writeDeployedState(dataDir: string, stacks: number): Promise<void> {
  const made = new Set<string>();
  for (let s = 0; s < stacks; s++) {
    const [project, name] = largePlanStackId(s).split('/') as [string, string];
    const dir = path.join(dataDir, 'state', '.pulumi', 'stacks', project);
    if (!made.has(dir)) await mkdir(dir, { recursive: true });
    made.add(dir);
    const urn = (type: string, resource: string) => `urn:pulumi:${name}::${project}::${type}::${resource}`;
    const resources = [
      {
        urn: urn('pulumi:pulumi:Stack', `${project}-${name}`),
        type: 'pulumi:pulumi:Stack',
        outputs: { url: `https://${name}.aws.example.internal`, instanceId: `i-${(s + 1).toString(16).padStart(17, '0')}` },
      },
      { urn: urn('pulumi:providers:aws', 'default'), type: 'pulumi:providers:aws', outputs: { region: 'eu-central-1' } },
      {
        urn: urn('aws:ec2/instance:Instance', largePlanStackName(s)),
        type: 'aws:ec2/instance:Instance',
        outputs: { instanceType: 't3.medium', privateIp: `10.${s >> 8}.${s & 255}.10` },
      },
      { urn: urn(REGISTRATION_TYPE, 'cmdb'), type: REGISTRATION_TYPE, outputs: { registryId: 'cmdb', registrationId: `ci-${100_000 + s}` } },
    ];
    await writeFile(
      path.join(dir, `${name}.json`),
      JSON.stringify({
        version: 3,
        checkpoint: { stack: urn('pulumi:pulumi:Stack', name), latest: { manifest: { time: '2027-01-02T10:00:00Z' }, resources } },
      }),
    );
  }
}
