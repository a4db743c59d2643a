// Command-line options of the desktop app. Only the `--name=value` form: Chromium and Playwright add their own
// switches to the same argv, and a value-less switch followed by a path would be ambiguous.
import path from 'node:path';
import { OPERATOR_PATTERN } from '../common/team';

export interface LaunchArgs {
  /** --plan=<file>: the plan to open instead of the demo plan. */
  readonly planFile?: string;
  /** --data-dir=<dir>: the cockpit's state and Chromium's profile (tests use a fresh one each). */
  readonly dataDir?: string;
  /** --as=<user@host>: who operates this cockpit, when not the OS user (people taking turns on one machine). */
  readonly operator?: string;
}

export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchArgs {
  const value = (name: string): string | undefined => {
    const prefix = `--${name}=`;
    // The last occurrence wins, as with most CLIs.
    const raw = argv.findLast((arg) => arg.startsWith(prefix))?.slice(prefix.length);
    return raw ? path.resolve(cwd, raw) : undefined;
  };
  const planFile = value('plan');
  const dataDir = value('data-dir');
  // Not a path: taken as written, and only in the journal's actor form.
  const operator = argv.findLast((arg) => arg.startsWith('--as='))?.slice('--as='.length);
  const valid = operator !== undefined && OPERATOR_PATTERN.test(operator);
  return { ...(planFile ? { planFile } : {}), ...(dataDir ? { dataDir } : {}), ...(valid ? { operator } : {}) };
}
