// The s3:// backend for real: the Pulumi CLI keeps the stacks' state in a bucket of moto's S3 server (an
// independent implementation of the S3 API), and the cockpit's operations work without the file:// shortcuts
// (update versions come from `pulumi stack history` there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackOperation } from '../../main/pulumi/stack-operations';
import { startMotoServer, type MotoServer } from '../support/moto';
import { OPERATION_TIMEOUT as TIMEOUT, planWith, startHarness, type Harness } from './harness';

const BUCKET = 'cockpit-state';
// Dummy credentials for moto; the CLI's S3 client signs with them like with real ones.
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'eu-central-1' };

let moto: MotoServer | undefined;
let harness: Harness | undefined;
let skipReason = '';

beforeAll(async () => {
  const started = await startMotoServer();
  if (typeof started === 'string') {
    skipReason = started;
    return;
  }
  moto = started;
  const created = await fetch(`${moto.url}/${BUCKET}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`creating the bucket failed: HTTP ${created.status}`);
  const backend = `s3://${BUCKET}?endpoint=${moto.url.replace('://', '%3A%2F%2F')}&region=eu-central-1&use_path_style=true`;
  const plan = planWith(
    `  - name: app1
    project: platform-production
    config: { owner: team-a }
    registries: [cmdb]
`,
    `  - id: wave-1
    name: One
    stacks: [app1]
`,
  ).replace('pulumi: { passphraseEnv: MIGRATION_PULUMI_PASSPHRASE }', `pulumi: { passphraseEnv: MIGRATION_PULUMI_PASSPHRASE, backend: "${backend}" }`);
  const h = await startHarness(plan, { env: AWS_ENV });
  if (typeof h === 'string') skipReason = h;
  else harness = h;
}, TIMEOUT);

afterAll(async () => {
  await harness?.close();
  await moto?.close();
});

async function run(h: Harness, kind: Parameters<typeof stackOperation>[0]) {
  return h.runner.waitFor(h.runner.start('platform-production/app1', stackOperation(kind)).operationId);
}

async function bucketKeys(): Promise<string[]> {
  const listing = await (await fetch(`${moto!.url}/${BUCKET}?list-type=2`)).text();
  return [...listing.matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1]!);
}

describe('stacks on an s3:// backend (moto S3)', () => {
  it(
    'deploys, redeploys and destroys with the state in the bucket',
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      const up = await run(h, 'up');
      expect(up, up.message ?? '').toMatchObject({ status: 'succeeded', updateVersion: 1, changes: { create: 2 } });
      expect(h.registered()).toEqual(['platform-production/app1']);
      expect(await bucketKeys()).toContain('.pulumi/stacks/platform-production/app1.json');

      const again = await run(h, 'up');
      expect(again).toMatchObject({ status: 'succeeded', updateVersion: 2, changes: { same: 2 } });

      const destroy = await run(h, 'destroy');
      expect(destroy, destroy.message ?? '').toMatchObject({ status: 'succeeded', updateVersion: 3, changes: { delete: 2 } });
      expect(h.registered()).toEqual([]);
    },
    3 * TIMEOUT,
  );
});
