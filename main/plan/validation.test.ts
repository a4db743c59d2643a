import { describe, expect, it } from 'vitest';
import { dmsPlan } from '../tracks/dms/plan';
import { keyspacesPlan } from '../tracks/keyspaces/plan';
import { schedulesPlan } from '../tracks/schedules/plan';
import { trafficPlan } from '../tracks/traffic/plan';
import { loadPlanFile, parsePlan, positionOf, replaceOnce } from './plan-testing';

const FILE = '/plans/migration.yaml';

// A small valid plan; each bad input below changes one thing in it.
const BASE = `version: 1
name: Test exit
environment:
  aws:
    region: eu-central-1
    endpoint: rehearsal
  pulumi:
    backend: file:///var/lib/cockpit/state
registries:
  - id: cmdb
    name: Metadata service
    baseUrl: http://cmdb.example.internal
    auth:
      type: bearer
      tokenEnv: CMDB_TOKEN
    register:
      method: POST
      path: /instances
      body:
        name: "{{stack.name}}"
        owner: "{{stack.config.owner}}"
    lookup:
      method: GET
      path: /instances?name={{stack.name}}
    deregister:
      method: DELETE
      path: /instances/{{registration.id}}
projects:
  - name: core-networking
    program: network-foundation
  - name: platform-production
    program: app-instance
stacks:
  - name: network
    project: core-networking
  - name: app1
    project: platform-production
    config:
      owner: team-a
      instanceType: t3.large
      dbPassword: { secretEnv: APP1_DB_PASSWORD }
    registries: [cmdb]
    replicationTasks:
      - taskId: app1-mysql
  - name: app2
    project: platform-production
    config:
      owner: team-b
    registries: [cmdb]
    replicationTasks:
      - taskId: app2-mysql
  - name: app3
    project: platform-production
    replicationTasks:
      - fromStackOutput: replicationTaskArn
waves:
  - id: wave-0
    name: Network
    stacks: [network]
  - id: wave-1
    name: Pilot
    dependsOn: [wave-0]
    stacks: [app1, app2]
    maxParallel: 2
    gates:
      maxCdcLatencySeconds: 5
      holdSeconds: 300
    cutoverWindow:
      start: 2026-12-05T01:00:00Z
      end: 2026-12-05T05:00:00Z
  - id: wave-2
    name: Rest
    dependsOn: [wave-1]
    stacks: [app3]
    cutoverWindow:
      start: 2026-12-12T01:00:00Z
      end: 2026-12-12T05:00:00Z
`;

interface BadInput {
  name: string;
  text: string;
  message: RegExp;
  /** Where the error must point: the needle's position, or an explicit line/column. */
  at: { needle: string; occurrence?: number } | { line: number; column: number };
}

const bad = (name: string, text: string, message: RegExp, at: BadInput['at']): BadInput => ({ name, text, message, at });
const edit = (from: string, to: string) => replaceOnce(BASE, from, to);

const BAD_INPUTS: BadInput[] = [
  bad('empty file', '  \n', /the plan file is empty; expected a YAML mapping/, { line: 1, column: 1 }),
  bad(
    'YAML syntax error',
    edit('stacks: [network]', 'stacks: [network'),
    /YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a \]/,
    { needle: '- id: wave-1' },
  ),
  bad('duplicate mapping key', edit('name: Test exit', 'name: Test exit\nname: Other'), /Map keys must be unique/, {
    needle: 'name: Other',
  }),
  bad('top level is a list', '- version: 1\n', /expected a YAML mapping at the top level/, { line: 1, column: 1 }),
  bad('unsupported version', edit('version: 1', 'version: 2'), /expected version: 1/, { needle: '2' }),
  bad('missing plan name', edit('name: Test exit\n', ''), /missing required field 'name' \(expected a text\)/, {
    line: 1,
    column: 1,
  }),
  bad('misspelled top-level field', edit('waves:', 'wavse:'), /unknown field 'wavse'; did you mean 'waves'\?/, {
    needle: 'wavse:',
  }),
  bad(
    'misspelled nested field',
    edit('    registries: [cmdb]\n    replicationTasks:\n      - taskId: app2', '    registires: [cmdb]\n    replicationTasks:\n      - taskId: app2'),
    /unknown field 'registires'; did you mean 'registries'\?/,
    { needle: 'registires' },
  ),
  bad('bad AWS region', edit('region: eu-central-1', 'region: Frankfurt'), /expected an AWS region code, e.g. eu-central-1/, {
    needle: 'Frankfurt',
  }),
  bad('bad endpoint override', edit('endpoint: rehearsal', 'endpoint: localhost:4566'), /expected "rehearsal" or an http:\/\/ or https:\/\/ URL/, {
    needle: 'localhost:4566',
  }),
  bad('bad backend URL', edit('backend: file:///var/lib/cockpit/state', 'backend: ftp://state'), /expected a Pulumi backend URL/, {
    needle: 'ftp://state',
  }),
  bad('bad secrets provider', edit('    backend: file:///var/lib/cockpit/state', '    secretsProvider: vault'), /expected a Pulumi secrets provider/, {
    needle: 'vault',
  }),
  bad('invalid project name', edit('name: core-networking', 'name: core networking'), /expected a Pulumi project name/, {
    needle: 'core networking',
  }),
  bad(
    'duplicate project',
    edit('name: platform-production\n    program: app-instance', 'name: core-networking\n    program: app-instance'),
    /duplicate project 'core-networking': already declared at projects\[0\]/,
    {
      needle: 'core-networking',
      occurrence: 1,
    },
  ),
  bad(
    'stack with unknown project',
    edit('project: core-networking', 'project: core-network'),
    /unknown project 'core-network'; expected one of: core-networking, platform-production/,
    {
      needle: 'core-network\n',
    },
  ),
  bad('duplicate stack', edit('  - name: app3', '  - name: app2'), /duplicate stack 'platform-production\/app2': already declared at stacks\[2\]/, {
    needle: 'app2\n    project: platform-production\n    replicationTasks:\n      - fromStackOutput',
  }),
  bad('invalid stack name', edit('  - name: app3', '  - name: app 3'), /expected a Pulumi stack name/, { needle: 'app 3' }),
  bad(
    'password written in plain text',
    edit('instanceType: t3.large', 'instanceType: t3.large\n      adminPassword: hunter2'),
    /config 'adminPassword' looks like a secret written in plain text; write \{ secretEnv: ENV_VAR_NAME \}/,
    {
      needle: 'hunter2',
    },
  ),
  bad('AWS access key in config', edit('owner: team-b', 'owner: team-b\n      awsKey: AKIAIOSFODNN7EXAMPLE'), /config 'awsKey' looks like a secret/, {
    needle: 'AKIAIOSFODNN7EXAMPLE',
  }),
  bad(
    'config value is a list',
    edit('instanceType: t3.large', 'instanceType: [t3.large]'),
    /expected a string, number, boolean, or \{ secretEnv: ENV_VAR_NAME \}/,
    {
      needle: '[t3.large]',
    },
  ),
  bad('invalid config key', edit('instanceType: t3.large', '9instanceType: t3.large'), /invalid key '9instanceType': expected a Pulumi config key/, {
    needle: '9instanceType',
  }),
  bad('secret from a badly named variable', edit('secretEnv: APP1_DB_PASSWORD', 'secretEnv: app1-password'), /expected an environment variable name/, {
    needle: 'app1-password',
  }),
  bad(
    'unknown registry on a stack',
    edit('    registries: [cmdb]\n    replicationTasks:\n      - taskId: app2', '    registries: [cmbd]\n    replicationTasks:\n      - taskId: app2'),
    /unknown registry 'cmbd'; expected one of the ids under 'registries' \(cmdb\)/,
    {
      needle: 'cmbd',
    },
  ),
  bad('DMS task id starting with a digit', edit('taskId: app1-mysql', 'taskId: 1app-mysql'), /expected a DMS replication task identifier/, {
    needle: '1app-mysql',
  }),
  bad('DMS task id ending with a hyphen', edit('taskId: app1-mysql', 'taskId: app1-mysql-'), /cannot end with a hyphen/, {
    needle: 'app1-mysql-',
  }),
  bad(
    'DMS task claimed by two stacks',
    edit('taskId: app2-mysql', 'taskId: app1-mysql'),
    /replication task 'app1-mysql' is already claimed by stack 'platform-production\/app1'/,
    {
      needle: 'app1-mysql',
      occurrence: 1,
    },
  ),
  bad(
    'replication task of neither shape',
    edit('fromStackOutput: replicationTaskArn', 'arn: arn:aws:dms:x'),
    /expected \{ taskId: <DMS task identifier> \} or \{ fromStackOutput:/,
    {
      needle: 'arn: arn',
    },
  ),
  bad('wave names an unknown stack', edit('stacks: [app1, app2]', 'stacks: [app1, app22]'), /unknown stack 'app22'; did you mean 'app2'\?/, {
    needle: 'app22',
  }),
  bad(
    'ambiguous stack name',
    edit('  - name: network\n', '  - name: app1\n'),
    /stack name 'app1' is ambiguous: it matches core-networking\/app1 and platform-production\/app1; write project\/stack/,
    {
      needle: 'app1, app2]',
    },
  ),
  bad(
    'stack in two waves',
    edit('stacks: [app3]', 'stacks: [app3, app1]'),
    /stack 'platform-production\/app1' is already in wave 'wave-1'; a stack belongs to one wave/,
    {
      needle: 'app1]',
    },
  ),
  bad('duplicate wave id', edit('id: wave-2', 'id: wave-1'), /duplicate wave 'wave-1': already declared at waves\[1\]/, {
    needle: 'wave-1',
    occurrence: 1,
  }),
  bad('dependency on an unknown wave', edit('dependsOn: [wave-1]', 'dependsOn: [wave-9]'), /unknown wave 'wave-9'; expected one of: wave-0, wave-1/, {
    needle: 'wave-9',
  }),
  bad('wave depends on itself', edit('dependsOn: [wave-1]', 'dependsOn: [wave-2]'), /wave 'wave-2' cannot depend on itself/, {
    needle: 'wave-2]',
  }),
  bad('dependency cycle', edit('dependsOn: [wave-0]', 'dependsOn: [wave-2]'), /waves depend on each other in a cycle: wave-1 → wave-2 → wave-1/, {
    needle: 'wave-2]',
  }),
  bad('maxParallel of zero', edit('maxParallel: 2', 'maxParallel: 0'), /expected at least 1 stack at a time/, { needle: '0\n    gates' }),
  bad('fractional maxParallel', edit('maxParallel: 2', 'maxParallel: 1.5'), /expected a whole number of stacks/, { needle: '1.5' }),
  bad('negative CDC latency gate', edit('maxCdcLatencySeconds: 5', 'maxCdcLatencySeconds: -5'), /expected a CDC latency above 0 seconds/, {
    needle: '-5',
  }),
  bad('gate latency given as text', edit('maxCdcLatencySeconds: 5', 'maxCdcLatencySeconds: 5s'), /expected a number of seconds/, {
    needle: '5s',
  }),
  bad(
    'gate hold longer than the window',
    edit('holdSeconds: 300', 'holdSeconds: 18000'),
    /gate must hold for 18000 s, longer than the whole cutover window \(14400 s\)/,
    {
      needle: '18000',
    },
  ),
  bad(
    'window ends before it starts',
    edit('end: 2026-12-05T05:00:00Z', 'end: 2026-12-04T05:00:00Z'),
    /cutover window ends \(2026-12-04T05:00:00Z\) before it starts/,
    {
      needle: '2026-12-04T05:00:00Z',
    },
  ),
  bad('window time without a zone', edit('start: 2026-12-12T01:00:00Z', 'start: 2026-12-12 01:00'), /expected an ISO 8601 date-time with a time zone/, {
    needle: '2026-12-12 01:00',
  }),
  bad(
    'dependent wave cuts over first',
    edit('start: 2026-12-12T01:00:00Z', 'start: 2026-12-05T03:00:00Z'),
    /wave 'wave-2' depends on 'wave-1', but its cutover window starts \(2026-12-05T03:00:00Z\) before that of 'wave-1' ends/,
    {
      needle: '2026-12-05T03:00:00Z',
    },
  ),
  bad('wave without stacks', edit('stacks: [app3]', 'stacks: []'), /expected at least one stack in the wave/, { needle: '[]' }),
  bad(
    'unknown template placeholder',
    edit('path: /instances?name={{stack.name}}', 'path: /instances?name={{stack.nmae}}'),
    /unknown template placeholder \{\{stack.nmae\}\}/,
    {
      needle: '/instances?name={{stack.nmae}}',
    },
  ),
  bad(
    'registration id used before it exists',
    edit('path: /instances\n', 'path: /instances/{{registration.id}}\n'),
    /\{\{registration.id\}\} is only known when deregistering/,
    {
      needle: '/instances/{{registration.id}}',
    },
  ),
  bad(
    'template uses config a stack lacks',
    edit('    config:\n      owner: team-b\n', '    config:\n      team: team-b\n'),
    /registry 'cmdb' uses \{\{stack.config.owner\}\} in its register request, but stack 'platform-production\/app2' has no config 'owner'/,
    {
      needle: 'cmdb]',
      occurrence: 1,
    },
  ),
  // Reported once, at the template text that sends the secret (not at each stack), naming the stacks concerned.
  bad(
    'secret sent to a registry',
    edit('owner: team-a', 'owner: { secretEnv: APP1_OWNER }'),
    /registry 'cmdb' sends \{\{stack.config.owner\}\} in its register request, but config 'owner' is a secret of stack 'platform-production\/app1'; secrets are never sent to registries/,
    {
      needle: '"{{stack.config.owner}}"',
    },
  ),
  bad('header auth without a header name', edit('type: bearer', 'type: header'), /auth type 'header' needs 'header'/, {
    needle: 'type: header',
  }),
  bad(
    'registry base URL not http',
    edit('baseUrl: http://cmdb.example.internal', 'baseUrl: cmdb.example.internal'),
    /expected "rehearsal" or an http:\/\/ or https:\/\/ URL/,
    {
      needle: 'cmdb.example.internal',
    },
  ),
  bad('unsupported HTTP method', edit('method: DELETE', 'method: REMOVE'), /expected one of GET, POST, PUT, PATCH, DELETE/, {
    needle: 'REMOVE',
  }),
  bad('request path not starting with a slash', edit('path: /instances\n', 'path: instances\n'), /expected a path starting with "\/"/, {
    needle: 'instances\n',
  }),
  bad(
    'stack entry is not a mapping',
    edit('  - name: app3\n    project: platform-production\n    replicationTasks:\n      - fromStackOutput: replicationTaskArn\n', '  - app3\n'),
    /expected a mapping of fields, got the text "app3"/,
    {
      needle: 'app3\n',
    },
  ),
];

describe('plan validation: bad inputs', () => {
  it('has at least 30 distinct bad inputs', () => {
    expect(new Set(BAD_INPUTS.map((input) => input.name)).size).toBe(BAD_INPUTS.length);
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
  });

  it('accepts the base plan', () => {
    const result = parsePlan(FILE, BASE);
    expect(result.ok ? result.warnings : result.issues).toEqual([]);
  });

  it.each(BAD_INPUTS)('$name: rejected with its location', ({ text, message, at }) => {
    const result = parsePlan(FILE, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = 'needle' in at ? positionOf(text, at.needle, at.occurrence) : at;
    const matching = result.issues.filter((issue) => message.test(issue.message));
    expect(matching, `issues were:\n${result.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n')}`).toHaveLength(1);
    const [issue] = matching;
    expect(issue).toMatchObject({ severity: 'error', file: FILE, line: expected.line, column: expected.column });
  });

  it('reports every error at once, not only the first', () => {
    const text = replaceOnce(replaceOnce(BASE, 'stacks: [app3]', 'stacks: [app33]'), 'dependsOn: [wave-0]', 'dependsOn: [wave-7]');
    const result = parsePlan(FILE, text);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.issues.filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => issue.message)).toEqual([expect.stringMatching(/unknown wave 'wave-7'/), expect.stringMatching(/unknown stack 'app33'/)]);
  });

  it('names the file when it cannot be read', async () => {
    const result = await loadPlanFile('/nonexistent/plan.yaml');
    expect(result).toMatchObject({
      ok: false,
      issues: [{ file: '/nonexistent/plan.yaml', line: 1, column: 1, message: 'cannot read the plan: file not found' }],
    });
  });

  it('shows the source line with each issue', () => {
    const result = parsePlan(FILE, edit('region: eu-central-1', 'region: Frankfurt'));
    expect(result.ok ? [] : result.issues[0]?.excerpt).toBe('    region: Frankfurt');
  });
});

describe('plan validation: warnings do not block loading', () => {
  it('warns about a stack in no wave', () => {
    const result = parsePlan(FILE, edit('stacks: [app1, app2]', 'stacks: [app1]'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: "stack 'platform-production/app2' is in no wave, so no wave will deploy it",
          ...positionOf(BASE, 'app2\n'),
        }),
      ]);
    }
  });

  it('warns about gates no stack can satisfy', () => {
    const text = edit('    stacks: [app3]\n', '    stacks: [app3]\n    gates:\n      maxCdcLatencySeconds: 10\n      holdSeconds: 60\n')
      .replace('      - fromStackOutput: replicationTaskArn\n', '')
      .replace('    replicationTasks:\nwaves', 'waves');
    const result = parsePlan(
      FILE,
      text.replace('  - name: app3\n    project: platform-production\n    replicationTasks:\n', '  - name: app3\n    project: platform-production\n'),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.message)).toEqual(["wave 'wave-2' has replication gates but none of its stacks has a replication task"]);
  });
});

describe('plan model', () => {
  it('normalizes stacks and waves', () => {
    const result = parsePlan(FILE, BASE);
    if (!result.ok) throw new Error('base plan should load');
    const { plan } = result;
    expect([...plan.stacks.keys()]).toEqual(['core-networking/network', 'platform-production/app1', 'platform-production/app2', 'platform-production/app3']);
    expect(plan.stacks.get('platform-production/app1')).toMatchObject({ waveId: 'wave-1', registries: ['cmdb'] });
    expect(plan.waves.map((wave) => [wave.order, wave.id, wave.stackIds])).toEqual([
      [1, 'wave-0', ['core-networking/network']],
      [2, 'wave-1', ['platform-production/app1', 'platform-production/app2']],
      [3, 'wave-2', ['platform-production/app3']],
    ]);
    expect(plan.waves[0]?.maxParallel).toBe(4);
    expect(dmsPlan.ofWave(plan.waves[1]!).gates).toEqual({ maxCdcLatencySeconds: 5, holdSeconds: 300, requireValidation: true, maxTableErrors: 0 });
  });

  it('accepts project/stack references in waves', () => {
    const result = parsePlan(FILE, edit('stacks: [app1, app2]', 'stacks: [platform-production/app1, app2]'));
    expect(result.ok).toBe(true);
  });

  it('loads the shipped demo plan without errors or warnings', async () => {
    const result = await loadPlanFile(new URL('../../examples/demo/migration.yaml', import.meta.url).pathname);
    expect(result.ok ? result.warnings : result.issues).toEqual([]);
    if (result.ok) {
      const appStacks = [...result.plan.stacks.values()].filter((stack) => stack.project !== 'core-networking');
      expect(appStacks.length).toBeGreaterThanOrEqual(12);
      // Every app stack registers; its data moves by DMS (MySQL) or, on the Keyspaces wave, to Amazon Keyspaces; the
      // stacks of the scheduled-jobs wave move jobs, and those of the traffic wave users, no data.
      const cassandra = appStacks.filter((stack) => keyspacesPlan.of(stack).keyspaces !== undefined);
      expect(cassandra.map((stack) => stack.name)).toEqual(['app1501', 'app1502']);
      const jobs = appStacks.filter((stack) => schedulesPlan.of(stack).schedules !== undefined);
      expect(jobs.map((stack) => stack.name)).toEqual(['app1601', 'app1602']);
      const services = appStacks.filter((stack) => trafficPlan.of(stack).traffic !== undefined);
      expect(services.map((stack) => stack.name)).toEqual(['app1701', 'app1702']);
      expect(
        appStacks.every(
          (stack) =>
            stack.registries.includes('cmdb') &&
            (cassandra.includes(stack) || jobs.includes(stack) || services.includes(stack) || dmsPlan.of(stack).replicationTasks.length === 1),
        ),
      ).toBe(true);
      expect(result.plan.waves.length).toBeGreaterThanOrEqual(4);
      // A network account and two workload accounts, each stack in its project's.
      expect(result.plan.accounts.map((account) => account.name)).toEqual(['network', 'workloads-analytics', 'workloads-core']);
      expect(new Set(appStacks.map((stack) => stack.account?.name))).toEqual(new Set(['workloads-core', 'workloads-analytics']));
    }
  });
});
