import { describe, expect, it } from 'vitest';
import { parsePlan, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import type { GateVerdict } from '../../seam/readiness-part';
import type { KeyspacesStackView, ValidationView } from './contract';
import { keyspacesReadiness } from './readiness';

const PLAN = SMALL_PLAN.replace(
  '    replicationTasks:\n      - taskId: app2-mysql\n',
  `    keyspaces:
      origin: { contactPoints: [10.0.0.1], localDataCenter: dc1, keyspace: orders }
      tables: [{ name: orders, partitionKey: [id], columns: { id: uuid, total: decimal } }]
`,
).replace('    stacks: [app1, app2]\n', '    stacks: [app1, app2]\n    keyspaces: { holdSeconds: 300 }\n');

const MONITOR = {
  state: 'idle',
  target: 'rehearsal',
  intervalSeconds: 10,
  lastCycleAt: '2026-12-04T01:00:00.000Z',
  lastCycleMs: 5,
  lastCycleCalls: {},
  message: null,
  dataClock: null,
} as const;

function view(overrides: Partial<KeyspacesStackView> = {}): KeyspacesStackView {
  return {
    stackId: 'apps/app2',
    waveId: 'wave-1',
    originKeyspace: 'orders',
    targetKeyspace: 'orders',
    bulkLoad: {
      jobName: 'load',
      runId: 'jr_1',
      state: 'SUCCEEDED',
      startedAt: '2026-12-04T00:00:00.000Z',
      completedAt: '2026-12-04T00:30:00.000Z',
      executionSeconds: 1800,
      recordsRead: 100,
      recordsFinal: true,
      errorMessage: null,
      problem: null,
    },
    tables: [],
    proxy: {
      url: 'http://p/metrics',
      checkedAt: null,
      writesPerSecond: 5,
      writeLatencyMs: 2,
      readLatencyOriginMs: null,
      readLatencyTargetMs: null,
      inflight: 0,
      connections: 3,
      failedWritesOrigin: 0,
      failedWritesTarget: 0,
      problem: null,
    },
    dualWrite: {
      clean: true,
      holdSeconds: 300,
      maxThrottleEvents: 0,
      maxFailedWrites: 0,
      throttleEventsInHold: 0,
      failedWritesInHold: 0,
      observedSince: '2026-12-04T00:00:00.000Z',
      holdEndsAt: '2026-12-04T00:05:00.000Z',
    },
    ...overrides,
  };
}

function validation(overrides: Partial<ValidationView> = {}): ValidationView {
  return {
    stackId: 'apps/app2',
    runId: 'v1',
    scope: 'full',
    state: 'clean',
    startedAt: '2026-12-04T00:40:00.000Z',
    finishedAt: '2026-12-04T00:41:00.000Z',
    rangesDone: 64,
    rangesTotal: 64,
    originRows: 100,
    targetRows: 100,
    mismatches: 0,
    originRowsPerSecond: 1000,
    maxOriginRowsPerSecond: 50_000,
    partitioner: 'murmur3',
    problem: null,
    tables: [],
    seed: 1,
    ...overrides,
  };
}

function judge() {
  const result = parsePlan(TEST_FILE, PLAN);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const plan = result.plan;
  const judge = keyspacesReadiness.createJudge(plan);
  const evaluate = (stackId: string, dataNow = Date.parse('2026-12-04T01:00:00Z')) => {
    const out: GateVerdict[] = [];
    judge.evaluate(plan.stacks.get(stackId)!, { dataNow, silence: judge.silence(0) }, out);
    return out.map((verdict) => `${verdict.status}: ${verdict.reasons.join('; ')}`);
  };
  return { judge, evaluate };
}

describe('the Keyspaces gates', () => {
  it('are green for a loaded, clean and validated stack, and say nothing applies to a stack without Cassandra data', () => {
    const { judge: j, evaluate } = judge();
    j.observe({ type: 'keyspaces.monitor', monitor: MONITOR }, 0);
    j.observe({ type: 'keyspaces.stacks', stacks: [view()] }, 0);
    j.observe({ type: 'keyspaces.validation', validation: validation() }, 0);
    expect(evaluate('apps/app2')).toEqual(['green: ', 'green: ', 'green: ']);
    expect(evaluate('apps/app1')).toEqual(['green: no Cassandra data', 'green: no Cassandra data', 'green: no Cassandra data']);
  });

  it('say what holds each gate back, with the numbers', () => {
    const { judge: j, evaluate } = judge();
    j.observe({ type: 'keyspaces.monitor', monitor: MONITOR }, 0);
    j.observe(
      {
        type: 'keyspaces.stacks',
        stacks: [
          view({
            bulkLoad: { ...view().bulkLoad, state: 'FAILED', completedAt: null, errorMessage: 'Throttled writing to Keyspaces', recordsRead: 40_000 },
            dualWrite: { ...view().dualWrite, clean: false, failedWritesInHold: 3, throttleEventsInHold: 0, holdEndsAt: '2026-12-04T01:04:00.000Z' },
          }),
        ],
      },
      0,
    );
    j.observe(
      {
        type: 'keyspaces.validation',
        validation: validation({
          state: 'mismatches',
          mismatches: 2,
          tables: [
            {
              table: 'orders',
              rangesChecked: 64,
              originRows: 100,
              targetRows: 99,
              sampledRows: 40,
              countMismatchCount: 1,
              countMismatches: [],
              rowMismatchCount: 1,
              rowMismatches: [],
              uncheckedCount: 0,
              unchecked: [],
              problem: null,
              columnDifferences: [],
            },
          ],
        }),
      },
      0,
    );
    expect(evaluate('apps/app2')).toEqual([
      "red: the bulk load's run jr_1 ended FAILED: Throttled writing to Keyspaces, 40,000 records read",
      'red: 3 failed writes in the last 300 s (limit 0)',
      'red: table orders: 1 token ranges differ in row count; 1 sampled rows differ',
    ]);
  });

  it('want a validation taken after the bulk load ended, of the whole tables', () => {
    const { judge: j, evaluate } = judge();
    j.observe({ type: 'keyspaces.monitor', monitor: MONITOR }, 0);
    j.observe({ type: 'keyspaces.stacks', stacks: [view()] }, 0);
    j.observe({ type: 'keyspaces.validation', validation: validation({ finishedAt: '2026-12-04T00:20:00.000Z' }) }, 0);
    expect(evaluate('apps/app2')[2]).toBe(
      "red: the validation of 00:20:00 UTC (data clock) is older than the bulk load's end (00:30:00 UTC (data clock)): validate again",
    );
    j.observe({ type: 'keyspaces.validation', validation: validation({ scope: 'recheck' }) }, 0);
    expect(evaluate('apps/app2')[2]).toBe('red: the last validation re-checked some ranges only: validate the whole tables');
  });

  it('are unknown before the monitor reported the stack', () => {
    const { judge: j, evaluate } = judge();
    j.observe({ type: 'keyspaces.monitor', monitor: MONITOR }, 0);
    expect(evaluate('apps/app2').slice(0, 2)).toEqual([
      'unknown: the Keyspaces monitor has not reported this stack yet',
      'unknown: the Keyspaces monitor has not reported this stack yet',
    ]);
  });
});
