// The cutover block of a wave (downtime budget, runbook steps) and a stack's fallback: bad inputs are rejected
// with their location and a message that says what is expected, like every other plan check.
import { describe, expect, it } from 'vitest';
import { dmsPlan } from '../tracks/dms/plan';
import { parsePlan, positionOf, replaceOnce } from './plan-testing';

const FILE = '/plans/migration.yaml';

const BASE = `version: 1
name: Cutover test
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
registries:
  - id: cmdb
    name: CMDB
    baseUrl: rehearsal
    register: { method: POST, path: /instances }
    lookup: { method: GET, path: "/instances?name={{stack.name}}" }
    deregister: { method: DELETE, path: "/instances/{{registration.id}}" }
projects:
  - name: apps
    program: app-instance
stacks:
  - name: app1
    project: apps
    config:
      owner: team-a
      trafficTarget: datacenter
      dbPassword: { secretEnv: APP1_DB_PASSWORD }
    registries: [cmdb]
    replicationTasks:
      - taskId: app1-mysql
    fallback:
      reverseTaskId: app1-mysql-reverse
  - name: app2
    project: apps
    config:
      owner: team-b
      trafficTarget: datacenter
    registries: [cmdb]
    replicationTasks:
      - taskId: app2-mysql
waves:
  - id: wave-1
    name: Pilot
    stacks: [app1, app2]
    cutoverWindow:
      start: 2026-12-05T01:00:00Z
      end: 2026-12-05T05:00:00Z
    cutover:
      downtimeBudgetMinutes: 45
      runbook:
        - id: announce
          name: Announce
          manual: Tell the service desk
        - id: quiet
          name: Source quiet
          action: { type: freeze-check, quietSeconds: 60 }
          timeoutMinutes: 10
        - id: stop
          name: Stop replication
          action: { type: stop-replication, maxLatencySeconds: 2 }
        - id: switch
          name: Switch traffic
          action: { type: pulumi-up, config: { trafficTarget: aws } }
        - id: register
          name: Register
          action: { type: register }
        - id: health
          name: Health
          action: { type: http-check, url: "https://{{stack.name}}.aws.example.internal/healthz", expectStatus: 200, retries: 2 }
          mustSucceed: false
`;

const edit = (from: string, to: string) => replaceOnce(BASE, from, to);

interface BadInput {
  name: string;
  text: string;
  message: RegExp;
  at: { needle: string; occurrence?: number };
}

const bad = (name: string, text: string, message: RegExp, at: BadInput['at']): BadInput => ({ name, text, message, at });

const BAD_INPUTS: BadInput[] = [
  bad(
    'misspelled cutover field',
    edit('downtimeBudgetMinutes: 45', 'downtimeBudgetMinute: 45'),
    /unknown field 'downtimeBudgetMinute'; did you mean 'downtimeBudgetMinutes'\?/,
    { needle: 'downtimeBudgetMinute:' },
  ),
  bad('no downtime budget', edit('      downtimeBudgetMinutes: 45\n', ''), /missing required field 'downtimeBudgetMinutes'/, {
    needle: 'runbook:',
    occurrence: 0,
  }),
  bad('negative downtime budget', edit('downtimeBudgetMinutes: 45', 'downtimeBudgetMinutes: -5'), /expected more than 0 minutes/, { needle: '-5' }),
  bad('empty runbook', edit(BASE.slice(BASE.indexOf('      runbook:\n')), '      runbook: []\n'), /expected at least one runbook step/, { needle: '[]' }),
  bad(
    'misspelled action type',
    edit('type: stop-replication', 'type: stop-replicaton'),
    /unknown action type "stop-replicaton"; did you mean 'stop-replication'\?/,
    { needle: 'stop-replicaton' },
  ),
  bad(
    'unknown action type',
    edit('type: register', 'type: reboot-everything'),
    /unknown action type "reboot-everything"; expected one of: freeze-check, stop-replication, keyspaces-primary-target, pulumi-up, keyspaces-remove-proxy, schedules-handover, traffic-shift, register, http-check, keyspaces-mirror-reads, keyspaces-validate/,
    { needle: 'reboot-everything' },
  ),
  bad('action without a type', edit('{ type: freeze-check, quietSeconds: 60 }', '{ quietSeconds: 60 }'), /missing the action's 'type'/, {
    needle: '{ quietSeconds: 60 }',
  }),
  bad('misspelled action field', edit('retries: 2', 'retrys: 2'), /unknown field 'retrys'; did you mean 'retries'\?/, { needle: 'retrys' }),
  bad(
    'misspelled step field',
    edit('          mustSucceed: false', '          mustSuceed: false'),
    /unknown field 'mustSuceed'; did you mean 'mustSucceed'\?/,
    { needle: 'mustSuceed' },
  ),
  bad(
    'step with both manual and action',
    edit('          manual: Tell the service desk\n', '          manual: Tell the service desk\n          action: { type: register }\n'),
    /step 'announce' has both 'manual' and 'action'/,
    { needle: 'action: { type: register }\n        - id: quiet' },
  ),
  bad(
    'step with neither manual nor action',
    edit('          manual: Tell the service desk\n', '          timeoutMinutes: 5\n'),
    /step 'announce' needs 'manual: <checklist text>' or 'action: \{ type: \.\.\. \}'/,
    { needle: 'id: announce' },
  ),
  bad('duplicate step id', edit('- id: register', '- id: switch'), /duplicate step 'switch': already declared at runbook\[3\]/, {
    needle: 'switch',
    occurrence: 1,
  }),
  bad('step id with capitals', edit('- id: announce', '- id: Announce'), /expected an id of lowercase letters/, { needle: 'Announce' }),
  bad('timeout of zero', edit('timeoutMinutes: 10', 'timeoutMinutes: 0'), /expected more than 0 minutes/, { needle: '0\n        - id: stop' }),
  bad('mustSucceed as text', edit('mustSucceed: false', 'mustSucceed: maybe'), /expected true or false/, { needle: 'maybe' }),
  bad('latency limit of zero', edit('maxLatencySeconds: 2', 'maxLatencySeconds: 0'), /expected more than 0 seconds/, { needle: '0 }\n        - id: switch' }),
  bad('quiet time as text', edit('quietSeconds: 60', 'quietSeconds: 1m'), /expected a number of seconds/, { needle: '1m' }),
  bad(
    'pulumi-up without config',
    edit('{ type: pulumi-up, config: { trafficTarget: aws } }', '{ type: pulumi-up, config: {} }'),
    /expected at least one config key to change for the cutover/,
    { needle: '{} }' },
  ),
  bad(
    'cutover config with a secret reference',
    edit('config: { trafficTarget: aws }', 'config: { trafficTarget: { secretEnv: X } }'),
    /expected a string, number or boolean \(cutover config is plain/,
    { needle: '{ secretEnv: X }' },
  ),
  bad(
    'cutover config of the cockpit',
    edit('config: { trafficTarget: aws }', 'config: { "cockpit:target": aws }'),
    /config 'cockpit:target' is the cockpit's own/,
    { needle: '"cockpit:target"' },
  ),
  bad(
    'cutover config replacing a secret',
    edit('config: { trafficTarget: aws }', 'config: { dbPassword: x }'),
    /config 'dbPassword' is a secret of stack 'apps\/app1'/,
    { needle: 'dbPassword: x' },
  ),
  bad(
    'password in the cutover config',
    edit('config: { trafficTarget: aws }', 'config: { adminPassword: hunter2 }'),
    /cutover config 'adminPassword' looks like a secret written in plain text/,
    { needle: 'hunter2' },
  ),
  bad(
    'http-check URL not http',
    edit('url: "https://{{stack.name}}.aws.example.internal/healthz"', 'url: "ftp://x/healthz"'),
    /expected an http:\/\/ or https:\/\/ URL/,
    { needle: '"ftp://x/healthz"' },
  ),
  bad(
    'misspelled URL placeholder',
    edit('https://{{stack.name}}.aws', 'https://{{stack.nmae}}.aws'),
    /unknown template placeholder \{\{stack.nmae\}\}; did you mean \{\{stack.name\}\}\?/,
    { needle: '"https://{{stack.nmae}}' },
  ),
  bad(
    'URL uses config a stack lacks',
    edit('https://{{stack.name}}.aws', 'https://{{stack.config.hostname}}.aws'),
    /the URL uses \{\{stack.config.hostname\}\}, but stack 'apps\/app1' has no config 'hostname'/,
    { needle: '"https://{{stack.config.hostname}}' },
  ),
  bad(
    'URL sends a secret',
    edit('https://{{stack.name}}.aws', 'https://{{stack.config.dbPassword}}.aws'),
    /a secret of stack 'apps\/app1'; secrets never go into URLs/,
    { needle: '"https://{{stack.config.dbPassword}}' },
  ),
  bad('expected status out of range', edit('expectStatus: 200', 'expectStatus: 700'), /expected an HTTP status code 100-599/, { needle: '700' }),
  bad(
    'reverse task that is a forward task',
    edit('reverseTaskId: app1-mysql-reverse', 'reverseTaskId: app2-mysql'),
    /reverse task 'app2-mysql' is the forward replication task of stack 'apps\/app2'/,
    { needle: 'app2-mysql\n' },
  ),
  bad('misspelled fallback field', edit('reverseTaskId: app1', 'reverseTask: app1'), /unknown field 'reverseTask'; did you mean 'reverseTaskId'\?/, {
    needle: 'reverseTask:',
  }),
  bad(
    'two steps start the downtime',
    edit('          manual: Tell the service desk\n', '          manual: Tell the service desk\n          startsDowntime: true\n').replace(
      '          timeoutMinutes: 10\n',
      '          timeoutMinutes: 10\n          startsDowntime: true\n',
    ),
    /step 'quiet' starts the downtime, but step 'announce' already does: the downtime starts once/,
    { needle: 'true\n        - id: stop' },
  ),
  bad(
    'empty manual rollback step',
    edit('          manual: Tell the service desk\n', "          manual: Tell the service desk\n          rollback: ''\n"),
    /expected the text of the manual rollback step/,
    { needle: "''" },
  ),
  bad('reverse task id invalid', edit('reverseTaskId: app1-mysql-reverse', 'reverseTaskId: 1-reverse'), /expected a DMS replication task identifier/, {
    needle: '1-reverse',
  }),
];

describe('plan validation: cutover runbook bad inputs', () => {
  it('accepts the base plan', () => {
    const result = parsePlan(FILE, BASE);
    expect(result.ok ? result.warnings : result.issues).toEqual([]);
  });

  it('has distinct bad inputs', () => {
    expect(new Set(BAD_INPUTS.map((input) => input.name)).size).toBe(BAD_INPUTS.length);
  });

  it.each(BAD_INPUTS)('$name: rejected with its location', ({ text, message, at }) => {
    const result = parsePlan(FILE, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = positionOf(text, at.needle, at.occurrence);
    const matching = result.issues.filter((issue) => message.test(issue.message));
    expect(matching, `issues were:\n${result.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n')}`).toHaveLength(1);
    expect(matching[0]).toMatchObject({ severity: 'error', file: FILE, line: expected.line, column: expected.column });
  });
});

describe('plan validation: cutover warnings', () => {
  it('warns when traffic moves before replication stops, and when the budget is longer than the window', () => {
    const moved = edit('        - id: stop\n          name: Stop replication\n          action: { type: stop-replication, maxLatencySeconds: 2 }\n', '')
      .replace('      runbook:\n', '      runbook:\n        - id: late-stop\n          name: Stop\n          action: { type: stop-replication }\n')
      .replace('downtimeBudgetMinutes: 45', 'downtimeBudgetMinutes: 300');
    const reordered = moved
      .replace('        - id: late-stop\n          name: Stop\n          action: { type: stop-replication }\n', '')
      .replace(
        '          action: { type: register }\n',
        '          action: { type: register }\n        - id: late-stop\n          name: Stop\n          action: { type: stop-replication }\n',
      );
    const result = parsePlan(FILE, reordered);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => w.message)).toEqual([
      'downtime budget (300 min) is longer than the cutover window (240 min)',
      "traffic moves to AWS (step 'switch') before replication stops; changes written on AWS meanwhile can be overwritten by the data center's",
    ]);
  });

  it('keeps the runbook and the fallback in the model, with defaults', () => {
    const result = parsePlan(FILE, BASE);
    if (!result.ok) throw new Error('base plan should load');
    const wave = result.plan.waves[0]!;
    expect(wave.cutover?.runbook.map((step) => [step.id, step.mustSucceed, step.action?.type ?? 'manual'])).toEqual([
      ['announce', true, 'manual'],
      ['quiet', true, 'freeze-check'],
      ['stop', true, 'stop-replication'],
      ['switch', true, 'pulumi-up'],
      ['register', true, 'register'],
      ['health', false, 'http-check'],
    ]);
    expect(wave.cutover?.runbook[5]?.action).toEqual({
      type: 'http-check',
      url: 'https://{{stack.name}}.aws.example.internal/healthz',
      expectStatus: 200,
      retries: 2,
      retryDelaySeconds: 10,
      requestTimeoutSeconds: 10,
    });
    expect(wave.cutover?.runbook[1]?.action).toEqual({ type: 'freeze-check', quietSeconds: 60, maxIncomingChanges: 0 });
    expect(dmsPlan.of(result.plan.stacks.get('apps/app1')!).fallback).toEqual({ reverseTaskId: 'app1-mysql-reverse' });
  });
});
