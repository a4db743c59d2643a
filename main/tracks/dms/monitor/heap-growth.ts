// How far V8 lets its old space grow past the live data before the next full collection, for a process that
// polls DMS for hours. By default V8 picks a factor of up to 4 × the live heap when garbage arrives quickly, and
// the monitor's refresh cycles make garbage quickly: the AWS SDK's (de)serialization of 1,000 tasks and 5,000
// metric queries, promoted to the old space because a cycle outlives several young-generation collections.
// The heap then peaks near 4 × 30 MiB of live data, and V8 keeps the pages it freed pooled (committed) instead
// of returning them: in the monitor benchmark about 120 MiB of RSS that is neither live heap nor array buffers.
// V8's conservative factor (1.3, what it uses itself when it optimizes for memory) costs about one extra full
// collection per refresh cycle of 1,000 tasks (about 10 ms, mostly concurrent) and keeps that memory away.
import v8 from 'node:v8';

/** The old space may grow by this much (percent of the live heap) before the next full collection. */
export const MONITOR_HEAP_GROWING_PERCENT = 30;

let applied = false;

/**
 * Caps V8's heap growing factor for the rest of the process (once; a flag the operator set on the command line,
 * NODE_OPTIONS or Electron's --js-flags wins). The flag is read at every full collection, so setting it at run
 * time takes effect at the next one; Node.js and Electron leave V8's flags writable after start for this.
 */
export function limitHeapGrowth(): void {
  if (applied) return;
  applied = true;
  const given = [...process.execArgv, ...process.argv, process.env.NODE_OPTIONS ?? ''].some((arg) => /heap[-_]growing[-_]percent/.test(arg));
  if (!given) v8.setFlagsFromString(`--heap-growing-percent=${MONITOR_HEAP_GROWING_PERCENT}`);
}
