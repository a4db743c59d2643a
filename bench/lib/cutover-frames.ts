// The cutover readiness benchmark, part 2 (bench/cutover.ts): the UI under streaming readiness. The real renderer
// (dist/renderer, built first) served by the core through the web bridge, opened in Chromium on the gate matrix of
// the 200-stack wave while the rehearsal runs time-accelerated, the monitor polls every second and lifecycles flip;
// frame durations from requestAnimationFrame deltas, Long Animation Frames and long tasks (bench/lib/browser.ts).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RENDERER_DIR } from '../../host/cli/app-paths';
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { tunedDmsTrack } from '../../main/tracks/dms/track';
import { startAwsRehearsal } from '../../rehearsal/aws-rehearsal';
import { FRAME_COLLECT, FRAME_PROBE, FRAME_TARGET_MS, openCockpitInChromium, percentiles, type CockpitInChromium, type FrameSample } from './browser';
import { log, makeTempDir, REPO } from './common';
import { benchPlan, benchScenario, PERIOD_SECONDS, stackName } from './cutover-plan';

export interface FrameResult {
  readonly seconds: number;
  readonly frames: number;
  readonly deltas: { median: number; p95: number; p99: number; max: number };
  readonly over50: number;
  readonly loaf: { count: number; max: number; blockingMax: number; scriptsMax: number; renderMax: number } | null;
  readonly longTasks: { count: number; max: number } | null;
  readonly readinessEvents: number;
  readonly rowsRendered: number;
  readonly scrolled: boolean;
  readonly chromium: string;
}

export async function frameBench(stackCount: number, seconds: number): Promise<FrameResult> {
  const dir = await makeTempDir('mc-bench-cutover-ui-');
  const timeScale = 30;
  const aws = await startAwsRehearsal({ timeScale, scenario: benchScenario(stackCount) });
  let core: CockpitCore | undefined;
  let chromium: CockpitInChromium | undefined;
  let flipper: NodeJS.Timeout | undefined;
  try {
    aws.simulation.advance(3_600_000);
    const planFile = path.join(dir, 'migration.yaml');
    await writeFile(planFile, benchPlan(aws, stackCount));
    core = await startCockpitCore({
      // A cycle every real second (30 simulated seconds); staleness judged on the simulated clock accordingly.
      tracks: [
        tunedDmsTrack({
          clock: () => aws.simulation.now(),
          intervals: { fastMs: 1000, normalMs: 1000, idleMs: 1000, maxBackoffMs: 8000 },
          metricPeriodSeconds: PERIOD_SECONDS,
          staleAfterIntervals: 200,
        }),
      ],
      dataDir: path.join(dir, 'data'),
      appRoot: REPO,
      transport: 'web',
      version: 'bench',
      planFile,
      watchPlan: false,
      awsEndpoint: aws.url,
    });
    const stackIds = Array.from({ length: stackCount }, (_, s) => `apps/${stackName(s)}`);
    for (const id of stackIds) core.setLifecycle(id, 'registered', 'bench');
    core.setLifecycle('infra/network', 'cut-over', 'bench');

    chromium = await openCockpitInChromium(core, RENDERER_DIR);
    const version = chromium.browser.version();
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(chromium.url);
    await page.getByRole('tab', { name: 'Cutover' }).click();
    await page.locator('[data-testid="readiness-view"] button[data-wave-id="wave-2"]').click();
    await page.locator('[data-testid="gate-matrix"][data-wave-id="wave-2"] [data-testid="gate-row"]').first().waitFor({ timeout: 30_000 });
    // Let the first burst settle (plan, snapshot, the monitor's first cycles).
    await page.waitForTimeout(3000);

    // Infrastructure flips on a few stacks four times a second: with the monitor's cycles, the matrix changes at
    // the service's maximum rate.
    let flip = 0;
    const failed = new Set<string>();
    flipper = setInterval(() => {
      for (let i = 0; i < 5; i++) {
        const id = stackIds[(flip * 7 + i * 37) % stackIds.length]!;
        if (failed.delete(id)) core!.setLifecycle(id, 'registered', 'bench flip');
        else {
          failed.add(id);
          core!.setLifecycle(id, 'failed', 'bench flip');
        }
      }
      flip++;
    }, 250);

    const publishedBefore = core.readiness.stats.published;
    await page.evaluate(FRAME_PROBE);
    // First half watching, second half scrolling the grid up and down (rows re-rendered by the virtualizer).
    const half = Math.round((seconds * 1000) / 2);
    await page.waitForTimeout(half);
    const grid = page.locator('[data-testid="gate-matrix"] [role="grid"]');
    const scrollUntil = Date.now() + half;
    let direction = 1;
    while (Date.now() < scrollUntil) {
      await grid.evaluate((element, step) => element.scrollBy(0, step), direction * 400);
      const atEnd = await grid.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 2 || element.scrollTop === 0);
      if (atEnd) direction = -direction;
      await page.waitForTimeout(100);
    }
    const measured = (await page.evaluate(FRAME_COLLECT)) as FrameSample;
    const rows = (await page.evaluate(`document.querySelectorAll('[data-testid="gate-row"]').length`)) as number;
    if (process.env.MC_BENCH_VERBOSE) {
      for (const l of measured.loaf ?? [])
        log(
          `  LoAF at +${((l.at - measured.startedAt) / 1000).toFixed(1)} s: ${l.duration.toFixed(0)} ms (blocking ${l.blocking.toFixed(0)}, scripts ${l.scripts.toFixed(0)}, render ${l.render.toFixed(0)}, style+layout ${l.styleLayout.toFixed(0)})`,
        );
      let t = 0;
      const half = measured.deltas.length / 2;
      measured.deltas.forEach((d, i) => {
        t += d;
        if (d > 50) log(`  frame ${i} (${i < half ? 'watching' : 'scrolling'}) at +${(t / 1000).toFixed(1)} s: ${d.toFixed(1)} ms`);
      });
    }
    clearInterval(flipper);
    flipper = undefined;
    const deltas = measured.deltas.slice(1);
    const p = percentiles(deltas);
    return {
      seconds,
      frames: deltas.length,
      deltas: { median: p.median, p95: p.p95, p99: p.p99, max: p.max },
      over50: deltas.filter((d) => d > FRAME_TARGET_MS).length,
      loaf: measured.loaf
        ? {
            count: measured.loaf.length,
            max: Math.max(0, ...measured.loaf.map((l) => l.duration)),
            blockingMax: Math.max(0, ...measured.loaf.map((l) => l.blocking)),
            scriptsMax: Math.max(0, ...measured.loaf.map((l) => l.scripts)),
            renderMax: Math.max(0, ...measured.loaf.map((l) => l.render)),
          }
        : null,
      longTasks: measured.longTasks ? { count: measured.longTasks.length, max: Math.max(0, ...measured.longTasks) } : null,
      readinessEvents: core.readiness.stats.published - publishedBefore,
      rowsRendered: rows,
      scrolled: true,
      chromium: version,
    };
  } finally {
    if (flipper) clearInterval(flipper);
    await chromium?.close();
    await core?.close();
    await aws.close();
  }
}
