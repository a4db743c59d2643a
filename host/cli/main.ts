// Command-line entry: `validate` and `serve`.
import { parseArgs } from 'node:util';
import { OPERATOR_PATTERN } from '../../common/team';
import { parseListenAddress } from '../war-room/address';
import { defaultDataDir } from './app-paths';
import { serveCommand } from './serve';
import { internalErrorLine, VALIDATE_EXIT, validateCommand } from './validate';

const USAGE = `Usage:
  migration-cockpit validate <plan.yaml>...      check plan files; exit code 0: all valid, 1: a plan has
                                                 errors, 2: usage error, 3: internal error of the validator
  migration-cockpit serve [--plan <plan.yaml>] [--port <n>] [--data-dir <dir>] [--as <user@host>]
                          [--war-room <host:port>]
                                                 run the cockpit headless; open the printed URL
                                                 (without --plan: the demo plan; --as: who operates it,
                                                 when people take turns on one rehearsal machine;
                                                 default: the OS user; --war-room: also serve the
                                                 read-only war-room view on that address of the
                                                 network, over HTTPS, a link per person of the
                                                 plan's team; 0.0.0.0:8443 for every interface)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const fail = (message: string) => {
    process.stderr.write(`migration-cockpit: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  try {
    if (command === 'validate') {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length === 0) return fail('validate needs at least one plan file');
      const err = (line: string) => process.stderr.write(`${line}\n`);
      try {
        return await validateCommand(positionals, out, { err });
      } catch (error) {
        // validateCommand does not throw; should it anyway, that is still the validator failing, not the plan.
        err(`migration-cockpit: ${internalErrorLine(error)}`);
        return VALIDATE_EXIT.internalError;
      }
    }
    if (command === 'serve') {
      const { values } = parseArgs({
        args: rest,
        options: {
          plan: { type: 'string' },
          port: { type: 'string', default: '0' },
          'data-dir': { type: 'string' },
          as: { type: 'string' },
          'war-room': { type: 'string' },
        },
      });
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port expects 0-65535, got '${values.port}'`);
      if (values.as !== undefined && !OPERATOR_PATTERN.test(values.as))
        return fail(`--as expects user@host (letters, digits, '.', '_', '-'), got '${values.as}'`);
      const warRoom = values['war-room'] === undefined ? undefined : parseListenAddress(values['war-room']);
      if (typeof warRoom === 'string') return fail(`--war-room ${warRoom}`);
      const stop = await serveCommand(
        {
          port,
          dataDir: values['data-dir'] ?? defaultDataDir(),
          ...(values.plan ? { planFile: values.plan } : {}),
          ...(values.as ? { operator: values.as } : {}),
          ...(warRoom ? { warRoom } : {}),
        },
        out,
      );
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await stop();
      return 0;
    }
    if (command === undefined || command === '--help' || command === 'help') {
      out(USAGE);
      return command === undefined ? 2 : 0;
    }
    return fail(`unknown command '${command}'`);
  } catch (error) {
    // parseArgs reports unknown options as TypeErrors with a clear message.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return fail(error.message);
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
