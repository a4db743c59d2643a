// The downtime benchmark's direct floors (bench/downtime.ts): the same work done without the cockpit, the Pulumi
// updates run by the CLI a few stacks at a time as the cockpit's steps run them, and the health URLs asked directly.
import { performance } from 'node:perf_hooks';
import { cpuSample, cpuUse } from './downtime-cpu';
import type { DirectRun } from './downtime-report';

/** Runs `work` for every stack, `parallel` at a time, as the cockpit's steps do; the wall time of the whole. */
export async function directPool(names: readonly string[], parallel: number, work: (name: string) => Promise<unknown>): Promise<DirectRun> {
  const queue = [...names];
  const perStack: number[] = [];
  const before = cpuSample();
  const start = performance.now();
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const begin = performance.now();
      await work(name);
      perStack.push((performance.now() - begin) / 1000);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, names.length) }, worker));
  const wallSeconds = (performance.now() - start) / 1000;
  return { wallSeconds, perStackSeconds: perStack, cpu: cpuUse(before, cpuSample()) };
}

/** The health URLs asked once each, all at once, as the http-check asks them; seconds until every one answered 200. */
export async function directHealthChecks(urls: readonly string[]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { redirect: 'manual' });
      await response.body?.cancel();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    }),
  );
  return (performance.now() - start) / 1000;
}
