// What a test does when a tool it needs is missing. `npm test` (scripts/test.mjs) sets up what it can (the
// Pulumi CLI, moto) and stops with a message for what it cannot (Chromium, the Electron binary), so a missing
// tool is an error here: a test run that skipped what it could not run is not green. Only an explicit opt-out
// skips, MIGRATION_COCKPIT_TEST_SKIP=<tool>[,<tool>...], and the run's summary then counts those skips and says why.
export const SKIP_VARIABLE = 'MIGRATION_COCKPIT_TEST_SKIP';
export const TEST_TOOLS = ['pulumi', 'moto', 'cassandra', 'postgres', 'chromium', 'electron'] as const;
export type TestTool = (typeof TEST_TOOLS)[number];

/** The tools the operator chose to go without (unknown names are an error: a typo must not run fewer tests). */
export function optedOut(env: NodeJS.ProcessEnv = process.env): Set<TestTool> {
  const names = (env[SKIP_VARIABLE] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(TEST_TOOLS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`${SKIP_VARIABLE}: unknown tool(s) ${unknown.join(', ')}; expected some of: ${TEST_TOOLS.join(', ')}`);
  return new Set(names as TestTool[]);
}

/**
 * A tool is missing: the skip note (the run's summary groups by it) when the operator opted out of the tool, else
 * an error that says what is missing and how to get it.
 */
export function skipNoteOrFail(tool: TestTool, reason: string, env: NodeJS.ProcessEnv = process.env): string {
  if (optedOut(env).has(tool)) return `${SKIP_VARIABLE}=${tool}: ${reason}`;
  throw new Error(`${reason}. \`npm test\` sets it up where it can; to run without it, set ${SKIP_VARIABLE}=${tool}.`);
}
