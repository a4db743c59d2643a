import { describe, expect, it } from 'vitest';
import { parsePlan, SMALL_PLAN, TEST_FILE } from '../../plan/plan-testing';
import { healthPlan } from './plan';

const withHealth = (stackHealth: string, waveHealth = '') =>
  SMALL_PLAN.replace('      - taskId: app2-mysql\n', `      - taskId: app2-mysql\n    health: ${stackHealth}\n`).replace(
    '    stacks: [app1, app2]\n',
    `    stacks: [app1, app2]\n${waveHealth ? `    health: ${waveHealth}\n` : ''}`,
  );

describe("the health track's part of the plan", () => {
  it('reads a stack’s probe settings with their defaults, and a wave’s hold', () => {
    const result = parsePlan(TEST_FILE, withHealth('{ expectStatus: 204 }', '{ healthyForSeconds: 90 }'));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings).toEqual([]);
    const plan = result.plan;
    expect(healthPlan.of(plan.stacks.get('apps/app2')!).health).toEqual({ output: 'healthUrl', expectStatus: 204, timeoutSeconds: 5 });
    expect(healthPlan.of(plan.stacks.get('apps/app1')!).health).toBeUndefined();
    expect(healthPlan.ofWave(plan.waves.find((wave) => wave.id === 'wave-1')!).health).toEqual({ healthyForSeconds: 90 });
    expect(healthPlan.uses(plan)).toBe(true);
  });

  it('is not used by a plan without `health`', () => {
    const result = parsePlan(TEST_FILE, SMALL_PLAN);
    expect(result.ok && healthPlan.uses(result.plan)).toBe(false);
  });

  it('says where a setting is wrong', () => {
    const result = parsePlan(TEST_FILE, withHealth('{ expectStatus: 700, outptu: url }'));
    if (result.ok) throw new Error('expected the plan to be refused');
    const messages = result.issues.map((issue) => `${issue.path} ${issue.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^stacks\[2\] \(name: app2\)\.health\.expectStatus .*599/),
      expect.stringMatching(/^stacks\[2\] \(name: app2\)\.health(\.outptu)? .*outptu.*did you mean 'output'/),
    ]);
    for (const issue of result.issues) expect(issue.line).toBeGreaterThan(0);
  });

  it('warns at a wave’s hold when none of its stacks is probed', () => {
    const text = SMALL_PLAN.replace('    stacks: [app1, app2]\n', '    stacks: [app1, app2]\n    health: { healthyForSeconds: 30 }\n');
    const result = parsePlan(TEST_FILE, text);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'waves[1] (id: wave-1).health',
        message: "wave 'wave-1' sets a health hold, but none of its stacks has 'health': the Health gate has nothing to judge",
      }),
    ]);
  });
});
