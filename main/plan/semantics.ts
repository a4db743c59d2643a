// Checks the schema-valid parts of a plan for what a schema cannot see: references, duplicates, cycles,
// impossible windows, secrets written in plain text. Each finding is located in the file. Elements the schema
// rejected are left out, and references to them are not reported as unknown (see plan-parts.ts). This module
// checks the plan's structure (ids, references, waves, dependencies); registries, accounts and runbooks have their own check
// modules, and each part of the grammar (a track's keys) its own check, run after these (checkParts).
import type { PlanIssue } from '../api/contract';
import { checkAccounts } from './account-checks';
import { checkApprovals } from './approval-checks';
import { checkCutover } from './cutover-checks';
import type { PlanGrammar } from './grammar';
import { ignore, list, stackId, type LocatedReport } from './located-report';
import { isRejected, type PlanParts, type ResolvedWave } from './plan-parts';
import { checkRegistries, checkStackRegistries } from './registry-checks';
import { plainSecretProblem } from './secret-words';
import type { DocPath, IssuePlace, PlanSource } from './source';
import { findDependencyCycles } from './wave-order';

export interface ResolvedReferences {
  /** For each wave (by index), the stack ids (`project/name`) its entries resolve to (unresolved ones skipped). */
  readonly waveStackIds: string[][];
  /** For each wave the schema accepted (by index), the stacks it resolved to. */
  readonly waves: readonly (ResolvedWave | undefined)[];
}

export { stackId };

/** `grammar`: the runbook actions a step may name (their roles and checks). */
export function checkSemantics(plan: PlanParts, source: PlanSource, grammar: Pick<PlanGrammar, 'actions'>): { issues: PlanIssue[]; refs: ResolvedReferences } {
  const issues: PlanIssue[] = [];
  const { error, warning } = reportInto(issues, source);

  // Duplicate ids, per kind.
  const projectNames = firstIndexById(
    plan.projects,
    (p) => p.name,
    (index, name, first) => error(['projects', index, 'name'], `duplicate project '${name}': already declared at projects[${first}]`),
  );
  const registryIds = firstIndexById(
    plan.registries,
    (r) => r.id,
    (index, id, first) => error(['registries', index, 'id'], `duplicate registry '${id}': already declared at registries[${first}]`),
  );
  const stackIds = firstIndexById(plan.stacks, stackId, (index, id, first) =>
    error(['stacks', index, 'name'], `duplicate stack '${id}': already declared at stacks[${first}]`),
  );
  const waveIds = firstIndexById(
    plan.waves,
    (w) => w.id,
    (index, id, first) => error(['waves', index, 'id'], `duplicate wave '${id}': already declared at waves[${first}]`),
  );

  checkRegistries(plan, registryIds, error);
  checkAccounts(plan, error);
  checkApprovals(plan, error);

  // Stacks: project and registry references, secrets in plain text.
  plan.stacks.forEach((stack, index) => {
    if (!stack) return;
    if (!projectNames.has(stack.project) && !isRejected(plan.rejected.projects, stack.project)) {
      error(['stacks', index, 'project'], `unknown project '${stack.project}'; expected one of: ${list(projectNames.keys())}`);
    }
    checkStackRegistries(plan, stack, index, registryIds, error);
    for (const [key, value] of Object.entries(stack.config)) {
      const problem = typeof value === 'string' ? plainSecretProblem(key, value) : undefined;
      if (problem) {
        error(['stacks', index, 'config', key], `config '${key}' ${problem}; write { secretEnv: ENV_VAR_NAME } so the value never lands in the plan file`);
      }
    }
  });

  // Waves: stack references, one wave per stack, dependencies, windows and runbooks.
  const stacksByName = new Map<string, string[]>();
  for (const stack of plan.stacks) if (stack) stacksByName.set(stack.name, [...(stacksByName.get(stack.name) ?? []), stackId(stack)]);
  const waveOfStack = new Map<string, string>();
  const waveStackIds: string[][] = [];
  const resolvedWaves: (ResolvedWave | undefined)[] = [];

  plan.waves.forEach((wave, index) => {
    const resolved: string[] = [];
    if (!wave) {
      waveStackIds.push(resolved);
      resolvedWaves.push(undefined);
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
        const suggestion = id.suggestion ? `; did you mean '${id.suggestion}'?` : "; expected a stack declared under 'stacks'";
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
    if (window && Date.parse(window.end) <= Date.parse(window.start)) {
      error(['waves', index, 'cutoverWindow', 'end'], `cutover window ends (${window.end}) before it starts (${window.start})`);
    }

    const waveStacks = resolved.map((id) => plan.stacks[stackIds.get(id)!]!);
    resolvedWaves.push({ stacks: waveStacks, allStacksKnown });
    if (wave.cutover) checkCutover(wave, index, waveStacks, grammar.actions, { error, warning: allStacksKnown ? warning : ignore });
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

  return { issues, refs: { waveStackIds, waves: resolvedWaves } };
}

/** Each part's own checks (a track's keys), on the same valid parts and resolved waves. */
export function checkParts(grammar: Pick<PlanGrammar, 'parts'>, plan: PlanParts, refs: ResolvedReferences, source: PlanSource): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const report = reportInto(issues, source);
  for (const part of grammar.parts) part.check?.(plan, refs.waves, report);
  return issues;
}

function reportInto(issues: PlanIssue[], source: PlanSource): LocatedReport {
  return {
    error: (path: DocPath, message: string, at?: IssuePlace) => issues.push(source.issue('error', path, message, at)),
    warning: (path: DocPath, message: string, at?: IssuePlace) => issues.push(source.issue('warning', path, message, at)),
  };
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

type StackResolution = { kind: 'found'; stackId: string } | { kind: 'unknown'; suggestion?: string } | { kind: 'ambiguous'; matches: string[] };

function resolveStack(reference: string, stackIds: ReadonlyMap<string, number>, stacksByName: ReadonlyMap<string, string[]>): StackResolution {
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

/** A wave's stack reference that names a stack the schema rejected (by name, or by project/name). */
function isRejectedStack(plan: PlanParts, reference: string): boolean {
  return isRejected(plan.rejected.stacks, reference) || isRejected(plan.rejected.stacks, reference.slice(reference.indexOf('/') + 1));
}
