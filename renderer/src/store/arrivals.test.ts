import { describe, expect, it } from 'vitest';
import { ArrivalLog, type CockpitEventOf } from './arrivals';

const fault = (message: string) => ({ type: 'core.fault', fault: { message, at: '2026-12-03T02:00:00Z' } }) as unknown as CockpitEventOf;

describe('ArrivalLog', () => {
  it('gives each read the events that arrived while it was in flight, and keeps nothing when no read is', async () => {
    const log = new ArrivalLog();
    log.record([fault('before')]);
    let answer!: (value: string) => void;
    const first = log.during(() => new Promise<string>((resolve) => (answer = resolve)));
    log.record([fault('during 1')]);
    // Even an answer at hand comes back a microtask later: what arrives before then counts.
    const second = log.during(async () => 'at once');
    log.record([fault('during 2')]);
    expect(await second).toEqual({ answer: 'at once', arrived: [fault('during 2')] });
    answer('late');
    expect(await first).toEqual({ answer: 'late', arrived: [fault('during 1'), fault('during 2')] });
    log.record([fault('after')]);
    expect((await log.during(async () => 0)).arrived).toEqual([]);
  });

  it('stops collecting for a read that failed', async () => {
    const log = new ArrivalLog();
    await expect(log.during(() => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    log.record([fault('later')]);
    expect((await log.during(async () => 0)).arrived).toEqual([]);
  });
});
