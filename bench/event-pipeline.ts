// Benchmark 3: engine events core → UI. Synthetic engine events go through the real OperationRunner (its
// per-event path: ProgressTracker.apply, redaction, operation.log per line; the view refreshed and operation.updated
// published at most every 50 ms), the real EventBatcher
// and the real web bridge to a WebSocket client in another process (bench/event-client.ts) that parses every
// batch. Runs in a child process of its own (runEventPipelineInChild), so its memory figures are its own.
import type { Stack } from '@pulumi/pulumi/automation';
import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CockpitEvent, OperationView } from '../main/api/contract';
import { createEventBatcher } from '../main/api/event-batcher';
import { startWebBridge } from '../host/web/web-bridge';
import { FileJournal } from '../main/journal/journal';
import { newOperationView, OperationRunner, type OperationBody } from '../main/pulumi/operations';
import { ProgressTracker } from '../main/pulumi/progress';
import { SecretRedactor } from '../main/secrets/redactor';
import type { ClientMessage, ParentMessage } from './event-client';
import { BENCH_DIR, makeTempDir, removeTempDirs, stats } from './lib/common';
import { syntheticUp } from './lib/synthetic-events';

export interface EventPipelineOptions {
  /** Engine events to feed in all (whole operations, so slightly more). */
  readonly events: number;
  readonly resourcesPerOperation: number;
  /** Operations running at once (a wave's maxParallel). */
  readonly concurrency: number;
  /** Events handed to onEvent per macrotask, as the Automation API's events server receives them in bursts. */
  readonly chunk: number;
  /** No new operation starts after this many seconds (the running ones finish): bounds the run on slow code. */
  readonly maxSeconds: number;
  /** Stack sizes for the per-event cost breakdown of OperationRunner's onEvent (none: skipped). */
  readonly breakdownResources: readonly number[];
}

export const DEFAULT_EVENT_PIPELINE: EventPipelineOptions = {
  events: 200_000,
  resourcesPerOperation: 500,
  concurrency: 4,
  chunk: 100,
  maxSeconds: 30,
  breakdownResources: [100, 500, 1000],
};

export interface StageCosts {
  readonly resources: number;
  readonly events: number;
  /** Microseconds per engine event in OperationRunner's onEvent: tracker.apply(event). */
  readonly apply: number;
  /** Microseconds per engine event: redactDeep + publish(operation.log) for each of its lines. */
  readonly logLines: number;
  /** Microseconds per view refresh (counts, stepList(), changes, redactDeep({ ...view }), publish(operation.updated)). */
  readonly refresh: number;
  /** The part of `refresh` spent in redactor.redactDeep({ ...view }). */
  readonly refreshRedact: number;
}

export interface EventPipelineResult {
  readonly options: EventPipelineOptions;
  readonly operations: number;
  /** True when maxSeconds stopped the run before `events` engine events. */
  readonly capped: boolean;
  readonly engineEvents: number;
  readonly logLines: number;
  /** First event handed to onEvent until the client has parsed the batch with the last log line. */
  readonly endToEndSeconds: number;
  readonly eventsPerSecond: number;
  /** First event until the last operation ended in the runner (the core's side alone). */
  readonly feedSeconds: number;
  /** Time inside OperationRunner's onEvent callback, summed. */
  readonly onEventSeconds: number;
  readonly coreCpuSeconds: number;
  readonly batches: number;
  readonly batchesPerSecond: number;
  readonly maxBatchEvents: number;
  readonly bytesReceived: number;
  readonly sequenceGaps: number;
  readonly clientParseSeconds: number;
  /** Batch flushed by the batcher → parsed by the client. */
  readonly lagMs: { median: number; p95: number; max: number };
  readonly clientDisconnected: string | null;
  readonly memory: {
    readonly baselineRssBytes: number;
    readonly peakRssBytes: number;
    readonly baselineHeapBytes: number;
    readonly peakHeapBytes: number;
    /** Heap after the run and a full GC, minus the baseline (also after a GC). */
    readonly retainedHeapBytes: number;
    readonly clientMaxRssBytes: number;
  };
  readonly breakdown: readonly StageCosts[];
}

const now = () => performance.timeOrigin + performance.now();
const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
/** The cockpit's redactor always holds at least the stack passphrase (main/pulumi/workspace.ts adds it). */
const PASSPHRASE = 'bench-passphrase-0123456789abcdef';

export async function runEventPipeline(options: EventPipelineOptions): Promise<EventPipelineResult> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const dir = await makeTempDir('mc-bench-events-');
  const redactor = new SecretRedactor();
  redactor.add(PASSPHRASE);
  const { journal } = await FileJournal.open(path.join(dir, 'journal'), { redact: (entry) => redactor.redactDeep(entry) });
  const batcher = createEventBatcher();
  const flushedAt = new Map<number, number>();
  batcher.subscribe((batch) => void flushedAt.set(batch.sequence, now()));
  const bridge = await startWebBridge({
    dispatch: async () => ({ ok: false, error: { code: 'failed', message: 'not part of the benchmark' } }),
    subscribe: (listener) => batcher.subscribe(listener),
    staticDir: dir,
  });

  const client = fork(path.join(BENCH_DIR, 'event-client.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_WS_URL: `${bridge.origin.replace('http', 'ws')}/api/events`, BENCH_WS_TOKEN: bridge.token },
  });
  let clientDisconnected: string | null = null;
  const clientMessage = (type: ClientMessage['type']) =>
    new Promise<ClientMessage>((resolve, reject) => {
      const onMessage = (message: ClientMessage) => {
        if (message.type === 'closed') clientDisconnected = `closed by the bridge: ${message.code} ${message.reason}`;
        if (message.type === type) resolve(message);
        else if (message.type === 'closed') reject(new Error(`the event client was disconnected (${message.code} ${message.reason})`));
      };
      client.on('message', onMessage);
      client.once('exit', (code) => reject(new Error(`the event client exited (${code})`)));
    });

  try {
    await clientMessage('ready');
    let linesPublished = 0;
    const publish = (event: CockpitEvent) => {
      if (event.type === 'operation.log') linesPublished++;
      batcher.publish(event);
    };
    const runner = new OperationRunner({
      journal,
      redactor,
      publish,
      log: () => {},
      // The body below never touches the stack: the events are synthetic.
      openStack: async () => ({}) as Stack,
    });

    let engineEvents = 0;
    let onEventMs = 0;
    const body = (stack: string): OperationBody => ({
      kind: 'up',
      async run(_stack, { onEvent }) {
        const { events } = syntheticUp(stack, 'platform-production', options.resourcesPerOperation);
        for (let index = 0; index < events.length; index++) {
          const start = performance.now();
          onEvent(events[index]!);
          onEventMs += performance.now() - start;
          if ((index + 1) % options.chunk === 0) await nextMacrotask();
        }
        engineEvents += events.length;
        return { changes: {} };
      },
    });
    const eventsPerOperation = syntheticUp('probe', 'platform-production', options.resourcesPerOperation).events.length;
    const operations = Math.ceil(options.events / eventsPerOperation);

    gc();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 20);

    const cpuStart = process.cpuUsage();
    const start = now();
    let next = 0;
    const failures: OperationView[] = [];
    let capped = false;
    let started = 0;
    const worker = async () => {
      for (let index = next++; index < operations; index = next++) {
        if (now() - start > options.maxSeconds * 1000) {
          capped = true;
          break;
        }
        started++;
        const view = runner.start(`platform-production/app${String(index).padStart(4, '0')}`, body(`app${index}`));
        const finished = await runner.waitFor(view.operationId);
        if (finished.status !== 'succeeded') failures.push(finished);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const fed = now();
    if (failures.length > 0) throw new Error(`synthetic operations failed: ${failures.map((view) => view.message).join('; ')}`);
    const donePromise = clientMessage('done');
    client.send({ type: 'expect', lines: linesPublished } satisfies ParentMessage);
    const done = (await donePromise) as Extract<ClientMessage, { type: 'done' }>;
    const cpu = process.cpuUsage(cpuStart);
    clearInterval(sampler);
    gc();
    const after = process.memoryUsage();

    const lags = done.received.map(([sequence, at]) => at - (flushedAt.get(sequence) ?? at));
    const lagStats = stats(lags);
    const sortedLags = [...lags].sort((a, b) => a - b);
    const endToEndSeconds = (done.lastAt - start) / 1000;

    if (options.breakdownResources.length > 0) stageCosts(options.breakdownResources[0]!, redactor); // JIT warm-up
    const breakdown = options.breakdownResources.map((resources) => stageCosts(resources, redactor));
    return {
      options,
      operations: started,
      capped,
      engineEvents,
      logLines: linesPublished,
      endToEndSeconds,
      eventsPerSecond: engineEvents / endToEndSeconds,
      feedSeconds: (fed - start) / 1000,
      onEventSeconds: onEventMs / 1000,
      coreCpuSeconds: (cpu.user + cpu.system) / 1e6,
      batches: done.batches,
      batchesPerSecond: done.batches / endToEndSeconds,
      maxBatchEvents: done.maxBatchEvents,
      bytesReceived: done.bytes,
      sequenceGaps: done.sequenceGaps,
      clientParseSeconds: done.parseMs / 1000,
      lagMs: { median: lagStats.median, p95: sortedLags[Math.floor(sortedLags.length * 0.95)] ?? NaN, max: lagStats.max },
      clientDisconnected,
      memory: {
        baselineRssBytes: baseline.rss,
        peakRssBytes: peakRss,
        baselineHeapBytes: baseline.heapUsed,
        peakHeapBytes: peakHeap,
        retainedHeapBytes: after.heapUsed - baseline.heapUsed,
        clientMaxRssBytes: done.maxRssBytes,
      },
      breakdown,
    };
  } finally {
    if (client.connected) client.send({ type: 'exit' } satisfies ParentMessage);
    await new Promise<void>((resolve) => {
      if (client.exitCode !== null || client.signalCode !== null) return resolve();
      const timer = setTimeout(() => client.kill(), 2000);
      client.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await bridge.close();
    batcher.close();
    await removeTempDirs();
  }
}

/**
 * The costs inside OperationRunner's onEvent (main/pulumi/operations.ts) for one operation on a stack of `resources`
 * resources, timed part by part on a replica of that callback:
 *   apply    — tracker.apply(event), per event
 *   logLines — redactor.redactDeep(line) + publish(operation.log) for each line, per event
 *   refresh  — the view refresh the runner does at most every 50 ms: view.counts / view.steps = tracker.stepList() /
 *              view.changes, then publish(operation.updated) with redactor.redactDeep({ ...view }). Timed after every
 *              event here, so it is the mean over the operation's progress (the step list grows as it runs).
 */
function stageCosts(resources: number, redactor: SecretRedactor): StageCosts {
  const { events } = syntheticUp('breakdown', 'platform-production', resources);
  const batcher = createEventBatcher({ flushMs: 60_000 });
  batcher.subscribe(() => {});
  const tracker = new ProgressTracker('breakdown-operation');
  const view = newOperationView({ operationId: 'breakdown-operation', kind: 'up', stackId: 'platform-production/breakdown', parentOperationId: null });
  const ms = { apply: 0, logLines: 0, refresh: 0, refreshRedact: 0 };
  for (const event of events) {
    const t0 = performance.now();
    const lines = tracker.apply(event);
    const t1 = performance.now();
    for (const line of lines) batcher.publish({ type: 'operation.log', line: redactor.redactDeep(line) });
    const t2 = performance.now();
    view.counts = { ...tracker.counts };
    view.steps = tracker.stepList();
    view.changes = tracker.changes;
    const t3 = performance.now();
    const operation = redactor.redactDeep({ ...view });
    const t4 = performance.now();
    batcher.publish({ type: 'operation.updated', operation });
    const t5 = performance.now();
    ms.apply += t1 - t0;
    ms.logLines += t2 - t1;
    ms.refresh += t5 - t2;
    ms.refreshRedact += t4 - t3;
  }
  batcher.close();
  const perEvent = (value: number) => (value * 1000) / events.length;
  return {
    resources,
    events: events.length,
    apply: perEvent(ms.apply),
    logLines: perEvent(ms.logLines),
    refresh: perEvent(ms.refresh),
    refreshRedact: perEvent(ms.refreshRedact),
  };
}

/** Runs the benchmark in a child process (with --expose-gc), so its memory figures are its own. */
export function runEventPipelineInChild(options: EventPipelineOptions): Promise<EventPipelineResult> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, ['--child'], { execArgv: ['--import', 'tsx', '--expose-gc'] });
    let result: EventPipelineResult | undefined;
    let failure: string | undefined;
    child.on('message', (message: { result?: EventPipelineResult; error?: string }) => {
      result = message.result ?? result;
      failure = message.error ?? failure;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(failure ?? `the event-pipeline benchmark exited with ${code}`));
    });
    child.send(options);
  });
}

if (process.argv[2] === '--child' && process.send) {
  // The parent went away (interrupted): stop, cleaning up the temporary folder.
  process.once('disconnect', () => void removeTempDirs().finally(() => process.exit(1)));
  process.once('message', (options: EventPipelineOptions) => {
    runEventPipeline(options).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
    );
  });
}
