// Reads a plan file: YAML -> schema -> semantic checks -> normalized model. All or nothing: a plan with any
// error is returned as its issues only, never half-loaded. Independent checks all run, so every error is
// reported at once; only a YAML syntax error stops early (there is no document to check). The caller gives the
// grammar (grammar.ts: the core's schemas with the tracks' parts, composed by main/seam/plan-grammar.ts).
import path from 'node:path';
import type { PlanIssue } from '../api/contract';
import { isAtOrBelow, neutralizeAliases, type AliasFindings } from './aliases';
import { placeProject } from './account-placement';
import { checkAccountRegions, checkPrograms, checkRegion } from './environment-checks';
import type { PlanGrammar } from './grammar';
import type { MigrationPlan, StackModel } from './model';
import { readPlanFile } from './plan-file';
import { planParts } from './plan-parts';
import type { PlanFile } from './schema';
import { fieldsAt } from './schema-fields';
import { defaultMessage, schemaIssuesToPlanIssues } from './schema-issues';
import { checkParts, checkSemantics, stackId, type ResolvedReferences } from './semantics';
import { fastPlanData } from './fast-parse';
import { lazyPlanSource, parsePlanSource, type PlanSource } from './source';
import { checkRenderedUrls } from './url-checks';
import { orderWaves } from './wave-order';

export type PlanLoadResult =
  | { ok: true; plan: MigrationPlan; warnings: PlanIssue[] }
  | {
      ok: false;
      file: string;
      issues: PlanIssue[];
      /** Set when the validator itself failed (a bug in the cockpit), as opposed to a plan with errors. */
      internalError?: string;
      /** Set when the file was not read as a plan at all (see plan-file.ts): not a plan with errors. */
      refused?: true;
    };

export interface PlanLoadOptions {
  /** The plan format: the core's with the parts of the tracks the cockpit runs (main/seam/plan-grammar.ts composeGrammar). */
  readonly grammar: PlanGrammar;
  /** The installed app's root: built-in program names must be folders under <appRoot>/pulumi-programs/. */
  readonly appRoot?: string;
}

export async function loadPlanFile(file: string, options: PlanLoadOptions): Promise<PlanLoadResult> {
  const absolute = path.resolve(file);
  try {
    const read = await readPlanFile(absolute);
    if (!read.ok) return { ok: false, file: absolute, issues: [read.issue], refused: true };
    return parsePlan(absolute, read.text, options);
  } catch (cause) {
    return internalError(absolute, 'reading the file', cause);
  }
}

/** Validates plan text as if it were the file `file` (used by loadPlanFile and by tests). Never throws. */
export function parsePlan(file: string, text: string, options: PlanLoadOptions): PlanLoadResult {
  let stage = 'starting';
  try {
    return validatePlanText(file, text, options, (next) => (stage = next));
  } catch (cause) {
    return internalError(file, stage, cause);
  }
}

function validatePlanText(file: string, text: string, options: PlanLoadOptions, enter: (stage: string) => void): PlanLoadResult {
  const fail = (issues: PlanIssue[]): PlanLoadResult => ({ ok: false, file, issues: sortIssues(issues) });
  if (text.trim() === '')
    return fail([fileIssue(file, 'the plan file is empty; expected a YAML mapping with version, name, environment, projects, stacks and waves')]);

  enter('reading the YAML');
  const read = readYaml(file, text);
  if ('failed' in read) return fail(read.failed);
  const { source, aliases, data } = read;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([
      ...aliases.issues,
      source.issue('error', [], 'expected a YAML mapping at the top level (version, name, environment, projects, stacks, waves)'),
    ]);
  }

  enter('checking the schema');
  const { grammar } = options;
  const parsed = grammar.planSchema.safeParse(data, { error: defaultMessage });
  const schemaFindings = parsed.success
    ? []
    : parsed.error.issues.filter((issue) => !aliases.replacedPaths.some((replaced) => isAtOrBelow(issue.path, replaced)));
  const schemaIssues = schemaIssuesToPlanIssues(source, schemaFindings, (at) => fieldsAt(grammar.planSchema, at));

  // The checks below run on every element the schema accepted, whatever the schema said about the others.
  enter('splitting the plan into its valid parts');
  const parts = planParts(data as Record<string, unknown>, grammar);
  enter('checking references and rules');
  const { issues: semanticIssues, refs } = checkSemantics(parts, source, grammar);
  enter("checking the tracks' parts of the plan");
  const partIssues = checkParts(grammar, parts, refs, source);
  enter('checking URLs with placeholders');
  const urlIssues = checkRenderedUrls(parts, refs, source);
  enter('checking the AWS regions');
  const regionIssues = [...(parts.region === undefined ? [] : checkRegion(parts.region, source)), ...checkAccountRegions(parts.accounts, source)];
  enter('checking program folders');
  const programIssues = checkPrograms(parts.projects, file, options.appRoot, source);

  const issues = [
    ...source.syntaxIssues,
    ...aliases.issues,
    ...schemaIssues,
    ...semanticIssues,
    ...partIssues,
    ...urlIssues,
    ...regionIssues,
    ...programIssues,
  ];
  if (!parsed.success || issues.some((issue) => issue.severity === 'error')) return fail(issues);

  enter('building the plan model');
  return { ok: true, warnings: sortIssues(issues), plan: buildModel(file, parsed.data, refs) };
}

/**
 * The plan's data and where its paths are. A plain plan is read by the fast parse, and its positioned document is
 * made only if an issue needs placing; anything else (aliases, tags, a syntax error…) is read positioned at once.
 */
function readYaml(file: string, text: string): { failed: PlanIssue[] } | { source: PlanSource; aliases: AliasFindings; data: unknown } {
  const fast = fastPlanData(text);
  if (fast !== undefined) return { source: lazyPlanSource(file, text), aliases: NO_ALIASES, data: fast };
  const source = parsePlanSource(file, text);
  if (source.syntaxIssues.some((issue) => issue.severity === 'error')) return { failed: source.syntaxIssues };
  const aliases = neutralizeAliases(source);
  // No alias is left in the document, so nothing here can expand or refer to a missing anchor.
  return { source, aliases, data: source.document.toJS() };
}

const NO_ALIASES: AliasFindings = { issues: [], replacedPaths: [] };

function buildModel(file: string, plan: PlanFile, refs: ResolvedReferences): MigrationPlan {
  const waveOf = new Map<string, string>();
  plan.waves.forEach((wave, index) => refs.waveStackIds[index]!.forEach((id) => waveOf.set(id, wave.id)));
  const placements = new Map(plan.projects.map((project) => [project.name, placeProject(project, plan.accounts, plan.environment.aws.region)]));
  const stacks = new Map<string, StackModel>(
    plan.stacks.map((stack) => [
      stackId(stack),
      { ...stack, id: stackId(stack), waveId: waveOf.get(stackId(stack)) ?? null, ...placements.get(stack.project)! },
    ]),
  );
  const waves = orderWaves(plan.waves.map(({ stacks: _references, ...wave }, index) => ({ ...wave, stackIds: refs.waveStackIds[index]! }))).map(
    (wave, index) => ({ ...wave, order: index + 1 }),
  );
  return {
    file,
    name: plan.name,
    ...(plan.description ? { description: plan.description } : {}),
    environment: plan.environment,
    projects: plan.projects,
    registries: plan.registries,
    accounts: [...plan.accounts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ...(plan.team ? { team: plan.team } : {}),
    stacks,
    waves,
  };
}

/** The validator itself failed: a bug in the cockpit, reported as such and never as a problem of the plan. */
function internalError(file: string, stage: string, cause: unknown): PlanLoadResult {
  const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.slice(0, 200);
  const message = `internal error of the plan validator while ${stage}: ${reason}; this is a bug in the cockpit, not a problem of the plan`;
  return { ok: false, file, issues: [fileIssue(file, message)], internalError: message };
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
