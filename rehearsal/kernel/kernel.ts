// The kernel every track simulator shares: one clock, the wire faults, the metric and log registries.
import type { RehearsalKernel } from '../seam/track-simulator';
import type { RehearsalClock } from './clock';
import { LogRegistry } from './log-registry';
import { MetricRegistry } from './metric-registry';
import { hashString, prng } from './random';
import { WireFaults } from './wire-faults';

export interface KernelOptions {
  readonly clock: RehearsalClock;
  readonly seed: number;
}

export function createKernel({ clock, seed }: KernelOptions): RehearsalKernel {
  return {
    clock,
    startedAt: clock.now(),
    // Its own generator, so injected throttles never disturb the simulators' noise.
    faults: new WireFaults(prng(hashString('wire-faults', seed))),
    metrics: new MetricRegistry(),
    logs: new LogRegistry(),
    seed,
  };
}
