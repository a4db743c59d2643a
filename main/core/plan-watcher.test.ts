import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanWatcher } from './plan-watcher';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const waitUntil = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('plan watcher', () => {
  it('calls back once per burst of writes, also when an editor replaces the file by rename, and not for other files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'plan-watch-'));
    dirs.push(dir);
    const file = path.join(dir, 'migration.yaml');
    await writeFile(file, 'a: 1\n');
    const calls: string[] = [];
    const watcher = createPlanWatcher((changed) => calls.push(changed), 100);
    watcher.watch(file);
    await writeFile(file, 'a: 2\n');
    await writeFile(file, 'a: 3\n');
    await writeFile(path.join(dir, 'other.yaml'), 'b: 1\n');
    await waitUntil(() => calls.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(calls).toEqual([file]);
    await writeFile(path.join(dir, 'tmp.yaml'), 'a: 4\n');
    await rename(path.join(dir, 'tmp.yaml'), file);
    await waitUntil(() => calls.length > 1);
    expect(calls).toEqual([file, file]);
    watcher.close();
    await writeFile(file, 'a: 5\n');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(calls).toHaveLength(2);
  });
});
