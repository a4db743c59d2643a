// Gets the Cassandra jars the embedded rehearsal runs its own node from (the demo plan's Keyspaces wave), for
// `npm start`: scripts/cassandra-toolchain.sh (cached after the first time: Maven resolves them from Maven Central
// once, about a minute), its progress passed on line by line. It needs java 17 or newer (to run the node) and, the
// first time, Maven; without them the answer says what to install, and the cockpit starts without its Cassandra.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
export const CASSANDRA_NEEDS = 'the Keyspaces wave of the demo needs Java 17 and the Cassandra 5.0.6 jars';

export type CassandraJarsResult = { readonly libDir: string; readonly how: string } | { readonly error: string };

/** The major version of `java` on PATH (or $JAVA), or undefined when there is none that runs. */
export function javaMajorVersion(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const probe = spawnSync(env.JAVA ?? 'java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (probe.error || probe.status !== 0) return undefined;
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  if (!version) return undefined;
  // Java 8 and older call themselves 1.x.
  return version[1] === '1' ? Number(version[2]) : Number(version[1]);
}

export async function ensureCassandraJars(progress: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<CassandraJarsResult> {
  const java = javaMajorVersion(env);
  if (java === undefined) return { error: `${CASSANDRA_NEEDS}, and there is no java here (apt-get install openjdk-17-jdk-headless maven)` };
  if (java < 17) return { error: `${CASSANDRA_NEEDS}, and the java here is Java ${java} (apt-get install openjdk-17-jdk-headless, or set JAVA=/path/to/java)` };
  const script = spawn('bash', [path.join(REPO, 'scripts/cassandra-toolchain.sh')], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let lastError = '';
  let pending = '';
  script.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  script.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.map((text) => text.replace(/^cassandra-toolchain: /, '')).filter(Boolean)) {
      lastError = line;
      progress(line);
    }
  });
  const code = await new Promise<number>((resolve) => {
    script.once('error', () => resolve(127));
    script.once('close', (status) => resolve(status ?? 1));
  });
  const libDir = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !libDir)
    return { error: `${CASSANDRA_NEEDS}: ${lastError.replace(/^error: /, '') || `scripts/cassandra-toolchain.sh failed (exit code ${code})`}` };
  return { libDir, how: `Cassandra 5.0.6 jars (${libDir}) with Java ${java}` };
}
