import { describe, expect, it } from 'vitest';
import { CallLedger } from './aws-call';
import { cycleOutcome, type CycleOutcome } from './cycle-outcome';
import { isStale, staleLimitMs } from './freshness';
import type { Activity } from './pace';
import { Poller, type CycleVerdict, type PollerOptions } from './poller';

const intervals = { fastMs: 1000, normalMs: 2000, idleMs: 4000, maxBackoffMs: 8000 };

function awsError(name: string, httpStatusCode?: number): Error {
  const error = new Error('it broke') as Error & { $metadata?: { httpStatusCode?: number } };
  error.name = name;
  if (httpStatusCode) error.$metadata = { httpStatusCode };
  return error;
}

/** A track whose next cycle fails with `failures` (thrown by fetch when `throws`). */
function setup(options: Partial<PollerOptions> = {}) {
  const next: { failures: unknown[]; throws?: unknown; activity: Activity } = { failures: [], activity: 'normal' };
  const verdicts: CycleVerdict[] = [];
  const logged: string[] = [];
  let evaluateThrows = false;
  const stop = new AbortController();
  const poller = new Poller({
    name: 'test monitor',
    target: 'rehearsal',
    unavailable: null,
    intervals,
    clock: () => Date.UTC(2026, 11, 5),
    clockRate: 1,
    random: () => 0.5,
    stop: stop.signal,
    log: (line) => logged.push(line),
    track: {
      fetch: async (): Promise<CycleOutcome> => {
        if (next.throws) throw next.throws;
        const ledger = new CallLedger();
        ledger.count('Describe');
        for (const failure of next.failures) ledger.fail(failure instanceof Error && failure.name === 'ThrottlingException' ? 'throttled' : 'server');
        return cycleOutcome(ledger, next.failures, 'operator');
      },
      activity: () => next.activity,
      afterCycle: (_outcome, verdict) => {
        verdicts.push(verdict);
        if (evaluateThrows) throw new Error('view bug');
      },
    },
    ...options,
  });
  return { poller, next, verdicts, logged, stop, failEvaluation: () => (evaluateThrows = true) };
}

describe('poller', () => {
  it('reports a clean cycle as polling at the pace the track asks for, with its calls', async () => {
    const { poller, verdicts } = setup();
    expect(poller.status).toMatchObject({ state: 'idle', target: 'rehearsal', intervalSeconds: 1, lastCycleAt: null });
    await poller.refreshNow();
    expect(poller.status).toMatchObject({
      state: 'polling',
      intervalSeconds: 2,
      lastCycleCalls: { Describe: 1 },
      message: null,
      lastCycleAt: '2026-12-05T00:00:00.000Z',
    });
    expect(verdicts).toEqual([{ failed: false, degraded: false }]);
  });

  it('backs off on failures and reports itself degraded after three failed cycles in a row, then recovers', async () => {
    const { poller, next, verdicts } = setup();
    next.failures = [awsError('InternalFailure', 503)];
    await poller.refreshNow();
    expect(poller.status).toMatchObject({
      state: 'backing-off',
      intervalSeconds: 4,
      message: '1 call(s) failed after retries (1 server); last: InternalFailure: it broke',
    });
    await poller.refreshNow();
    await poller.refreshNow();
    expect(poller.status).toMatchObject({ state: 'degraded', intervalSeconds: 8 });
    expect(verdicts.map((v) => v.degraded)).toEqual([false, false, true]);
    next.failures = [];
    await poller.refreshNow();
    // Calls go through again, but the backoff only halves (8 → 4, still at the 8 s cap): backing off until it is gone.
    expect(poller.status).toMatchObject({ state: 'backing-off', intervalSeconds: 8, message: null });
    await poller.refreshNow();
    expect(poller.status).toMatchObject({ state: 'backing-off', intervalSeconds: 4 });
    await poller.refreshNow();
    expect(poller.status).toMatchObject({ state: 'polling', intervalSeconds: 2 });
  });

  it('backs off on throttling that retries absorbed, without calling the cycle failed', async () => {
    const { poller } = setup({
      track: {
        fetch: async () => {
          const ledger = new CallLedger();
          ledger.count('Describe');
          ledger.fail('throttled');
          ledger.count('Describe');
          return cycleOutcome(ledger, []);
        },
        activity: () => 'fast',
        afterCycle: () => undefined,
      },
    });
    await poller.refreshNow();
    expect(poller.status).toMatchObject({ state: 'backing-off', intervalSeconds: 2, lastCycleCalls: { Describe: 2 }, message: null });
  });

  it('is degraded at once when AWS refuses the credentials, with how to sign in', async () => {
    const { poller, next } = setup();
    next.failures = [awsError('ExpiredTokenException')];
    await poller.refreshNow();
    expect(poller.status.state).toBe('degraded');
    expect(poller.status.message).toBe(
      'AWS credentials could not be used: ExpiredTokenException: it broke. Sign in (aws sso login --profile operator, or check the profile); the monitor keeps retrying.',
    );
  });

  it('survives a cycle that throws and a track whose evaluation throws', async () => {
    const { poller, next, logged, failEvaluation, verdicts } = setup();
    next.throws = new Error('bug in fetch');
    await expect(poller.refreshNow()).resolves.toBeUndefined();
    expect(logged).toEqual(['test monitor cycle failed: bug in fetch']);
    expect(poller.status).toMatchObject({ state: 'backing-off', message: 'bug in fetch', lastCycleCalls: {} });
    next.throws = undefined;
    failEvaluation();
    await expect(poller.refreshNow()).resolves.toBeUndefined();
    expect(logged[1]).toMatch(/^test monitor: evaluating the cycle failed: Error: view bug/);
    expect(verdicts).toHaveLength(2);
  });

  it('runs no cycle without an API, nor after stop', async () => {
    const unavailable = setup({ unavailable: 'no rehearsal endpoint' });
    expect(unavailable.poller.status).toMatchObject({ state: 'degraded', message: 'no rehearsal endpoint' });
    await unavailable.poller.refreshNow();
    expect(unavailable.verdicts).toEqual([]);
    const stopped = setup();
    stopped.stop.abort();
    await stopped.poller.refreshNow();
    expect(stopped.verdicts).toEqual([]);
    expect(stopped.poller.status.state).toBe('idle');
  });
});

describe('freshness', () => {
  it('judges ages on the data clock, in intervals of the pace', () => {
    expect(staleLimitMs(5000)).toBe(15_000);
    expect(staleLimitMs(5000, { staleAfterIntervals: 2, clockRate: 30 })).toBe(300_000);
    expect(isStale(null, 10, 100)).toBe(true);
    expect(isStale(0, 100, 100)).toBe(false);
    expect(isStale(0, 101, 100)).toBe(true);
  });
});
