// `migration-cockpit validate <plan>...`: the same checks the cockpit runs, as file:line:col lines for editors and CI.
import { formatIssue, loadPlanFile } from '../../main/plan/load';
import { composeGrammar } from '../../main/seam/plan-grammar';
import { COCKPIT_TRACKS } from '../compose';
import { APP_ROOT } from './app-paths';

/** Exit codes, so CI can tell a plan with errors from a broken validator. */
export const VALIDATE_EXIT = { valid: 0, invalid: 1, usage: 2, internalError: 3 } as const;
export type ValidateExitCode = (typeof VALIDATE_EXIT)[keyof typeof VALIDATE_EXIT];

export interface ValidateOptions {
  /** Where the one-line internal-error report goes (default: `out`). */
  readonly err?: (line: string) => void;
  /** The app whose built-in Pulumi programs plans may name (default: this installation). */
  readonly appRoot?: string;
}

/** Validates each file and prints its issues; never throws. 3 if the validator failed on any file, else 1 if any plan is invalid. */
export async function validateCommand(files: readonly string[], out: (line: string) => void, options: ValidateOptions = {}): Promise<ValidateExitCode> {
  const err = options.err ?? out;
  let invalid = false;
  let broken = false;
  // The plan format of the tracks the cockpit runs: a plan valid here opens in the cockpit.
  const grammar = composeGrammar(COCKPIT_TRACKS);
  for (const file of files) {
    try {
      const result = await loadPlanFile(file, { appRoot: options.appRoot ?? APP_ROOT, grammar });
      if (!result.ok && result.internalError !== undefined) {
        broken = true;
        err(`migration-cockpit: ${file}: ${result.internalError}`);
        continue;
      }
      const issues = result.ok ? result.warnings : result.issues;
      for (const issue of issues) out(formatIssue(issue));
      const errors = issues.filter((issue) => issue.severity === 'error').length;
      const warnings = issues.length - errors;
      if (result.ok) {
        out(`${file}: valid: ${result.plan.stacks.size} stacks in ${result.plan.waves.length} waves${warnings ? `, ${warnings} warning(s)` : ''}`);
      } else {
        invalid = true;
        out(`${file}: invalid: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}; the plan was not loaded`);
      }
    } catch (error) {
      broken = true;
      err(`migration-cockpit: ${file}: ${internalErrorLine(error)}`);
    }
  }
  if (broken) return VALIDATE_EXIT.internalError;
  return invalid ? VALIDATE_EXIT.invalid : VALIDATE_EXIT.valid;
}

/** One line about a failure of the validator itself (never a stack trace: CI logs show it as it is). */
export function internalErrorLine(error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
  return `internal error of the validator: ${reason}; this is a bug in the cockpit, not a problem of the plan`;
}
