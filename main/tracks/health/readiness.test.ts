import { describe, expect, it } from 'vitest';
import type { CockpitEvent, MonitorStatusView } from '../../api/contract';
import { parsePlan, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import type { GateVerdict, JudgeMoment } from '../../seam/readiness-part';
import { healthReadiness } from './readiness';

const T0 = Date.parse('2026-12-03T02:00:00Z');
const text = SMALL_PLAN.replace('      - taskId: app2-mysql\n', '      - taskId: app2-mysql\n    health: {}\n').replace(
  '    stacks: [app1, app2]\n',
  '    stacks: [app1, app2]\n    health: { healthyForSeconds: 30 }\n',
);
const loaded = parsePlan(TEST_FILE, text);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const plan = loaded.plan;

const monitor = (overrides: Partial<MonitorStatusView> = {}): CockpitEvent => ({
  type: 'health.monitor',
  monitor: {
    state: 'polling',
    target: 'rehearsal',
    intervalSeconds: 2,
    lastCycleAt: null,
    lastCycleMs: 3,
    lastCycleCalls: { GET: 1 },
    message: null,
    dataClock: null,
    ...overrides,
  },
});
const probes = (ok: boolean, checkedAt: number, healthySince: number | null): CockpitEvent => ({
  type: 'health.probes',
  probes: [
    {
      stackId: 'apps/app2',
      url: 'http://127.0.0.1/_apps/app2/healthz',
      httpStatus: ok ? 200 : 503,
      ok,
      latencyMs: 4,
      checkedAt: new Date(checkedAt).toISOString(),
      healthySince: healthySince === null ? null : new Date(healthySince).toISOString(),
      problem: ok ? null : 'HTTP 503, expected 200',
    },
  ],
});

function judgeAt(judge: ReturnType<typeof healthReadiness.createJudge>, stackId: string, now: number): GateVerdict {
  const out: GateVerdict[] = [];
  const moment: JudgeMoment = { dataNow: now, silence: judge.silence(now) };
  judge.evaluate(plan.stacks.get(stackId)!, moment, out);
  return out[0]!;
}

describe('the Health gate', () => {
  it('declares one column, Health', () => {
    expect(healthReadiness.gates.map((gate) => [gate.id, gate.label])).toEqual([['health', 'Health']]);
  });

  it('reads green "not probed" for a stack without health, and unknown before the monitor reported', () => {
    const judge = healthReadiness.createJudge(plan);
    expect(judgeAt(judge, 'apps/app1', T0)).toMatchObject({ status: 'green', reasons: ['not probed'] });
    expect(judgeAt(judge, 'apps/app2', T0)).toMatchObject({ status: 'unknown', reasons: ['no report from the health monitor yet'] });
  });

  it("holds for the wave's healthyForSeconds, then turns green; a failed probe turns it red", () => {
    const judge = healthReadiness.createJudge(plan);
    expect(judge.observe(monitor(), T0)).toBe(true);
    expect(judge.observe(probes(true, T0, T0), T0)).toBe(true);
    expect(judgeAt(judge, 'apps/app2', T0 + 1_000)).toMatchObject({ status: 'red', holdRemainingSeconds: 29 });
    judge.observe(monitor(), T0 + 30_000);
    judge.observe(probes(true, T0 + 30_000, T0), T0 + 30_000);
    expect(judgeAt(judge, 'apps/app2', T0 + 30_000).status).toBe('green');
    judge.observe(probes(false, T0 + 32_000, null), T0 + 32_000);
    expect(judgeAt(judge, 'apps/app2', T0 + 32_000)).toMatchObject({
      status: 'red',
      reasons: ['the health probe failed at 02:00:32 UTC (data clock): HTTP 503, expected 200'],
    });
  });

  it('is unknown when the monitor is degraded or silent, and never green on a stale probe', () => {
    const judge = healthReadiness.createJudge(plan);
    judge.observe(monitor({ state: 'degraded', message: 'no route' }), T0);
    judge.observe(probes(true, T0 - 60_000, T0 - 120_000), T0);
    expect(judgeAt(judge, 'apps/app2', T0)).toMatchObject({ status: 'unknown', reasons: ['the health monitor is degraded: no route'] });
    judge.observe(monitor(), T0);
    expect(judgeAt(judge, 'apps/app2', T0)).toMatchObject({
      status: 'unknown',
      reasons: ['the last health probe is from 01:59:00 UTC (data clock): not current'],
    });
    expect(judgeAt(judge, 'apps/app2', T0 + 60_000).reasons[0]).toMatch(/^the health monitor has not reported since 02:00:00 UTC/);
  });

  it('ignores what is not its own', () => {
    const judge = healthReadiness.createJudge(plan);
    expect(judge.observe({ type: 'core.fault', fault: { at: 'x', message: 'y' } }, T0)).toBe(false);
  });
});
