import { describe, expect, it } from 'vitest';
import { describeIssues, parsePlan, SMALL_PLAN, TEST_FILE, TEST_GRAMMAR } from '../../plan/plan-testing';
import { keyspacesPlan } from './plan';
import { isCqlType, targetKeyspaceOf } from './plan-schema';

const GRAMMAR = TEST_GRAMMAR;

const ORDERS = `
    keyspaces:
      origin:
        contactPoints: ["10.20.0.11:9042", cass-2.dc.example.internal]
        localDataCenter: dc1
        keyspace: orders
        credentials: { usernameEnv: ORDERS_CASSANDRA_USER, passwordEnv: ORDERS_CASSANDRA_PASSWORD }
      target: { keyspace: orders_aws }
      tables:
        - name: orders
          partitionKey: [customer_id]
          clusteringKey: [created_at DESC, order_id]
          columns: { customer_id: uuid, created_at: timestamp, order_id: timeuuid, total: decimal, tags: "set<text>", lines: "map<text, frozen<list<int>>>" }
`;

/** The small plan with `keyspaces` on app2 (replacing its DMS task) and, if given, on wave-1. */
function withKeyspaces(stackPart = ORDERS, wavePart = '') {
  return SMALL_PLAN.replace('    replicationTasks:\n      - taskId: app2-mysql\n', stackPart.slice(1)).replace(
    '    stacks: [app1, app2]\n',
    `    stacks: [app1, app2]\n${wavePart}`,
  );
}

const parse = (text: string) => parsePlan(TEST_FILE, text, { grammar: GRAMMAR });

describe("the Keyspaces track's part of the plan", () => {
  it('reads a stack’s Cassandra data with its defaults, and a wave’s gates', () => {
    const result = parse(withKeyspaces(ORDERS, '    keyspaces: { holdSeconds: 120, maxThrottleEvents: 5 }\n'));
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.warnings).toEqual([]);
    const keyspaces = keyspacesPlan.of(result.plan.stacks.get('apps/app2')!).keyspaces!;
    expect(targetKeyspaceOf(keyspaces)).toBe('orders_aws');
    expect(keyspaces.bulkLoad).toEqual({ glueJobOutput: 'bulkLoadJobName' });
    expect(keyspaces.proxy).toEqual({ metricsOutput: 'proxyMetricsUrl' });
    expect(keyspaces.validation).toEqual({ rangesPerTable: 64, sampleRowsPerRange: 20, concurrency: 4, maxOriginRowsPerSecond: 50_000 });
    expect(keyspaces.tables[0]?.clusteringKey).toEqual(['created_at DESC', 'order_id']);
    expect(keyspacesPlan.ofWave(result.plan.waves[1]!).keyspaces).toEqual({
      holdSeconds: 120,
      maxThrottleEvents: 5,
      maxFailedWrites: 0,
      requireValidation: true,
    });
    expect(keyspacesPlan.uses(result.plan)).toBe(true);
    expect(keyspacesPlan.readsOutputs?.(result.plan.stacks.get('apps/app2')!)).toBe(true);
    expect(keyspacesPlan.readsOutputs?.(result.plan.stacks.get('apps/app1')!)).toBe(false);
    // The program part's settings: schemas and contact points, never credentials.
    const config = keyspacesPlan.stackConfig?.(result.plan.stacks.get('apps/app2')!) ?? {};
    expect(Object.keys(config)).toEqual(['keyspaces:settings']);
    expect(JSON.parse(config['keyspaces:settings']!)).toMatchObject({
      originKeyspace: 'orders',
      targetKeyspace: 'orders_aws',
      origin: { contactPoints: ['10.20.0.11:9042', 'cass-2.dc.example.internal'], localDataCenter: 'dc1' },
      tables: [{ name: 'orders', partitionKey: ['customer_id'] }],
    });
    expect(config['keyspaces:settings']).not.toMatch(/ORDERS_CASSANDRA|credentials/);
    expect(keyspacesPlan.stackConfig?.(result.plan.stacks.get('apps/app1')!)).toEqual({});
  });

  it('is not used by a plan without `keyspaces`', () => {
    const result = parse(SMALL_PLAN);
    expect(result.ok && keyspacesPlan.uses(result.plan)).toBe(false);
  });

  it('says where and what is wrong, line by line', () => {
    const text = withKeyspaces(
      ORDERS.replace('"10.20.0.11:9042"', '"10.20.0.11:90x"')
        .replace('passwordEnv: ORDERS_CASSANDRA_PASSWORD', 'password: hunter2')
        .replace('clusteringKey: [created_at DESC, order_id]', 'clusteringKey: [created_at DESC, order_nr]')
        .replace('total: decimal', 'total: money'),
    );
    const result = parse(text);
    if (result.ok) throw new Error('expected the plan to be refused');
    const messages = result.issues.map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stacks\[2\] \(name: app2\)\.keyspaces\.origin\.contactPoints\[0\]: expected a contact point/),
        expect.stringMatching(/keyspaces\.origin\.credentials.*password/),
        expect.stringMatching(/keyspaces\.tables\[0\] \(name: orders\)\.columns\.total: expected a CQL type/),
      ]),
    );
    for (const issue of result.issues) expect(issue.line).toBeGreaterThan(0);
    // The key-column check runs on schema-valid parts: fix the schema errors and it speaks.
    const keyOnly = parse(withKeyspaces(ORDERS.replace('clusteringKey: [created_at DESC, order_id]', 'clusteringKey: [created_at DESC, order_nr]')));
    if (keyOnly.ok) throw new Error('expected the plan to be refused');
    expect(keyOnly.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      expect.stringMatching(
        /^stacks\[2\] \(name: app2\)\.keyspaces\.tables\[0\] \(name: orders\)\.clusteringKey\[1\]: key column 'order_nr' is not among the table's columns/,
      ),
    ]);
  });

  it('refuses a target table claimed by two stacks, and a counter table with other columns', () => {
    const twice = withKeyspaces(ORDERS).replace(
      '    registries: [cmdb]\n    replicationTasks:\n      - taskId: app1-mysql\n',
      `    registries: [cmdb]\n${ORDERS.slice(1).replace('target: { keyspace: orders_aws }', 'target: { keyspace: ORDERS_AWS }')}`,
    );
    const result = parse(twice);
    if (result.ok) throw new Error('expected the plan to be refused');
    expect(result.issues.map((issue) => issue.message)).toEqual([
      "table 'orders_aws.orders' on Keyspaces is already claimed by stack 'apps/app1'; a table belongs to one stack",
    ]);
    const counters = parse(withKeyspaces(ORDERS.replace('total: decimal', 'total: counter')));
    if (counters.ok) throw new Error('expected the plan to be refused');
    expect(counters.issues.map((issue) => issue.message)).toEqual(['a table with counter columns (total) may hold only counters besides its key']);
  });

  it('refuses a hold longer than the cutover window and warns at gates with nothing to judge', () => {
    const window = '    cutoverWindow: { start: "2026-12-05T01:00:00Z", end: "2026-12-05T01:40:00Z" }\n';
    const result = parse(withKeyspaces(ORDERS, `${window}    keyspaces: { holdSeconds: 3600 }\n`));
    if (result.ok) throw new Error('expected the plan to be refused');
    expect(result.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      expect.stringMatching(
        /^waves\[1\] \(id: wave-1\)\.keyspaces\.holdSeconds: the dual writes must hold for 3600 s, longer than the whole cutover window \(2400 s\)/,
      ),
    ]);
    const nothing = parse(SMALL_PLAN.replace('    stacks: [app1, app2]\n', '    stacks: [app1, app2]\n    keyspaces: {}\n'));
    if (!nothing.ok) throw new Error(describeIssues(nothing.issues));
    expect(nothing.warnings.map((issue) => issue.message)).toEqual([
      "wave 'wave-1' has Keyspaces gates but none of its stacks has 'keyspaces': the gates have nothing to judge",
    ]);
  });

  it('wants the proxy removal marked as the point of no return, after Keyspaces became the primary', () => {
    // The steps first in the small plan's runbook (its traffic switch and health check follow).
    const withSteps = (steps: string) =>
      withKeyspaces().replace(
        '      runbook:\n',
        `      runbook:\n${steps
          .split('\n')
          .map((step) => `        - ${step}\n`)
          .join('')}`,
      );
    const primary = '{ id: primary, name: Keyspaces primary, action: { type: keyspaces-primary-target } }';
    const marked = '{ id: remove, name: Remove the proxy, action: { type: keyspaces-remove-proxy }, pointOfNoReturn: true }';
    const clean = parse(withSteps(`${primary}\n${marked}`));
    if (!clean.ok) throw new Error(describeIssues(clean.issues));

    const unmarked = parse(withSteps(`${primary}\n${marked.replace(', pointOfNoReturn: true', '')}`));
    if (unmarked.ok) throw new Error('expected the plan to be refused');
    expect(unmarked.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      "waves[1] (id: wave-1).cutover.runbook[1] (id: remove).action.type: step 'remove' runs keyspaces-remove-proxy, which a rollback cannot undo: mark the step 'pointOfNoReturn: true' (the operator then types the wave id before it runs)",
    ]);

    const early = parse(withSteps(`${marked}\n${primary}`));
    if (early.ok) throw new Error('expected the plan to be refused');
    expect(early.issues.map((issue) => `${issue.line}: ${issue.message}`)).toEqual([
      expect.stringMatching(
        /^\d+: keyspaces-remove-proxy needs an earlier step of type keyspaces-primary-target: Keyspaces must be the primary before the proxy goes$/,
      ),
      // The removal moves the clients: the generic order check says the drain after it comes too late.
      expect.stringMatching(/^\d+: traffic moves to AWS \(step 'remove'\) before replication stops/),
    ]);
  });

  it('knows CQL types, nested ones included', () => {
    for (const type of ['int', 'TEXT', 'list<int>', 'map<text, frozen<list<int>>>', 'tuple<int, text, uuid>', 'frozen<set<timeuuid>>'])
      expect(isCqlType(type), type).toBe(true);
    for (const type of ['money', 'list<int', 'map<text>', 'list<int, int>', 'set<>', 'list<int>>', 'frozen<list<int>>x'])
      expect(isCqlType(type), type).toBe(false);
  });
});
