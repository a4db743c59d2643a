// The kernel every track simulator shares: one clock, the wire faults, the simulated accounts, the metric and log
// registries (the source account's; every other account's estate gets its own, account-estates.ts).
import type { RehearsalKernel } from '../seam/track-simulator';
import { Accounts, type RoleInput } from './accounts';
import type { RehearsalClock } from './clock';
import { LogRegistry } from './log-registry';
import { MetricRegistry } from './metric-registry';
import { hashString, prng } from './random';
import { WireFaults } from './wire-faults';

export interface KernelOptions {
  readonly clock: RehearsalClock;
  readonly seed: number;
  /** The sign-in identity's account (default 123456789012). */
  readonly sourceAccountId?: string;
  /** Roles the sign-in identity may assume, in other accounts or its own. */
  readonly roles?: readonly RoleInput[];
}

export function createKernel({ clock, seed, sourceAccountId, roles }: KernelOptions): RehearsalKernel {
  return {
    clock,
    accounts: new Accounts(sourceAccountId, roles),
    startedAt: clock.now(),
    // Its own generator, so injected throttles never disturb the simulators' noise.
    faults: new WireFaults(prng(hashString('wire-faults', seed))),
    metrics: new MetricRegistry(),
    logs: new LogRegistry(),
    seed,
  };
}
