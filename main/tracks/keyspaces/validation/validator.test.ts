// The validator's orchestration over in-memory sides (test/integration/keyspaces-validation.test.ts runs it over
// real CQL against a real Cassandra): counts and samples per range, mismatches by range, a timed-out range split
// again, the concurrency and the origin's row budget held.
import { describe, expect, it } from 'vitest';
import type { CqlSide, TableShape } from './cql-side';
import type { BudgetClock } from './row-budget';
import type { SampledRow } from './sample-compare';
import { splitRing, type TokenRange } from './token-ring';
import { seededRandom, validate, type ValidationSettings } from './validator';

const SHAPE: TableShape = { partitionKey: ['id'], clustering: [], regular: ['total'] };
const SETTINGS: ValidationSettings = { rangesPerTable: 16, sampleRowsPerRange: 5, concurrency: 3, maxOriginRowsPerSecond: 1_000_000 };

/** Rows spread over the Murmur3 ring, deterministically. */
function rows(count: number, seed = 7): SampledRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const token = BigInt(Math.floor((random() * 2 - 1) * 2 ** 62)) * 2n;
    return { token, key: `id=${i}`, digest: `d${i}` };
  }).sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

interface FakeSide extends CqlSide {
  maxInFlight: number;
  queries: number;
}

function fakeSide(
  name: 'origin' | 'target',
  data: SampledRow[],
  options: { partitioner?: string; timesOutWiderThan?: bigint; shape?: TableShape } = {},
): FakeSide {
  let inFlight = 0;
  const side: FakeSide = {
    name,
    maxInFlight: 0,
    queries: 0,
    partitioner: async () => options.partitioner ?? 'org.apache.cassandra.dht.Murmur3Partitioner',
    shape: async (_keyspace, table) => (table === 'orders' ? (options.shape ?? SHAPE) : undefined),
    count: (_k, _t, _s, range) => query(range, () => data.filter((row) => within(row, range)).length),
    slice: (_k, _t, _s, _c, range, limit) => query(range, () => data.filter((row) => within(row, range)).slice(0, limit)),
    close: async () => undefined,
  };
  async function query<T>(range: TokenRange, answer: () => T): Promise<T> {
    side.queries += 1;
    inFlight += 1;
    side.maxInFlight = Math.max(side.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight -= 1;
    if (options.timesOutWiderThan !== undefined && range.end - range.start > options.timesOutWiderThan)
      throw Object.assign(new Error('Operation timed out - received only 0 responses.'), { code: 0x1200 });
    return answer();
  }
  return side;
}

const within = (row: SampledRow, range: TokenRange) => row.token > range.start && row.token <= range.end;
const request = (settings: Partial<ValidationSettings> = {}) => ({
  originKeyspace: 'orders',
  targetKeyspace: 'orders_aws',
  tables: [{ table: 'orders' }],
  settings: { ...SETTINGS, ...settings },
  seed: 42,
});

describe('validation over two sides', () => {
  it('is clean when both sides hold the same rows, and counts every row once', async () => {
    const data = rows(2000);
    const origin = fakeSide('origin', data);
    const target = fakeSide('target', [...data]);
    const progress: number[] = [];
    const outcome = await validate(origin, target, { ...request(), onProgress: (p) => progress.push(p.rangesDone) });
    expect(outcome.problem).toBeNull();
    expect(outcome.clean).toBe(true);
    expect(outcome.tables[0]).toMatchObject({ table: 'orders', rangesChecked: 16, originRows: 2000, targetRows: 2000, countMismatches: [], rowMismatches: [] });
    // A sample starts at a random token of its range and stops short of a row its LIMIT may have cut.
    expect(outcome.tables[0]!.sampledRows).toBeGreaterThan(16);
    expect(outcome.tables[0]!.sampledRows).toBeLessThanOrEqual(16 * 5);
    expect(progress.at(-1)).toBe(16);
    expect(origin.maxInFlight).toBeLessThanOrEqual(3);
    expect(target.maxInFlight).toBeLessThanOrEqual(3);
    // The origin read every row once for the counts, then the samples.
    expect(outcome.originRowsRead).toBeGreaterThan(2000 + 16);
    expect(outcome.originRowsRead).toBeLessThanOrEqual(2000 + 16 * 5);
  });

  it('lists a missing row by its range, on the count and in the sample, and a changed row', async () => {
    const data = rows(2000);
    const lost = data[700]!;
    const changed = data[701]!;
    const target = data.filter((row) => row !== lost).map((row) => (row === changed ? { ...row, digest: 'other' } : row));
    // Every row sampled: one range per 125 rows and samples as large as a range.
    const outcome = await validate(fakeSide('origin', data), fakeSide('target', target), request({ sampleRowsPerRange: 1000 }));
    expect(outcome.clean).toBe(false);
    const [table] = outcome.tables;
    const range = splitRing('murmur3', 16).find((r) => within(lost, r))!;
    expect(table!.countMismatches).toEqual([
      { start: String(range.start), end: String(range.end), originRows: expect.any(Number), targetRows: expect.any(Number) },
    ]);
    expect(table!.countMismatches[0]!.originRows - table!.countMismatches[0]!.targetRows).toBe(1);
    expect(table!.rowMismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: lost.key, kind: 'missing-on-target' }),
        expect.objectContaining({ key: changed.key, kind: 'differs' }),
      ]),
    );
  });

  it('re-checks only the ranges it is given', async () => {
    const data = rows(500);
    const ranges = splitRing('murmur3', 16).slice(3, 5);
    const origin = fakeSide('origin', data);
    const outcome = await validate(origin, fakeSide('target', data), { ...request(), tables: [{ table: 'orders', ranges }] });
    expect(outcome.tables[0]!.rangesChecked).toBe(2);
    expect(outcome.tables[0]!.originRows).toBe(data.filter((row) => ranges.some((r) => within(row, r))).length);
  });

  it('splits a range whose count times out, and lists one that still does', async () => {
    const data = rows(300);
    const narrowEnough = 2n ** 64n / 16n / 4n; // a sixteenth of the ring times out; a quarter of that does not
    const outcome = await validate(fakeSide('origin', data, { timesOutWiderThan: narrowEnough }), fakeSide('target', data), request({ sampleRowsPerRange: 0 }));
    expect(outcome.clean).toBe(true);
    expect(outcome.tables[0]).toMatchObject({ rangesChecked: 64, originRows: 300, unchecked: [] });
    const never = await validate(
      fakeSide('origin', data, { timesOutWiderThan: 0n }),
      fakeSide('target', data),
      request({ rangesPerTable: 1, sampleRowsPerRange: 0 }),
    );
    expect(never.clean).toBe(false);
    // 1 → 4 → 16 → 64 ranges, each still timing out at the last level.
    expect(never.tables[0]!.unchecked).toHaveLength(64);
    expect(never.tables[0]!.unchecked[0]!.reason).toMatch(/timed out/);
  });

  it('says why nothing could be compared: partitioners, missing tables, other keys, other columns', async () => {
    const data = rows(10);
    const random = await validate(fakeSide('origin', data), fakeSide('target', data, { partitioner: 'com.amazonaws.cassandra.DefaultPartitioner' }), request());
    expect(random.clean).toBe(false);
    expect(random.problem).toMatch(/partitioners differ .*UPDATE system\.local SET partitioner='org\.apache\.cassandra\.dht\.Murmur3Partitioner'/);
    const missing = await validate(fakeSide('origin', data), fakeSide('target', data), { ...request(), tables: [{ table: 'order_items' }] });
    expect(missing.tables[0]!.problem).toBe('table orders.order_items does not exist on the origin');
    const keys = await validate(fakeSide('origin', data), fakeSide('target', data, { shape: { ...SHAPE, clustering: ['day'] } }), request());
    expect(keys.tables[0]!.problem).toBe('the primary keys differ: origin PRIMARY KEY ((id)), target PRIMARY KEY ((id), day)');
    const columns = await validate(fakeSide('origin', data), fakeSide('target', data, { shape: { ...SHAPE, regular: ['currency'] } }), request());
    expect(columns.clean).toBe(false);
    expect(columns.tables[0]!.columnDifferences).toEqual(['column total is missing on the target', 'column currency exists only on the target']);
  });

  it('holds the origin to its row budget', async () => {
    let now = 0;
    const clock: BudgetClock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const data = rows(20_000);
    const outcome = await validate(fakeSide('origin', data), fakeSide('target', data), { ...request({ maxOriginRowsPerSecond: 1000, concurrency: 1 }), clock });
    // 20,000 counted plus the samples at 1,000 rows/s: at least ~19 s on the budget's clock (the last range unpaid).
    expect(outcome.originRowsRead).toBeGreaterThan(20_000);
    expect(now).toBeGreaterThanOrEqual(18_000);
    expect(outcome.originRowsRead).toBeLessThanOrEqual(1000 * (now / 1000) + 20_000 / 16 + 5);
  });

  it('reads a differing range again after it settles, and reports only what still differs', async () => {
    const data = rows(400);
    const inFlight = data[100]!;
    const lost = data[300]!;
    const target = data.filter((row) => row !== inFlight && row !== lost);
    let now = 0;
    // The row in flight reaches the target while the validator waits for the range to settle.
    const clock: BudgetClock = {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
        if (target.includes(inFlight)) return;
        target.push(inFlight);
        target.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
      },
    };
    const outcome = await validate(fakeSide('origin', data), fakeSide('target', target), {
      ...request({ sampleRowsPerRange: 1000, concurrency: 1 }),
      clock,
      settleMs: 500,
    });
    const [table] = outcome.tables;
    expect(table!.countMismatches).toHaveLength(1);
    expect(table!.rowMismatches).toEqual([expect.objectContaining({ key: lost.key, kind: 'missing-on-target' })]);
  });

  it('stops when aborted', async () => {
    const data = rows(100);
    const controller = new AbortController();
    controller.abort(new Error('validation cancelled by the operator'));
    await expect(validate(fakeSide('origin', data), fakeSide('target', data), { ...request(), signal: controller.signal })).rejects.toThrow('cancelled');
  });
});
