// `migration-cockpit validate`: exit codes 0 valid, 1 invalid, 2 usage, 3 internal error; one line per issue.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateCommand, VALIDATE_EXIT } from './validate';
import type * as LoadModule from '../../main/plan/load';

// loadPlanFile never throws; should it anyway, validate must still answer with exit code 3.
vi.mock('../../main/plan/load', async (importOriginal) => {
  const original = await importOriginal<typeof LoadModule>();
  return {
    ...original,
    loadPlanFile: (file: string, options: Parameters<typeof original.loadPlanFile>[1]) =>
      file.endsWith('throws.yaml')
        ? Promise.reject(new RangeError('Maximum call stack size exceeded\n    at deep (x.ts:1:1)'))
        : original.loadPlanFile(file, options),
  };
});

const REPO_ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const DEMO_PLAN = path.join(REPO_ROOT, 'examples', 'demo', 'migration.yaml');
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'plan-cli-'));
  await writeFile(path.join(folder, 'bad.yaml'), '# not the right version\nversion: 2\nname: Bad\n');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Runs the real command-line entry (bin/migration-cockpit.js) as the operator would. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'bin', 'migration-cockpit.js'), ...args], { cwd: folder, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe('migration-cockpit validate (the real entry point)', () => {
  it('exits 0 for a valid plan, 1 for an invalid one, and says why with file:line:col', { timeout: 60_000 }, async () => {
    const valid = await runCli(['validate', DEMO_PLAN]);
    expect(valid).toMatchObject({ code: VALIDATE_EXIT.valid, stderr: '' });
    expect(valid.stdout).toMatch(/migration\.yaml: valid: 19 stacks in 8 waves\n$/);

    const invalid = await runCli(['validate', 'bad.yaml']);
    expect(invalid.code).toBe(VALIDATE_EXIT.invalid);
    expect(invalid.stdout).toMatch(/^bad\.yaml:2:10: error: version: expected version: 1/m);
    expect(invalid.stdout).toMatch(/^bad\.yaml: invalid: \d+ error\(s\); the plan was not loaded\n$/m);
  });

  it('exits 2 on a usage error, with usage text that documents every exit code', { timeout: 60_000 }, async () => {
    const usage = await runCli(['validate']);
    expect(usage.code).toBe(VALIDATE_EXIT.usage);
    expect(usage.stderr).toContain('validate needs at least one plan file');
    expect(usage.stderr).toMatch(/exit code 0: all valid, 1: a plan has\s+errors, 2: usage error, 3: internal error of the validator/);
  });
});

describe('validateCommand', () => {
  it('answers 3 with one line when loading a file throws', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await validateCommand([path.join(folder, 'throws.yaml'), DEMO_PLAN], (line) => out.push(line), { err: (line) => err.push(line) });
    expect(code).toBe(VALIDATE_EXIT.internalError);
    expect(err).toEqual([
      `migration-cockpit: ${path.join(folder, 'throws.yaml')}: internal error of the validator: Maximum call stack size exceeded; this is a bug in the cockpit, not a problem of the plan`,
    ]);
    expect(out).toEqual([`${DEMO_PLAN}: valid: 19 stacks in 8 waves`]);
  });

  it('checks built-in program names against this installation', async () => {
    await writeFile(path.join(folder, 'typo.yaml'), (await readFile(DEMO_PLAN, 'utf8')).replace('program: app-instance', 'program: app-instanse'));
    const out: string[] = [];
    expect(await validateCommand([path.join(folder, 'typo.yaml')], (line) => out.push(line))).toBe(VALIDATE_EXIT.invalid);
    expect(out.join('\n')).toMatch(
      /error: projects\[1\] \(name: platform-production\)\.program: unknown program 'app-instanse'.*did you mean 'app-instance'\?/,
    );
  });
});
