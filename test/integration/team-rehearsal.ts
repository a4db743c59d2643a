// What the team-mode integration tests share: a database of their own on a real PostgreSQL (the run's cluster, or a
// server the test restarts), an AWS rehearsal, the plan file written for that database, and cores started on it as
// different people (their own data folders), all closed together.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { CORE_TRACKS } from '../../main/tracks/index';
import { defineScenario, startAwsRehearsal, type AwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { postgresDatabase, type PostgresDatabase, type PostgresServer } from '../support/postgres';
import { aroundAwsRehearsal, startTestCore, TEST_PASSPHRASE, type TestCoreOptions } from '../support/test-core';
import { pulumiCliOrSkipNote } from './harness';

export interface TeamRehearsal {
  readonly db: PostgresDatabase;
  readonly folder: string;
  readonly planFile: string;
  readonly aws: AwsRehearsal;
  /** The environment a core needs: the passphrase and the store's password (TEAM_STORE_PASSWORD). */
  env(): NodeJS.ProcessEnv;
  /** A core as `operator` (user@host), its data in a folder named `name`; `options` override the defaults. */
  startCore(name: string, operator: string, options?: Partial<TestCoreOptions>): Promise<CockpitCore>;
  /** Stops a core early (a cockpit that stops mid-run); close() stops the rest. */
  stopCore(core: CockpitCore): Promise<void>;
  close(): Promise<void>;
}

/** Starts it, or answers why it cannot run (no Pulumi CLI or PostgreSQL, opted out of). */
export async function startTeamRehearsal(name: string, planText: (db: PostgresDatabase) => string, server?: PostgresServer): Promise<TeamRehearsal | string> {
  const cli = await pulumiCliOrSkipNote();
  if (typeof cli === 'string') return cli;
  const db = await postgresDatabase(server);
  if (typeof db === 'string') return db;
  const folder = await mkdtemp(path.join(os.tmpdir(), `mc-${name}-`));
  const aws = await startAwsRehearsal({ scenario: defineScenario({ name, instances: [], tasks: [] }) });
  const planFile = path.join(folder, 'migration.yaml');
  await writeFile(planFile, planText(db));
  const cores = new Set<CockpitCore>();
  const env = () => ({ ...process.env, ...TEST_PASSPHRASE, TEAM_STORE_PASSWORD: db.password });
  return {
    db,
    folder,
    planFile,
    aws,
    env,
    async startCore(coreName, operator, options = {}) {
      const core = await startTestCore({
        folder: path.join(folder, coreName),
        tracks: CORE_TRACKS,
        planFile,
        operator,
        env: env(),
        teamOpenTimeoutMs: 5_000,
        startRehearsal: aroundAwsRehearsal(() => aws).start,
        cutover: { pollMs: 50, isWaveReady: () => ({ ready: true, reasons: [] }) },
        ...options,
      });
      cores.add(core);
      return core;
    },
    async stopCore(core) {
      cores.delete(core);
      await core.close();
    },
    async close() {
      for (const core of cores) await core.close();
      await aws.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
