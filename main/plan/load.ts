// Reads a plan file: YAML -> schema -> semantic checks -> normalized model. All or nothing: a plan with any
// error is returned as its issues only, never half-loaded.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanIssue } from '../api/contract';
import type { MigrationPlan, StackModel } from './model';
import { PlanFileSchema } from './schema';
import { fieldsAt } from './schema-fields';
import { defaultMessage, schemaIssuesToPlanIssues } from './schema-issues';
import { checkSemantics, stackId } from './semantics';
import { parsePlanSource } from './source';
import { orderWaves } from './wave-order';

export type PlanLoadResult =
  | { ok: true; plan: MigrationPlan; warnings: PlanIssue[] }
  | { ok: false; file: string; issues: PlanIssue[] };

export async function loadPlanFile(file: string): Promise<PlanLoadResult> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (cause as Error).message;
    return { ok: false, file: absolute, issues: [fileIssue(absolute, `cannot read the plan: ${reason}`)] };
  }
  return parsePlan(absolute, text);
}

/** Validates plan text as if it were the file `file` (used by loadPlanFile and by tests). */
export function parsePlan(file: string, text: string): PlanLoadResult {
  const fail = (issues: PlanIssue[]): PlanLoadResult => ({ ok: false, file, issues: sortIssues(issues) });
  if (text.trim() === '') return fail([fileIssue(file, 'the plan file is empty; expected a YAML mapping with version, name, environment, projects, stacks and waves')]);

  const source = parsePlanSource(file, text);
  const syntaxErrors = source.syntaxIssues.filter((issue) => issue.severity === 'error');
  if (syntaxErrors.length > 0) return fail(source.syntaxIssues);

  const data: unknown = source.document.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([source.issue('error', [], 'expected a YAML mapping at the top level (version, name, environment, projects, stacks, waves)')]);
  }

  const parsed = PlanFileSchema.safeParse(data, { error: defaultMessage });
  if (!parsed.success) {
    return fail(schemaIssuesToPlanIssues(source, parsed.error.issues, (at) => fieldsAt(PlanFileSchema, at)));
  }

  const { issues, refs } = checkSemantics(parsed.data, source);
  const warnings = [...source.syntaxIssues, ...issues.filter((issue) => issue.severity === 'warning')];
  if (issues.some((issue) => issue.severity === 'error')) return fail([...source.syntaxIssues, ...issues]);

  const plan = parsed.data;
  const waveOf = new Map<string, string>();
  plan.waves.forEach((wave, index) => refs.waveStackIds[index]!.forEach((id) => waveOf.set(id, wave.id)));
  const stacks = new Map<string, StackModel>(
    plan.stacks.map((stack) => [stackId(stack), { ...stack, id: stackId(stack), waveId: waveOf.get(stackId(stack)) ?? null }]),
  );
  const waves = orderWaves(
    plan.waves.map(({ stacks: _references, ...wave }, index) => ({ ...wave, stackIds: refs.waveStackIds[index]! })),
  ).map((wave, index) => ({ ...wave, order: index + 1 }));

  return {
    ok: true,
    warnings: sortIssues(warnings),
    plan: {
      file,
      name: plan.name,
      ...(plan.description ? { description: plan.description } : {}),
      environment: plan.environment,
      projects: plan.projects,
      registries: plan.registries,
      stacks,
      waves,
    },
  };
}

function fileIssue(file: string, message: string): PlanIssue {
  return { severity: 'error', file, line: 1, column: 1, path: '', message };
}

function sortIssues(issues: PlanIssue[]): PlanIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `file:line:col: severity: path: message`, the format editors and CI logs understand. */
export function formatIssue(issue: PlanIssue, relativeTo = process.cwd()): string {
  const relative = path.relative(relativeTo, issue.file);
  const shown = relative && !relative.startsWith('..') ? relative : issue.file;
  const where = `${shown}:${issue.line}:${issue.column}`;
  return `${where}: ${issue.severity}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
