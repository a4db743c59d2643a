// Scenario files: YAML → located syntax errors → zod schema → references checked → the resolved estate (tables
// generated, the `generated:` block expanded). All or nothing, and every problem is reported as
// `file:line:column: error: path: message`, as the plan loader does.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultMessage,
  fieldsAt,
  formatIssue,
  formatPath,
  parsePlanSource,
  schemaIssuesToPlanIssues,
  type DocPath,
  type PlanIssue,
  type PlanSource,
} from '../../../main/ports/plan-reading';
import { ScenarioSchema, type FaultSpec, type InstanceSpec, type ScenarioFile, type ScenarioInput } from './scenario-schema';
import { generateTables, schemaNameFor, type TableSpec } from './tables';

export type { ConnectionFaultSpec, FaultSpec, InstanceSpec, ScenarioInput, TaskFaultSpec, WireFaultSpec } from './scenario-schema';
export type { TableSpec } from './tables';

type TaskEntry = ScenarioFile['tasks'][number];

export interface TaskSpec extends Omit<TaskEntry, 'tables' | 'instance'> {
  /** The replication instance's id. */
  readonly instance: string;
  readonly tables: readonly TableSpec[];
}

/** A resolved scenario: what the simulation is built from. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly seed?: number;
  readonly timeScale?: number;
  readonly region: string;
  readonly accountId: string;
  readonly instances: readonly InstanceSpec[];
  readonly tasks: readonly TaskSpec[];
  readonly faults: readonly FaultSpec[];
}

export class ScenarioError extends Error {
  readonly issues: readonly PlanIssue[];

  constructor(issues: readonly PlanIssue[]) {
    issues = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
    super(`invalid scenario:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

const DEFAULT_INSTANCE = 'rehearsal-dms';
const TABLE_SEED = 1;

export async function loadScenarioFile(file: string): Promise<Scenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (cause as Error).message;
    throw new ScenarioError([fileIssue(absolute, `cannot read the scenario: ${reason}`)]);
  }
  return parseScenario(absolute, text);
}

/** Validates scenario text as if it were the file `file`. */
export function parseScenario(file: string, text: string): Scenario {
  const source = parsePlanSource(file, text);
  const syntax = source.syntaxIssues.filter((issue) => issue.severity === 'error');
  if (syntax.length > 0) throw new ScenarioError(syntax);
  const data: unknown = source.document.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new ScenarioError([source.issue('error', [], 'expected a YAML mapping (name, instances, tasks, faults, ...)')]);
  return validate(data, source);
}

/** A scenario written in code (tests, the demo): the same checks, with issues named by path. */
export function defineScenario(input: ScenarioInput, name = '<scenario>'): Scenario {
  return validate(input, undefined, name);
}

function validate(data: unknown, source: PlanSource | undefined, name = source?.file ?? '<scenario>'): Scenario {
  const issueAt = (issuePath: DocPath, message: string, at?: 'key' | 'value'): PlanIssue =>
    source ? source.issue('error', issuePath, message, at) : { severity: 'error', file: name, line: 1, column: 1, path: formatPath(issuePath), message };
  const parsed = ScenarioSchema.safeParse(data, { error: defaultMessage });
  if (!parsed.success) {
    const issues = source
      ? schemaIssuesToPlanIssues(source, parsed.error.issues, (at) => fieldsAt(ScenarioSchema, at))
      : parsed.error.issues.map((issue) => issueAt(issue.path as (string | number)[], issue.message));
    throw new ScenarioError(issues);
  }
  const scenario = resolve(parsed.data);
  const problems = checkReferences(parsed.data, scenario);
  if (problems.length > 0) throw new ScenarioError(problems.map(([issuePath, message]) => issueAt(issuePath, message)));
  return scenario;
}

function resolve(file: ScenarioFile): Scenario {
  const seed = file.seed ?? TABLE_SEED;
  const instances: InstanceSpec[] = [...file.instances];
  const tasks: TaskSpec[] = file.tasks.map(({ tables, instance, ...task }) => ({
    ...task,
    instance: instance ?? instances[0]?.id ?? DEFAULT_INSTANCE,
    tables: Array.isArray(tables)
      ? tables
      : generateTables(task.id, seed, {
          schema: tables?.schema ?? schemaNameFor(task.id),
          ...(tables ? { count: tables.count } : {}),
          ...(tables?.maxRows !== undefined ? { maxRows: tables.maxRows } : {}),
        }),
  }));
  if (file.generated) {
    const { tasks: count, instances: instanceCount, tablesPerTask, prefix, ...behaviour } = file.generated;
    const spread = instanceCount ?? Math.ceil(count / 100);
    const generatedInstances = Array.from({ length: spread }, (_, i) => ({
      id: `${prefix}-dms-${i + 1}`,
      class: 'dms.r5.xlarge',
      allocatedStorageGiB: 200,
      engineVersion: '3.5.4',
    }));
    instances.push(...generatedInstances);
    const width = String(count).length;
    for (let i = 0; i < count; i++) {
      const id = `${prefix}-${String(i + 1).padStart(width, '0')}-mysql`;
      tasks.push({
        ...behaviour,
        id,
        instance: generatedInstances[i % spread]!.id,
        tables: generateTables(id, seed, { count: tablesPerTask, schema: `${prefix}_${i + 1}` }),
      });
    }
  }
  if (instances.length === 0 && tasks.length > 0)
    instances.push({ id: DEFAULT_INSTANCE, class: 'dms.r5.large', allocatedStorageGiB: 100, engineVersion: '3.5.4' });
  return {
    name: file.name,
    ...(file.description !== undefined ? { description: file.description } : {}),
    ...(file.seed !== undefined ? { seed: file.seed } : {}),
    ...(file.timeScale !== undefined ? { timeScale: file.timeScale } : {}),
    region: file.region,
    accountId: file.accountId,
    instances,
    tasks,
    faults: file.faults,
  };
}

/** Duplicate ids and references to instances, tasks and tables that do not exist. */
function checkReferences(file: ScenarioFile, scenario: Scenario): Array<[DocPath, string]> {
  const problems: Array<[DocPath, string]> = [];
  const firstIndex = new Map<string, number>();
  file.instances.forEach((instance, index) => {
    const seen = firstIndex.get(instance.id);
    if (seen !== undefined) problems.push([['instances', index, 'id'], `instance '${instance.id}' is listed twice (also instances[${seen}])`]);
    else firstIndex.set(instance.id, index);
  });
  const instanceIds = new Set(scenario.instances.map((instance) => instance.id));
  const tasks = new Map<string, TaskSpec>();
  for (const task of scenario.tasks) if (!tasks.has(task.id)) tasks.set(task.id, task);
  const seenTasks = new Map<string, number>();
  file.tasks.forEach((task, index) => {
    const seen = seenTasks.get(task.id);
    if (seen !== undefined) problems.push([['tasks', index, 'id'], `task '${task.id}' is listed twice (also tasks[${seen}])`]);
    else seenTasks.set(task.id, index);
    if (task.instance !== undefined && !instanceIds.has(task.instance)) {
      problems.push([
        ['tasks', index, 'instance'],
        `no replication instance '${task.instance}'; known: ${[...instanceIds].join(', ') || 'none (add one under instances)'}`,
      ]);
    }
    if (Array.isArray(task.tables)) {
      const names = new Set<string>();
      task.tables.forEach((table, tableIndex) => {
        const key = `${table.schema}.${table.name}`;
        if (names.has(key)) problems.push([['tasks', index, 'tables', tableIndex], `table ${key} is listed twice`]);
        names.add(key);
      });
    }
  });
  if (file.generated && file.tasks.some((task) => task.id.startsWith(`${file.generated!.prefix}-`))) {
    problems.push([
      ['generated', 'prefix'],
      `generated task ids start with '${file.generated.prefix}-', as does a task listed under tasks; choose another prefix`,
    ]);
  }
  file.faults.forEach((fault, index) => {
    if (fault.type === 'connection-failure') {
      const known = [...tasks.keys()].flatMap((id) => [`${id}-source`, `${id}-target`]);
      if (!known.includes(fault.endpoint)) {
        problems.push([
          ['faults', index, 'endpoint'],
          `no endpoint '${fault.endpoint}' in this scenario; each task has <task id>-source and <task id>-target${known.length > 0 ? `, e.g. ${known.slice(0, 2).join(', ')}` : ''}`,
        ]);
      }
      return;
    }
    if (!('task' in fault)) return;
    const task = tasks.get(fault.task);
    if (!task) {
      problems.push([['faults', index, 'task'], `no task '${fault.task}' in this scenario`]);
      return;
    }
    if ('table' in fault && !task.tables.some((table) => `${table.schema}.${table.name}` === fault.table)) {
      const known = task.tables.slice(0, 8).map((table) => `${table.schema}.${table.name}`);
      problems.push([
        ['faults', index, 'table'],
        `task '${fault.task}' has no table ${fault.table}; it has ${known.join(', ')}${task.tables.length > 8 ? ', ...' : ''}`,
      ]);
    }
  });
  return problems;
}

function fileIssue(file: string, message: string): PlanIssue {
  return { severity: 'error', file, line: 1, column: 1, path: '', message };
}
