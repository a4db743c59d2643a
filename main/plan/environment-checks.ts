// Checks of a plan against the world outside the file: the AWS regions exist (the environment's and each account's),
// each project's Pulumi program is a folder that exists. Each finding is located at the value it is about.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PlanIssue } from '../api/contract';
import type { AccountEntry, ProjectEntry } from './schema';
import { closestWord } from './schema';
import { awsRegionDescription, nearAwsRegions } from './regions';
import type { DocPath, PlanSource } from './source';

/** Nearby regions shown in one message; more would be a list, not a suggestion. */
const MAX_REGION_SUGGESTIONS = 3;

/** `at`: where the region is written (environment.aws.region unless said otherwise). */
export function checkRegion(region: string, source: PlanSource, at: DocPath = ['environment', 'aws', 'region']): PlanIssue[] {
  if (awsRegionDescription(region) !== undefined) return [];
  const near = nearAwsRegions(region).slice(0, MAX_REGION_SUGGESTIONS);
  const suggestion =
    near.length > 0
      ? `; did you mean ${orList(near.map((entry) => `'${entry.region}' (${entry.description})`))}?`
      : '; expected a region code such as eu-central-1';
  return [source.issue('error', at, `unknown AWS region '${region}': the AWS SDK knows no such region${suggestion}`)];
}

/** Every region of every account the schema accepted. */
export function checkAccountRegions(accounts: readonly (AccountEntry | undefined)[], source: PlanSource): PlanIssue[] {
  return accounts.flatMap((account, index) => (account?.regions ?? []).flatMap((region, r) => checkRegion(region, source, ['accounts', index, 'regions', r])));
}

/** `program` is a path when it starts like one; otherwise it names a folder under <appRoot>/pulumi-programs/. */
export const isProgramPath = (program: string) => /^(\.{1,2}\/|\/)/.test(program);

/**
 * Every project's program must be a folder: a path relative to the plan file, or a built-in program name when
 * the app root is known (without it, built-in names are not checked).
 */
export function checkPrograms(projects: readonly (ProjectEntry | undefined)[], planFile: string, appRoot: string | undefined, source: PlanSource): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const builtInRoot = appRoot === undefined ? undefined : path.join(appRoot, 'pulumi-programs');
  projects.forEach((project, index) => {
    if (!project) return;
    const at = ['projects', index, 'program'];
    const program = project.program;
    if (isProgramPath(program)) {
      const folder = path.resolve(path.dirname(planFile), program);
      const problem = folderProblem(folder);
      if (problem) {
        const suggestion = nearFolder(path.dirname(folder), path.basename(folder));
        const hint = suggestion ? `; did you mean '${path.posix.dirname(program)}/${suggestion}'?` : '';
        issues.push(source.issue('error', at, `program folder '${program}' ${problem} (${folder}; a path is relative to the plan file's folder)${hint}`));
      }
      return;
    }
    if (builtInRoot === undefined) return;
    if (/[\\/]/.test(program) || program === '.' || program === '..') {
      issues.push(
        source.issue('error', at, `program '${program}' is neither a folder name under pulumi-programs/ nor a path (a path starts with ./, ../ or /)`),
      );
      return;
    }
    if (SHARED_PROGRAM_FOLDERS.includes(program)) {
      issues.push(
        source.issue(
          'error',
          at,
          `program '${program}' is code the built-in programs share, not a program: name a program folder under pulumi-programs/ (such as app-instance or network-foundation) or a path`,
        ),
      );
      return;
    }
    if (!folderProblem(path.join(builtInRoot, program))) return;
    const suggestion = nearFolder(builtInRoot, program);
    const hint = suggestion
      ? `; did you mean '${suggestion}'?`
      : '; expected the name of a folder under pulumi-programs/, or a path starting with ./, ../ or / relative to the plan file';
    issues.push(
      source.issue('error', at, `unknown program '${program}': the cockpit has no program folder pulumi-programs/${program} (in ${builtInRoot})${hint}`),
    );
  });
  return issues;
}

/** Folders under pulumi-programs/ that the programs share (components, the track seam and tracks), not programs. */
const SHARED_PROGRAM_FOLDERS: readonly string[] = ['components', 'lib', 'seam', 'tracks'];

/** Why `folder` is not an existing folder, or undefined when it is one. */
function folderProblem(folder: string): string | undefined {
  try {
    const stats = statSync(folder, { throwIfNoEntry: false });
    if (!stats) return 'does not exist';
    return stats.isDirectory() ? undefined : 'is not a folder';
  } catch (error) {
    return `cannot be checked (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
}

/** The folder in `parent` whose name is closest to `name`, for "did you mean". */
function nearFolder(parent: string, name: string): string | undefined {
  try {
    const folders = readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && !SHARED_PROGRAM_FOLDERS.includes(entry.name))
      .map((entry) => entry.name);
    return closestWord(name, folders);
  } catch {
    return undefined;
  }
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
