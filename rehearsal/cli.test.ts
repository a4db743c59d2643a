// `npm run rehearsal`: prints the AWS endpoint URL first, serves the SDK, stops cleanly on SIGTERM.
import { DatabaseMigrationServiceClient, DescribeReplicationTasksCommand } from '@aws-sdk/client-database-migration-service';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REGION } from './test-support';

const REPO = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(REPO, 'rehearsal/main.ts');
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

function run(args: string[]) {
  const spawned = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child = spawned;
  let stdout = '';
  let stderr = '';
  spawned.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  spawned.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = (count: number) =>
    new Promise<string[]>((resolve, reject) => {
      const check = () => {
        if (stdout.split('\n').length > count) resolve(stdout.split('\n').slice(0, count));
      };
      spawned.stdout.on('data', check);
      spawned.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
  return { process: spawned, lines, output: () => ({ stdout, stderr }) };
}

describe('rehearsal/main.ts', () => {
  it('prints the AWS endpoint, then the registry; serves the SDK; exits 0 on SIGTERM', async () => {
    const cli = run(['--port', '0', '--registry-port', '0', '--scenario', 'rehearsal/scenarios/demo.yaml', '--time-scale', '60']);
    const [awsUrl, registryUrl] = await cli.lines(2);
    expect(awsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(registryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(registryUrl).not.toBe(awsUrl);

    const dms = new DatabaseMigrationServiceClient({ endpoint: awsUrl, region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const out = await dms.send(new DescribeReplicationTasksCommand({ WithoutSettings: true }));
    dms.destroy();
    expect(out.ReplicationTasks).toHaveLength(12);
    expect((await fetch(`${registryUrl}/healthz`)).status).toBe(200);
    expect(cli.output().stdout).toContain(`aws --endpoint-url ${awsUrl} dms describe-replication-tasks`);

    cli.process.kill('SIGTERM');
    const [code] = await once(cli.process, 'exit');
    expect(code).toBe(0);
    expect(cli.output().stderr).toBe('');
  });

  it('explains bad arguments and bad scenarios, exit 2', async () => {
    const bad = run(['--time-scale', 'fast']);
    const [code] = await once(bad.process, 'exit');
    expect(code).toBe(2);
    expect(bad.output().stderr).toContain("--time-scale expects a number above 0 and at most 100000, got 'fast'");
    expect(bad.output().stderr).toContain('Usage: npm run rehearsal');

    const missing = run(['--scenario', 'rehearsal/scenarios/nope.yaml']);
    const [missingCode] = await once(missing.process, 'exit');
    expect(missingCode).toBe(2);
    expect(missing.output().stderr).toMatch(/nope\.yaml:1:1: error: cannot read the scenario: file not found/);
  });
});
