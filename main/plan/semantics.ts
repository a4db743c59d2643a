// Checks the schema-valid parts of a plan for what a schema cannot see: references, duplicates, cycles,
// impossible gates, secrets written in plain text. Each finding is located in the file. Elements the schema
// rejected are left out, and references to them are not reported as unknown (see plan-parts.ts).
import type { PlanIssue } from '../api/contract';
import { isRejected, type PlanParts } from './plan-parts';
import { closestWord, type RegistryEntry, type RequestTemplate, type StackEntry, type WaveEntry } from './schema';
import { plainSecretProblem } from './secret-words';
import { formatPath, type DocPath, type PlanSource } from './source';
import { findDependencyCycles } from './wave-order';

export interface ResolvedReferences {
  /** For each wave (by index), the stack ids (`project/name`) its entries resolve to (unresolved ones skipped). */
  readonly waveStackIds: string[][];
}

export const stackId = (stack: Pick<StackEntry, 'project' | 'name'>) => `${stack.project}/${stack.name}`;

const STATIC_TEMPLATE_VARIABLES = new Set([
  'plan.name',
  'stack.id',
  'stack.name',
  'stack.project',
  'stack.description',
  'wave.id',
  'wave.name',
]);

export function checkSemantics(plan: PlanParts, source: PlanSource): { issues: PlanIssue[]; refs: ResolvedReferences } {
  const issues: PlanIssue[] = [];
  const error = (path: DocPath, message: string, at?: 'value' | 'key') =>
    issues.push(source.issue('error', path, message, at));
  const warning = (path: DocPath, message: string, at?: 'value' | 'key') =>
    issues.push(source.issue('warning', path, message, at));

  // Duplicate ids, per kind.
  const projectNames = firstIndexById(plan.projects, (p) => p.name, (index, name, first) =>
    error(['projects', index, 'name'], `duplicate project '${name}': already declared at projects[${first}]`),
  );
  const registryIds = firstIndexById(plan.registries, (r) => r.id, (index, id, first) =>
    error(['registries', index, 'id'], `duplicate registry '${id}': already declared at registries[${first}]`),
  );
  const stackIds = firstIndexById(plan.stacks, stackId, (index, id, first) =>
    error(['stacks', index, 'name'], `duplicate stack '${id}': already declared at stacks[${first}]`),
  );
  const waveIds = firstIndexById(plan.waves, (w) => w.id, (index, id, first) =>
    error(['waves', index, 'id'], `duplicate wave '${id}': already declared at waves[${first}]`),
  );

  // Registries: auth shape and template placeholders.
  plan.registries.forEach((registry, index) => {
    if (!registry) return;
    if (registry.auth?.type === 'header' && !registry.auth.header) {
      error(['registries', index, 'auth'], "auth type 'header' needs 'header': the HTTP header name that carries the token");
    }
    for (const kind of ['register', 'lookup', 'deregister'] as const) {
      for (const { variable, path } of templateVariables(registry[kind], ['registries', index, kind])) {
        if (isKnownTemplateVariable(variable, kind)) continue;
        const hint =
          variable === 'registration.id'
            ? ' ({{registration.id}} is only known when deregistering)'
            : '; expected plan.name, stack.id, stack.name, stack.project, stack.description, wave.id, wave.name, stack.config.<key>, stack.output.<name> or (in deregister) registration.id';
        error(path, `unknown template placeholder {{${variable}}}${hint}`);
      }
      checkRegistryBody(registry.id, kind, registry[kind], ['registries', index, kind], error);
    }
    // Stacks refer to a registry by id, so a duplicate's templates are never used; the first one's are checked.
    if (registryIds.get(registry.id) === index) checkSecretsSentToRegistry(registry, index, plan.stacks, error);
  });

  // Stacks: project and registry references, secrets in plain text, replication tasks.
  const taskOwners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    if (!stack) return;
    const id = stackId(stack);
    if (!projectNames.has(stack.project) && !isRejected(plan.rejected.projects, stack.project)) {
      error(['stacks', index, 'project'], `unknown project '${stack.project}'; expected one of: ${list(projectNames.keys())}`);
    }
    stack.registries.forEach((registry, r) => {
      if (!registryIds.has(registry)) {
        if (isRejected(plan.rejected.registries, registry)) return;
        error(
          ['stacks', index, 'registries', r],
          `unknown registry '${registry}'; expected one of the ids under 'registries'${registryIds.size ? ` (${list(registryIds.keys())})` : ' (none declared)'}`,
        );
        return;
      }
      const registryEntry = plan.registries[registryIds.get(registry)!]!;
      for (const kind of ['register', 'lookup', 'deregister'] as const) {
        for (const { variable } of templateVariables(registryEntry[kind], [])) {
          const key = variable.startsWith('stack.config.') ? variable.slice('stack.config.'.length) : undefined;
          if (key === undefined) continue;
          const value = stack.config[key];
          if (value === undefined) {
            error(
              ['stacks', index, 'registries', r],
              `registry '${registry}' uses {{stack.config.${key}}} in its ${kind} request, but stack '${id}' has no config '${key}'`,
            );
          }
        }
      }
    });
    for (const [key, value] of Object.entries(stack.config)) {
      const problem = typeof value === 'string' ? plainSecretProblem(key, value) : undefined;
      if (problem) {
        error(['stacks', index, 'config', key], `config '${key}' ${problem}; write { secretEnv: ENV_VAR_NAME } so the value never lands in the plan file`);
      }
    }
    stack.replicationTasks.forEach((task, t) => {
      if (!('taskId' in task)) return;
      const owner = taskOwners.get(task.taskId);
      if (owner && owner !== id) {
        error(
          ['stacks', index, 'replicationTasks', t, 'taskId'],
          `replication task '${task.taskId}' is already claimed by stack '${owner}'; a task belongs to one stack`,
        );
      } else if (owner === id) {
        error(['stacks', index, 'replicationTasks', t, 'taskId'], `replication task '${task.taskId}' is listed twice`);
      } else taskOwners.set(task.taskId, id);
    });
  });

  // Fallback (reverse CDC) tasks: never a forward task, one stack each.
  const reverseOwners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    const reverse = stack?.fallback?.reverseTaskId;
    if (!reverse) return;
    const path = ['stacks', index, 'fallback', 'reverseTaskId'];
    const forwardOwner = taskOwners.get(reverse);
    if (forwardOwner) {
      error(path, `reverse task '${reverse}' is the forward replication task of stack '${forwardOwner}'; the fallback needs a task that replicates from AWS back to the data center`);
    } else if (reverseOwners.has(reverse)) {
      error(path, `reverse task '${reverse}' is already the fallback of stack '${reverseOwners.get(reverse)}'; a task belongs to one stack`);
    } else reverseOwners.set(reverse, stackId(stack));
  });

  // Waves: stack references, one wave per stack, dependencies, gates and windows.
  const stacksByName = new Map<string, string[]>();
  for (const stack of plan.stacks) if (stack) stacksByName.set(stack.name, [...(stacksByName.get(stack.name) ?? []), stackId(stack)]);
  const waveOfStack = new Map<string, string>();
  const waveStackIds: string[][] = [];

  plan.waves.forEach((wave, index) => {
    const resolved: string[] = [];
    if (!wave) {
      waveStackIds.push(resolved);
      return;
    }
    // False when the wave names a stack the schema rejected: checks over "all stacks of the wave" are then unsure.
    let allStacksKnown = true;
    wave.stacks.forEach((reference, s) => {
      const path = ['waves', index, 'stacks', s];
      const id = resolveStack(reference, stackIds, stacksByName);
      if (id.kind === 'unknown' && isRejectedStack(plan, reference)) {
        allStacksKnown = false;
        return;
      }
      if (id.kind === 'unknown') {
        const suggestion = id.suggestion ? `; did you mean '${id.suggestion}'?` : '; expected a stack declared under \'stacks\'';
        return error(path, `unknown stack '${reference}'${suggestion}`);
      }
      if (id.kind === 'ambiguous') {
        return error(path, `stack name '${reference}' is ambiguous: it matches ${id.matches.join(' and ')}; write project/stack`);
      }
      const previous = waveOfStack.get(id.stackId);
      if (previous === wave.id) return error(path, `stack '${id.stackId}' is listed twice in wave '${wave.id}'`);
      if (previous) return error(path, `stack '${id.stackId}' is already in wave '${previous}'; a stack belongs to one wave`);
      waveOfStack.set(id.stackId, wave.id);
      resolved.push(id.stackId);
    });
    waveStackIds.push(resolved);

    wave.dependsOn.forEach((dependency, d) => {
      const path = ['waves', index, 'dependsOn', d];
      if (dependency === wave.id) error(path, `wave '${wave.id}' cannot depend on itself`);
      else if (!waveIds.has(dependency) && !isRejected(plan.rejected.waves, dependency)) {
        error(path, `unknown wave '${dependency}'; expected one of: ${list([...waveIds.keys()].filter((w) => w !== wave.id))}`);
      }
    });

    const window = wave.cutoverWindow;
    if (window) {
      const start = Date.parse(window.start);
      const end = Date.parse(window.end);
      if (end <= start) {
        error(['waves', index, 'cutoverWindow', 'end'], `cutover window ends (${window.end}) before it starts (${window.start})`);
      } else if (wave.gates && wave.gates.holdSeconds * 1000 > end - start) {
        error(
          ['waves', index, 'gates', 'holdSeconds'],
          `gate must hold for ${wave.gates.holdSeconds} s, longer than the whole cutover window (${(end - start) / 1000} s); the gate could never pass inside it`,
        );
      }
    }

    const waveStacks = resolved.map((id) => plan.stacks[stackIds.get(id)!]!);
    if (wave.cutover) checkCutover(wave, index, waveStacks, error, allStacksKnown ? warning : ignore);

    if (wave.gates && resolved.length > 0 && allStacksKnown) {
      const hasTasks = resolved.some((id) => (plan.stacks[stackIds.get(id)!]?.replicationTasks.length ?? 0) > 0);
      if (!hasTasks) {
        warning(['waves', index, 'gates'], `wave '${wave.id}' has replication gates but none of its stacks has a replication task`, 'key');
      }
    }
  });

  // Dependency order of cutover windows.
  plan.waves.forEach((wave, index) => {
    if (!wave?.cutoverWindow) return;
    for (const dependency of wave.dependsOn) {
      const before = plan.waves[waveIds.get(dependency) ?? -1];
      if (!before?.cutoverWindow || before === wave) continue;
      if (Date.parse(wave.cutoverWindow.start) < Date.parse(before.cutoverWindow.end)) {
        error(
          ['waves', index, 'cutoverWindow', 'start'],
          `wave '${wave.id}' depends on '${dependency}', but its cutover window starts (${wave.cutoverWindow.start}) before that of '${dependency}' ends (${before.cutoverWindow.end})`,
        );
      }
    }
  });

  for (const cycle of findDependencyCycles(plan.waves.filter((wave) => wave !== undefined))) {
    const first = waveIds.get(cycle[0]!)!;
    const dependencyIndex = plan.waves[first]!.dependsOn.indexOf(cycle[1]!);
    error(['waves', first, 'dependsOn', dependencyIndex], `waves depend on each other in a cycle: ${cycle.join(' → ')}`);
  }

  // A stack may be in a wave the schema rejected: then "in no wave" is unsure and not said.
  const wavesComplete = plan.waves.every((wave) => wave !== undefined) && !plan.rejected.waves.anyName;
  plan.stacks.forEach((stack, index) => {
    if (!stack || !wavesComplete) return;
    if (stackIds.get(stackId(stack)) === index && !waveOfStack.has(stackId(stack))) {
      warning(['stacks', index, 'name'], `stack '${stackId(stack)}' is in no wave, so no wave will deploy it`);
    }
  });

  return { issues, refs: { waveStackIds } };
}

function firstIndexById<T>(
  items: readonly (T | undefined)[],
  idOf: (item: T) => string,
  onDuplicate: (index: number, id: string, firstIndex: number) => void,
): Map<string, number> {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    if (item === undefined) return;
    const id = idOf(item);
    const previous = first.get(id);
    if (previous === undefined) first.set(id, index);
    else onDuplicate(index, id, previous);
  });
  return first;
}

type StackResolution =
  | { kind: 'found'; stackId: string }
  | { kind: 'unknown'; suggestion?: string }
  | { kind: 'ambiguous'; matches: string[] };

function resolveStack(
  reference: string,
  stackIds: ReadonlyMap<string, number>,
  stacksByName: ReadonlyMap<string, string[]>,
): StackResolution {
  if (reference.includes('/')) {
    return stackIds.has(reference) ? { kind: 'found', stackId: reference } : unknownStack(reference, [...stackIds.keys()]);
  }
  const matches = stacksByName.get(reference) ?? [];
  if (matches.length === 1) return { kind: 'found', stackId: matches[0]! };
  if (matches.length > 1) return { kind: 'ambiguous', matches };
  return unknownStack(reference, [...stacksByName.keys()]);
}

function unknownStack(reference: string, candidates: string[]): StackResolution {
  const suggestion = candidates.find((candidate) => sameButOneEdit(reference, candidate));
  return suggestion ? { kind: 'unknown', suggestion } : { kind: 'unknown' };
}

/** True when b differs from a by one inserted, deleted, replaced or swapped character. */
function sameButOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return (
    a.slice(i + 1) === b.slice(i + 1) ||
    a.slice(i + 1) === b.slice(i) ||
    a.slice(i) === b.slice(i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
  );
}

function isKnownTemplateVariable(variable: string, kind: 'register' | 'lookup' | 'deregister'): boolean {
  if (STATIC_TEMPLATE_VARIABLES.has(variable)) return true;
  if (/^stack\.(config|output)\.[A-Za-z_][A-Za-z0-9_.:-]*$/.test(variable)) return true;
  return variable === 'registration.id' && kind === 'deregister';
}

function* templateVariables(template: RequestTemplate, path: DocPath): Generator<{ variable: string; path: DocPath }> {
  for (const { text, path: at } of stringsIn({ path: template.path, body: template.body }, path)) {
    for (const match of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) yield { variable: match[1]!, path: at };
  }
}

function* stringsIn(value: unknown, path: DocPath): Generator<{ text: string; path: DocPath }> {
  if (typeof value === 'string') yield { text: value, path };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, [...path, i]);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...path, key]);
  }
}

const list = (ids: Iterable<string>) => [...ids].join(', ') || '(none)';

type Report = (path: DocPath, message: string, at?: 'value' | 'key') => void;
const ignore: Report = () => undefined;

/** A wave's stack reference that names a stack the schema rejected (by name, or by project/name). */
function isRejectedStack(plan: PlanParts, reference: string): boolean {
  return isRejected(plan.rejected.stacks, reference) || isRejected(plan.rejected.stacks, reference.slice(reference.indexOf('/') + 1));
}

/**
 * A secret is never sent to a registry: reported once at the template text that would send it, naming the stacks
 * (of those registering with the registry) for which that config key is a secret.
 */
function checkSecretsSentToRegistry(registry: RegistryEntry, index: number, stacks: PlanParts['stacks'], error: Report): void {
  const users = stacks.filter((stack): stack is StackEntry => stack !== undefined && stack.registries.includes(registry.id));
  const reported = new Set<string>();
  for (const kind of ['register', 'lookup', 'deregister'] as const) {
    for (const { variable, path } of templateVariables(registry[kind], ['registries', index, kind])) {
      const key = /^stack\.config\.(.+)$/.exec(variable)?.[1];
      const once = `${formatPath(path)} ${variable}`;
      if (key === undefined || reported.has(once)) continue;
      const secretOf = users.filter((stack) => typeof stack.config[key] === 'object').map(stackId);
      if (secretOf.length === 0) continue;
      reported.add(once);
      error(
        path,
        `registry '${registry.id}' sends {{${variable}}} in its ${kind} request, but config '${key}' is a secret of ${namedStacks(secretOf)}; secrets are never sent to registries`,
      );
    }
  }
}

/** "stack 'a'", "stacks 'a' and 'b'", or the first few and how many more. */
function namedStacks(ids: readonly string[], shown = 5): string {
  const quoted = ids.slice(0, shown).map((id) => `'${id}'`);
  if (ids.length === 1) return `stack ${quoted[0]}`;
  if (ids.length > shown) return `stacks ${quoted.join(', ')} and ${ids.length - shown} more`;
  return `stacks ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Literal (placeholder-free) body values that are secrets: the plan holds none, and registries receive none. */
function checkRegistryBody(registryId: string, kind: string, template: RequestTemplate, path: DocPath, error: Report): void {
  for (const { text, path: at } of stringsIn(template.body ?? {}, [...path, 'body'])) {
    const key = String(at.at(-1));
    const problem = text.includes('{{') ? undefined : plainSecretProblem(key, text);
    if (problem) {
      error(at, `registry '${registryId}' sends '${key}' in its ${kind} request, and its value ${problem}; the plan holds no secrets, and registries receive none (the registry token comes from auth.tokenEnv)`);
    }
  }
}

const URL_TEMPLATE_VARIABLES = ['plan.name', 'stack.id', 'stack.name', 'stack.project', 'stack.description', 'wave.id', 'wave.name', 'stack.config.<key>', 'stack.output.<name>'];

/** A wave's runbook: each step is manual or an action, ids unique, templates resolvable, order sensible. */
function checkCutover(wave: WaveEntry, index: number, stacks: readonly StackEntry[], error: Report, warning: Report): void {
  const cutover = wave.cutover!;
  const base = ['waves', index, 'cutover'];
  const window = wave.cutoverWindow;
  if (window) {
    const minutes = (Date.parse(window.end) - Date.parse(window.start)) / 60_000;
    if (minutes > 0 && cutover.downtimeBudgetMinutes > minutes) {
      warning([...base, 'downtimeBudgetMinutes'], `downtime budget (${cutover.downtimeBudgetMinutes} min) is longer than the cutover window (${minutes} min)`);
    }
  }
  const stepIds = new Map<string, number>();
  let pulumiUpAt: number | undefined;
  let downtimeStartAt: number | undefined;
  cutover.runbook.forEach((step, s) => {
    const path = [...base, 'runbook', s];
    if (step.startsDowntime) {
      if (downtimeStartAt !== undefined) error([...path, 'startsDowntime'], `step '${step.id}' starts the downtime, but step '${cutover.runbook[downtimeStartAt]!.id}' already does: the downtime starts once`);
      else downtimeStartAt = s;
    }
    const first = stepIds.get(step.id);
    if (first !== undefined) error([...path, 'id'], `duplicate step '${step.id}': already declared at runbook[${first}]`);
    else stepIds.set(step.id, s);
    if (step.manual !== undefined && step.action) {
      error([...path, 'action'], `step '${step.id}' has both 'manual' and 'action'; a step is either a checklist item the operator confirms or an action the cockpit runs`, 'key');
    } else if (step.manual === undefined && !step.action) {
      error(path, `step '${step.id}' needs 'manual: <checklist text>' or 'action: { type: ... }' (one of: freeze-check, stop-replication, pulumi-up, register, http-check)`);
    }
    const action = step.action;
    if (!action) return;
    const actionPath = [...path, 'action'];
    switch (action.type) {
      case 'freeze-check':
      case 'stop-replication':
        if (stacks.length > 0 && stacks.every((stack) => stack.replicationTasks.length === 0)) {
          warning([...actionPath, 'type'], `${action.type} has nothing to check: no stack of wave '${wave.id}' has a replication task`);
        }
        if (action.type === 'stop-replication' && pulumiUpAt !== undefined) {
          warning([...actionPath, 'type'], `traffic moves to AWS (step '${cutover.runbook[pulumiUpAt]!.id}') before replication stops; changes written on AWS meanwhile can be overwritten by the data center's`);
        }
        break;
      case 'pulumi-up':
        pulumiUpAt ??= s;
        for (const [key, value] of Object.entries(action.config)) {
          const keyPath = [...actionPath, 'config', key];
          const secretOn = stacks.find((stack) => typeof stack.config[key] === 'object');
          const plainSecret = typeof value === 'string' ? plainSecretProblem(key, value) : undefined;
          if (key.startsWith('cockpit:')) error(keyPath, `config '${key}' is the cockpit's own (written for every operation); the cutover cannot change it`, 'key');
          else if (secretOn) error(keyPath, `config '${key}' is a secret of stack '${stackId(secretOn)}'; the cutover config cannot replace a secret with a plain value`, 'key');
          else if (plainSecret) error(keyPath, `cutover config '${key}' ${plainSecret}; secrets belong in the stack config as { secretEnv: ENV_VAR_NAME }`);
        }
        break;
      case 'register':
        if (stacks.length > 0 && stacks.every((stack) => stack.registries.length === 0)) {
          warning([...actionPath, 'type'], `register has nothing to do: no stack of wave '${wave.id}' registers with a registry`);
        }
        break;
      case 'http-check':
        for (const match of action.url.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
          const variable = match[1]!;
          const config = /^stack\.config\.(.+)$/.exec(variable);
          if (config) {
            const missing = stacks.find((stack) => stack.config[config[1]!] === undefined);
            const secret = stacks.find((stack) => typeof stack.config[config[1]!] === 'object');
            if (secret) error([...actionPath, 'url'], `the URL uses {{${variable}}}, a secret of stack '${stackId(secret)}'; secrets never go into URLs`);
            else if (missing) error([...actionPath, 'url'], `the URL uses {{${variable}}}, but stack '${stackId(missing)}' has no config '${config[1]}'`);
            continue;
          }
          if (STATIC_TEMPLATE_VARIABLES.has(variable) || /^stack\.output\.[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) continue;
          const suggestion = closestWord(variable, [...STATIC_TEMPLATE_VARIABLES]);
          error(
            [...actionPath, 'url'],
            `unknown template placeholder {{${variable}}}; ${suggestion ? `did you mean {{${suggestion}}}?` : `expected one of: ${URL_TEMPLATE_VARIABLES.join(', ')}`}`,
          );
        }
        break;
    }
  });
}
