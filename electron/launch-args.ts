// Command-line options of the desktop app. Only the `--name=value` form: Chromium and Playwright add their own
// switches to the same argv, and a value-less switch followed by a path would be ambiguous.
import path from 'node:path';

export interface LaunchArgs {
  /** --plan=<file>: the plan to open instead of the demo plan. */
  readonly planFile?: string;
  /** --data-dir=<dir>: the cockpit's state and Chromium's profile (tests use a fresh one each). */
  readonly dataDir?: string;
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
  return { ...(planFile ? { planFile } : {}), ...(dataDir ? { dataDir } : {}) };
}
