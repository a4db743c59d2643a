import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../journal/entry';
import { parsePlan, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import type { KeyspacesStackView, ValidationView } from './contract';
import { keyspacesEvidence } from './evidence';
import type { KeyspacesRuntime } from './runtime';

const PLAN = SMALL_PLAN.replace(
  '    replicationTasks:\n      - taskId: app2-mysql\n',
  `    keyspaces:
      origin: { contactPoints: [10.0.0.1], localDataCenter: dc1, keyspace: orders }
      target: { keyspace: orders_aws }
      tables: [{ name: orders, partitionKey: [id], columns: { id: uuid } }]
`,
).replace('    stacks: [app1, app2]\n', '    stacks: [app1, app2]\n    keyspaces: { holdSeconds: 120, maxThrottleEvents: 2 }\n');

const plan = (() => {
  const result = parsePlan(TEST_FILE, PLAN);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
})();

const VIEW = {
  stackId: 'apps/app2',
  bulkLoad: { state: 'SUCCEEDED', recordsRead: 1200, problem: null },
  dualWrite: { clean: false, failedWritesInHold: 3, throttleEventsInHold: 0, holdSeconds: 120 },
  proxy: { failedWritesOrigin: 0, failedWritesTarget: 3, checkedAt: '2026-12-04T01:00:00.000Z' },
} as unknown as KeyspacesStackView;
const VALIDATION = {
  stackId: 'apps/app2',
  scope: 'full',
  state: 'mismatches',
  mismatches: 2,
  originRows: 1200,
  finishedAt: '2026-12-04T01:05:00.000Z',
} as unknown as ValidationView;
const runtime = { stackViews: () => [VIEW], validationViews: () => [VALIDATION] } as unknown as KeyspacesRuntime;

const entry = (over: Partial<JournalEntry>): JournalEntry => ({
  seq: 1,
  at: '2026-12-04T01:05:00.000Z',
  actor: 'operator@ws',
  operationId: 'op',
  kind: 'keyspaces-validate',
  target: { type: 'stack', stackId: 'apps/app2' },
  phase: 'succeeded',
  ...over,
});

describe("the Keyspaces track's evidence", () => {
  it('snapshots the wave’s moving stacks and draws them at each moment', () => {
    const snapshot = keyspacesEvidence.snapshot('wave-1', plan, runtime);
    expect(snapshot).toEqual([{ stackId: 'apps/app2', view: VIEW, validation: VALIDATION }]);
    const sections = keyspacesEvidence.runSections!([entry({ kind: 'cutover-snapshot', details: { moment: 'start', keyspaces: snapshot } })]);
    expect(sections[0]!.title).toBe('Keyspaces at start (2026-12-04T01:05:00.000Z)');
    expect(sections[0]!.blocks[0]).toMatchObject({
      kind: 'table',
      rows: [
        [
          'apps/app2',
          'SUCCEEDED, 1,200 rows',
          'not clean: 3 failed writes, 0 throttle events in 120 s',
          '0 / 3',
          'mismatches (whole tables, 2 mismatches, 1,200 rows on the origin) at 2026-12-04T01:05:00.000Z',
          '2026-12-04T01:00:00.000Z',
        ],
      ],
    });
  });

  it('lists the validations with their findings by token range, and the bulk loads started', () => {
    const validation = entry({
      details: {
        scope: 'full',
        state: 'mismatches',
        originRows: 1200,
        targetRows: 1199,
        mismatches: 2,
        originRowsPerSecond: 900,
        maxOriginRowsPerSecond: 1000,
        tables: [
          {
            table: 'orders',
            countMismatchCount: 1,
            countMismatches: [{ start: '-10', end: '20', originRows: 7, targetRows: 6 }],
            rowMismatchCount: 1,
            rowMismatches: [{ start: '-10', end: '20', key: 'id=42', kind: 'missing-on-target' }],
            uncheckedCount: 0,
            unchecked: [],
            problem: null,
            columnDifferences: [],
          },
        ],
      },
    });
    const load = entry({ kind: 'keyspaces-bulk-load', details: { jobName: 'orders-load', runId: 'jr_1' } });
    const sections = keyspacesEvidence.sections!({ related: [load, validation], partOf: () => 'operator' });
    expect(sections.map((section) => section.title)).toEqual(['Keyspaces bulk loads started', 'Keyspaces validations']);
    expect(sections[0]!.blocks[0]).toMatchObject({
      rows: [['2026-12-04T01:05:00.000Z', 'apps/app2', 'orders-load', 'jr_1', 'succeeded', 'operator@ws', 'operator']],
    });
    const blocks = sections[1]!.blocks;
    expect(blocks[0]).toMatchObject({
      rows: [['2026-12-04T01:05:00.000Z', 'apps/app2', 'full', 'mismatches', '1200 / 1199', '2', '900 (1000)', 'operator@ws']],
    });
    expect(blocks[2]).toEqual({
      kind: 'table',
      head: ['Token range', 'Finding'],
      rows: [
        ['(-10, 20]', '7 rows on the origin, 6 on the target'],
        ['(-10, 20]', 'missing on target: id=42'],
      ],
    });
  });

  it('adds the wave’s gates and each stack’s keyspaces to the plan excerpt', () => {
    expect(keyspacesEvidence.waveRows!(plan.waves[1]!)).toEqual([
      ['Keyspaces gates', 'throttle events ≤ 2 and failed writes ≤ 0 held 120 s; validation required'],
    ]);
    expect(keyspacesEvidence.stackColumns!.cells(plan.stacks.get('apps/app2')!)).toEqual(['orders → orders_aws (orders)']);
    expect(keyspacesEvidence.stackColumns!.cells(plan.stacks.get('apps/app1')!)).toEqual(['']);
  });
});
