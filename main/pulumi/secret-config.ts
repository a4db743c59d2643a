// Writes a stack's config without a secret value ever being on a command line. The Automation API's setAllConfig
// runs `pulumi config set-all --secret key=value`, which shows the value to every local user in the process list
// (/proc/<pid>/cmdline is world-readable). `pulumi config set --secret <key>` reads the value from standard input
// when that is not a terminal, so secret values go down a pipe instead (`--raw` keeps them byte-exact); plain
// values still go through setAllConfig in one CLI run.
import type { ConfigMap, LocalWorkspace, Stack } from '@pulumi/pulumi/automation';
import { spawn } from 'node:child_process';

export async function writeStackConfig(stack: Stack, config: ConfigMap): Promise<void> {
  const plain: ConfigMap = {};
  const secret: [string, string][] = [];
  for (const [key, entry] of Object.entries(config)) {
    if (entry.secret) secret.push([key, entry.value]);
    else plain[key] = entry;
  }
  if (Object.keys(plain).length > 0) await stack.setAllConfig(plain);
  for (const [key, value] of secret) await setSecretThroughStdin(stack, key, value);
}

function setSecretThroughStdin(stack: Stack, key: string, value: string): Promise<void> {
  const workspace = stack.workspace as LocalWorkspace;
  // `--` ends the flags, so a key can never be read as one.
  const args = ['config', 'set', '--secret', '--raw', '--non-interactive', '--stack', stack.name, '--', key];
  // The environment the workspace gives every CLI run (passphrase, PULUMI_HOME), as runPulumiCmd builds it.
  const env = {
    ...process.env,
    ...(workspace.pulumiHome ? { PULUMI_HOME: workspace.pulumiHome } : {}),
    ...workspace.envVars,
    PULUMI_AUTOMATION_API: 'true',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(workspace.pulumiCommand.command, args, { cwd: workspace.workDir, env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    // A CLI that exits before reading everything closes the pipe: its exit code says what happened.
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`pulumi config set --secret ${key} failed (${signal ?? `exit code ${code}`}): ${stderr.trim()}`));
    });
    child.stdin.end(value);
  });
}
