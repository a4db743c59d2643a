import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadAutomation, loadedAutomation } from './automation';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('the Automation API is loaded lazily', () => {
  it('is not loaded by importing the core (it costs ~90 MiB of RSS a monitoring core never needs)', async () => {
    // A fresh process: the test runner itself may have loaded the API for other tests.
    const script = [
      "const { createRequire } = await import('node:module');",
      "await import('./main/core/cockpit-core.ts');",
      'const cache = Object.keys(createRequire(import.meta.url).cache);',
      "console.log(JSON.stringify({ automation: cache.some((f) => f.includes('@pulumi/pulumi/automation')), grpc: cache.some((f) => f.includes('@grpc/grpc-js')) }));",
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ automation: false, grpc: false });
  }, 60_000);

  it('loads once, on first use', async () => {
    const first = await loadAutomation();
    expect(await loadAutomation()).toBe(first);
    expect(loadedAutomation()).toBe(first);
    expect(typeof first.LocalWorkspace.createOrSelectStack).toBe('function');
  }, 60_000);
});
