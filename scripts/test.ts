// `npm test`: every test, for real. First it sets up what it can itself (the Pulumi CLI, moto's server in a venv,
// Cassandra's jars from Maven Central, the Electron binary where GitHub is reachable) and stops with a message naming
// what it cannot (Chromium, Python, Go, a JDK and Maven) and how to get it. Then typecheck, lint, Vitest (unit and
// integration), Playwright (end to end). A test may skip only when the run opted out of the tool it needs
// (MIGRATION_COCKPIT_TEST_SKIP=electron,... ); the summary counts every skip with its reason, and a skip without an
// opt-out fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findPostgresBin } from '../test/support/postgres-server';
import { optedOut, SKIP_VARIABLE, type TestTool } from '../test/support/required-tools';
import { downloadElectron, electronBinary } from './lib/electron-binary';
import { ensurePulumiCli } from './lib/pulumi-cli';

const REPO = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Outcome {
  passed: number;
  failed: number;
  skipped: { test: string; note: string }[];
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const heading = (line: string) => say(`\n=== ${line}`);

class Stop extends Error {}

/** A tool that is missing and cannot be set up here: stop, naming it and how to get it, unless opted out. */
function missing(tool: TestTool, what: string, howToGet: string, skipping: ReadonlySet<TestTool>): string | undefined {
  if (skipping.has(tool)) return `${what} (skipped: ${SKIP_VARIABLE} includes ${tool})`;
  throw new Stop(`${what}.\n  ${howToGet}\n  To run every other test without it, set ${SKIP_VARIABLE}=${tool} (its tests are then counted as skipped).`);
}

async function setUpTools(skipping: ReadonlySet<TestTool>): Promise<NodeJS.ProcessEnv> {
  heading('tools');
  const env: NodeJS.ProcessEnv = { ...process.env };
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    throw new Stop(
      `Node.js 22.12 or newer is needed (this is ${process.versions.node}).\n  \`. scripts/use-node.sh\` puts one first on PATH (from the npm registry, once).`,
    );
  }
  say(`node ${process.versions.node}`);

  if (skipping.has('pulumi')) say(`pulumi: skipped (${SKIP_VARIABLE})`);
  else {
    const cli = await ensurePulumiCli((line) => say(`pulumi: ${line}`));
    if ('error' in cli) {
      missing(
        'pulumi',
        `the Pulumi CLI could not be set up: ${cli.error}`,
        'Install Go (apt-get install golang-go, or https://go.dev/dl) so it can be built from the Go module proxy, or put pulumi of the @pulumi/pulumi version on PATH, or point MIGRATION_COCKPIT_PULUMI_BIN at its folder.',
        skipping,
      );
    } else {
      env.MIGRATION_COCKPIT_PULUMI_BIN = cli.binDir;
      say(`pulumi: ${cli.how}`);
    }
  }

  if (skipping.has('moto')) say(`moto: skipped (${SKIP_VARIABLE})`);
  else {
    const moto = spawnSync('bash', [path.join(REPO, 'scripts/python-tools.sh')], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const binDir = moto.stdout.trim().split('\n').at(-1);
    if (moto.status !== 0 || !binDir) {
      const why = moto.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${moto.status}`;
      missing(
        'moto',
        `moto's server could not be installed: ${why}`,
        'It needs Python 3 with venv and pip (apt-get install python3 python3-venv) and PyPI.',
        skipping,
      );
    } else {
      env.MIGRATION_COCKPIT_MOTO_BIN = binDir;
      say(`moto: ${binDir}`);
    }
  }

  if (skipping.has('cassandra')) say(`cassandra: skipped (${SKIP_VARIABLE})`);
  else {
    const cassandra = spawnSync('bash', [path.join(REPO, 'scripts/cassandra-toolchain.sh')], {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const libDir = cassandra.stdout.trim().split('\n').at(-1);
    if (cassandra.status !== 0 || !libDir) {
      const why = cassandra.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${cassandra.status}`;
      missing(
        'cassandra',
        `Cassandra's jars could not be resolved: ${why}`,
        'It needs a JDK 17 (java) and Maven (mvn) reaching Maven Central (apt-get install openjdk-17-jdk-headless maven).',
        skipping,
      );
    } else {
      env.MIGRATION_COCKPIT_CASSANDRA_LIB = libDir;
      say(`cassandra: ${libDir}`);
    }
  }

  const postgresBin = findPostgresBin(env);
  if (postgresBin) say(`postgres: ${postgresBin}`);
  else
    say(
      `postgres: ${missing('postgres', "no PostgreSQL server (the team store's tests start Debian's)", 'Install it (apt-get install postgresql), or point MIGRATION_COCKPIT_POSTGRES_BIN at a folder holding postgres and initdb.', skipping)}`,
    );

  if (existsSync(CHROMIUM)) say(`chromium: ${CHROMIUM}`);
  else
    say(
      `chromium: ${missing('chromium', `no Chromium at ${CHROMIUM}`, "Install Debian's Chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.", skipping)}`,
    );

  if (electronBinary()) say(`electron: ${electronBinary()}`);
  else if (skipping.has('electron')) say(`electron: no binary (skipped: ${SKIP_VARIABLE} includes electron)`);
  else {
    say('electron: no binary yet; downloading it (once)');
    const failure = downloadElectron(180_000);
    if (failure) {
      missing(
        'electron',
        `the Electron binary is not installed and its download failed: ${failure}`,
        'Run `node node_modules/electron/install.js` where GitHub is reachable (or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron).',
        skipping,
      );
    } else say(`electron: ${electronBinary()}`);
  }
  return env;
}

/** Runs a command with its output shown; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, env, stdio: 'inherit' });
    child.on('error', (error) => {
      say(`could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const npx = (bin: string) => path.join(REPO, 'node_modules', '.bin', bin);
const npmRun = (script: string, env: NodeJS.ProcessEnv) => run('npm', ['run', '--silent', script], env);

async function vitestOutcome(file: string): Promise<Outcome> {
  return JSON.parse(await readFile(file, 'utf8')) as Outcome;
}

interface PlaywrightSuite {
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; tests: { projectName: string; status: string; annotations: { type: string; description?: string }[] }[] }[];
}

async function playwrightOutcome(file: string): Promise<Outcome> {
  const report = JSON.parse(await readFile(file, 'utf8')) as { suites: PlaywrightSuite[] };
  const outcome: Outcome = { passed: 0, failed: 0, skipped: [] };
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === 'skipped') {
          const note = test.annotations.find((annotation) => annotation.type === 'skip')?.description ?? 'skipped without a reason';
          outcome.skipped.push({ test: `${test.projectName} > ${spec.file} > ${spec.title}`, note });
        } else if (test.status === 'expected' || test.status === 'flaky') outcome.passed++;
        else outcome.failed++;
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  report.suites.forEach(walk);
  return outcome;
}

/** Skips grouped by their reason; those without an opt-out in their note are errors. */
function summarize(outcomes: Record<string, Outcome>): boolean {
  heading('summary');
  let ok = true;
  for (const [name, outcome] of Object.entries(outcomes)) {
    say(`${name}: ${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped.length} skipped`);
    if (outcome.failed > 0) ok = false;
    const byNote = new Map<string, number>();
    for (const { note } of outcome.skipped) byNote.set(note, (byNote.get(note) ?? 0) + 1);
    for (const [note, count] of byNote) {
      const allowed = note.startsWith(`${SKIP_VARIABLE}=`);
      say(`  ${count} skipped: ${note}${allowed ? '' : '  <- not opted out: this fails the run'}`);
      if (!allowed) ok = false;
    }
  }
  return ok;
}

async function main(): Promise<number> {
  const started = Date.now();
  let skipping: ReadonlySet<TestTool>;
  try {
    skipping = optedOut();
  } catch (error) {
    say(`STOPPED: ${(error as Error).message}`);
    return 2;
  }
  const reports = await mkdtemp(path.join(os.tmpdir(), 'mc-test-report-'));
  const outcomes: Record<string, Outcome> = {};
  try {
    const env = await setUpTools(skipping);
    const steps: [string, () => Promise<number>][] = [
      ['typecheck', () => npmRun('typecheck', env)],
      ['lint', () => npmRun('lint', env)],
      [
        'unit and integration tests (Vitest)',
        async () => {
          const report = path.join(reports, 'vitest.json');
          const code =
            (await npmRun('build:programs', env)) ||
            (await run(npx('vitest'), ['run', '--reporter=default', '--reporter=./test/support/skip-reporter.ts'], {
              ...env,
              MIGRATION_COCKPIT_TEST_REPORT: report,
            }));
          if (existsSync(report)) outcomes.vitest = await vitestOutcome(report);
          return code;
        },
      ],
      [
        'end-to-end tests (Playwright)',
        async () => {
          const report = path.join(reports, 'playwright.json');
          const code =
            (await npmRun('build:renderer', env)) ||
            (await npmRun('build:electron', env)) ||
            (await run(npx('playwright'), ['test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report }));
          if (existsSync(report)) outcomes.playwright = await playwrightOutcome(report);
          return code;
        },
      ],
    ];
    for (const [name, step] of steps) {
      heading(name);
      const code = await step();
      if (code !== 0) {
        summarize(outcomes);
        say(`\nFAILED: ${name} (exit code ${code}) after ${Math.round((Date.now() - started) / 1000)} s`);
        return 1;
      }
    }
    const ok = summarize(outcomes);
    say(`\n${ok ? 'PASSED' : 'FAILED'}: typecheck, lint, Vitest and Playwright in ${Math.round((Date.now() - started) / 1000)} s`);
    return ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    say(`\nSTOPPED: ${error.message}`);
    return 2;
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
}

process.exitCode = await main();
