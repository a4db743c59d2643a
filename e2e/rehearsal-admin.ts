// The embedded rehearsal AWS service's admin API (loopback only, no token), as the end-to-end tests drive it: its
// port is kept in `<data>/rehearsal/aws-port`. The demo plan's application instances live in its workload accounts;
// a track route (faults, writers) names the account whose estate it acts on (`?account=`), the clock is everyone's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from './fixtures';

/** The demo plan's workload account of platform-production (waves 1 to 3). */
export const DEMO_WORKLOADS_ACCOUNT = '222222222222';

/** POSTs `body` (or GETs without one) to an admin route; answers the JSON reply. */
export async function rehearsalAdmin(dataDir: string, pathname: string, body?: unknown, account?: string): Promise<unknown> {
  const port = (await readFile(path.join(dataDir, 'rehearsal', 'aws-port'), 'utf8')).trim();
  const query = account ? `?account=${account}` : '';
  const response = await fetch(`http://127.0.0.1:${port}${pathname}${query}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.ok, `${pathname}${query} answered ${response.status}: ${text}`).toBe(true);
  return text ? JSON.parse(text) : null;
}

/** Moves the rehearsal's simulated clock on (every account's), so nothing waits for real time. */
export async function advanceClock(dataDir: string, by: string): Promise<void> {
  await rehearsalAdmin(dataDir, '/_admin/clock/advance', { by });
}

/** The demo plan's role of workloads-core, as the rehearsal's STS holds it. */
export const DEMO_WORKLOADS_ROLE = { accountId: DEMO_WORKLOADS_ACCOUNT, roleName: 'MigrationOperator', path: '/migration/' } as const;
const DEMO_WORKLOADS_ROLE_ARN = `arn:aws:iam::${DEMO_WORKLOADS_ACCOUNT}:role/migration/MigrationOperator`;

/** Removes the role of workloads-core: its sessions still sign, and AWS refuses them everything (as a deleted role's). */
export async function removeWorkloadsRole(dataDir: string): Promise<void> {
  const port = (await readFile(path.join(dataDir, 'rehearsal', 'aws-port'), 'utf8')).trim();
  const response = await fetch(`http://127.0.0.1:${port}/_admin/accounts/roles?arn=${encodeURIComponent(DEMO_WORKLOADS_ROLE_ARN)}`, { method: 'DELETE' });
  expect(response.ok, `removing the role answered ${response.status}: ${await response.text()}`).toBe(true);
}

/** Makes the role of workloads-core assumable again. */
export async function restoreWorkloadsRole(dataDir: string): Promise<void> {
  await rehearsalAdmin(dataDir, '/_admin/accounts/roles', DEMO_WORKLOADS_ROLE);
}
