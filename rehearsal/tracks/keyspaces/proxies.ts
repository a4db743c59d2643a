// The dual-write proxy stand-ins, one per stack (the stack's Pulumi rehearsal program registers, updates and removes
// its proxy through the admin routes). A proxy's traffic is a function of the clock: write i happens at
// since + i / writesPerSecond, reads at the same rate to the cluster(s) its phase reads from. A failed-writes
// fault makes `perSecond` of each second's writes fail on one side, spread evenly (write i fails when
// ⌊(i+1)·p/w⌋ > ⌊i·p/w⌋); the same rule tells the CQL live writer (live-writes.ts) which rows to leave out, so the
// counters and the rows agree. A change of configuration is a rolling restart: the counters start again from zero.
import { z } from 'zod';
import { KeyspacesName } from './fault-schema';

export const ProxyConfigSchema = z.strictObject({
  primaryCluster: z.enum(['ORIGIN', 'TARGET'], { error: 'expected ORIGIN or TARGET' }),
  readMode: z.enum(['PRIMARY_ONLY', 'DUAL_ASYNC_ON_SECONDARY'], { error: 'expected PRIMARY_ONLY or DUAL_ASYNC_ON_SECONDARY' }),
  originKeyspace: KeyspacesName,
  targetKeyspace: KeyspacesName,
  tables: z.array(KeyspacesName).min(1, { error: 'expected at least one table the proxy writes to' }).max(1000),
  writesPerSecond: z
    .number({ error: 'expected a number of writes per second' })
    .positive({ error: 'expected more than 0 writes per second' })
    .max(100_000, { error: 'expected at most 100000 writes per second' })
    .default(50),
});

export type ProxyConfig = z.output<typeof ProxyConfigSchema>;
export type Side = 'origin' | 'target';

/** The ZDM phase a configuration is (facts: 1 writes both and reads ORIGIN, 3 mirrors reads, 4 reads TARGET). */
export function phaseOf(config: Pick<ProxyConfig, 'primaryCluster' | 'readMode'>): 1 | 3 | 4 {
  if (config.primaryCluster === 'TARGET') return 4;
  return config.readMode === 'DUAL_ASYNC_ON_SECONDARY' ? 3 : 1;
}

/** An injected window in which some writes fail on one side. */
export interface FailedWritesWindow {
  readonly side: Side;
  readonly from: number;
  readonly until: number;
  readonly perSecond: number;
}

export interface FailureCounts {
  origin: number;
  target: number;
  both: number;
}

/** The proxy's live CQL writes (with a data plane). */
export interface LiveWritesDriver {
  kick(): void;
  abort(): void;
  /** Resolves when the pass in progress (if any) has ended. */
  settled(): Promise<void>;
  readonly stats: { readonly written: number; readonly skipped: number; readonly problem: string | undefined };
}

/** A stretch of the proxy's life under one configuration (for the traffic CloudWatch reports afterwards). */
export interface ProxySegment {
  readonly config: ProxyConfig;
  readonly since: number;
  /** Exclusive; Infinity for the running configuration. */
  readonly until: number;
}

/** Writes a proxy started at `since` has made before simulated time `at`: write i happens at since + i / rate. */
export function writesBy(since: number, writesPerSecond: number, at: number): number {
  // A hair under the exact product, so a write due exactly at `at` is not made yet despite rounding.
  return at <= since ? 0 : Math.max(0, Math.ceil(((at - since) * writesPerSecond) / 1000 - 1e-9));
}

export class DualWriteProxy {
  readonly id: string;
  readonly registeredAt: number;
  config: ProxyConfig;
  /** When the proxy last (re)started: its counters count from here. */
  since: number;
  restarts = 0;
  windows: FailedWritesWindow[] = [];
  /** Writes that failed by an injected fault, counted up to write #counted. */
  readonly injectedFailures: FailureCounts = { origin: 0, target: 0, both: 0 };
  /** Writes that really failed over CQL (with a data plane). */
  readonly cqlFailures: FailureCounts = { origin: 0, target: 0, both: 0 };
  live: LiveWritesDriver | undefined;
  #counted = 0;
  readonly #past: ProxySegment[] = [];

  constructor(id: string, config: ProxyConfig, now: number) {
    this.id = id;
    this.config = config;
    this.registeredAt = now;
    this.since = now;
  }

  get phase(): 1 | 3 | 4 {
    return phaseOf(this.config);
  }

  /** Applies a new configuration; true when it differs (a rolling restart: counters from zero). */
  reconfigure(config: ProxyConfig, now: number): boolean {
    if (JSON.stringify(config) === JSON.stringify(this.config)) return false;
    this.#past.push({ config: this.config, since: this.since, until: now });
    this.config = config;
    this.since = now;
    this.restarts += 1;
    this.#counted = 0;
    for (const counts of [this.injectedFailures, this.cqlFailures]) counts.origin = counts.target = counts.both = 0;
    return true;
  }

  /** Every configuration the proxy ran with, oldest first, the running one last. */
  segments(): ProxySegment[] {
    return [...this.#past, { config: this.config, since: this.since, until: Infinity }];
  }

  /** Writes made by simulated time `at` since the last start. */
  writesAt(at: number): number {
    return writesBy(this.since, this.config.writesPerSecond, at);
  }

  /** Reads by `at`, per cluster: the primary's, plus the mirrored ones with DUAL_ASYNC_ON_SECONDARY. */
  readsAt(at: number): { origin: number; target: number } {
    const reads = this.writesAt(at);
    const primary = this.config.primaryCluster === 'ORIGIN' ? 'origin' : 'target';
    const mirrored = this.config.readMode === 'DUAL_ASYNC_ON_SECONDARY';
    return { origin: primary === 'origin' || mirrored ? reads : 0, target: primary === 'target' || mirrored ? reads : 0 };
  }

  /** Simulated time of write `index`. */
  writeTime(index: number): number {
    return this.since + (index * 1000) / this.config.writesPerSecond;
  }

  /** Which sides write `index` fails on, by the injected windows. */
  failureOf(index: number): { origin: boolean; target: boolean } {
    const at = this.writeTime(index);
    const failure = { origin: false, target: false };
    const rate = this.config.writesPerSecond;
    for (const window of this.windows) {
      if (at < window.from || at >= window.until || failure[window.side]) continue;
      const share = Math.min(window.perSecond, rate);
      if (Math.floor(((index + 1) * share) / rate) > Math.floor((index * share) / rate)) failure[window.side] = true;
    }
    return failure;
  }

  /** Counts the injected failures of the writes made up to `now` (only the writes inside a window are looked at). */
  advance(now: number): void {
    const end = this.writesAt(now);
    if (end <= this.#counted) return;
    for (const [lo, hi] of this.#windowIndexRanges(this.#counted, end)) {
      for (let index = lo; index < hi; index++) {
        const { origin, target } = this.failureOf(index);
        if (origin && target) this.injectedFailures.both += 1;
        else if (origin) this.injectedFailures.origin += 1;
        else if (target) this.injectedFailures.target += 1;
      }
    }
    this.#counted = end;
  }

  /** Failed writes so far, injected and real, by where they failed. */
  failedWrites(): FailureCounts {
    return {
      origin: this.injectedFailures.origin + this.cqlFailures.origin,
      target: this.injectedFailures.target + this.cqlFailures.target,
      both: this.injectedFailures.both + this.cqlFailures.both,
    };
  }

  /** The write indices in [from, to) that fall inside a window, as merged [lo, hi) ranges. */
  #windowIndexRanges(from: number, to: number): Array<[number, number]> {
    const firstAtOrAfter = (at: number) => {
      let index = Math.max(0, Math.ceil(((at - this.since) * this.config.writesPerSecond) / 1000) - 2);
      while (this.writeTime(index) < at) index += 1;
      return index;
    };
    const ranges = this.windows
      .map((window): [number, number] => [Math.max(from, firstAtOrAfter(window.from)), Math.min(to, firstAtOrAfter(window.until))])
      .filter(([lo, hi]) => lo < hi)
      .sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const range of ranges) {
      const last = merged.at(-1);
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([...range]);
    }
    return merged;
  }
}
