// moto's server (Python, from scripts/python-tools.sh) as an independent AWS peer for tests: S3 for the Pulumi
// s3:// backend, CloudWatch and DMS for the monitor. Found through MIGRATION_COCKPIT_MOTO_BIN (the venv's bin
// folder) or the script's default cache folder; in CI a missing moto is a failure, elsewhere a skip reason.
import { spawn, type ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { skipNoteOrFail } from './required-tools';

export const MOTO_VERSION = '5.2.5';

export interface MotoServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function findMotoServer(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const cacheRoot = env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  const binDir = env.MIGRATION_COCKPIT_MOTO_BIN ?? path.join(cacheRoot, 'migration-cockpit', `py-venv-moto-${MOTO_VERSION}`, 'bin');
  const binary = path.join(binDir, 'moto_server');
  try {
    await access(binary);
    return binary;
  } catch {
    return undefined;
  }
}

/** Starts moto on a free loopback port; returns a skip reason when it is not installed (outside CI). */
export async function startMotoServer(): Promise<MotoServer | string> {
  const binary = await findMotoServer();
  if (!binary) {
    return skipNoteOrFail('moto', 'moto_server is not installed (bash scripts/python-tools.sh installs it)');
  }
  const port = await freePort();
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child);
  return {
    url,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}):\n${output}`);
    try {
      // moto's dashboard answers once the server is up.
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`moto_server did not answer on ${url} within 30 s:\n${output}`);
}
