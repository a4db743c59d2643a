import { describe, expect, it } from 'vitest';
import { PlanMonitor, type MonitorRun } from './plan-monitor';
import type { Poller } from './poller';

interface FakeRun extends MonitorRun {
  readonly id: number;
  readonly events: string[];
}

/** A plan as the monitor reads it: whether it uses the track, and its environment. */
interface Plan {
  readonly environment: string;
  readonly uses: boolean;
}
const plan = (environment: string, uses = true): Plan => ({ environment, uses });
const fields = (value: Plan) => value;

function monitorOf() {
  const log: string[] = [];
  let started = 0;
  const monitor = new PlanMonitor<Plan, FakeRun>({
    uses: (next) => fields(next).uses,
    environmentOf: (next) => fields(next).environment,
    start: (next) => {
      started += 1;
      const id = started;
      log.push(`start ${id} in ${fields(next).environment}`);
      const poller = {
        soon: () => log.push(`soon ${id}`),
        close: async () => void log.push(`close ${id}`),
      } as unknown as Poller;
      return { id, poller, stop: new AbortController(), events: log };
    },
    closed: (run) => log.push(`closed ${run.id} (stopped: ${run.stop.signal.aborted})`),
    cleared: (why) => log.push(`cleared: ${why}`),
  });
  return { monitor, log };
}

describe('a monitor per plan environment', () => {
  it('starts for a plan that uses the track, keeps it across edits in the same environment, starts over in another', async () => {
    const { monitor, log } = monitorOf();
    await monitor.setPlan(plan('rehearsal'));
    const first = monitor.running;
    await monitor.setPlan(plan('rehearsal'));
    expect(monitor.running).toBe(first);
    await monitor.setPlan(plan('eu-central-1'));
    expect(monitor.running?.id).toBe(2);
    expect(log).toEqual([
      'cleared: environment',
      'start 1 in rehearsal',
      'soon 1',
      'close 1',
      'closed 1 (stopped: true)',
      'cleared: environment',
      'start 2 in eu-central-1',
    ]);
  });

  it('stops and says so when no plan uses the track any more, and stops once only', async () => {
    const { monitor, log } = monitorOf();
    await monitor.setPlan(plan('rehearsal'));
    await monitor.setPlan(plan('rehearsal', false));
    expect(monitor.running).toBeUndefined();
    await monitor.setPlan(undefined);
    await monitor.stop();
    expect(log).toEqual(['cleared: environment', 'start 1 in rehearsal', 'close 1', 'closed 1 (stopped: true)', 'cleared: unused', 'cleared: unused']);
  });
});
