// The scale benchmark's cockpit core (forked by bench/lib/scale-estate.ts, with --expose-gc): the real core with the
// large plan against the rehearsal's AWS server in the parent, which owns the simulated clock.
// - init: imports the core (timed), starts it with the plan and answers `plan.get` through the real dispatcher, then
//   serializes the answer as a transport would (timed, part by part); puts every stack in lifecycle `registered`;
//   runs the monitor's first cycle (tasks found by identifier, instances and endpoints described).
// - cycle: one refresh cycle of the monitor, then the readiness service's evaluation of every wave, each timed (wall
//   and CPU of this process); with `memory`, RSS before and after a full collection.
// The benchmark keeps nothing of what it reads (the first answer and its JSON, the one monitor snapshot), and after
// that follows the monitor through its events as a UI does, so the memory and work it reports are the core's own.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CockpitCore } from '../../main/core/cockpit-core';
import type { PlanLoadResult } from '../../main/plan/load';
import type { DmsSnapshot, EventBatch, ReplicationTaskView } from '../../main/api/contract';
import type { ReplicationMonitor } from '../../main/tracks/dms/monitor/monitor';
import { REPO } from './common';

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
  /** Report RSS before and after a full collection. */
  readonly memory: boolean;
}
/** RSS by kind of mapping (bytes), from /proc/self/smaps. */
export interface MemoryMap {
  files: number;
  mallocHeap: number;
  v8Pages: number;
  otherAnon: number;
}
export interface MemorySample {
  /** RSS as the cycle left it, before the collection. */
  readonly rssBeforeGc: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly arrayBuffers: number;
  /** The process's RSS high-water mark so far (getrusage). */
  readonly maxRss: number;
  readonly map?: MemoryMap;
}
export interface FirstView {
  /** Importing main/core/cockpit-core.ts (under tsx, as the headless entry runs it). */
  readonly importMs: number;
  /** startCockpitCore until it resolves: data folder, journal, the plan read and validated, applied, the monitor made. */
  readonly startMs: number;
  /** Of it loadPlanFile (the core's default loader, timed). */
  readonly loadPlanMs: number;
  /** dispatch('plan.get'): the snapshot, the response schema's parse, the redaction of the answer. */
  readonly planGetMs: number;
  /** JSON.stringify of the answer, as the web bridge sends it. */
  readonly serializeMs: number;
  /** CPU time of the process (all threads) from startCockpitCore to the serialized answer. */
  readonly cpuMs: number;
  readonly bytes: number;
  readonly stacks: number;
  readonly waves: number;
  /** When startCockpitCore was called, ms since the process started (to find it in a --cpu-prof profile). */
  readonly startedAt: number;
}
export type CoreReply =
  | { type: 'ready'; firstView: FirstView; tasks: number; resolved: number; firstCycle: { ms: number; calls: Record<string, number> }; baseline: MemorySample }
  | {
      type: 'cycle';
      ms: number;
      cpuMs: number;
      calls: Record<string, number>;
      monitorState: string;
      stale: number;
      /** The readiness service's evaluation of every wave after the cycle (evaluateNow), wall and CPU. */
      readinessMs: number;
      readinessCpuMs: number;
      /** Waves whose readiness view changed (published). */
      wavesChanged: number;
      /** Evaluations the service ran on its own during the cycle (its 250 ms throttle timer). */
      evaluationsDuringCycle: number;
      readyWaves: number;
      /** Stacks whose gate is not green, per gate (infrastructure, registration, data, dependencies). */
      notGreen: Record<string, number>;
      /** Serialized event batches since the previous reply (this cycle's and the evaluation's, flushed). */
      eventBytes: number;
      /** Of them the readiness events (cutover.readiness), serialized on their own. */
      readinessBytes: number;
      memory?: MemorySample;
    }
  | { type: 'error'; message: string };

const gc = (globalThis as { gc?: () => void }).gc;
let simNow = 0;
let eventBytes = 0;
let readinessBytes = 0;

async function main(): Promise<void> {
  const init = await nextMessage<CoreInit>();
  simNow = init.now;
  const { core, firstView, stackIds, dmsMonitor } = await startCore(init);

  // Batches are serialized as a transport would send them; the monitor's state is read from them as a UI reads it.
  const facts = new MonitorFacts();
  core.subscribe((batch) => {
    eventBytes += JSON.stringify(batch).length;
    for (const event of batch.events) if (event.type === 'cutover.readiness') readinessBytes += JSON.stringify(event).length;
    facts.observe(batch);
  });
  // The estate is deployed and registered (the checkpoints on disk say so too): infrastructure and registration
  // gates green, the data gates and the waves' dependencies decide.
  for (const stackId of stackIds) core.setLifecycle(stackId, 'registered', 'bench');
  const monitor = dmsMonitor();
  if (!monitor) throw new Error('the core started no DMS monitor');
  const cycleStarted = performance.now();
  await monitor.refreshNow();
  const firstCycleMs = performance.now() - cycleStarted;
  core.readiness.evaluateNow();
  // Once, as a UI connecting now would.
  const first = facts.start(monitor.snapshot());
  send({
    type: 'ready',
    firstView,
    tasks: first.tasks,
    resolved: first.resolved,
    firstCycle: { ms: firstCycleMs, calls: first.calls },
    baseline: await memorySample(),
  });

  let bytesReported = eventBytes;
  let readinessReported = readinessBytes;
  for (;;) {
    const request = await nextMessage<CycleRequest | { type: 'stop' }>();
    if (request.type === 'stop') break;
    simNow = request.now;
    const evaluationsBefore = core.readiness.stats.evaluations;
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    await monitor.refreshNow();
    const ms = performance.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    const evaluationsDuringCycle = core.readiness.stats.evaluations - evaluationsBefore;
    // The refresh published its task views; the readiness service has a recompute scheduled: run it now, timed.
    const readinessCpuBefore = process.cpuUsage();
    const readinessBegan = performance.now();
    const wavesChanged = core.readiness.evaluateNow().length;
    const readinessMs = performance.now() - readinessBegan;
    const readinessCpu = process.cpuUsage(readinessCpuBefore);
    const reply: Extract<CoreReply, { type: 'cycle' }> = {
      type: 'cycle',
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      calls: {},
      monitorState: '',
      stale: 0,
      readinessMs,
      readinessCpuMs: (readinessCpu.user + readinessCpu.system) / 1000,
      wavesChanged,
      evaluationsDuringCycle,
      ...readinessFacts(core.readiness),
      eventBytes: 0,
      readinessBytes: 0,
    };
    if (request.memory) reply.memory = await memorySample();
    else await new Promise((resolve) => setTimeout(resolve, 60)); // the event batch flushes (every 50 ms)
    reply.calls = facts.calls;
    reply.monitorState = facts.state;
    reply.stale = facts.stale;
    reply.eventBytes = eventBytes - bytesReported;
    reply.readinessBytes = readinessBytes - readinessReported;
    bytesReported = eventBytes;
    readinessReported = readinessBytes;
    send(reply);
  }
  await core.close();
}

/**
 * Imports and starts the core with the plan and answers its first `plan.get`, timed. The answer and its JSON are
 * left behind here: the core's memory is measured later, and a transport keeps neither.
 */
async function startCore(
  init: CoreInit,
): Promise<{ core: CockpitCore; firstView: FirstView; stackIds: string[]; dmsMonitor: () => ReplicationMonitor | undefined }> {
  const importStarted = performance.now();
  const { startCockpitCore } = await import('../../main/core/cockpit-core');
  const { loadPlanFile } = await import('../../main/plan/load');
  const { CORE_TRACKS } = await import('../../main/tracks/index');
  const { composeGrammar } = await import('../../main/seam/plan-grammar');
  const { dmsTrack, tunedDmsTrack } = await import('../../main/tracks/dms/track');
  const importMs = performance.now() - importStarted;
  const grammar = composeGrammar(CORE_TRACKS);

  let loadPlanMs = NaN;
  const startCpu = process.cpuUsage();
  const started = performance.now();
  const core = await startCockpitCore({
    tracks: [
      tunedDmsTrack({
        clock: () => simNow,
        metricPeriodSeconds: init.metricPeriodSeconds,
        // The parent drives every cycle; the monitor's own timer stays far away.
        intervals: { fastMs: 3_600_000, normalMs: 3_600_000, idleMs: 3_600_000, maxBackoffMs: 3_600_000 },
        staleAfterIntervals: 1,
        call: { timeoutMs: 30_000 },
      }),
    ],
    dataDir: init.dataDir,
    appRoot: REPO,
    transport: 'web',
    version: 'bench',
    planFile: init.planFile,
    watchPlan: false,
    awsEndpoint: init.awsUrl,
    // The default loader, timed.
    loadPlan: async (file: string): Promise<PlanLoadResult> => {
      const began = performance.now();
      const result = await loadPlanFile(file, { appRoot: REPO, grammar });
      loadPlanMs = performance.now() - began;
      return result;
    },
  });
  const startMs = performance.now() - started;
  const answer = await core.dispatch('plan.get', {});
  const answered = performance.now();
  const body = JSON.stringify(answer);
  const serialized = performance.now();
  const cpu = process.cpuUsage(startCpu);
  if (!answer.ok) throw new Error(`plan.get failed: ${JSON.stringify(answer.error)}`);
  const snapshot = answer.value as { status: string; plan?: { stacks: { id: string }[]; waves: unknown[] } };
  if (snapshot.status !== 'loaded' || !snapshot.plan) throw new Error(`the plan did not load: ${body.slice(0, 2000)}`);
  const firstView: FirstView = {
    importMs,
    startMs,
    loadPlanMs,
    planGetMs: answered - started - startMs,
    serializeMs: serialized - answered,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes: Buffer.byteLength(body),
    stacks: snapshot.plan.stacks.length,
    waves: snapshot.plan.waves.length,
    startedAt: started,
  };
  return { core, firstView, stackIds: snapshot.plan.stacks.map((stack) => stack.id), dmsMonitor: () => core.runtimeOf(dmsTrack)?.replication.current };
}

/**
 * What the benchmark reads of the monitor: from a snapshot once, then from the events (the monitor's status, each
 * changed task view) as a connected UI keeps up, not from a snapshot of every task after every cycle, which no
 * transport asks for (at 6,000 tasks it builds 6,000 resource views each time).
 */
class MonitorFacts {
  private readonly staleTasks = new Set<string>();
  private status: { lastCycleCalls: Record<string, number>; state: string } | undefined;

  start(snapshot: DmsSnapshot): { tasks: number; resolved: number; calls: Record<string, number> } {
    this.status = snapshot.monitor;
    for (const task of snapshot.tasks) this.see(task);
    return { tasks: snapshot.tasks.length, resolved: snapshot.tasks.filter((t) => t.arn).length, calls: snapshot.monitor.lastCycleCalls };
  }

  observe(batch: EventBatch): void {
    for (const event of batch.events) {
      if (event.type === 'dms.monitor') this.status = event.monitor;
      else if (event.type === 'dms.tasks') for (const task of event.tasks) this.see(task);
    }
  }

  get calls(): Record<string, number> {
    return this.status?.lastCycleCalls ?? {};
  }

  get state(): string {
    return this.status?.state ?? '';
  }

  get stale(): number {
    return this.staleTasks.size;
  }

  private see(task: ReplicationTaskView): void {
    if (task.freshness.stale) this.staleTasks.add(task.key);
    else this.staleTasks.delete(task.key);
  }
}

/** Ready waves and the stacks whose gate is not green, per gate, from the readiness service's views. */
function readinessFacts(readiness: CockpitCore['readiness']): { readyWaves: number; notGreen: Record<string, number> } {
  const waves = readiness.snapshot();
  const notGreen: Record<string, number> = {};
  for (const wave of waves)
    for (const stack of wave.stacks) for (const gate of stack.gates) if (gate.status !== 'green') notGreen[gate.gate] = (notGreen[gate.gate] ?? 0) + 1;
  return { readyWaves: waves.filter((wave) => wave.ready).length, notGreen };
}

async function memorySample(): Promise<MemorySample> {
  await new Promise((resolve) => setTimeout(resolve, 80)); // let the event batch flush first
  const rssBeforeGc = process.memoryUsage.rss();
  gc?.();
  const usage = process.memoryUsage();
  const map = mappings();
  return {
    rssBeforeGc,
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    arrayBuffers: usage.arrayBuffers,
    maxRss: process.resourceUsage().maxRSS * 1024,
    ...(map ? { map } : {}),
  };
}

/**
 * Where the RSS is (Linux): file mappings (node, shared libraries), the brk heap (glibc malloc's main arena: array
 * buffers, native buffers), 256 KiB anonymous mappings (V8 heap pages) and other anonymous memory (malloc's thread
 * arenas, thread stacks, V8's larger reservations). The same split as bench/monitor-core.ts.
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
