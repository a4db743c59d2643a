// The local rehearsal environment on its own: the AWS endpoint (DMS + CloudWatch, simulated) and the metadata
// registry, until SIGINT or SIGTERM.
//   npm run rehearsal -- [--scenario <file>] [--port N] [--time-scale N] [--registry-port N]
// The first line printed is the AWS endpoint URL, the second the registry URL, so scripts can read them.
import { parseArgs } from 'node:util';
import { loadPlanFile } from '../main/ports/plan-reading';
import {
  dataCenterOfPlan,
  DEFAULT_DC_CREDENTIALS,
  demoScenario,
  loadScenarioFile,
  ScenarioError,
  startAwsRehearsal,
  type AwsRehearsal,
  type Scenario,
} from './aws-rehearsal';
import { DEMO_PLAN } from './demo-plan';
import { roleOfArn, type RoleInput } from './kernel/accounts';
import { startRegistryService, type RegistryService } from './registry/index';

const USAGE = `Usage: npm run rehearsal -- [options]
  --scenario <file>      scenario YAML (estate and faults; see rehearsal/README.md);
                         default: the demo plan's DMS tasks, ready to start, each in its stack's
                         account, with the plan's roles assumable, and its scheduled jobs running
                         in the data center's Jenkins and cron host (/_dc/)
  --port <n>             AWS endpoint port on 127.0.0.1 (default 4020; 0 picks a free one)
  --time-scale <n>       simulated seconds per real second, e.g. 60 (default: the scenario's, else 1)
  --seed <n>             randomness of noise and injected faults (default: the scenario's, else 1)
  --registry-port <n>    metadata registry port (default 4010; 0 picks a free one)
  --registry-token-env <NAME>
                         require Authorization: Bearer <token> on the registry, read from variable NAME`;

function portArg(name: string, value: string): number | string {
  const port = Number(value);
  return /^\d+$/.test(value) && port <= 65535 ? port : `--${name} expects 0-65535, got '${value}'`;
}

async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const fail = (message: string) => {
    process.stderr.write(`rehearsal: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        port: { type: 'string', default: '4020' },
        'time-scale': { type: 'string' },
        seed: { type: 'string' },
        'registry-port': { type: 'string', default: '4010' },
        'registry-token-env': { type: 'string' },
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
  const port = portArg('port', values.port);
  if (typeof port === 'string') return fail(port);
  const registryPort = portArg('registry-port', values['registry-port']);
  if (typeof registryPort === 'string') return fail(registryPort);
  const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
  if (timeScale !== undefined && !(Number.isFinite(timeScale) && timeScale > 0 && timeScale <= 100_000)) {
    return fail(`--time-scale expects a number above 0 and at most 100000, got '${values['time-scale']}'`);
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32))
    return fail(`--seed expects a whole number 0-4294967295, got '${values.seed}'`);
  let registryToken: string | undefined;
  if (values['registry-token-env'] !== undefined) {
    registryToken = process.env[values['registry-token-env']];
    if (!registryToken) return fail(`environment variable ${values['registry-token-env']} is not set or empty`);
  }

  let scenario: Scenario | undefined;
  if (values.scenario !== undefined) {
    try {
      scenario = await loadScenarioFile(values.scenario);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      process.stderr.write(`rehearsal: ${error.message}\n`);
      return 2;
    }
  }

  // The demo estate spans the demo plan's accounts: their roles are assumable, as the cockpit's embedded rehearsal allows them.
  const estate = scenario ?? (await demoScenario(DEMO_PLAN));
  const roles = scenario ? [] : await demoRoles();
  // The demo plan's scheduled jobs run in the rehearsal's data center (its Jenkins jobs and cron entries).
  const dataCenter = scenario ? { jobs: [], skipped: [] } : await dataCenterOfPlan(DEMO_PLAN);
  for (const reason of dataCenter.skipped) process.stderr.write(`rehearsal: the data center does not run ${reason}\n`);
  let aws: AwsRehearsal | undefined;
  let registry: RegistryService | undefined;
  try {
    aws = await startAwsRehearsal({
      port,
      scenario: estate,
      roles,
      dataCenterJobs: dataCenter.jobs,
      ...(timeScale !== undefined ? { timeScale } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    registry = await startRegistryService({ port: registryPort, ...(registryToken !== undefined ? { token: registryToken } : {}) });
  } catch (error) {
    await aws?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`${aws ? `--registry-port ${registryPort}` : `--port ${port}`} is already in use (try 0)`);
    process.stderr.write(`rehearsal: ${(error as Error).message}\n`);
    return 1;
  }

  const { simulation } = aws;
  const scale = simulation.clock.timeScale;
  out(aws.url);
  out(registry.url);
  out('');
  out(
    `AWS rehearsal endpoint (DMS + CloudWatch + CloudWatch Logs) on ${aws.url}: "${simulation.scenarioName}", ${estate.tasks.length} replication tasks in ${simulation.region}.`,
  );
  const tasksIn = (accountId: string) => estate.tasks.filter((task) => (task.account ?? estate.accountId) === accountId).length;
  for (const accountId of aws.accounts.accountIds()) {
    const role = aws.accounts.roles().find((candidate) => candidate.accountId === accountId);
    out(`  account ${accountId}: ${tasksIn(accountId)} task(s)${role ? `, assume ${role.arn}` : ' (the sign-in account: any keys)'}`);
  }
  // The admin examples below look at the account that holds the most tasks.
  const busiest = [...aws.accounts.accountIds()].sort((a, b) => tasksIn(b) - tasksIn(a))[0]!;
  const inBusiest = busiest === aws.accounts.sourceAccountId ? '' : `?account=${busiest}`;
  out(`Simulated time starts now and runs ${scale === 1 ? 'in real time' : `${scale}x faster`}; the Date header of every answer carries it.`);
  out(`Metadata registry on ${registry.url}${registryToken === undefined ? ' (no token)' : ' (bearer token required)'}.`);
  out('');
  out('Try (any credentials are accepted):');
  out(`  export AWS_ACCESS_KEY_ID=rehearsal AWS_SECRET_ACCESS_KEY=rehearsal AWS_REGION=${simulation.region}`);
  const busiestRole = aws.accounts.roles().find((role) => role.accountId === busiest);
  if (busiestRole) {
    out(`  # most tasks are in account ${busiest}: assume its role, then export the keys it answers`);
    out(`  aws --endpoint-url ${aws.url} sts assume-role --role-arn ${busiestRole.arn} --role-session-name operator`);
  }
  out(`  aws --endpoint-url ${aws.url} dms describe-replication-tasks --without-settings`);
  out(`  aws --endpoint-url ${aws.url} dms start-replication-task --start-replication-task-type start-replication --replication-task-arn <arn>`);
  out(`  aws --endpoint-url ${aws.url} scheduler list-schedules`);
  const jenkinsJobs = dataCenter.jobs.filter((job) => job.kind === 'jenkins').length;
  const cronEntries = dataCenter.jobs.length - jenkinsJobs;
  out(
    `  curl -u ${DEFAULT_DC_CREDENTIALS.user}:${DEFAULT_DC_CREDENTIALS.apiToken} ${aws.url}/_dc/jenkins/api/json   # the data center's Jenkins (${jenkinsJobs} job${jenkinsJobs === 1 ? '' : 's'})`,
  );
  out(
    `  curl -H 'authorization: Bearer ${DEFAULT_DC_CREDENTIALS.cronToken}' ${aws.url}/_dc/cron/entries   # its cron host (${cronEntries} entr${cronEntries === 1 ? 'y' : 'ies'})`,
  );
  out(`  curl '${aws.url}/_admin/tasks${inBusiest}'`);
  out(`  curl -X POST ${aws.url}/_admin/clock/advance -H 'content-type: application/json' -d '{"by":"10m"}'`);
  out(`  curl -X POST ${aws.url}/_admin/faults -H 'content-type: application/json' -d '{"type":"throttle","rate":0.2,"for":"5m"}'`);

  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await Promise.all([aws.close(), registry.close()]);
  return 0;
}

/** The demo plan's accounts' roles, assumable without an external id here (the demo plan sets none). */
async function demoRoles(): Promise<RoleInput[]> {
  const result = await loadPlanFile(DEMO_PLAN);
  if (!result.ok) return [];
  return result.plan.accounts.flatMap((account) => roleOfArn(account.role.arn) ?? []);
}

process.exitCode = await main(process.argv.slice(2));
