// SIGKILL of the whole cockpit (core, engine and program) in the middle of an update, then a restart on the
// same data folder: the cockpit must show what was interrupted, recover the stack, and deploy it again with
// exactly one registration in the registry.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_TIMEOUT, planWith, pulumiCliOrSkipNote, REPO } from './harness';

const PLAN = planWith(
  `  - name: app1
    project: platform-production
    config: { owner: team-a }
    registries: [cmdb]
`,
  `  - id: wave-1
    name: One
    stacks: [app1]
`,
).replace('tokenEnv: MC_IT_CMDB_TOKEN', 'tokenEnv: MC_CRASH_CMDB_TOKEN');

let skipReason = '';
let dir = '';
const cockpits: ChildProcess[] = [];

beforeAll(async () => {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') {
    skipReason = cli;
    return;
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'mc-crash-'));
  await writeFile(path.join(dir, 'migration.yaml'), PLAN);
});

afterAll(async () => {
  for (const cockpit of cockpits) if (cockpit.exitCode === null && cockpit.signalCode === null) kill(cockpit, 'SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Cockpit {
  process: ChildProcess;
  command<T = unknown>(name: string, body?: unknown): Promise<{ ok: boolean; value: T; error?: { message: string } }>;
}

async function startCockpit(): Promise<Cockpit> {
  // Its own process group, so the kill takes the engine and the program with it, as a crash of the machine would.
  const child = spawn(
    process.execPath,
    ['bin/migration-cockpit.js', 'serve', '--plan', path.join(dir, 'migration.yaml'), '--data-dir', path.join(dir, 'data')],
    {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MIGRATION_PULUMI_PASSPHRASE: 'crash-test-passphrase' },
    },
  );
  cockpits.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token')!;
  return {
    process: child,
    async command(name, body = {}) {
      const response = await fetch(`${origin}/api/command/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value: never; error?: { message: string } };
    },
  };
}

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Every process below `pid` (from /proc). Pulumi starts its plugins in process groups of their own. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** A crash of the machine: the cockpit, the engine and every plugin die at once. */
async function crash(child: ChildProcess): Promise<void> {
  const all = await descendants(child.pid!);
  kill(child, 'SIGKILL');
  for (const pid of all) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function rehearsalRegistry(): Promise<{ url: string; token: string }> {
  const folder = path.join(dir, 'data', 'rehearsal');
  const port = (await readFile(path.join(folder, 'registry-port'), 'utf8')).trim();
  const token = (await readFile(path.join(folder, 'registry-token'), 'utf8')).trim();
  return { url: `http://127.0.0.1:${port}`, token };
}

async function finishedOperation(cockpit: Cockpit, operationId: string) {
  return waitUntil(`operation ${operationId}`, async () => {
    const list = await cockpit.command<{ operationId: string; status: string; message: string | null; expectedResources: number | null }[]>('operations.list');
    const operation = list.value.find((entry) => entry.operationId === operationId);
    return operation && operation.status !== 'running' ? operation : undefined;
  });
}

describe('crash recovery', () => {
  it(
    'recovers a stack after the cockpit is killed during an update',
    async ({ skip }) => {
      if (skipReason) skip(skipReason);
      const lockDir = path.join(dir, 'data', 'state', '.pulumi', 'locks', 'organization', 'platform-production', 'app1');

      const first = await startCockpit();
      const registry = await rehearsalRegistry();
      // Slow registry answers keep the update in flight long enough to kill it in the middle.
      const delay = await fetch(`${registry.url}/_admin/faults/delay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${registry.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ms: 30_000 }),
      });
      expect(delay.status).toBeLessThan(300);
      const started = await first.command<{ operationId: string }>('stack.operate', { stackId: 'platform-production/app1', kind: 'up' });
      expect(started.ok, started.error?.message).toBe(true);
      await waitUntil('the update to take its lock', async () => ((await readdir(lockDir).catch(() => [])).length > 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await crash(first.process);

      const second = await startCockpit();
      const scan =
        await second.command<{ stackId: string; locks: { state: string }[]; interrupted: { kind: string } | null; pendingOperations: { op: string }[] }[]>(
          'recovery.scan',
        );
      expect(scan.value).toEqual([
        expect.objectContaining({
          stackId: 'platform-production/app1',
          locks: [expect.objectContaining({ state: 'stale' })],
          interrupted: expect.objectContaining({ kind: 'up' }),
        }),
      ]);
      const plan = await second.command<{ plan: { stacks: { id: string; lifecycle: { state: string; detail?: string } }[] } }>('plan.get');
      expect(plan.value.plan.stacks[0]?.lifecycle).toMatchObject({ state: 'failed', detail: expect.stringMatching(/^interrupted/) });

      // An update now is refused by the lock the crash left, with a message that says what to do.
      const blocked = await second.command<{ operationId: string }>('stack.operate', { stackId: 'platform-production/app1', kind: 'up' });
      const blockedResult = await finishedOperation(second, blocked.value.operationId);
      expect(blockedResult.status).toBe('failed');
      expect(blockedResult.message).toMatch(/locked by another update/);

      const recover = await second.command<{ operationId: string }>('stack.operate', { stackId: 'platform-production/app1', kind: 'recover' });
      const recovered = await finishedOperation(second, recover.value.operationId);
      expect(recovered, recovered.message ?? '').toMatchObject({ status: 'succeeded' });
      expect(existsSync(lockDir) ? await readdir(lockDir) : []).toEqual([]);
      expect((await second.command<unknown[]>('recovery.scan')).value).toEqual([]);

      const redeploy = await second.command<{ operationId: string }>('stack.operate', { stackId: 'platform-production/app1', kind: 'up' });
      expect(await finishedOperation(second, redeploy.value.operationId)).toMatchObject({ status: 'succeeded' });
      const { url, token } = await rehearsalRegistry();
      const instances = (await (await fetch(`${url}/api/v1/instances`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        items: { id: string; name: string }[];
      };
      expect(instances.items.map((item) => item.name)).toEqual(['app1']);
      // The stack card's registration status comes from the deploy's outputs.
      const after = await second.command<{ plan: { stacks: { registrations: unknown }[] } }>('plan.get');
      expect(after.value.plan.stacks[0]?.registrations).toEqual([{ registryId: 'cmdb', registrationId: instances.items[0]!.id }]);

      // With the stack deployed, an operation knows its total up front (the provider and the registration).
      const refresh = await second.command<{ operationId: string }>('stack.operate', { stackId: 'platform-production/app1', kind: 'refresh' });
      expect(await finishedOperation(second, refresh.value.operationId)).toMatchObject({ status: 'succeeded', expectedResources: 2 });

      const history = await second.command<{ kind: string; result: string; version: number }[]>('stack.history', { stackId: 'platform-production/app1' });
      expect(history.value.map((entry) => `${entry.kind}:${entry.result}`)).toEqual(['refresh:succeeded', 'update:succeeded', 'refresh:succeeded']);
      expect(history.value[0]?.version).toBe(3);

      const journal = await second.command<{ entries: { kind: string; phase: string }[] }>('journal.list', { limit: 50 });
      expect(journal.value.entries.map((entry) => `${entry.kind}:${entry.phase}`)).toEqual([
        'up:started',
        'up:started',
        'up:failed',
        'recover:started',
        'recover:succeeded',
        'up:started',
        'up:succeeded',
        'refresh:started',
        'refresh:succeeded',
      ]);
      const exited = new Promise((resolve) => second.process.once('exit', resolve));
      kill(second.process, 'SIGTERM');
      await exited;
    },
    4 * OPERATION_TIMEOUT,
  );
});
