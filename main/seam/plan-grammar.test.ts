// The plan part of the seam with a probe track of the test's own (no DMS): its keys, action and check join the
// plan format, its view joins the plan view, and a key or action claimed twice is refused at start.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { WaveEntry } from '../plan/schema';
import { parsePlan } from '../plan/load';
import { toPlanView } from '../plan/view';
import type { PlanPart } from './plan-part';
import { composeGrammar, readsOutputsAtLoad, tracksIn } from './plan-grammar';
import type { CoreTrack } from './track';

const HealthStack = z.strictObject({ output: z.string().default('healthUrl'), expectStatus: z.number().int().min(100).max(599).default(200) });
const HealthWave = z.strictObject({ healthyForSeconds: z.number().int().min(0).max(3600).default(60) });
const HealthWait = z.strictObject({ type: z.literal('health-wait'), seconds: z.number().positive().default(30) });

interface HealthStackFields {
  readonly health?: z.output<typeof HealthStack>;
}
interface HealthWaveFields {
  readonly health?: z.output<typeof HealthWave>;
}

const healthPlan: PlanPart<HealthStackFields, HealthWaveFields> = {
  stackShape: { health: HealthStack.optional() },
  waveShape: { health: HealthWave.optional() },
  actions: [
    {
      type: 'health-wait',
      schema: HealthWait,
      role: 'check',
      check: (_action, at, wave, stacks, report) => {
        if (!stacks.some((stack) => healthPlan.of(stack).health)) report.warning([...at, 'type'], `no stack of wave '${wave.id}' is probed`);
      },
    },
  ],
  check: (plan, waves, report) =>
    plan.waves.forEach((wave, index) => {
      const resolved = waves[index];
      // Unsure when the wave names a stack the schema rejected: said only when every stack is known.
      if (!wave || !resolved?.allStacksKnown) return;
      if (healthPlan.ofWave(wave).health && !resolved.stacks.some((stack) => healthPlan.of(stack).health)) {
        report.warning(['waves', index, 'health'], `wave '${wave.id}' waits for health, but none of its stacks is probed`, 'key');
      }
    }),
  of: (stack) => stack as HealthStackFields,
  ofWave: (wave: Omit<WaveEntry, 'stacks'>) => wave as HealthWaveFields,
  view: (stack) => ({ health: healthPlan.of(stack).health ?? null }),
  waveView: (wave) => ({ health: healthPlan.ofWave(wave).health ?? null }),
  readsOutputs: (stack) => healthPlan.of(stack).health !== undefined,
  uses: (plan) => [...plan.stacks.values()].some((stack) => healthPlan.of(stack).health !== undefined),
};

const healthTrack: CoreTrack<'health'> = { id: 'health', title: 'Health', plan: healthPlan };

const PLAN = `version: 1
name: Probe plan
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:
  - { name: app1, project: apps, health: { expectStatus: 204 } }
  - { name: app2, project: apps }
waves:
  - id: wave-1
    name: Apps
    stacks: [app1, app2]
    health: { healthyForSeconds: 30 }
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - { id: wait, name: Wait, action: { type: health-wait } }
`;

const FILE = '/plans/migration.yaml';
const messages = (result: ReturnType<typeof parsePlan>) => (result.ok ? result.warnings : result.issues).map((issue) => `${issue.path}: ${issue.message}`);

describe('plan grammar', () => {
  it("reads a track's keys and actions, runs its checks, and shows its fields", () => {
    const grammar = composeGrammar([healthTrack]);
    const result = parsePlan(FILE, PLAN, { grammar });
    if (!result.ok) throw new Error(messages(result).join('\n'));
    expect(result.warnings).toEqual([]);
    const app1 = result.plan.stacks.get('apps/app1')!;
    expect(healthPlan.of(app1).health).toEqual({ output: 'healthUrl', expectStatus: 204 });
    expect(healthPlan.ofWave(result.plan.waves[0]!).health).toEqual({ healthyForSeconds: 30 });
    expect(result.plan.waves[0]!.cutover!.runbook[0]!.action).toEqual({ type: 'health-wait', seconds: 30 });
    const view = toPlanView(result.plan, grammar, [], () => ({ state: 'planned', since: '2026-01-01T00:00:00.000Z' }));
    expect(view.stacks.map((stack) => (stack as unknown as HealthStackFields).health)).toEqual([{ output: 'healthUrl', expectStatus: 204 }, null]);
    expect((view.waves[0] as unknown as HealthWaveFields).health).toEqual({ healthyForSeconds: 30 });
    expect(readsOutputsAtLoad([healthTrack], app1)).toBe(true);
    expect(readsOutputsAtLoad([healthTrack], result.plan.stacks.get('apps/app2')!)).toBe(false);
    expect(tracksIn([healthTrack], result.plan)).toEqual([healthTrack]);
  });

  it("locates its findings like the core's, and names its keys and actions in the core's messages", () => {
    const grammar = composeGrammar([healthTrack]);
    const unprobed = parsePlan(FILE, PLAN.replace(', health: { expectStatus: 204 }', ''), { grammar });
    expect(messages(unprobed)).toEqual([
      "waves[0] (id: wave-1).health: wave 'wave-1' waits for health, but none of its stacks is probed",
      "waves[0] (id: wave-1).cutover.runbook[0] (id: wait).action.type: no stack of wave 'wave-1' is probed",
    ]);
    if (unprobed.ok) expect(tracksIn([healthTrack], unprobed.plan)).toEqual([]);
    expect(messages(parsePlan(FILE, PLAN.replace('health: { expectStatus', 'helth: { expectStatus'), { grammar }))).toEqual([
      "stacks[0] (name: app1).helth: unknown field 'helth'; did you mean 'health'?",
    ]);
    // Actions are listed in the order a runbook runs them: by role, the core's first within one.
    expect(messages(parsePlan(FILE, PLAN.replace('type: health-wait', 'type: reboot'), { grammar }))).toEqual([
      'waves[0] (id: wave-1).cutover.runbook[0] (id: wait).action.type: unknown action type "reboot"; expected one of: pulumi-up, register, http-check, health-wait',
    ]);
    // Without the track, its keys are unknown fields.
    expect(messages(parsePlan(FILE, PLAN, { grammar: composeGrammar([]) }))).toContain(
      "stacks[0] (name: app1).health: unknown field 'health'; expected one of: name, project, description, config, registries",
    );
  });

  it('refuses a key or an action two tracks claim, or one the core has', () => {
    const twice: CoreTrack = { id: 'twice', title: 'Twice', plan: { ...healthPlan, waveShape: {}, actions: [] } };
    expect(() => composeGrammar([healthTrack, twice])).toThrow("stack field 'health' of track 'twice' is declared by track 'health' already");
    const core: CoreTrack = { id: 'core', title: 'Core', plan: { ...healthPlan, stackShape: { registries: z.string() } } };
    expect(() => composeGrammar([core])).toThrow("stack field 'registries' of track 'core' is declared by the core already");
    const action: CoreTrack = {
      id: 'deploy',
      title: 'Deploy',
      plan: { ...healthPlan, stackShape: {}, waveShape: {}, actions: [{ ...healthPlan.actions![0]!, type: 'pulumi-up' }] },
    };
    expect(() => composeGrammar([action])).toThrow("runbook action 'pulumi-up' of track 'deploy' is declared by the core already");
  });
});
