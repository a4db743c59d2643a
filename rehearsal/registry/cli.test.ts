// The stand-alone command: prints the URL (never the token), serves, and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(import.meta.dirname, 'main.ts');
const SECRET = 'cli-test-token-abcdef';
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

function run(args: string[]) {
  const spawned = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO,
    env: { ...process.env, CLI_TEST_TOKEN: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = spawned;
  let stdout = '';
  let stderr = '';
  spawned.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  spawned.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const firstLine = new Promise<string>((resolve, reject) => {
    spawned.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    spawned.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // Tests that expect an early exit never await the URL.
  firstLine.catch(() => undefined);
  return { process: spawned, firstLine, output: () => ({ stdout, stderr }) };
}

describe('main.ts', () => {
  it('serves on the printed URL with the token from the environment, and stops on SIGTERM', async () => {
    const cli = run(['--port', '0', '--token-env', 'CLI_TEST_TOKEN']);
    const url = await cli.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/api/v1/instances`)).status).toBe(401);
    const listed = await fetch(`${url}/api/v1/instances`, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(await listed.json()).toEqual({ items: [], total: 0 });

    cli.process.kill('SIGTERM');
    const [code] = await once(cli.process, 'exit');
    expect(code).toBe(0);
    expect(cli.output().stdout).not.toContain(SECRET);
    expect(cli.output().stderr).toBe('');
  });

  it('explains bad arguments', async () => {
    const cli = run(['--port', 'eighty']);
    const [code] = await once(cli.process, 'exit');
    expect(code).toBe(2);
    expect(cli.output().stderr).toContain("--port expects 0-65535, got 'eighty'");
  });
});
