// Opening a plan file opens a plan and nothing else: real files of every kind in a temporary folder, and the
// content of anything that is not a plan never comes back in an issue.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanLoadResult } from './load';
import { MAX_PLAN_FILE_BYTES } from './plan-file';
import { issuesOf, loadPlanFile } from './plan-testing';

const DEMO_PLAN = new URL('../../examples/demo/migration.yaml', import.meta.url).pathname;
const CANARY = 'canary-5f1e0c9d-do-not-echo';

let folder: string;
const at = (name: string) => path.join(folder, name);

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'plan-file-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The single file-level issue of a refused file, asserted to carry nothing of the file's content. */
function expectRefused(result: PlanLoadResult, message: RegExp): void {
  expect(result.ok).toBe(false);
  const issues = issuesOf(result);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ severity: 'error', line: 1, column: 1, path: '' });
  expect(issues[0]?.excerpt).toBeUndefined();
  expect(issues[0]?.message).toMatch(message);
  expect(JSON.stringify(result)).not.toContain(CANARY);
}

describe('loadPlanFile opens plan files only', () => {
  it('loads a plan file (any case of .yaml / .yml)', async () => {
    await copyFile(DEMO_PLAN, at('copy.YML'));
    const result = await loadPlanFile(at('copy.YML'));
    expect(issuesOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('does not block on a FIFO named like a plan, and says what it is', { timeout: 5000 }, async () => {
    execFileSync('mkfifo', [at('pipe.yaml')]);
    expectRefused(await loadPlanFile(at('pipe.yaml')), /^cannot read the plan: it is a named pipe \(FIFO\), not a plan file$/);
  });

  it('refuses a folder named like a plan', async () => {
    await mkdir(at('x.yaml'));
    expectRefused(await loadPlanFile(at('x.yaml')), /^cannot read the plan: it is a folder, not a plan file$/);
  });

  it('refuses /dev/null and files under /proc by their path', async () => {
    expectRefused(await loadPlanFile('/dev/null'), /^cannot open '\/dev\/null': files under \/proc, \/sys, \/dev are system files, never plans$/);
    expectRefused(await loadPlanFile('/proc/self/environ'), /^cannot open '\/proc\/self\/environ': files under \/proc/);
  });

  it.runIf(process.platform === 'linux')('refuses a symlink named like a plan that leads into /proc', async () => {
    await symlink('/proc/self/environ', at('environ.yaml'));
    expectRefused(await loadPlanFile(at('environ.yaml')), /^cannot open '\/proc\/[^']*\/environ': files under \/proc/);
  });

  it('never echoes a file with secrets behind a symlink named plan.yaml', async () => {
    await writeFile(at('credentials'), `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${CANARY}\n: broken yaml [\n`);
    await symlink(at('credentials'), at('plan.yaml'));
    expectRefused(await loadPlanFile(at('plan.yaml')), /^not a migration plan: it has no top-level 'version:' key; nothing of its content is shown$/);
  });

  it('never echoes a YAML file that is not a plan, even one full of errors', async () => {
    await writeFile(at('settings.yaml'), `database:\n  password: ${CANARY}\n  ${CANARY}: [unclosed\nservices: *${CANARY}\n`);
    expectRefused(await loadPlanFile(at('settings.yaml')), /^not a migration plan: it has no top-level 'version:' key/);
  });

  it('refuses a file over the size cap, naming the cap', async () => {
    await writeFile(at('huge.yaml'), `version: 1\nname: ${CANARY}\n${'#'.repeat(MAX_PLAN_FILE_BYTES)}\n`);
    expectRefused(await loadPlanFile(at('huge.yaml')), /^cannot read the plan: it is 2\.0 MiB; a plan file may be at most 2 MiB$/);
  });

  it('refuses a file whose name does not end in .yaml or .yml', async () => {
    await writeFile(at('plan.json'), `version: 1\nname: ${CANARY}\n`);
    expectRefused(await loadPlanFile(at('plan.json')), /^not a plan file: the name 'plan\.json' does not end in \.yaml or \.yml$/);
    await writeFile(at('plan.yaml.bak'), 'version: 1\n');
    expectRefused(await loadPlanFile(at('plan.yaml.bak')), /does not end in \.yaml or \.yml/);
  });

  it('refuses a file that is not UTF-8 text', async () => {
    await writeFile(at('binary.yaml'), Buffer.concat([Buffer.from('version: 1\n'), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(CANARY)]));
    expectRefused(await loadPlanFile(at('binary.yaml')), /^not a migration plan: the file is not UTF-8 text; nothing of its content is shown$/);
  });

  it('names a file that does not exist', async () => {
    expectRefused(await loadPlanFile(at('missing.yaml')), /^cannot read the plan: file not found$/);
  });

  it('recognizes a plan with a YAML error further down, and shows its located error with the line', async () => {
    const text = (await readFile(DEMO_PLAN, 'utf8')).replace('stacks: [app1401, app1402]', 'stacks: [app1401, app1402');
    await writeFile(at('broken.yaml'), text);
    const result = await loadPlanFile(at('broken.yaml'));
    expect(result.ok).toBe(false);
    const [issue] = issuesOf(result);
    expect(issue?.message).toMatch(/^YAML syntax error: /);
    expect(issue?.line).toBeGreaterThan(100);
    expect(issue?.excerpt).toBeDefined();
  });
});
