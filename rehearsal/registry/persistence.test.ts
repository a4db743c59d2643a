// statePath: a rehearsal's registrations survive restarts, and ids are never handed out twice.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRegistryService } from './index';
import { call, demoRegistration, TOKEN, useServices } from './test-support';

const start = useServices();
let folder: string;
let statePath: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-registry-'));
  statePath = path.join(folder, 'nested', 'registry.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps instances across a restart', async () => {
    const first = await start({ token: TOKEN, statePath });
    for (const name of ['app1101', 'app1102', 'app1103']) await call(first, 'POST', '/api/v1/instances', { body: demoRegistration(name) });
    await call(first, 'PATCH', '/api/v1/instances/ci-000002', { body: { owner: 'platform' } });
    await call(first, 'DELETE', '/api/v1/instances/ci-000003');
    const before = first.instances();
    await first.close();

    const second = await start({ token: TOKEN, statePath });
    expect(second.instances()).toEqual(before);
    expect(second.instances().map((instance) => instance.id)).toEqual(['ci-000001', 'ci-000002']);
    const lookup = await call(second, 'GET', '/api/v1/instances?name=app1102&project=platform-production');
    expect(lookup.json.items?.[0]).toMatchObject({ id: 'ci-000002', attributes: { owner: 'platform' } });
    // Uniqueness holds across the restart too.
    expect((await call(second, 'POST', '/api/v1/instances', { body: demoRegistration('app1101') })).json).toMatchObject({
      error: 'conflict',
      existingId: 'ci-000001',
    });
  });

  it('never reuses an id after a restart, even one whose record was deleted or reset away', async () => {
    const first = await start({ statePath });
    await call(first, 'POST', '/api/v1/instances', { body: { name: 'a', project: 'p' } });
    await call(first, 'POST', '/api/v1/instances', { body: { name: 'b', project: 'p' } });
    await call(first, 'DELETE', '/api/v1/instances/ci-000002');
    await first.close();

    const second = await start({ statePath });
    expect((await call(second, 'POST', '/api/v1/instances', { body: { name: 'c', project: 'p' } })).json.id).toBe('ci-000003');
    second.reset();
    await second.close();

    const third = await start({ statePath });
    expect(third.instances()).toEqual([]);
    expect((await call(third, 'POST', '/api/v1/instances', { body: { name: 'a', project: 'p' } })).json.id).toBe('ci-000004');
  });

  it('writes a readable file by rename, leaving no temporary files behind', async () => {
    const service = await start({ statePath });
    await call(service, 'POST', '/api/v1/instances', { body: { name: 'a', project: 'p', tier: 1 } });
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      format: 'migration-cockpit/rehearsal-registry',
      version: 1,
      nextSequence: 2,
      instances: [{ id: 'ci-000001', name: 'a', attributes: { tier: 1 } }],
    });
    expect(await readdir(path.dirname(statePath))).toEqual(['registry.json']);
  });

  it('seeds a fresh registry from initial, but never over a saved state', async () => {
    const initial = [{ name: 'seed', project: 'p', attributes: { owner: 'x' } }];
    const fresh = await start({ statePath, initial });
    expect(fresh.instances()).toMatchObject([{ id: 'ci-000001', name: 'seed', attributes: { owner: 'x' } }]);
    await call(fresh, 'DELETE', '/api/v1/instances/ci-000001');
    await fresh.close();

    const restarted = await start({ statePath, initial });
    expect(restarted.instances()).toEqual([]);
    await expect(startRegistryService({ initial: [...initial, ...initial] })).rejects.toThrow(/initial\[1\].*listed twice/);
    await expect(startRegistryService({ initial: [{ name: '', project: 'p' }] })).rejects.toThrow(/initial\[0\]: name must not be empty/);
  });

  it('refuses to start on a damaged state file rather than silently starting empty', async () => {
    await mkdir(path.dirname(statePath));
    await writeFile(statePath, '{"format": "migration-cockpit/rehearsal-registry", "version": 1, "nextSe');
    await expect(startRegistryService({ statePath })).rejects.toThrow(new RegExp(`${escapeRegExp(statePath)} is not valid JSON`));
    await writeFile(
      statePath,
      JSON.stringify({
        format: 'migration-cockpit/rehearsal-registry',
        version: 1,
        nextSequence: 3,
        instances: [
          { id: 'ci-000001', name: 'a', project: 'p', attributes: {}, createdAt: 't', updatedAt: 't' },
          { id: 'ci-000002', name: 'a', project: 'p', attributes: {}, createdAt: 't', updatedAt: 't' },
        ],
      }),
    );
    await expect(startRegistryService({ statePath })).rejects.toThrow(/share name 'a' in project 'p'/);
  });

  it('answers 500 and keeps memory and file unchanged when the state cannot be written', async () => {
    const service = await start({ token: TOKEN, statePath });
    await call(service, 'POST', '/api/v1/instances', { body: { name: 'a', project: 'p' } });
    const savedBefore = await readFile(statePath, 'utf8');
    // Make the next write fail: the folder becomes a file.
    await rm(path.dirname(statePath), { recursive: true });
    await writeFile(path.dirname(statePath), 'not a folder');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const failed = await call(service, 'POST', '/api/v1/instances', { body: { name: 'b', project: 'p' } });
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: 'internal', message: 'the registry could not complete the request' });
    expect(service.instances().map((instance) => instance.name)).toEqual(['a']);
    expect(stderr).toHaveBeenCalled();
    expect(stderr.mock.calls.join('\n')).not.toContain(TOKEN);

    // Once the disk is fine again, the id the failed create would have used is still free.
    await rm(path.dirname(statePath));
    await call(service, 'PATCH', '/api/v1/instances/ci-000001', { body: { restored: true } });
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toMatchObject({ nextSequence: 2 });
    expect(savedBefore).toContain('ci-000001');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
