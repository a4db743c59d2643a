import { describe, expect, it } from 'vitest';
import { healthVerdict, NO_HISTORY, record, type HealthHistory } from './hold';

const T0 = Date.parse('2026-12-03T02:00:00Z');
const rule = { healthyForSeconds: 60, staleAfterMs: 30_000 };
const ok = (at: number) => ({ ok: true, at, problem: null });
const bad = (at: number) => ({ ok: false, at, problem: 'HTTP 503, expected 200' });

describe('the health hold', () => {
  it('is unknown before any probe answered', () => {
    expect(healthVerdict(NO_HISTORY, rule, T0)).toMatchObject({ status: 'unknown', reasons: ['no health probe has answered yet'] });
  });

  it('runs a hold from the first healthy probe, says when it ends, and turns green after it', () => {
    let history: HealthHistory = record(NO_HISTORY, ok(T0));
    history = record(history, ok(T0 + 20_000));
    const running = healthVerdict(history, rule, T0 + 20_000);
    expect(running).toEqual({
      status: 'red',
      reasons: ['healthy since 02:00:00 UTC (data clock); the 60 s hold ends at 02:01:00 UTC (data clock)'],
      holdRemainingSeconds: 40,
      holdEndsAt: '2026-12-03T02:01:00.000Z',
    });
    history = record(history, ok(T0 + 60_000));
    expect(healthVerdict(history, rule, T0 + 60_000).status).toBe('green');
  });

  it('restarts the hold after one failed probe, and says why it is red', () => {
    let history = record(record(NO_HISTORY, ok(T0)), bad(T0 + 50_000));
    expect(healthVerdict(history, rule, T0 + 50_000)).toEqual({
      status: 'red',
      reasons: ['the health probe failed at 02:00:50 UTC (data clock): HTTP 503, expected 200'],
      holdRemainingSeconds: null,
    });
    history = record(history, ok(T0 + 55_000));
    expect(healthVerdict(history, rule, T0 + 70_000)).toMatchObject({ status: 'red', holdRemainingSeconds: 45 });
  });

  it('is never green on a probe that is not current', () => {
    const history = record(record(NO_HISTORY, ok(T0)), ok(T0 + 60_000));
    expect(healthVerdict(history, rule, T0 + 60_000 + 30_001)).toEqual({
      status: 'unknown',
      reasons: ['the last health probe is from 02:01:00 UTC (data clock): not current'],
      holdRemainingSeconds: null,
    });
  });

  it('a zero-second hold is green on the first healthy probe', () => {
    expect(healthVerdict(record(NO_HISTORY, ok(T0)), { ...rule, healthyForSeconds: 0 }, T0).status).toBe('green');
  });
});
