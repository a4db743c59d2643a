// The cockpit core as the monitor benchmark's child process (run with --expose-gc): startCockpitCore with the
// benchmark's plan and the rehearsal's AWS endpoint, its DMS monitor driven one refresh cycle per message from
// the parent, which owns the rehearsal and its simulated clock. Replies with the cycle's time, calls and memory.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startCockpitCore } from '../main/core/cockpit-core';
import { dmsTrack, tunedDmsTrack } from '../main/tracks/dms/track';
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
/** RSS by kind of mapping (bytes). */
export interface MemoryMap {
  files: number;
  mallocHeap: number;
  v8Pages: number;
  otherAnon: number;
}
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  /** V8 heap committed (all spaces), which excludes the pages V8 keeps pooled. */
  readonly heapTotal: number;
  readonly arrayBuffers: number;
  readonly map?: MemoryMap;
}
export type CoreReply =
  | { type: 'ready'; tasks: number; resolved: number; baseline: MemorySample; /** AWS calls of the very first cycle. */ calls: Record<string, number> }
  | { type: 'cycle'; ms: number; calls: Record<string, number>; monitorState: string; stale: number; memory?: MemorySample; eventBytes: number }
  | { type: 'error'; message: string };

/** MC_BENCH_TRACE=1: memory at each stage on stderr. */
function trace(stage: string): void {
  if (!process.env.MC_BENCH_TRACE) return;
  gc?.();
  const m = process.memoryUsage();
  process.stderr.write(
    `[core] ${stage}: rss ${(m.rss / 2 ** 20).toFixed(0)} heapTotal ${(m.heapTotal / 2 ** 20).toFixed(0)} heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} external ${(m.external / 2 ** 20).toFixed(0)} arrayBuffers ${(m.arrayBuffers / 2 ** 20).toFixed(0)}\n`,
  );
}

/**
 * Where the RSS is, from /proc/self/smaps (Linux; undefined elsewhere): mappings of files (the node binary, shared
 * libraries), the brk heap (glibc malloc's main arena: typed-array buffers, native buffers), anonymous mappings of
 * 256 KiB (V8 heap pages: old and young generation, and those V8 keeps pooled after a collection; pages the kernel
 * happened to merge count as other) and other anonymous memory (malloc's per-thread arenas and large blocks,
 * thread stacks, V8's larger reservations).
 */
function mappings(): MemoryMap | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  const map: MemoryMap = { files: 0, mallocHeap: 0, v8Pages: 0, otherAnon: 0 };
  let kind: keyof MemoryMap = 'otherAnon';
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[3]!;
      const size = parseInt(head[2]!, 16) - parseInt(head[1]!, 16);
      kind = name.startsWith('/') ? 'files' : name === '[heap]' ? 'mallocHeap' : name === '' && size === 256 * 1024 ? 'v8Pages' : 'otherAnon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) map[kind] += Number(rss[1]) * 1024;
  }
  return map;
}

const gc = (globalThis as { gc?: () => void }).gc;

function memorySample(): MemorySample {
  const usage = process.memoryUsage();
  const map = mappings();
  return { rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, arrayBuffers: usage.arrayBuffers, ...(map ? { map } : {}) };
}
let simNow = 0;
let eventBytes = 0;

async function main(): Promise<void> {
  const init = await nextMessage<CoreInit>();
  simNow = init.now;
  const core = await startCockpitCore({
    tracks: [
      tunedDmsTrack({
        clock: () => simNow,
        metricPeriodSeconds: init.metricPeriodSeconds,
        // The parent drives every cycle; the monitor's own timer stays far away.
        intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000, maxBackoffMs: 3_600_000 },
        staleAfterIntervals: 1,
        call: { timeoutMs: 10_000 },
      }),
    ],
    dataDir: init.dataDir,
    appRoot: REPO,
    transport: 'web',
    version: 'bench',
    planFile: init.planFile,
    watchPlan: false,
    awsEndpoint: init.awsUrl,
  });
  // Batches are serialized as a transport would send them.
  core.subscribe((batch) => (eventBytes += JSON.stringify(batch).length));
  const monitor = core.runtimeOf(dmsTrack)?.replication.current;
  if (!monitor) throw new Error('the core started no DMS monitor');
  trace('core started');
  gc?.();
  const baseline = memorySample();
  await monitor.refreshNow();
  trace('first cycle');
  const first = monitor.snapshot();
  send({ type: 'ready', tasks: first.tasks.length, resolved: first.tasks.filter((t) => t.arn).length, baseline, calls: first.monitor.lastCycleCalls });
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
      reply.memory = memorySample();
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
