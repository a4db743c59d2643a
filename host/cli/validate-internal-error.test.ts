// A failure of the validator itself is an internal-error result (and exit code 3 in the CLI), never a thrown
// stack trace and never mistaken for a plan with errors. The failures are simulated by replacing one stage.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateCommand, VALIDATE_EXIT } from './validate';
import type * as PlanFileModule from '../../main/plan/plan-file';
import { loadPlanFile, parsePlan, SMALL_PLAN, TEST_FILE } from '../../main/plan/plan-testing';
import type * as SemanticsModule from '../../main/plan/semantics';

vi.mock('../../main/plan/semantics', async (importOriginal) => ({
  ...(await importOriginal<typeof SemanticsModule>()),
  checkSemantics: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'stacks')\n    at checkSemantics (semantics.ts:1:1)");
  },
}));
vi.mock('../../main/plan/plan-file', async (importOriginal) => {
  const original = await importOriginal<typeof PlanFileModule>();
  return {
    ...original,
    readPlanFile: (file: string) => (file.endsWith('explodes.yaml') ? Promise.reject(new Error('disk on fire')) : original.readPlanFile(file)),
  };
});

const DEMO_PLAN = new URL('../../examples/demo/migration.yaml', import.meta.url).pathname;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'plan-internal-'));
  await copyFile(DEMO_PLAN, path.join(folder, 'plan.yaml'));
  await writeFile(path.join(folder, 'broken.yaml'), 'version: 1\nname: [unclosed\n');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('a failing validator', () => {
  it('turns an exception inside a stage into an internal-error result that names the stage', () => {
    const result = parsePlan(TEST_FILE, SMALL_PLAN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.internalError).toBe(
      "internal error of the plan validator while checking references and rules: Cannot read properties of undefined (reading 'stacks'); this is a bug in the cockpit, not a problem of the plan",
    );
    expect(result.issues).toEqual([{ severity: 'error', file: TEST_FILE, line: 1, column: 1, path: '', message: result.internalError }]);
  });

  it('does the same when reading the file fails unexpectedly', async () => {
    const result = await loadPlanFile(path.join(folder, 'explodes.yaml'));
    expect(result).toMatchObject({
      ok: false,
      internalError: expect.stringMatching(/^internal error of the plan validator while reading the file: disk on fire;/),
    });
  });

  it('keeps plans with errors apart: a YAML error is found before the failing stage', () => {
    const result = parsePlan(TEST_FILE, 'version: 1\nname: [unclosed\n');
    expect(result).toMatchObject({ ok: false });
    expect(result.ok || result.internalError).toBeFalsy();
  });

  it('makes validate exit with 3 and one line, even when another file is only invalid', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const files = [path.join(folder, 'broken.yaml'), path.join(folder, 'plan.yaml')];
    const code = await validateCommand(files, (line) => out.push(line), { err: (line) => err.push(line) });
    expect(code).toBe(VALIDATE_EXIT.internalError);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^migration-cockpit: .*plan\.yaml: internal error of the plan validator while checking references and rules: .*; this is a bug in the cockpit, not a problem of the plan$/,
    );
    expect(err[0]).not.toContain('\n');
    // The invalid plan is still reported as such.
    expect(out.at(-1)).toMatch(/broken\.yaml: invalid: 1 error\(s\); the plan was not loaded$/);
  });
});
