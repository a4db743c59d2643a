// `migration-cockpit validate <plan>...`: the same checks the cockpit runs, as file:line:col lines for editors and CI.
import { formatIssue, loadPlanFile } from '../plan/load';

export async function validateCommand(files: readonly string[], out: (line: string) => void): Promise<number> {
  let failed = false;
  for (const file of files) {
    const result = await loadPlanFile(file);
    const issues = result.ok ? result.warnings : result.issues;
    for (const issue of issues) out(formatIssue(issue));
    const errors = issues.filter((issue) => issue.severity === 'error').length;
    const warnings = issues.length - errors;
    if (result.ok) {
      out(`${file}: valid: ${result.plan.stacks.size} stacks in ${result.plan.waves.length} waves${warnings ? `, ${warnings} warning(s)` : ''}`);
    } else {
      failed = true;
      out(`${file}: invalid: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}; the plan was not loaded`);
    }
  }
  return failed ? 1 : 0;
}
