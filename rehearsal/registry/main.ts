// Runs the rehearsal metadata registry on its own:
//   node --import tsx rehearsal/registry/main.ts [--port 4010] [--token-env NAME | --token X] [--state file.json]
// Prints the URL and serves until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { startRegistryService } from './index';

const USAGE = `Usage: node --import tsx rehearsal/registry/main.ts [options]
  --port <n>         port on 127.0.0.1 (default 4010; 0 picks a free one)
  --token-env <NAME> require Authorization: Bearer <token>, the token read from environment variable NAME
  --token <token>    the same with the token given directly (visible to other users in the process list)
  --state <file>     keep the records in this JSON file, so they survive restarts`;

async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const fail = (message: string) => {
    process.stderr.write(`rehearsal registry: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4010' },
        token: { type: 'string' },
        'token-env': { type: 'string' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) return fail(`--port expects 0-65535, got '${values.port}'`);
  if (values.token !== undefined && values['token-env'] !== undefined) return fail('give --token or --token-env, not both');
  let token = values.token;
  if (values['token-env'] !== undefined) {
    token = process.env[values['token-env']];
    if (!token) return fail(`environment variable ${values['token-env']} is not set or empty`);
  }

  let service;
  try {
    service = await startRegistryService({
      port,
      ...(token !== undefined ? { token } : {}),
      ...(values.state !== undefined ? { statePath: values.state } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`port ${port} is already in use (try --port 0)`);
    process.stderr.write(`rehearsal registry: ${(error as Error).message}\n`);
    return 1;
  }
  // The URL on its own line first, so scripts can read it; never the token.
  out(service.url);
  out(`Rehearsal metadata registry on ${service.url} (loopback only); records at ${service.url}/`);
  out(token === undefined ? 'No token: any local process may call the API.' : 'API and /_admin require the bearer token.');
  if (values.state !== undefined) out(`State file: ${values.state}`);

  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await service.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
