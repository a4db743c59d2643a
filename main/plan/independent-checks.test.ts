// Every check runs on what passed the schema, so the operator sees all errors at once, not in rounds; and a
// reference to an element the schema rejected is not also reported as unknown.
import { describe, expect, it } from 'vitest';
import { describeIssues, expectErrorAt, issuesOf, parsePlan, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';

const edit = (from: string, to: string) => replaceOnce(SMALL_PLAN, from, to);
const errorsOf = (text: string, appRoot?: string) =>
  issuesOf(parsePlan(TEST_FILE, text, appRoot ? { appRoot } : {})).filter((issue) => issue.severity === 'error');

describe('independent checks report together', () => {
  it('reports schema, reference, region and program errors of one plan at once', () => {
    const text = edit('region: eu-central-1', 'region: eu-centrl-1')
      .replace('program: app-instance', 'program: ./no-such-program')
      .replace('owner: team-b', 'owner: [team-b]')
      .replace('dependsOn: [wave-0]', 'dependsOn: [wave-9]');
    const result = parsePlan(TEST_FILE, text);
    expect(result.ok).toBe(false);
    expectErrorAt(text, result, /^expected a string, number, boolean, or \{ secretEnv/, '[team-b]');
    expectErrorAt(text, result, /^unknown wave 'wave-9'/, 'wave-9');
    expectErrorAt(text, result, /^unknown AWS region 'eu-centrl-1'/, 'eu-centrl-1');
    expectErrorAt(text, result, /^program folder '\.\/no-such-program' does not exist/, './no-such-program');
  });

  it('checks the valid elements next to an invalid one', () => {
    const text = edit('owner: team-b', 'owner: [team-b]').replace('taskId: app2-mysql', 'taskId: app1-mysql').replace('stacks: [net]', 'stacks: [nett]');
    const result = parsePlan(TEST_FILE, text);
    expectErrorAt(text, result, /^unknown stack 'nett'; did you mean 'net'\?/, 'nett');
    // app2 itself was rejected by the schema, so its task is not compared with app1's: one finding, not a guess.
    expect(describeIssues(errorsOf(text))).not.toMatch(/already claimed/);
  });

  it('does not call a stack unknown when the schema rejected it', () => {
    const text = edit('  - name: app2\n    project: apps\n', '  - name: app2\n    project: apps\n    colour: blue\n');
    expect(errorsOf(text).map((issue) => issue.message)).toEqual([
      "unknown field 'colour'; expected one of: name, project, description, config, registries, replicationTasks, fallback, health, keyspaces, schedules, traffic",
    ]);
  });

  it('does not call a project, registry or wave unknown when the schema rejected it', () => {
    const text = edit('  - name: apps\n    program: app-instance\n', '  - name: apps\n    program: ""\n')
      .replace('  - id: cmdb\n    name: CMDB\n', '  - id: cmdb\n    name: ""\n')
      .replace('  - id: wave-0\n    name: Network\n', '  - id: wave-0\n    name: ""\n');
    expect(errorsOf(text).map((issue) => issue.message)).toEqual([
      'expected a non-empty text',
      'expected a program folder name or path',
      'expected a non-empty wave name',
    ]);
  });

  it('does not call anything unknown when an element has no readable name or a list is not a list', () => {
    expect(errorsOf(edit('  - name: net\n    project: network\n', '  - net\n')).map((issue) => issue.message)).toEqual([
      'expected a mapping of fields, got the text "net"',
    ]);
    const noStackList = SMALL_PLAN.replace(/^stacks:\n( {2}.*\n)*/m, 'stacks: 5\n');
    expect(errorsOf(noStackList).map((issue) => issue.message)).toEqual(['expected a list, got number 5']);
  });

  it('says nothing about a stack in no wave while a wave is rejected (it may be in that one)', () => {
    const text = edit('  - id: wave-1\n    name: Apps\n', '  - id: wave-1\n    name: ""\n');
    expect(issuesOf(parsePlan(TEST_FILE, text)).map((issue) => issue.message)).toEqual(['expected a non-empty wave name']);
  });

  it('still loads nothing of a plan with any error', () => {
    const result = parsePlan(TEST_FILE, edit('owner: team-b', 'owner: [team-b]'));
    expect(result.ok).toBe(false);
    expect('plan' in result).toBe(false);
  });
});
