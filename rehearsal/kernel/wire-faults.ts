// Faults on the wire: throttling, 5xx bursts, slow and hung responses, each for a window of simulated time and
// for one service (a name a ServiceDecl declares, or `all`; optionally some operations). Rates draw from their own
// seeded generator, so injected throttles are reproducible and never disturb the simulation's own noise.
import type { WireFaultSpec } from './wire-fault-schema';

export interface WireFault {
  readonly id: number;
  readonly type: WireFaultSpec['type'];
  readonly service: WireFaultSpec['service'];
  readonly operations?: readonly string[];
  /** Simulated epoch ms; `until` null = until cleared. */
  readonly from: number;
  readonly until: number | null;
  readonly rate?: number;
  readonly delayMs?: number;
}

export interface WireDecision {
  readonly hang: boolean;
  readonly serverError: boolean;
  readonly throttle: boolean;
  readonly delayMs: number;
}

export class WireFaults {
  #faults: WireFault[] = [];
  #nextId = 1;
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  /** `base`: the simulated time `at` counts from. */
  add(spec: WireFaultSpec, base: number): WireFault {
    const from = base + spec.at * 1000;
    const fault: WireFault = {
      id: this.#nextId++,
      type: spec.type,
      service: spec.service,
      ...(spec.operations ? { operations: spec.operations } : {}),
      from,
      until: spec.for === undefined ? null : from + spec.for * 1000,
      ...('rate' in spec ? { rate: spec.rate } : {}),
      ...('delayMs' in spec ? { delayMs: spec.delayMs } : {}),
    };
    this.#faults.push(fault);
    return fault;
  }

  clear(): void {
    this.#faults = [];
  }

  list(): readonly WireFault[] {
    return this.#faults;
  }

  decide(service: string, operation: string, now: number): WireDecision {
    let hang = false;
    let serverError = false;
    let throttle = false;
    let delayMs = 0;
    for (const fault of this.#faults) {
      if (now < fault.from || (fault.until !== null && now >= fault.until)) continue;
      if (fault.service !== 'all' && fault.service !== service) continue;
      if (fault.operations && !fault.operations.includes(operation)) continue;
      switch (fault.type) {
        case 'hang':
          hang = true;
          break;
        case 'slow':
          delayMs = Math.max(delayMs, fault.delayMs ?? 0);
          break;
        case 'server-error':
          serverError ||= this.#hit(fault.rate ?? 1);
          break;
        case 'throttle':
          throttle ||= this.#hit(fault.rate ?? 1);
          break;
      }
    }
    return { hang, serverError, throttle, delayMs };
  }

  #hit(rate: number): boolean {
    if (rate >= 1) return true;
    if (rate <= 0) return false;
    return this.#random() < rate;
  }
}
