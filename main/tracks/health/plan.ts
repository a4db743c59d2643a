// The health track's part of the plan file: a stack's `health` (which output holds its health URL, the status that
// means healthy, how long a probe may take) and a wave's `health` (how long every probed stack must stay healthy
// before the gate is green). A wave that sets a hold while none of its stacks is probed gets a warning there.
import { z } from 'zod';
import type { MigrationPlan } from '../../plan/model';
import type { PlanPart } from '../../seam/plan-part';
import type { StackEntry, WaveEntry } from '../../plan/schema';

export const HealthStackSchema = z.strictObject({
  /** The stack output that holds the URL to GET (the app-instance program's `healthUrl`). */
  output: z.string().min(1).max(200).default('healthUrl'),
  /** The status that means healthy. */
  expectStatus: z.number().int().min(100).max(599).default(200),
  /** How long a probe may take before it counts as failed. */
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
});

export const HealthWaveSchema = z.strictObject({
  /** How long every probed stack of the wave must answer healthy, without a break, before the gate is green. */
  healthyForSeconds: z.number().int().min(0).max(3600).default(60),
});

const HEALTH_STACK_SHAPE = { health: HealthStackSchema.optional() };
const HEALTH_WAVE_SHAPE = { health: HealthWaveSchema.optional() };

export type HealthStackFields = z.output<z.ZodObject<typeof HEALTH_STACK_SHAPE>>;
export type HealthWaveFields = z.output<z.ZodObject<typeof HEALTH_WAVE_SHAPE>>;

/** The hold when a wave does not set one. */
export const DEFAULT_HEALTHY_FOR_SECONDS = 60;

// Typed reads: a plan read with this part's grammar has these fields (main/plan knows no track).
const healthOf = <T extends StackEntry>(stack: T): T & HealthStackFields => stack as T & HealthStackFields;
const healthOfWave = <T extends Omit<WaveEntry, 'stacks'>>(wave: T): T & HealthWaveFields => wave as T & HealthWaveFields;

/** A stack the plan has probed: its settings and its wave's hold. */
export interface ProbedStack {
  readonly stackId: string;
  readonly health: NonNullable<HealthStackFields['health']>;
  readonly healthyForSeconds: number;
}

/** Every probed stack of a plan that is in a wave (a stack in no wave has no gate to judge), in the waves' order. */
export function probedStacks(plan: MigrationPlan): ProbedStack[] {
  const probed: ProbedStack[] = [];
  for (const wave of plan.waves) {
    const healthyForSeconds = healthOfWave(wave).health?.healthyForSeconds ?? DEFAULT_HEALTHY_FOR_SECONDS;
    for (const stackId of wave.stackIds) {
      const stack = plan.stacks.get(stackId);
      const health = stack && healthOf(stack).health;
      if (health) probed.push({ stackId, health, healthyForSeconds });
    }
  }
  return probed;
}

export const healthPlan: PlanPart<HealthStackFields, HealthWaveFields> = {
  stackShape: HEALTH_STACK_SHAPE,
  waveShape: HEALTH_WAVE_SHAPE,
  check: (plan, waves, report) => {
    plan.waves.forEach((wave, index) => {
      const resolved = waves[index];
      if (!wave || !resolved?.allStacksKnown || !healthOfWave(wave).health) return;
      if (!resolved.stacks.some((stack) => healthOf(stack).health))
        report.warning(
          ['waves', index, 'health'],
          `wave '${wave.id}' sets a health hold, but none of its stacks has 'health': the Health gate has nothing to judge`,
          'key',
        );
    });
  },
  of: healthOf,
  ofWave: healthOfWave,
  uses: (plan) => [...plan.stacks.values()].some((stack) => healthOf(stack).health !== undefined),
};
