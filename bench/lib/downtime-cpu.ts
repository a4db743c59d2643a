// CPU time through the downtime benchmark (bench/downtime.ts): samples of this process (with and without its reaped
// children) and of the whole machine, so each step can say what the cockpit used and what other processes took.
import { cpuSeconds, machineBusySeconds } from './common';
import type { CpuUse } from './downtime-report';

/**
 * This process's CPU time (with its reaped children: the Pulumi CLIs and what they ran) and the machine's busy CPU
 * time, sampled through the run: per step, what the cockpit used and what other processes took meanwhile.
 */
export function cpuTimeline(): { stop(): void; between(from: number, to: number): CpuUse } {
  const samples: CpuSample[] = [];
  const sample = () => void samples.push(cpuSample());
  sample();
  const timer = setInterval(sample, 250);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
    },
    between: (from, to) => {
      const first = samples.findLast((entry) => entry.at <= from) ?? samples[0]!;
      const last = samples.find((entry) => entry.at >= to) ?? samples.at(-1)!;
      return cpuUse(first, last);
    },
  };
}

export interface CpuSample {
  readonly at: number;
  /** This process with its reaped children. */
  readonly own: number;
  /** This process alone: the cockpit core, the rehearsal servers, the benchmark. */
  readonly process: number;
  readonly machine: number;
}

export function cpuSample(): CpuSample {
  const usage = process.cpuUsage();
  return { at: Date.now(), own: cpuSeconds(), process: (usage.user + usage.system) / 1e6, machine: machineBusySeconds() };
}

export function cpuUse(first: CpuSample, last: CpuSample): CpuUse {
  const own = last.own - first.own;
  return {
    wallSeconds: (last.at - first.at) / 1000,
    ownSeconds: own,
    processSeconds: last.process - first.process,
    otherSeconds: Math.max(0, last.machine - first.machine - own),
  };
}
