import { describe, expect, it } from 'vitest';
import { HealthProbes, type HealthProbeView, type ProbeTarget } from './monitor';

const T0 = Date.parse('2026-12-03T02:00:00Z');

function setup(statuses: Record<string, number>, targets: ProbeTarget[]) {
  let now = T0;
  const published: (readonly HealthProbeView[])[] = [];
  const asked: string[] = [];
  const fakeFetch: typeof fetch = async (input) => {
    const url = String(input);
    asked.push(url);
    return new Response('', { status: statuses[url] ?? 500 });
  };
  const probes = new HealthProbes({ targets: () => targets, clock: () => now, publish: (views) => published.push(views), fetch: fakeFetch });
  return {
    probes,
    published,
    asked,
    advance: (ms: number) => (now += ms),
    cycle: async () => {
      const outcome = await probes.fetch();
      probes.afterCycle();
      return outcome;
    },
  };
}

const target = (stackId: string, url: string | null, healthyForSeconds = 60): ProbeTarget => ({
  stackId,
  url,
  output: 'healthUrl',
  expectStatus: 200,
  timeoutMs: 1_000,
  healthyForSeconds,
});

describe('the health monitor', () => {
  it('probes each stack with a URL once per cycle (its call floor) and says which stacks have none', async () => {
    const t = setup({ 'http://a/healthz': 200, 'http://b/healthz': 503 }, [
      target('a', 'http://a/healthz'),
      target('b', 'http://b/healthz'),
      target('c', null),
    ]);
    const outcome = await t.cycle();
    expect(outcome.ledger.calls).toEqual({ GET: 2 });
    expect(outcome.failedCalls).toBe(0);
    const views = t.published.at(-1)!;
    expect(views.map((view) => [view.stackId, view.httpStatus, view.ok, view.problem])).toEqual([
      ['a', 200, true, null],
      ['b', 503, false, 'HTTP 503, expected 200'],
      ['c', null, false, "the stack has no output 'healthUrl' yet: deploy it first"],
    ]);
    expect(views[0]).toMatchObject({ checkedAt: '2026-12-03T02:00:00.000Z', healthySince: '2026-12-03T02:00:00.000Z' });
    expect(views[2]).toMatchObject({ checkedAt: null, healthySince: null, latencyMs: null });
  });

  it('polls fast while a hold runs or a probe fails, at the normal pace once every hold is over', async () => {
    const t = setup({ 'http://a/healthz': 200 }, [target('a', 'http://a/healthz', 30)]);
    await t.cycle();
    expect(t.probes.activity()).toBe('fast');
    t.advance(30_000);
    await t.cycle();
    expect(t.probes.activity()).toBe('normal');
  });

  it('keeps healthySince across healthy probes and clears it on a failed one', async () => {
    const statuses: Record<string, number> = { 'http://a/healthz': 200 };
    const t = setup(statuses, [target('a', 'http://a/healthz')]);
    await t.cycle();
    t.advance(10_000);
    await t.cycle();
    expect(t.published.at(-1)![0]!.healthySince).toBe('2026-12-03T02:00:00.000Z');
    statuses['http://a/healthz'] = 503;
    t.advance(10_000);
    await t.cycle();
    expect(t.published.at(-1)![0]).toMatchObject({ healthySince: null, checkedAt: '2026-12-03T02:00:20.000Z', ok: false });
    expect(t.probes.activity()).toBe('fast');
  });
});
