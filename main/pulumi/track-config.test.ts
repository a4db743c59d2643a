// What the tracks add to a stack's Pulumi config (PlanPart.stackConfig, composed by main/seam/plan-grammar.ts), and
// the rehearsal's Cassandra for the rehearsal target: written beside the cockpit's keys, a cutover overlay on top.
import { describe, expect, it } from 'vitest';
import { parsePlan, SMALL_PLAN, TEST_FILE } from '../plan/plan-testing';
import { trackStackConfig } from '../seam/plan-grammar';
import type { CoreTrack } from '../seam/track';
import { SecretRedactor } from '../secrets/redactor';
import { CORE_TRACKS } from '../tracks/index';
import { stackConfig } from './workspace';

const PLAN = SMALL_PLAN.replace(
  '    replicationTasks:\n      - taskId: app2-mysql\n',
  `    keyspaces:
      origin: { contactPoints: [10.0.0.1], localDataCenter: dc1, keyspace: orders }
      tables: [{ name: orders, partitionKey: [id], columns: { id: uuid } }]
`,
);

function loaded() {
  const result = parsePlan(TEST_FILE, PLAN);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

describe("the tracks' stack config", () => {
  it('is written beside the cockpit keys, and a cutover overlay may override it', async () => {
    const plan = loaded();
    const stack = plan.stacks.get('apps/app2')!;
    const context = {
      plan,
      appRoot: '/',
      dataDir: '/nonexistent',
      cli: { found: false, message: '' },
      redactor: new SecretRedactor(),
      env: {},
      trackConfig: (model: typeof stack) => trackStackConfig(CORE_TRACKS, model),
      configOverlay: () => ({ 'keyspaces:primaryCluster': 'TARGET' }),
      rehearsal: {
        registryUrl: 'http://127.0.0.1:1',
        awsUrl: 'http://127.0.0.1:2',
        cassandra: { contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1', username: 'cassandra', password: 'cassandra' },
      },
    };
    const config = await stackConfig(context as never, stack);
    expect(JSON.parse(config['keyspaces:settings']!.value)).toMatchObject({ originKeyspace: 'orders', targetKeyspace: 'orders' });
    expect(config['keyspaces:primaryCluster']).toEqual({ value: 'TARGET' });
    expect(config['cockpit:rehearsalCassandra']).toEqual({ value: JSON.stringify(context.rehearsal.cassandra), secret: true });
    // A stack without Cassandra data gets none of it.
    const other = await stackConfig(context as never, plan.stacks.get('apps/app1')!);
    expect(other['keyspaces:settings']).toBeUndefined();
  });

  it('refuses a key outside the track’s namespace: a track’s bug, found at once', () => {
    const plan = loaded();
    const rogue = { id: 'rogue', title: 'Rogue', plan: { stackConfig: () => ({ 'aws:region': 'us-east-1' }) } } as unknown as CoreTrack;
    expect(() => trackStackConfig([rogue], plan.stacks.get('apps/app2')!)).toThrow(
      "track 'rogue' writes config key 'aws:region' outside its namespace 'rogue:'",
    );
  });
});
