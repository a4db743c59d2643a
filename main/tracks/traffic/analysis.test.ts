import { describe, expect, it } from 'vitest';
import { decideStep, judgeMeasurement, measurementWindows, type JudgedMeasurement, type Measurement } from './analysis';
import { AnalysisDefaults } from './plan-schema';

const THRESHOLDS = { ...AnalysisDefaults, max5xxPercent: 1, maxResponseTimeMs: 500 };
const measurement = (values: Partial<Measurement>): Measurement => ({
  from: '2026-12-04T02:00:00.000Z',
  to: '2026-12-04T02:01:00.000Z',
  requests: 1000,
  errors5xx: 2,
  responseTimeMs: 40,
  healthyMin: 2,
  unhealthyMax: 0,
  ...values,
});

describe('one measurement against the thresholds', () => {
  it('passes within every threshold, with the 5xx share computed', () => {
    expect(judgeMeasurement(measurement({}), THRESHOLDS)).toMatchObject({ verdict: 'pass', errorPercent: 0.2, reasons: [] });
  });

  it('fails on each threshold, naming the number and the threshold', () => {
    expect(judgeMeasurement(measurement({ errors5xx: 150 }), THRESHOLDS).reasons).toEqual(['5xx 15 % of 1,000 requests, above the maximum 1 %']);
    expect(judgeMeasurement(measurement({ responseTimeMs: 812.4 }), THRESHOLDS).reasons).toEqual(['mean response time 812 ms, above the maximum 500 ms']);
    expect(judgeMeasurement(measurement({ healthyMin: 0 }), THRESHOLDS).reasons).toEqual(['0 healthy AWS targets at the lowest, below the minimum 1']);
    expect(judgeMeasurement(measurement({ unhealthyMax: 1 }), THRESHOLDS)).toMatchObject({
      verdict: 'fail',
      reasons: ['1 unhealthy AWS target, above the maximum 0'],
    });
  });

  it('is inconclusive with too few requests or no health data, but health still fails it', () => {
    expect(judgeMeasurement(measurement({ requests: 5, errors5xx: 5 }), THRESHOLDS)).toMatchObject({
      verdict: 'inconclusive',
      errorPercent: 100,
      reasons: ['5 requests to AWS, fewer than the 20 a rate needs'],
    });
    expect(judgeMeasurement(measurement({ requests: null, errors5xx: null, responseTimeMs: null }), THRESHOLDS).verdict).toBe('inconclusive');
    expect(judgeMeasurement(measurement({ healthyMin: null }), THRESHOLDS).reasons).toEqual(['no healthy-host count from CloudWatch']);
    expect(judgeMeasurement(measurement({ requests: 3, healthyMin: 0 }), THRESHOLDS).verdict).toBe('fail');
  });
});

describe('the windows of a step', () => {
  const at = (text: string) => Date.parse(`2026-12-04T${text}Z`);
  it('start at the first minute after the weights were in sync, as many as the pause holds', () => {
    const windows = measurementWindows(at('02:00:20'), 300, 60).map((window) => [
      new Date(window.from).toISOString().slice(11, 19),
      new Date(window.to).toISOString().slice(11, 19),
    ]);
    expect(windows).toEqual([
      ['02:01:00', '02:02:00'],
      ['02:02:00', '02:03:00'],
      ['02:03:00', '02:04:00'],
      ['02:04:00', '02:05:00'],
      ['02:05:00', '02:06:00'],
    ]);
    expect(measurementWindows(at('02:00:00'), 300, 120)).toHaveLength(2);
    expect(measurementWindows(at('02:00:20'), 30, 60)).toHaveLength(1);
    expect(measurementWindows(at('02:00:20'), 0, 60)).toEqual([]);
  });
});

describe("what a step's measurements decide", () => {
  const judged = (verdict: JudgedMeasurement['verdict']): JudgedMeasurement => ({
    ...measurement({}),
    verdict,
    errorPercent: 0.2,
    reasons: verdict === 'pass' ? [] : [`${verdict} reason`],
  });
  const of = (...verdicts: JudgedMeasurement['verdict'][]) => new Map([['shop.example.com', verdicts.map(judged)]]);

  it('aborts at the first failure beyond the limit, before the pause ends', () => {
    expect(decideStep(of('pass', 'fail'), 0, 4, false)).toEqual({
      kind: 'abort',
      why: 'shop.example.com: 1 failed measurement (the limit is 0); the last, 02:00:00–02:01:00 UTC on the data clock: fail reason',
    });
    expect(decideStep(of('pass', 'fail'), 1, 4, false)).toEqual({ kind: 'continue' });
  });

  it('promotes once complete, or waits for the operator when nothing was conclusive', () => {
    expect(decideStep(of('pass', 'inconclusive'), 0, 2, true)).toMatchObject({ kind: 'promote' });
    expect(decideStep(of('inconclusive', 'inconclusive'), 0, 2, true)).toMatchObject({ kind: 'await-operator' });
    expect(decideStep(of(), 0, 0, true)).toEqual({ kind: 'promote', why: 'no pause: promoted without analysis' });
    // Failures within the limit and nothing that passed: no evidence to promote on.
    expect(decideStep(of('fail', 'inconclusive', 'inconclusive'), 1, 3, true)).toEqual({
      kind: 'await-operator',
      why: 'shop.example.com: no measurement passed (1 failed, within the limit; 2 inconclusive): promote or abort',
    });
  });
});
