// The traffic track's injected faults in one account, as windows of simulated time. Clearing never rewrites the
// past: a fault that has begun ends at the clearing (the metrics of the minutes before keep what they showed), one
// that has not begun is dropped. The Route 53 estate asks which fault holds a change; the traffic model asks which
// errors, slowness and failing health checks a target group has at an instant.
import { normalizeDnsName } from './dns-names';
import type { TrafficFaultSpec } from './fault-schema';

export interface FaultWindow<T extends TrafficFaultSpec['type'] = TrafficFaultSpec['type']> {
  readonly id: number;
  readonly spec: Extract<TrafficFaultSpec, { type: T }>;
  /** Simulated epoch ms. */
  readonly from: number;
  /** Undefined: until cleared. */
  until: number | undefined;
}

const covers = (window: { readonly from: number; readonly until: number | undefined }, at: number) =>
  window.from <= at && (window.until === undefined || at < window.until);

export class TrafficFaults {
  #windows: FaultWindow[] = [];
  #nextId = 1;

  /** `at` counts from `base`. */
  inject(spec: TrafficFaultSpec, base: number): FaultWindow {
    const from = base + spec.at * 1000;
    const window = {
      id: this.#nextId++,
      spec,
      from,
      until: spec.durationSeconds === undefined ? undefined : from + spec.durationSeconds * 1000,
    } as FaultWindow;
    this.#windows.push(window);
    return window;
  }

  /** Ends every fault at `now` (those not begun yet are dropped). */
  clear(now: number): void {
    this.#windows = this.#windows.filter((window) => window.from <= now);
    for (const window of this.#windows) if (window.until === undefined || window.until > now) window.until = now;
  }

  /** The faults not over at `now`, for GET /_admin/faults. */
  describe(now: number): Record<string, unknown>[] {
    return this.#windows
      .filter((window) => window.until === undefined || window.until > now)
      .map((window) => ({
        id: window.id,
        ...window.spec,
        from: new Date(window.from).toISOString(),
        until: window.until === undefined ? null : new Date(window.until).toISOString(),
      }));
  }

  /** A kind's windows for a target group (ended ones included: the past keeps its faults). */
  ofGroup<T extends 'traffic-errors' | 'traffic-slow' | 'traffic-unhealthy'>(type: T, groupName: string): FaultWindow<T>[] {
    const matching = this.#windows.filter((window) => window.spec.type === type && (window.spec as { targetGroup: string }).targetGroup === groupName);
    return matching as unknown as FaultWindow<T>[];
  }

  /** A kind's windows for a target group covering `at`. */
  activeOnGroup<T extends 'traffic-errors' | 'traffic-slow'>(type: T, groupName: string, at: number): FaultWindow<T>[] {
    return this.ofGroup(type, groupName).filter((window) => covers(window, at));
  }

  /** The `traffic-change-pending` fault holding a change of the zone submitted at `at`: until when (null: until cleared). */
  holdOf(zone: { readonly id: string; readonly name: string }, at: number): { until: number | null } | undefined {
    let hold: { until: number | null } | undefined;
    for (const window of this.#windows) {
      if (window.spec.type !== 'traffic-change-pending' || !covers(window, at)) continue;
      const named = window.spec.zone;
      if (named !== undefined && named.replace(/^\/?hostedzone\//, '') !== zone.id && normalizeDnsName(named) !== zone.name) continue;
      const until = window.until ?? null;
      if (!hold || until === null || (hold.until !== null && until > hold.until)) hold = { until };
    }
    return hold;
  }
}
