// The cockpit core as the monitor benchmark's child process (run with --expose-gc): startCockpitCore with the
// benchmark's plan and the rehearsal's AWS endpoint, its DMS monitor driven one refresh cycle per message from
// the parent, which owns the rehearsal and its simulated clock. Replies with the cycle's time, calls and memory.
import { performance } from 'node:perf_hooks';
import { startCockpitCore } from '../main/core/cockpit-core';
import { REPO } from './lib/common';

export interface CoreInit {
  readonly type: 'init';
  readonly planFile: string;
  readonly dataDir: string;
  readonly awsUrl: string;
  readonly now: number;
  readonly metricPeriodSeconds: number;
}
export interface CycleRequest {
  readonly type: 'cycle';
  readonly now: number;
  /** Collect garbage and report RSS after the cycle. */
  readonly memory: boolean;
}
export type CoreReply =
  | { type: 'ready'; tasks: number; resolved: number; baselineRss: number }
  | { type: 'cycle'; ms: number; calls: Record<string, number>; monitorState: string; stale: number; rss?: number; heapUsed?: number; arrayBuffers?: number; eventBytes: number }
  | { type: 'error'; message: string };

/** MC_BENCH_TRACE=1: memory at each stage on stderr. */
function trace(stage: string): void {
  if (!process.env.MC_BENCH_TRACE) return;
  gc?.();
  const m = process.memoryUsage();
  process.stderr.write(`[core] ${stage}: rss ${(m.rss / 2 ** 20).toFixed(0)} heapTotal ${(m.heapTotal / 2 ** 20).toFixed(0)} heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} external ${(m.external / 2 ** 20).toFixed(0)} arrayBuffers ${(m.arrayBuffers / 2 ** 20).toFixed(0)}\n`);
}

const gc = (globalThis as { gc?: () => void }).gc;
let simNow = 0;
let eventBytes = 0;

async function main(): Promise<void> {
  const init = await nextMessage<CoreInit>();
  simNow = init.now;
  const core = await startCockpitCore({
    dataDir: init.dataDir,
    appRoot: REPO,
    transport: 'web',
    version: 'bench',
    planFile: init.planFile,
    watchPlan: false,
    awsEndpoint: init.awsUrl,
    dmsMonitor: {
      clock: () => simNow,
      metricPeriodSeconds: init.metricPeriodSeconds,
      // The parent drives every cycle; the monitor's own timer stays far away.
      intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000, maxBackoffMs: 3_600_000 },
      staleAfterIntervals: 1,
      call: { timeoutMs: 10_000 },
    },
  });
  // Batches are serialized as a transport would send them.
  core.subscribe((batch) => (eventBytes += JSON.stringify(batch).length));
  const monitor = core.replication.current;
  if (!monitor) throw new Error('the core started no DMS monitor');
  trace('core started');
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  await monitor.refreshNow();
  trace('first cycle');
  const first = monitor.snapshot();
  send({ type: 'ready', tasks: first.tasks.length, resolved: first.tasks.filter((t) => t.arn).length, baselineRss });
  for (;;) {
    const request = await nextMessage<CycleRequest | { type: 'stop' }>();
    if (request.type === 'stop') break;
    simNow = request.now;
    const before = eventBytes;
    const started = performance.now();
    await monitor.refreshNow();
    const ms = performance.now() - started;
    trace('cycle');
    const snapshot = monitor.snapshot();
    const reply: CoreReply = {
      type: 'cycle',
      ms,
      calls: snapshot.monitor.lastCycleCalls,
      monitorState: snapshot.monitor.state,
      stale: snapshot.tasks.filter((t) => t.freshness.stale).length,
      eventBytes: 0,
    };
    if (request.memory && gc) {
      await new Promise((resolve) => setTimeout(resolve, 80)); // let the event batch flush first
      gc();
      const usage = process.memoryUsage();
      Object.assign(reply, { rss: usage.rss, heapUsed: usage.heapUsed, arrayBuffers: usage.arrayBuffers });
    }
    reply.eventBytes = eventBytes - before;
    send(reply);
  }
  await core.close();
}

const queue: unknown[] = [];
let waiting: ((message: unknown) => void) | undefined;
process.on('message', (message) => {
  if (waiting) {
    const resolve = waiting;
    waiting = undefined;
    resolve(message);
  } else queue.push(message);
});

function nextMessage<T>(): Promise<T> {
  if (queue.length > 0) return Promise.resolve(queue.shift() as T);
  return new Promise((resolve) => (waiting = resolve as (message: unknown) => void));
}

function send(reply: CoreReply): void {
  process.send!(reply);
}

main()
  .then(() => process.disconnect())
  .catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
    process.disconnect();
  });
