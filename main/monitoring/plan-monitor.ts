// A track's monitor, one per plan environment (the health and Keyspaces runtimes hold theirs in one): started when a
// loaded plan uses the track; kept across plan edits in the same environment (a hold must not restart because a wave's
// description changed; the next cycle comes sooner to read the edit); started over in another environment; stopped
// when the plan no longer uses the track.
import type { Poller } from './poller';

/** What a started monitor holds: its poller and what stops its work. */
export interface MonitorRun {
  readonly poller: Poller;
  readonly stop: AbortController;
}

/** `P` is the plan (the core's MigrationPlan; this folder knows none of the core's types). */
export interface PlanMonitorOptions<P, R extends MonitorRun> {
  uses(plan: P): boolean;
  /** The environment a plan's monitor reads: an edit that keeps it keeps the monitor. */
  environmentOf(plan: P): string;
  /** Starts a monitor for the plan (its poller started). */
  start(plan: P): R;
  /** After the poller closed: what else the run holds (clients). */
  closed?(run: R): void;
  /**
   * The monitor stopped: `unused` when no plan uses the track any more (the views say there is nothing), `environment`
   * when another environment starts over (a new monitor follows at once).
   */
  cleared(why: 'unused' | 'environment'): void;
}

export class PlanMonitor<P, R extends MonitorRun> {
  #run: { readonly run: R; readonly environment: string } | undefined;

  constructor(private readonly options: PlanMonitorOptions<P, R>) {}

  /** The monitor of the loaded plan, if the plan uses the track. */
  get running(): R | undefined {
    return this.#run?.run;
  }

  async setPlan(next: P | undefined): Promise<void> {
    if (next === undefined || !this.options.uses(next)) {
      await this.stop();
      this.options.cleared('unused');
      return;
    }
    const environment = this.options.environmentOf(next);
    if (this.#run?.environment === environment) {
      this.#run.run.poller.soon();
      return;
    }
    await this.stop();
    this.options.cleared('environment');
    this.#run = { run: this.options.start(next), environment };
  }

  async stop(): Promise<void> {
    const previous = this.#run;
    this.#run = undefined;
    if (!previous) return;
    previous.run.stop.abort();
    await previous.run.poller.close();
    this.options.closed?.(previous.run);
  }
}
