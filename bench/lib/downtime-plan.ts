// The plan and the rehearsal estate of the downtime benchmark: one wave of N application stacks (the app-instance
// program on the rehearsal target), each with one full-load-and-CDC task the rehearsal's scenario already runs (the
// deploy adopts it), registered with the rehearsal registry, and a runbook with every automated action type.
import type { Scenario } from '../../rehearsal/aws-rehearsal';
import { defineScenario } from '../../rehearsal/aws-rehearsal';

export const WAVE_ID = 'wave-cutover';
export const PROJECT = 'platform-production';
export const REGISTRY_ID = 'cmdb';
export const REGISTRY_TOKEN_ENV = 'BENCH_CMDB_TOKEN';
export const PASSPHRASE_ENV = 'BENCH_PULUMI_PASSPHRASE';
export const PASSPHRASE = 'downtime-benchmark-passphrase';
export const DMS_INSTANCE = 'bench-dms';
export const BLOCK_WRITERS_STEP = 'block-writers';

export interface DowntimePlanOptions {
  readonly stacks: number;
  readonly maxParallel: number;
  /** freeze-check: how long every task must stay quiet. */
  readonly quietSeconds: number;
  /** stop-replication: the CDC target latency every task must be under before it is stopped. */
  readonly maxLatencySeconds: number;
}

export const stackNames = (count: number): string[] => Array.from({ length: count }, (_, index) => `app${5001 + index}`);
export const taskIdOf = (stackName: string): string => `${stackName}-mysql-full-load-cdc`;

/**
 * The tasks run from the rehearsal's start with small tables (their full load takes seconds), writers at the
 * scenario's default rate, so they are in CDC with a latency history long before the wave is deployed.
 */
export function downtimeScenario(options: DowntimePlanOptions): Scenario {
  return defineScenario({
    name: 'downtime benchmark',
    instances: [{ id: DMS_INSTANCE }],
    tasks: stackNames(options.stacks).map((name) => ({
      id: taskIdOf(name),
      migrationType: 'full-load-and-cdc',
      autoStart: true,
      tables: [
        { schema: 'shop', name: 'orders', rows: 20_000 },
        { schema: 'shop', name: 'customers', rows: 5_000 },
      ],
    })),
  });
}

/**
 * The runbook in AWS's order (block writers, drain, stop replication, repoint, verify) with a manual step on each
 * side of the downtime. Downtime starts with the freeze-check. Timeouts are generous: a timeout would end the
 * benchmark's run as failed, never cut a measurement short.
 */
export function downtimePlanText(options: DowntimePlanOptions): string {
  const names = stackNames(options.stacks);
  return [
    'version: 1',
    'name: Downtime benchmark',
    'environment:',
    '  aws: { region: eu-central-1, endpoint: rehearsal }',
    `  pulumi: { secretsProvider: passphrase, passphraseEnv: ${PASSPHRASE_ENV} }`,
    'registries:',
    `  - id: ${REGISTRY_ID}`,
    '    name: Metadata service',
    '    baseUrl: rehearsal',
    `    auth: { type: bearer, tokenEnv: ${REGISTRY_TOKEN_ENV} }`,
    '    register: { method: POST, path: /api/v1/instances, body: { name: "{{stack.name}}", project: "{{stack.project}}", owner: "{{stack.config.owner}}" }, idPointer: /id }',
    '    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}&project={{stack.project}}", idPointer: /items/0/id }',
    '    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }',
    'projects:',
    `  - { name: ${PROJECT}, program: app-instance }`,
    'stacks:',
    ...names.flatMap((name) => [
      `  - name: ${name}`,
      `    project: ${PROJECT}`,
      `    config: { owner: team-${name}, sourceDatabaseHost: ${name}-db.dc2.example.internal, trafficTarget: datacenter }`,
      `    registries: [${REGISTRY_ID}]`,
      `    replicationTasks: [{ taskId: ${taskIdOf(name)} }]`,
    ]),
    'waves:',
    `  - id: ${WAVE_ID}`,
    '    name: Downtime benchmark wave',
    `    stacks: [${names.join(', ')}]`,
    `    maxParallel: ${options.maxParallel}`,
    '    gates: { maxCdcLatencySeconds: 10, holdSeconds: 120, requireValidation: false }',
    '    cutover:',
    '      downtimeBudgetMinutes: 60',
    '      runbook:',
    '        - { id: announce, name: Announce the cutover, manual: Post the start of the cutover, timeoutMinutes: 30 }',
    `        - { id: ${BLOCK_WRITERS_STEP}, name: Block writers, manual: Put every instance into maintenance mode at the source, timeoutMinutes: 30 }`,
    `        - { id: source-quiet, name: Source databases are quiet, action: { type: freeze-check, quietSeconds: ${options.quietSeconds} }, timeoutMinutes: 30 }`,
    `        - { id: stop-replication, name: Drain and stop replication, action: { type: stop-replication, maxLatencySeconds: ${options.maxLatencySeconds} }, timeoutMinutes: 30 }`,
    '        - { id: switch-traffic, name: Point traffic at AWS, action: { type: pulumi-up, config: { trafficTarget: aws } }, timeoutMinutes: 30 }',
    '        - { id: register, name: Registered in the CMDB, action: { type: register }, timeoutMinutes: 30 }',
    '        - { id: health, name: Health check on AWS, action: { type: http-check, url: "{{stack.output.healthUrl}}", retries: 5, retryDelaySeconds: 15 }, timeoutMinutes: 30 }',
    '        - { id: smoke-test, name: Owners smoke test, manual: Each owner opens a recent record on AWS, timeoutMinutes: 30, mustSucceed: false }',
    '',
  ].join('\n');
}
