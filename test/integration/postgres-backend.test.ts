// The postgres:// backend for real: the Pulumi CLI keeps the stacks' state in a PostgreSQL database (Debian's server,
// the run's cluster), the team's state next to its journal. The password comes from the plan's backendPasswordEnv as
// PGPASSWORD (never in the URL, the workspace's Pulumi.yaml, the journal or an answer), and the cockpit's operations
// work without the file:// shortcuts (update versions from `pulumi stack history`).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackOperation } from '../../main/pulumi/stack-operations';
import { postgresDatabase, type PostgresDatabase } from '../support/postgres';
import { OPERATION_TIMEOUT as TIMEOUT, planWith, startHarness, type Harness } from './harness';

let db: PostgresDatabase | undefined;
let harness: Harness | undefined;
let skipReason = '';

beforeAll(async () => {
  const made = await postgresDatabase(undefined, 'state');
  if (typeof made === 'string') {
    skipReason = made;
    return;
  }
  db = made;
  const backend = `postgres://${db.user}@${db.host}:${db.port}/${db.database}?sslmode=disable`;
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
  ).replace(
    'pulumi: { passphraseEnv: MIGRATION_PULUMI_PASSPHRASE }',
    `pulumi: { passphraseEnv: MIGRATION_PULUMI_PASSPHRASE, backend: "${backend}", backendPasswordEnv: STATE_DB_PASSWORD }`,
  );
  // An inherited libpq variable lib/pq refuses, and a PULUMI_BACKEND_URL that would win over the plan's: both taken out.
  const h = await startHarness(plan, { env: { STATE_DB_PASSWORD: db.password, PGREQUIRESSL: '1', PULUMI_BACKEND_URL: 'file:///nowhere' } });
  if (typeof h === 'string') skipReason = h;
  else harness = h;
}, TIMEOUT);

afterAll(async () => {
  await harness?.close();
});

async function run(h: Harness, kind: Parameters<typeof stackOperation>[0]) {
  return h.runner.waitFor(h.runner.start('platform-production/app1', stackOperation(kind)).operationId);
}

async function stateKeys(): Promise<string[]> {
  const client = new pg.Client({ host: db!.host, port: db!.port, user: db!.user, password: db!.password, database: db!.database });
  await client.connect();
  try {
    return (await client.query<{ key: string }>('SELECT key FROM pulumi_state ORDER BY key')).rows.map((row) => row.key);
  } finally {
    await client.end();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('stacks on a postgres:// backend', () => {
  it(
    'deploys, redeploys and destroys with the state in the database, its password nowhere but the engine',
    async ({ skip }) => {
      const h = harness ?? skip(skipReason);
      const up = await run(h, 'up');
      expect(up, up.message ?? '').toMatchObject({ status: 'succeeded', updateVersion: 1, changes: { create: 2 } });
      expect(h.registered()).toEqual(['platform-production/app1']);
      expect(await stateKeys()).toContain(`${db!.database}/.pulumi/stacks/platform-production/app1.json`);

      const again = await run(h, 'up');
      expect(again).toMatchObject({ status: 'succeeded', updateVersion: 2, changes: { same: 2 } });

      const destroy = await run(h, 'destroy');
      expect(destroy, destroy.message ?? '').toMatchObject({ status: 'succeeded', updateVersion: 3, changes: { delete: 2 } });
      expect(h.registered()).toEqual([]);

      // Canary: the password is in no file the cockpit wrote (journal, workspaces, Pulumi.yaml) and no event.
      for (const file of await filesUnder(h.dir)) expect(await readFile(file, 'utf8').catch(() => ''), file).not.toContain(db!.password);
      expect(JSON.stringify(h.events)).not.toContain(db!.password);
    },
    3 * TIMEOUT,
  );
});
