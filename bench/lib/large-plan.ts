// A large estate as a plan file, for the plan view benchmark, the large-plan e2e and the scale benchmark: thousands of
// stacks in about a hundred waves. The first waves (foundations) have no cutover window; the others are cut over on
// Saturday nights, several per night with overlapping windows, week after week, each after the wave in its place the
// week before (so windows never start before their dependencies' end). Deterministic: the same options give the same
// text. Options add replication tasks per stack, DMS gates per wave and the rehearsal endpoint (none by default).

export interface LargePlanOptions {
  readonly stacks: number;
  readonly waves: number;
  /** Waves at the start without a cutover window (default 4). */
  readonly unscheduled?: number;
  /** Waves cut over on the same night (default 8). */
  readonly perNight?: number;
  /** The first night's first window (default Saturday 2027-01-09 22:00 UTC). */
  readonly firstWindow?: string;
  /** DMS task identifiers of each stack, by stack index (`replicationTasks: [{ taskId }]`); default none. */
  readonly replicationTasks?: (stackIndex: number) => readonly string[];
  /** DMS gates every wave carries, as a YAML flow mapping, e.g. `{ maxCdcLatencySeconds: 30, holdSeconds: 600 }`; default none. */
  readonly gates?: string;
  /** `environment.aws.endpoint` (default none: AWS itself). */
  readonly awsEndpoint?: 'rehearsal';
}

const PROJECTS = ['finance-production', 'retail-production', 'logistics-production', 'shared-services'];
const HOUR_MS = 3_600_000;

export function largePlanStackId(index: number): string {
  return `${PROJECTS[index % PROJECTS.length]}/${largePlanStackName(index)}`;
}

export function largePlanStackName(index: number): string {
  return `app${String(index + 1).padStart(4, '0')}`;
}

export function largePlanWaveId(index: number): string {
  return `wave-${String(index + 1).padStart(3, '0')}`;
}

export function largePlanYaml(options: LargePlanOptions): string {
  const { stacks, waves } = options;
  const unscheduled = Math.min(waves, options.unscheduled ?? 4);
  const perNight = options.perNight ?? 8;
  const firstWindow = Date.parse(options.firstWindow ?? '2027-01-09T22:00:00Z');
  const lines = [
    'version: 1',
    `name: Large estate (${stacks} stacks in ${waves} waves)`,
    'description: >-',
    '  A generated estate for the plan view benchmark and the large-plan tests: foundations first, then application',
    '  waves cut over on Saturday nights, several per night.',
    'environment:',
    `  aws: { region: eu-central-1${options.awsEndpoint ? `, endpoint: ${options.awsEndpoint}` : ''} }`,
    'registries:',
    '  - id: cmdb',
    '    name: Metadata service (CMDB)',
    '    baseUrl: https://cmdb.example.internal',
    '    auth: { type: bearer, tokenEnv: CMDB_TOKEN }',
    '    register: { method: POST, path: /api/v1/instances, body: { name: "{{stack.name}}" }, idPointer: /id }',
    '    lookup: { method: GET, path: "/api/v1/instances?name={{stack.name}}", idPointer: /items/0/id }',
    '    deregister: { method: DELETE, path: "/api/v1/instances/{{registration.id}}" }',
    'projects:',
    ...PROJECTS.map((name) => `  - { name: ${name}, program: app-instance }`),
    'stacks:',
  ];
  for (let s = 0; s < stacks; s++) {
    const description = s % 3 === 0 ? `, description: "Order service ${s + 1}: web tier and its MySQL database"` : '';
    const taskIds = options.replicationTasks?.(s) ?? [];
    const tasks = taskIds.length > 0 ? `, replicationTasks: [${taskIds.map((id) => `{ taskId: ${id} }`).join(', ')}]` : '';
    lines.push(
      `  - { name: ${largePlanStackName(s)}, project: ${PROJECTS[s % PROJECTS.length]}${description}, config: { instanceType: t3.medium }, registries: [cmdb]${tasks} }`,
    );
  }
  lines.push('waves:');
  const perWave = Math.floor(stacks / waves);
  for (let w = 0; w < waves; w++) {
    const from = w * perWave;
    const to = w === waves - 1 ? stacks : from + perWave;
    const members = Array.from({ length: to - from }, (_, i) => largePlanStackName(from + i));
    const wave = [
      `  - id: ${largePlanWaveId(w)}`,
      `    name: ${w < unscheduled ? `Foundation ${w + 1}` : `Applications ${w - unscheduled + 1}`}`,
      `    stacks: [${members.join(', ')}]`,
    ];
    if (options.gates) wave.push(`    gates: ${options.gates}`);
    if (w < unscheduled) {
      if (w > 0) wave.push(`    dependsOn: [${largePlanWaveId(w - 1)}]`);
    } else {
      const slot = w - unscheduled;
      const previous = slot >= perNight ? w - perNight : unscheduled - 1;
      if (previous >= 0) wave.push(`    dependsOn: [${largePlanWaveId(previous)}]`);
      const start = firstWindow + Math.floor(slot / perNight) * 7 * 24 * HOUR_MS + (slot % perNight) * HOUR_MS;
      const end = start + (4 + (slot % 3)) * HOUR_MS;
      wave.push(
        `    cutoverWindow: { start: ${new Date(start).toISOString()}, end: ${new Date(end).toISOString()} }`,
        '    cutover:',
        '      downtimeBudgetMinutes: 60',
        '      runbook:',
        '        - { id: go-live, name: Go live, manual: "Confirm the applications answer on AWS" }',
      );
    }
    lines.push(...wave);
  }
  lines.push('');
  return lines.join('\n');
}
