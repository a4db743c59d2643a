// `npm start`: the cockpit on its embedded default (the demo plan against the local rehearsal environment), or on
// the plan given after `--`. First the Pulumi CLI the cockpit drives (got once, with progress), and the Cassandra
// jars the rehearsal runs its own node from for the demo's Keyspaces wave (got once where java 17 and Maven are
// there; where they are not, it says what that wave needs and goes on). Then the desktop
// app through Electron Forge where the Electron binary is installed or can be downloaded; where it cannot, the
// same cockpit headless, opened in the default browser (its URL printed where no browser can be opened).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureCassandraJars } from './lib/cassandra-jars';
import { downloadElectron, electronBinary } from './lib/electron-binary';
import { openInBrowser } from './lib/open-browser';
import { ensurePulumiCli } from './lib/pulumi-cli';

const REPO = path.resolve(import.meta.dirname, '..');
const say = (line: string) => process.stderr.write(`Migration Cockpit: ${line}\n`);

/** Anything after `npm start --` goes to the app: --plan <file>, --data-dir <dir>, --port <n> (headless). */
const appArgs = process.argv.slice(2);

async function main(): Promise<void> {
  const cli = await ensurePulumiCli((line) => say(`Pulumi CLI: ${line}`));
  if ('error' in cli) say(`no Pulumi CLI (${cli.error}); the cockpit starts, and its deploy commands say what to run`);
  else {
    say(`using ${cli.how}`);
    process.env.MIGRATION_COCKPIT_PULUMI_BIN = cli.binDir;
  }
  const cassandra = await ensureCassandraJars((line) => say(`Cassandra: ${line}`));
  if ('error' in cassandra) say(`${cassandra.error}; the cockpit starts without its Cassandra (the other waves of the demo are not affected)`);
  else {
    say(`using ${cassandra.how}`);
    process.env.MIGRATION_COCKPIT_CASSANDRA_LIB = cassandra.libDir;
  }

  let electron = electronBinary();
  if (!electron) {
    say('the Electron binary is not installed: downloading it (once)');
    const failure = downloadElectron();
    electron = electronBinary();
    if (!electron) say(`the desktop app cannot start here (the Electron download failed: ${failure}); starting the same cockpit headless, in your browser`);
  }
  if (electron) return desktop();
  return headless();
}

function desktop(): void {
  const shellArgs = equalsForm(appArgs);
  const forge = spawn('npx', ['electron-forge', 'start', ...(shellArgs.length > 0 ? ['--', ...shellArgs] : [])], {
    cwd: REPO,
    stdio: 'inherit',
    // npx is npx.cmd on Windows, which only a shell can run.
    shell: process.platform === 'win32',
  });
  endWith(forge, 'electron-forge');
}

/** The Electron shell takes only --plan=<file> and --data-dir=<dir> (see electron/launch-args.ts); serve takes both forms. */
function equalsForm(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const next = args[index + 1];
    if ((arg === '--plan' || arg === '--data-dir') && next !== undefined && !next.startsWith('--')) {
      out.push(`${arg}=${next}`);
      index++;
    } else out.push(arg);
  }
  return out;
}

async function headless(): Promise<void> {
  for (const script of ['build:renderer', 'build:programs']) {
    say(`npm run ${script}`);
    const code = await exitCode(spawn('npm', ['run', '--silent', script], { cwd: REPO, stdio: 'inherit', shell: process.platform === 'win32' }));
    if (code !== 0) {
      say(`npm run ${script} failed (exit code ${code})`);
      process.exit(code || 1);
    }
  }
  const server = spawn(process.execPath, [path.join(REPO, 'bin/migration-cockpit.js'), 'serve', ...appArgs], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let opened = false;
  let pending = '';
  server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const url = /^Open: (http:\/\/\S+)$/.exec(line)?.[1];
      if (!url || opened) continue;
      opened = true;
      void openInBrowser(url).then((how) => say(how));
    }
  });
  endWith(server, 'the headless cockpit');
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Ctrl+C reaches the child directly (same process group): wait for it to wind down; a SIGTERM is passed on. */
function endWith(child: ChildProcess, name: string): void {
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    say(`could not run ${name}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // End the way the child ended, so a caller sees the same status.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

await main();
