// A real PostgreSQL server for tests and the team-mode end-to-end run: Debian's `postgres` binaries, a cluster made
// by initdb in a temporary folder, listening on a free loopback port with password (SCRAM) logins only. Debian's
// server refuses to run as root, so under root the cluster belongs to the `postgres` user the package creates.
// One cluster serves a whole test run (test/support/postgres.ts); a test that restarts or stops the server starts
// a cluster of its own. A watchdog stops the server when the process that started it is killed outright.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
export const POSTGRES_BIN_VARIABLE = 'MIGRATION_COCKPIT_POSTGRES_BIN';

/** Where a client reaches the server: a superuser login made for this cluster. */
export interface PostgresAddress {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly version: string;
}

export interface PostgresServer extends PostgresAddress {
  /** A fresh database on this server, owned by a fresh login role (its name, user and password). */
  createDatabase(prefix?: string): Promise<{ database: string; user: string; password: string }>;
  /** Stops the server: `fast` (sessions ended cleanly) or `immediate` (as if it crashed). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  start(): Promise<void>;
  readonly running: boolean;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export class PostgresUnavailable extends Error {}

/** The folder holding `postgres`, `initdb` and `pg_ctl`: the variable's, else Debian's newest, else none. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[POSTGRES_BIN_VARIABLE];
  if (explicit) return existsSync(path.join(explicit, 'postgres')) ? explicit : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** Starts a new cluster; throws PostgresUnavailable when the server binaries (or, under root, the postgres user) are missing. */
export async function startPostgresServer(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const bin = findPostgresBin(env);
  if (!bin) {
    throw new PostgresUnavailable(
      `PostgreSQL's server is not installed (no /usr/lib/postgresql/<version>/bin/postgres, and ${POSTGRES_BIN_VARIABLE} is not set): apt-get install postgresql`,
    );
  }
  const owner = serverOwner();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-postgres-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const user = 'cockpit_admin';
  const password = randomBytes(18).toString('base64url');
  try {
    await chmod(dir, 0o755);
    if (owner) await chown(dir, owner.uid, owner.gid);
    const passwordFile = path.join(dir, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) await chown(passwordFile, owner.uid, owner.gid);
    const init = spawnSync(
      path.join(bin, 'initdb'),
      ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      { encoding: 'utf8', ...(owner ?? {}), timeout: START_TIMEOUT_MS },
    );
    await rm(passwordFile, { force: true });
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${(init.stderr || init.stdout).trim().split('\n').slice(-3).join(' ')}`);
    await runAs(owner, 'mkdir', [socketDir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const version = (spawnSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.match(/\d+(\.\d+)?/) ?? ['?'])[0];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let lastOutput = '';

  const start = async (): Promise<void> => {
    if (child) return;
    const server = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        socketDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) },
    );
    child = server;
    children.add(server);
    watch(server, dir);
    const remember = (chunk: Buffer) => {
      lastOutput = (lastOutput + chunk.toString('utf8')).slice(-4000);
    };
    server.stdout?.on('data', remember);
    server.stderr?.on('data', remember);
    exited = new Promise<void>((resolve) =>
      server.once('exit', () => {
        children.delete(server);
        if (child === server) child = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (!child) throw new Error(`PostgreSQL stopped while starting: ${lastOutput.trim().split('\n').slice(-3).join(' ')}`);
      const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres', connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
      }
      if (Date.now() > deadline) {
        server.kill('SIGQUIT');
        throw new Error(`PostgreSQL did not accept a login within ${START_TIMEOUT_MS / 1000} s: ${lastOutput.trim().split('\n').slice(-3).join(' ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    const server = child;
    if (!server) return;
    // SIGINT is PostgreSQL's fast shutdown (sessions ended, a clean checkpoint); SIGQUIT its immediate one (no
    // checkpoint: recovery replays the WAL at the next start, as after a crash).
    server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    version,
    get running() {
      return child !== undefined;
    },
    start,
    stop,
    createDatabase: (prefix = 'cockpit') => createDatabaseOn({ host: '127.0.0.1', port, user, password }, prefix),
    async close() {
      await stop('fast');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let serial = 0;

/** A fresh database on a server, owned by a fresh login role made with the server's superuser login. */
export async function createDatabaseOn(
  admin: Pick<PostgresAddress, 'host' | 'port' | 'user' | 'password'>,
  prefix = 'cockpit',
): Promise<{ database: string; user: string; password: string }> {
  serial += 1;
  const suffix = `${process.pid}_${serial}_${randomBytes(3).toString('hex')}`;
  const database = `${prefix}_${suffix}`;
  const role = `${prefix}_user_${suffix}`;
  const rolePassword = randomBytes(18).toString('base64url');
  const client = new pg.Client({ host: admin.host, port: admin.port, user: admin.user, password: admin.password, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${rolePassword}'`);
    await client.query(`CREATE DATABASE "${database}" OWNER "${role}"`);
  } finally {
    await client.end();
  }
  return { database, user: role, password: rolePassword };
}

/** Under root, the `postgres` user's ids (the server will not run as root); otherwise undefined (run as oneself). */
function serverOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new PostgresUnavailable(
      'running as root, and there is no `postgres` user to run the server as (the postgresql package creates it): apt-get install postgresql',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function runAs(owner: { uid: number; gid: number } | undefined, command: string, args: string[]): Promise<void> {
  const result = spawnSync(command, args, { encoding: 'utf8', ...(owner ?? {}) });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// A server this process started never outlives it: killed on exit, and, when this process is killed outright, by a
// watchdog that then removes the cluster's temporary folder.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGQUIT');
});

const WATCHDOG = `while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 2; done
if ! kill -0 "$1" 2>/dev/null; then
  kill -QUIT "$2" 2>/dev/null; sleep 2; kill -9 "$2" 2>/dev/null
  case "$3" in */mc-postgres-*) rm -rf "$3" ;; esac
fi`;

function watch(child: ChildProcess, dir: string): void {
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'postgres-watchdog', String(process.pid), String(child.pid), dir], { stdio: 'ignore' });
  watchdog.unref();
}
