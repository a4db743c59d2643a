// Scenario files: the shipped ones load; mistakes are reported at file:line:column with the field.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PLAN } from '../../demo-plan';
import { demoScenario } from './demo-scenario';
import { defineScenario, loadScenarioFile, parseScenario, ScenarioError } from './scenario';

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');
const FILE = '/rehearsal/broken.yaml';

function issuesOf(text: string) {
  try {
    parseScenario(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).issues.map((issue) => `${issue.line}:${issue.column} ${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the scenario to be rejected');
}

describe('shipped scenarios', () => {
  it('loads demo.yaml: the demo plan tasks, the pilot started, faults on named tasks and tables', async () => {
    const scenario = await loadScenarioFile(path.join(SCENARIOS, 'demo.yaml'));
    expect(scenario.tasks).toHaveLength(12);
    expect(scenario.tasks.filter((task) => task.autoStart).map((task) => task.id)).toEqual([
      'app1101-mysql-full-load-cdc',
      'app1102-mysql-full-load-cdc',
      'app1103-mysql-full-load-cdc',
    ]);
    expect(scenario.tasks[2]!.startAfter).toBe(120);
    expect(scenario.faults.map((fault) => fault.type)).toEqual(['latency-spike', 'task-failure', 'table-error', 'validation-mismatch', 'throttle']);
    expect(scenario.timeScale).toBe(60);
  });

  it('expands generated: { tasks: 1000 } over instances', async () => {
    const scenario = await loadScenarioFile(path.join(SCENARIOS, 'bench-1000.yaml'));
    expect(scenario.tasks).toHaveLength(1000);
    expect(scenario.instances).toHaveLength(10);
    expect(new Set(scenario.tasks.map((task) => task.id)).size).toBe(1000);
    expect(scenario.tasks[999]).toMatchObject({ id: 'gen-1000-mysql', instance: 'gen-dms-10', autoStart: true });
    expect(scenario.tasks[0]!.tables).toHaveLength(8);
  });

  it('builds the demo estate from the demo plan: one ready full-load-and-cdc task per replicationTasks entry, and the fallback reverse task', async () => {
    const scenario = await demoScenario(DEMO_PLAN);
    const reverse = scenario.tasks.find((task) => task.id === 'app1101-mysql-reverse-cdc');
    expect(reverse).toMatchObject({ migrationType: 'cdc', autoStart: false });
    const forward = scenario.tasks.filter((task) => task !== reverse);
    // The fallback replicates back the tables its forward task brought over: the same ones, as many.
    const app1101 = forward.find((task) => task.id === 'app1101-mysql-full-load-cdc')!;
    const names = (task: typeof app1101) => task.tables.map((table) => `${table.schema}.${table.name}`);
    expect(names(reverse!)).toEqual(names(app1101));
    expect(forward.map((task) => task.id)).toEqual([
      'app1101-mysql-full-load-cdc',
      'app1102-mysql-full-load-cdc',
      'app1103-mysql-full-load-cdc',
      'app1201-mysql-full-load-cdc',
      'app1202-mysql-full-load-cdc',
      'app1203-mysql-full-load-cdc',
      'app1204-mysql-full-load-cdc',
      'app1301-mysql-full-load-cdc',
      'app1302-mysql-full-load-cdc',
      'app1303-mysql-full-load-cdc',
      'app1401-mysql-full-load-cdc',
      'app1402-mysql-full-load-cdc',
    ]);
    expect(scenario.instances.map((instance) => instance.id)).toEqual(['network-eu-central-1-dms']);
    for (const task of forward) {
      expect(task).toMatchObject({ migrationType: 'full-load-and-cdc', autoStart: false });
      expect(task.tables.length).toBeGreaterThanOrEqual(5);
      expect(task.tables.length).toBeLessThanOrEqual(20);
    }
    expect(scenario.tasks[0]!.tables[0]!.schema).toBe('app1101');
    // Each task in its stack's account: wave 1 to 3 in workloads-core, wave 4 in workloads-analytics.
    expect(reverse!.account).toBe('222222222222');
    expect(Object.fromEntries(forward.map((task) => [task.id, task.account]))).toMatchObject({
      'app1101-mysql-full-load-cdc': '222222222222',
      'app1303-mysql-full-load-cdc': '222222222222',
      'app1401-mysql-full-load-cdc': '333333333333',
      'app1402-mysql-full-load-cdc': '333333333333',
    });
  });

  it('refuses a task account that is not 12 digits, at the field', () => {
    expect(issuesOf('tasks:\n  - id: orders\n    account: "12"\n')).toEqual(['3:14 tasks[0] (id: orders).account: expected a 12-digit AWS account id']);
  });
});

describe('located errors', () => {
  it('names unknown fields with a suggestion, at the key', () => {
    expect(issuesOf('tasks:\n  - id: orders\n    changeRatePerSec: 5\n')).toEqual([
      "3:5 tasks[0] (id: orders).changeRatePerSec: unknown field 'changeRatePerSec'; did you mean 'changeRatePerSecond'?",
    ]);
  });

  it('says what is expected, at the value', () => {
    expect(issuesOf('tasks:\n  - id: orders\n    parallelTables: 80\n    migrationType: full\n')).toEqual([
      '3:21 tasks[0] (id: orders).parallelTables: expected 1-49 tables at once (DMS MaxFullLoadSubTasks)',
      '4:20 tasks[0] (id: orders).migrationType: expected full-load, cdc or full-load-and-cdc',
    ]);
    expect(issuesOf('faults:\n  - type: latency-spike\n    task: orders\n    for: soon\n')).toContainEqual(
      '4:10 faults[0].for: expected a duration such as 30s, 5m, 2h or a number of seconds',
    );
    expect(issuesOf('faults:\n  - type: meteor\n')).toEqual([expect.stringMatching(/^2:11 faults\[0\]\.type: expected a fault with type throttle/)]);
  });

  it('checks references: duplicate tasks, unknown instances, tasks and tables named by faults', () => {
    const text = [
      'instances:',
      '  - id: dms-a',
      'tasks:',
      '  - id: orders',
      '    tables: [{ schema: shop, name: orders, rows: 10 }]',
      '  - id: orders',
      '    instance: dms-b',
      'faults:',
      '  - type: table-error',
      '    task: orders',
      '    table: shop.invoices',
      '  - type: task-failure',
      '    task: billing',
      '    atPercent: 10',
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      "6:9 tasks[1] (id: orders).id: task 'orders' is listed twice (also tasks[0])",
      "7:15 tasks[1] (id: orders).instance: no replication instance 'dms-b'; known: dms-a",
      "11:12 faults[0].table: task 'orders' has no table shop.invoices; it has shop.orders",
      "13:11 faults[1].task: no task 'billing' in this scenario",
    ]);
  });

  it('reports YAML syntax errors and unreadable files with their location', async () => {
    expect(issuesOf('tasks:\n  - id: [orders\n')[0]).toMatch(/^\d+:\d+ : YAML syntax error/);
    await expect(loadScenarioFile('/nonexistent/scenario.yaml')).rejects.toThrow(/scenario\.yaml:1:1: error: cannot read the scenario: file not found/);
  });

  it('formats every issue as file:line:column in the error message', () => {
    expect(() => parseScenario(FILE, 'seed: -1\n')).toThrow(`${FILE}:1:7: error: seed:`);
    expect(() => defineScenario({ tasks: [{ id: 'bad--id' }] })).toThrow(/tasks\[0\]\.id/);
  });
});
