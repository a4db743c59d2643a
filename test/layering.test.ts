// The layering rules are lint rules; this checks they really fire, so a config change cannot silently drop them.
import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function ruleMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, '..', file) });
  return (result?.messages ?? []).map((message) => message.message);
}

const ROOT = path.resolve(import.meta.dirname, '..');
// Not source: build output, reports, dependencies, prose and sample plans.
const NOT_SOURCE = new Set(['node_modules', 'dist', 'out', 'test-results', 'playwright-report', 'docs', 'examples']);

/** The first lintable file under `folder` (repository-relative), if any; not a test, since some rows relax tests. */
function firstSourceFile(folder: string): string | undefined {
  for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      const found = firstSourceFile(relative);
      if (found !== undefined) return found;
    } else if (entry.isFile() && /\.(tsx?|m?js)$/.test(entry.name) && !/\.test\./.test(entry.name)) {
      return relative;
    }
  }
  return undefined;
}

describe('layering lint rules', () => {
  it('keeps electron out of the core', async () => {
    expect(await ruleMessages('main/core/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('main/ is the headless core'),
    ]);
  });

  it('keeps the rehearsal environment out of the core, except in its composition root', async () => {
    const code = "import { embeddedRehearsal } from '../../rehearsal/embedded';\nexport const s = embeddedRehearsal;\n";
    expect(await ruleMessages('main/core/probe.ts', code)).toEqual([expect.stringContaining('only the composition roots')]);
    expect(await ruleMessages('host/cli/serve.ts', code)).toEqual([]);
    expect(await ruleMessages('host/cli/serve.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(
      await ruleMessages('host/cli/serve.ts', "import { startAwsRehearsal } from '../../rehearsal/aws-rehearsal';\nexport const s = startAwsRehearsal;\n"),
    ).toEqual([expect.stringContaining('nothing else of rehearsal/')]);
  });

  it('keeps main/ a library: the hosts import it, never the other way round', async () => {
    const code = "import { serveCommand } from '../../host/cli/serve';\nexport const s = serveCommand;\n";
    expect(await ruleMessages('main/core/probe.ts', code)).toEqual([expect.stringContaining('main/ is a library')]);
    expect(await ruleMessages('main/monitoring/probe.ts', code)).toContainEqual(expect.stringContaining('main/ is a library'));
    expect(await ruleMessages('host/web/probe.ts', "import { httpStatusOf } from '../../main/api/dispatcher';\nexport const h = httpStatusOf;\n")).toEqual([]);
    expect(await ruleMessages('host/web/probe.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n")).toHaveLength(1);
  });

  it('lets rehearsal/ reach the core only through main/ports', async () => {
    expect(await ruleMessages('rehearsal/registry/probe.ts', "import { loadPlanFile } from '../../main/plan/load';\nexport const l = loadPlanFile;\n")).toEqual(
      [expect.stringContaining('only through its declared port')],
    );
    expect(await ruleMessages('rehearsal/probe.ts', "import type { CockpitEvent } from '../main/api/contract';\nexport type E = CockpitEvent;\n")).toHaveLength(
      1,
    );
    expect(
      await ruleMessages('rehearsal/registry/probe.ts', "import { loadPlanFile } from '../../main/ports/plan-reading';\nexport const l = loadPlanFile;\n"),
    ).toEqual([]);
    expect(
      await ruleMessages('rehearsal/probe.ts', "import type { StartRehearsal } from '../main/ports/rehearsal';\nexport type S = StartRehearsal;\n"),
    ).toEqual([]);
    expect(await ruleMessages('rehearsal/probe.ts', "import { serveCommand } from '../host/cli/serve';\nexport const s = serveCommand;\n")).toHaveLength(1);
  });

  it('keeps the rehearsal kernel and seam free of tracks, and each rehearsal track to itself', async () => {
    const trackImport = "import { dmsSimulator } from '../tracks/dms/track';\nexport const d = dmsSimulator;\n";
    expect(await ruleMessages('rehearsal/kernel/probe.ts', trackImport)).toEqual([expect.stringContaining('never import rehearsal/tracks/')]);
    expect(
      await ruleMessages('rehearsal/seam/probe.ts', "import type { DmsTrackSimulator } from '../tracks/dms/track';\nexport type D = DmsTrackSimulator;\n"),
    ).toEqual([expect.stringContaining('never import rehearsal/tracks/')]);
    expect(await ruleMessages('rehearsal/kernel/probe.ts', "import { WireFaults } from './wire-faults';\nexport const w = WireFaults;\n")).toEqual([]);
    expect(await ruleMessages('rehearsal/kernel/probe.ts', "import { loadPlanFile } from '../../main/plan/load';\nexport const l = loadPlanFile;\n")).toEqual([
      expect.stringContaining('only through its declared port'),
    ]);
    const anotherTrack = expect.stringContaining('never imports another track');
    expect(
      await ruleMessages('rehearsal/tracks/health/probe.ts', "import { DmsSimulation } from '../dms/simulation';\nexport const d = DmsSimulation;\n"),
    ).toEqual([anotherTrack]);
    expect(
      await ruleMessages('rehearsal/tracks/health/probe.ts', "import { createTrackSimulators } from '../index';\nexport const c = createTrackSimulators;\n"),
    ).toEqual([anotherTrack]);
    expect(
      await ruleMessages('rehearsal/tracks/health/probe.ts', "import { DmsSimulation } from '../../tracks/dms/simulation';\nexport const d = DmsSimulation;\n"),
    ).toEqual([anotherTrack]);
    expect(
      await ruleMessages(
        'rehearsal/tracks/dms/probe.ts',
        "import { DmsSimulation } from './simulation';\nimport { AwsError } from '../../kernel/errors';\nimport type { TrackSimulator } from '../../seam/track-simulator';\nimport { errorReply } from '../../registry/http-io';\nimport { AwsRegion } from '../../../main/ports/plan-reading';\nexport type T = TrackSimulator;\nexport const all = [DmsSimulation, AwsError, errorReply, AwsRegion];\n",
      ),
    ).toEqual([]);
    expect(await ruleMessages('rehearsal/tracks/index.ts', "import { dmsSimulator } from './dms/track';\nexport const d = dmsSimulator;\n")).toEqual([]);
  });

  it('keeps main/ports a declared surface over main/plan and the contract', async () => {
    expect(await ruleMessages('main/ports/probe.ts', "export { loadPlanFile } from '../plan/load';\n")).toEqual([]);
    expect(await ruleMessages('main/ports/probe.ts', "export { readBoundedBody } from '../net/bounded-body';\n")).toEqual([]);
    // Plans are read with the tracks' grammar, and the DMS track's plan part is read by the rehearsal's DMS simulator.
    expect(await ruleMessages('main/ports/probe.ts', "export { composeGrammar } from '../seam/plan-grammar';\n")).toEqual([]);
    expect(await ruleMessages('main/ports/probe.ts', "export { CORE_TRACKS } from '../tracks/index';\n")).toEqual([]);
    expect(await ruleMessages('main/ports/probe.ts', "export { dmsPlan } from '../tracks/dms/plan';\n")).toEqual([]);
    expect(await ruleMessages('main/ports/probe.ts', "export { ReplicationMonitor } from '../tracks/dms/monitor/monitor';\n")).toEqual([
      expect.stringContaining('main/ports declares'),
    ]);
    expect(await ruleMessages('main/ports/probe.ts', "import { startCockpitCore } from '../core/cockpit-core';\nexport const s = startCockpitCore;\n")).toEqual(
      [expect.stringContaining('main/ports declares')],
    );
  });

  it('keeps the shared monitoring machinery free of any track: only contract types, nothing of a track', async () => {
    expect(
      await ruleMessages(
        'main/monitoring/probe.ts',
        "import { ReplicationMonitor } from '../tracks/dms/monitor/monitor';\nexport const m = ReplicationMonitor;\n",
      ),
    ).toEqual([expect.stringContaining('main/monitoring is shared by every track')]);
    expect(
      await ruleMessages('main/monitoring/probe.ts', "import type { ReplicationApi } from '../tracks/dms/monitor/clients';\nexport type A = ReplicationApi;\n"),
    ).toEqual([expect.stringContaining('main/monitoring is shared by every track')]);
    expect(await ruleMessages('main/monitoring/probe.ts', "import { CommandError } from '../api/dispatcher';\nexport const c = CommandError;\n")).toHaveLength(
      1,
    );
    expect(await ruleMessages('main/monitoring/probe.ts', "import { DMS_METRICS } from '../api/contract';\nexport const d = DMS_METRICS;\n")).toEqual([
      expect.stringContaining('only types from the API contract'),
    ]);
    expect(
      await ruleMessages(
        'main/monitoring/probe.ts',
        "import type { MonitorStatusView } from '../api/contract';\nimport { pace } from './pace';\nexport type S = MonitorStatusView;\nexport const p = pace;\n",
      ),
    ).toEqual([]);
    // The core's own rules still hold there, and a track builds on the machinery.
    expect(await ruleMessages('main/monitoring/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('main/ is the headless core'),
    ]);
    expect(await ruleMessages('main/tracks/dms/monitor/probe.ts', "import { pace } from '../../../monitoring/pace';\nexport const p = pace;\n")).toEqual([]);
  });

  it('keeps Node built-ins out of the renderer', async () => {
    expect(await ruleMessages('renderer/src/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual([
      expect.stringContaining('no Node built-ins'),
    ]);
    expect(await ruleMessages('renderer/src/probe.ts', "import path from 'path';\nexport const p = path;\n")).toHaveLength(1);
  });

  it('lets the renderer import only types from the core', async () => {
    expect(await ruleMessages('renderer/src/probe.ts', "import { commands } from '../../main/api/contract';\nexport const c = commands;\n")).toEqual([
      expect.stringContaining('may only `import type` from the core'),
    ]);
    expect(await ruleMessages('renderer/src/probe.ts', "import type { CockpitApi } from '../../main/api/contract';\nexport type C = CockpitApi;\n")).toEqual(
      [],
    );
  });

  it('keeps the core UI free of any track: it reaches them through the list and renderer/src/seam/', async () => {
    const noTrack = expect.stringContaining('Core renderer code never imports a track directly');
    expect(
      await ruleMessages(
        'renderer/src/components/plan/probe.tsx',
        "import { WaveGate } from '../../tracks/dms/components/WaveGate';\nexport const w = WaveGate;\n",
      ),
    ).toEqual([noTrack]);
    expect(await ruleMessages('renderer/src/probe.ts', "import { dmsUi } from './tracks/dms/ui';\nexport const d = dmsUi;\n")).toEqual([noTrack]);
    expect(await ruleMessages('renderer/src/store/probe.ts', "import type { DmsState } from '../tracks/dms/store/dms';\nexport type D = DmsState;\n")).toEqual([
      noTrack,
    ]);
    // Tests of the core UI too (only the browser rules are relaxed for them).
    expect(
      await ruleMessages('renderer/src/lib/probe.test.ts', "import { taskName } from '../tracks/dms/lib/replication';\nexport const t = taskName;\n"),
    ).toEqual([noTrack]);
    expect(await ruleMessages('renderer/src/probe.ts', "import { TRACK_UIS } from './tracks/index';\nexport const t = TRACK_UIS;\n")).toEqual([]);
    expect(
      await ruleMessages('renderer/src/components/plan/probe.tsx', "import { useTrackUis } from '../../seam/use-track';\nexport const u = useTrackUis;\n"),
    ).toEqual([]);
    // The core's own tracks folder is not the renderer's.
    expect(await ruleMessages('renderer/src/probe.ts', "import type { CoreTrack } from '../../main/tracks/dms/track';\nexport type C = CoreTrack;\n")).toEqual(
      [],
    );
    expect(await ruleMessages('renderer/src/seam/probe.ts', "import { TRACK_UIS } from '../tracks/index';\nexport const t = TRACK_UIS;\n")).toEqual([
      expect.stringContaining('renderer/src/seam is what a track plugs into'),
    ]);
  });

  it('keeps each renderer track to itself: never another track or the list', async () => {
    const anotherTrack = expect.stringContaining('A renderer track never imports another track');
    expect(await ruleMessages('renderer/src/tracks/health/probe.ts', "import { DMS } from '../dms/slice';\nexport const d = DMS;\n")).toEqual([anotherTrack]);
    expect(await ruleMessages('renderer/src/tracks/health/probe.ts', "import { TRACK_UIS } from '../index';\nexport const t = TRACK_UIS;\n")).toEqual([
      anotherTrack,
    ]);
    expect(
      await ruleMessages(
        'renderer/src/tracks/health/components/probe.tsx',
        "import { TaskCard } from '../../dms/components/TaskCard';\nexport const t = TaskCard;\n",
      ),
    ).toEqual([anotherTrack]);
    expect(
      await ruleMessages(
        'renderer/src/tracks/health/lib/checks/probe.ts',
        "import { taskName } from '../../../dms/lib/replication';\nexport const t = taskName;\n",
      ),
    ).toEqual([anotherTrack]);
    expect(await ruleMessages('renderer/src/tracks/health/probe.test.ts', "import { dmsUi } from '../dms/ui';\nexport const d = dmsUi;\n")).toEqual([
      anotherTrack,
    ]);
    expect(
      await ruleMessages(
        'renderer/src/tracks/dms/components/probe.tsx',
        "import { useDms } from '../slice';\nimport { useCockpit } from '../../../store/context';\nimport type { TrackUi } from '../../../seam/track-ui';\nimport { taskKey } from '../../../../../common/keys';\nexport type T = TrackUi;\nexport const all = [useDms, useCockpit, taskKey];\n",
      ),
    ).toEqual([]);
    expect(
      await ruleMessages(
        'renderer/src/tracks/dms/lib/replication/probe.ts',
        "import { formatCount } from '../../../../lib/format';\nexport const f = formatCount;\n",
      ),
    ).toEqual([]);
    expect(await ruleMessages('renderer/src/tracks/index.ts', "import { dmsUi } from './dms/ui';\nexport const d = dmsUi;\n")).toEqual([]);
  });

  it('keeps common/ environment-neutral: it imports only common/, and every layer may import it', async () => {
    expect(await ruleMessages('common/probe.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([
      expect.stringContaining('common/ imports only common/'),
    ]);
    expect(await ruleMessages('common/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual([
      expect.stringContaining('common/ imports only common/'),
    ]);
    expect(await ruleMessages('common/probe.ts', "import { commands } from '../main/api/contract';\nexport const c = commands;\n")).toEqual([
      expect.stringContaining('common/ imports only common/'),
    ]);
    expect(await ruleMessages('common/tracks/probe.ts', "import type { PlanView } from '../../main/api/contract';\nexport type P = PlanView;\n")).toEqual([
      expect.stringContaining('common/ imports only common/'),
    ]);
    expect(await ruleMessages('common/probe.ts', 'export const w = window.location.href;\n')).toEqual([expect.stringContaining('environment-neutral')]);
    expect(await ruleMessages('common/probe.ts', 'export const e = process.env.HOME;\n')).toEqual([expect.stringContaining('environment-neutral')]);
    expect(await ruleMessages('common/probe.ts', "import { taskKey } from './keys';\nexport const k = taskKey('s', 0);\n")).toEqual([]);
    expect(
      await ruleMessages(
        'common/tracks/probe.ts',
        "import { taskKey } from '../keys';\nimport { DMS_METRICS } from './dms';\nexport const k = [taskKey('s', 0), DMS_METRICS];\n",
      ),
    ).toEqual([]);
    expect(
      await ruleMessages('renderer/src/probe.ts', "import { MAX_FOCUSED_TASKS } from '../../common/limits';\nexport const m = MAX_FOCUSED_TASKS;\n"),
    ).toEqual([]);
    expect(await ruleMessages('main/monitoring/probe.ts', "import { taskKey } from '../../common/keys';\nexport const k = taskKey;\n")).toEqual([]);
    expect(await ruleMessages('main/core/probe.ts', "import { taskKey } from '../../common/keys';\nexport const k = taskKey;\n")).toEqual([]);
  });

  it('keeps raw ipcRenderer in the preload only', async () => {
    const code = "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n";
    expect(await ruleMessages('electron/window.ts', code)).toEqual([expect.stringContaining('Only electron/preload.ts')]);
    expect(await ruleMessages('electron/preload.ts', code)).toEqual([]);
  });

  it('keeps main/plan free of the tracks: it is given their grammar', async () => {
    expect(await ruleMessages('main/plan/probe.ts', "import type { PlanIssue } from '../api/contract';\nexport type I = PlanIssue;\n")).toEqual([]);
    for (const module of ['tracks/index', 'tracks/dms/plan', 'seam/plan-grammar', 'seam/track', 'core/cockpit-core', 'cutover/catalog']) {
      expect(await ruleMessages('main/plan/probe.ts', `import * as m from '../${module}';\nexport const x = m;\n`)).toEqual([
        expect.stringContaining('main/plan is given the plan grammar'),
      ]);
    }
    // Its tests and test helpers read plans with the grammar of the tracks the cockpit runs.
    const tracks = "import { CORE_TRACKS } from '../tracks/index';\nexport const t = CORE_TRACKS;\n";
    expect(await ruleMessages('main/plan/probe.test.ts', tracks)).toEqual([]);
    expect(await ruleMessages('main/plan/probe-testing.ts', tracks)).toEqual([]);
  });

  it('keeps main/seam below the core and the tracks', async () => {
    expect(await ruleMessages('main/seam/probe.ts', "import type { MigrationPlan } from '../plan/model';\nexport type P = MigrationPlan;\n")).toEqual([]);
    expect(await ruleMessages('main/seam/probe.ts', "import type { CockpitEvent } from '../api/contract';\nexport type E = CockpitEvent;\n")).toEqual([]);
    for (const folder of ['core/cockpit-core', 'cutover/readiness', 'tracks/index', 'tracks/dms/monitor/monitor']) {
      expect(await ruleMessages('main/seam/probe.ts', `import * as m from '../${folder}';\nexport const x = m;\n`)).toEqual([
        expect.stringContaining('main/seam is what a track plugs into'),
      ]);
    }
  });

  it('keeps a track to the seam, the shared machinery and the contract domain files; never the core or another track', async () => {
    const track = 'main/tracks/dms/probe.ts';
    expect(await ruleMessages(track, "import type { GateJudge } from '../../seam/readiness-part';\nexport type J = GateJudge;\n")).toEqual([]);
    expect(await ruleMessages(track, "import type { MonitorStatusView } from '../../api/contract/shared';\nexport type V = MonitorStatusView;\n")).toEqual([]);
    expect(await ruleMessages(track, "import type { MigrationPlan } from '../../plan/model';\nexport type P = MigrationPlan;\n")).toEqual([]);
    expect(await ruleMessages(track, "import { dmsReadiness } from './readiness';\nexport const r = dmsReadiness;\n")).toEqual([]);
    expect(await ruleMessages(track, "import { ReadinessService } from '../../core/readiness-service';\nexport const s = ReadinessService;\n")).toEqual([
      expect.stringContaining('A track never imports main/core or main/cutover'),
    ]);
    expect(await ruleMessages(track, "import { gateLayout } from '../../cutover/gate-columns';\nexport const g = gateLayout;\n")).toEqual([
      expect.stringContaining('A track never imports main/core or main/cutover'),
    ]);
    expect(await ruleMessages(track, "import type { CockpitEvent } from '../../api/contract';\nexport type E = CockpitEvent;\n")).toEqual([
      expect.stringContaining("the contract's domain files"),
    ]);
    expect(await ruleMessages(track, "import { healthTrack } from '../health/track';\nexport const t = healthTrack;\n")).toEqual([
      expect.stringContaining('never imports another track'),
    ]);
    expect(await ruleMessages(track, "import { CORE_TRACKS } from '../index';\nexport const t = CORE_TRACKS;\n")).toEqual([
      expect.stringContaining('never imports another track'),
    ]);
    // The same rules hold in a track's subfolders (the DMS monitor and its testing/ helpers), at their depth.
    const monitor = 'main/tracks/dms/monitor/probe.ts';
    expect(await ruleMessages(monitor, "import { pace } from '../../../monitoring/pace';\nexport const p = pace;\n")).toEqual([]);
    expect(await ruleMessages(monitor, "import { dmsReadiness } from '../readiness';\nexport const r = dmsReadiness;\n")).toEqual([]);
    expect(await ruleMessages(monitor, "import type { MonitorStatusView } from '../../../api/contract/shared';\nexport type A = MonitorStatusView;\n")).toEqual(
      [],
    );
    expect(await ruleMessages(monitor, "import type { CockpitEvent } from '../../../api/contract';\nexport type E = CockpitEvent;\n")).toEqual([
      expect.stringContaining("the contract's domain files"),
    ]);
    expect(await ruleMessages(monitor, "import { gateLayout } from '../../../cutover/gate-columns';\nexport const g = gateLayout;\n")).toEqual([
      expect.stringContaining('A track never imports main/core or main/cutover'),
    ]);
    expect(await ruleMessages(monitor, "import { healthTrack } from '../../health/track';\nexport const t = healthTrack;\n")).toEqual([
      expect.stringContaining('never imports another track'),
    ]);
    const helper = 'main/tracks/dms/monitor/testing/probe.ts';
    expect(await ruleMessages(helper, "import { sdkReplicationApi } from '../clients';\nexport const a = sdkReplicationApi;\n")).toEqual([]);
    expect(await ruleMessages(helper, "import { startCockpitCore } from '../../../../core/cockpit-core';\nexport const s = startCockpitCore;\n")).toEqual([
      expect.stringContaining('A track never imports main/core or main/cutover'),
    ]);
    expect(await ruleMessages(helper, "import { CORE_TRACKS } from '../../../index';\nexport const t = CORE_TRACKS;\n")).toEqual([
      expect.stringContaining('never imports another track'),
    ]);
    // Its tests may use the core's test fixtures.
    expect(
      await ruleMessages('main/tracks/dms/probe.test.ts', "import { gateLayout } from '../../cutover/gate-columns';\nexport const g = gateLayout;\n"),
    ).toEqual([]);
  });

  it('keeps the tracks out of main/core and main/cutover: the composition roots hand them in', async () => {
    const code = "import { CORE_TRACKS } from '../tracks/index';\nexport const t = CORE_TRACKS;\n";
    expect(await ruleMessages('main/core/probe.ts', code)).toEqual([expect.stringContaining('never import a track')]);
    expect(await ruleMessages('main/cutover/probe.ts', code)).toEqual([expect.stringContaining('never import a track')]);
    expect(await ruleMessages('main/core/probe.test.ts', code)).toEqual([]);
    // The DMS service, its monitor and its runtime included: the core reaches a track only through main/seam.
    const monitorImport = "import { ReplicationMonitor } from '../tracks/dms/monitor/monitor';\nexport const m = ReplicationMonitor;\n";
    const serviceImport = "import { ReplicationService } from '../tracks/dms/service';\nexport const s = ReplicationService;\n";
    for (const folder of ['main/core', 'main/cutover']) {
      expect(await ruleMessages(`${folder}/probe.ts`, monitorImport)).toEqual([expect.stringContaining('never import a track')]);
      expect(await ruleMessages(`${folder}/probe.ts`, serviceImport)).toEqual([expect.stringContaining('never import a track')]);
    }
    expect(await ruleMessages('main/core/probe.ts', "import { dmsTrack } from '../tracks/dms/track';\nexport const t = dmsTrack;\n")).toEqual([
      expect.stringContaining('never import a track'),
    ]);
    expect(await ruleMessages('main/core/probe.ts', "import { TRACK_CONTRACTS } from '../tracks/contracts';\nexport const c = TRACK_CONTRACTS;\n")).toEqual([
      expect.stringContaining('never import a track'),
    ]);
    expect(
      await ruleMessages('main/core/probe.ts', "import { TRACK_COMMAND_OWNERS } from '../api/contract';\nexport const o = TRACK_COMMAND_OWNERS;\n"),
    ).toEqual([]);
    // A test helper (runbook-testing.ts) runs the core with the tracks, as the tests do.
    expect(await ruleMessages('main/cutover/probe-testing.ts', code)).toEqual([]);
    expect(await ruleMessages('host/probe.ts', "import { CORE_TRACKS } from '../main/tracks/index';\nexport const t = CORE_TRACKS;\n")).toEqual([]);
    expect(await ruleMessages('electron/probe.ts', "import { COCKPIT_TRACKS } from '../host/compose';\nexport const t = COCKPIT_TRACKS;\n")).toEqual([]);
  });

  it("composes the tracks' commands in the contract through their contract modules only", async () => {
    const contract = 'main/api/contract/probe.ts';
    expect(await ruleMessages(contract, "import { TRACK_CONTRACTS } from '../../tracks/contracts';\nexport const c = TRACK_CONTRACTS;\n")).toEqual([]);
    expect(await ruleMessages(contract, "import { dmsContract } from '../../tracks/dms/contract';\nexport const c = dmsContract;\n")).toEqual([]);
    // A track's views, in its folder as a contract-*.ts module, are re-exported by the contract's index.
    expect(await ruleMessages(contract, "export * from '../../tracks/dms/contract-views';\n")).toEqual([]);
    expect(await ruleMessages(contract, "import { dmsHandlers } from '../../tracks/dms/handlers';\nexport const h = dmsHandlers;\n")).toEqual([
      expect.stringContaining("main/api/contract composes the tracks' contracts"),
    ]);
    expect(await ruleMessages(contract, "import { CORE_TRACKS } from '../../tracks/index';\nexport const t = CORE_TRACKS;\n")).toEqual([
      expect.stringContaining("main/api/contract composes the tracks' contracts"),
    ]);
    expect(await ruleMessages('main/api/probe.ts', "import { TRACK_CONTRACTS } from '../tracks/contracts';\nexport const c = TRACK_CONTRACTS;\n")).toEqual([
      expect.stringContaining('main/api reaches the tracks only through the contract'),
    ]);
    // A track's contract module: common/ and the contract's domain files, nothing of its own track's runtime.
    const trackContract = 'main/tracks/dms/contract.ts';
    expect(await ruleMessages(trackContract, "import { trackContract } from '../../api/contract/track';\nexport const t = trackContract;\n")).toEqual([]);
    expect(await ruleMessages(trackContract, "import { MAX_FOLLOWED_LOGS } from '../../../common/limits';\nexport const m = MAX_FOLLOWED_LOGS;\n")).toEqual([]);
    expect(await ruleMessages(trackContract, "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
    expect(await ruleMessages(trackContract, "import { TaskLogViewSchema } from './contract-views';\nexport const s = TaskLogViewSchema;\n")).toEqual([]);
    const trackViews = 'main/tracks/dms/contract-views.ts';
    expect(await ruleMessages(trackViews, "import { GateStatusSchema } from '../../api/contract/shared';\nexport const g = GateStatusSchema;\n")).toEqual([]);
    expect(await ruleMessages(trackViews, "import { dmsHandlers } from './handlers';\nexport const h = dmsHandlers;\n")).toEqual([
      expect.stringContaining("A track's contract.ts imports common/ and the contract's domain files"),
    ]);
    expect(await ruleMessages(trackContract, "import { dmsHandlers } from './handlers';\nexport const h = dmsHandlers;\n")).toEqual([
      expect.stringContaining("A track's contract.ts imports common/ and the contract's domain files"),
    ]);
    expect(await ruleMessages(trackContract, "import type { CoreTrack } from '../../seam/track';\nexport type T = CoreTrack;\n")).toEqual([
      expect.stringContaining("A track's contract.ts imports common/ and the contract's domain files"),
    ]);
    expect(await ruleMessages(trackContract, "import { commands } from '../../api/contract/index';\nexport const c = commands;\n")).toContainEqual(
      expect.stringContaining("A track's contract.ts imports common/ and the contract's domain files"),
    );
  });

  it('keeps main/aws shared: the core and the tracks import it, it imports neither', async () => {
    expect(await ruleMessages('main/aws/probe.ts', "import type { MigrationPlan } from '../plan/model';\nexport type P = MigrationPlan;\n")).toEqual([]);
    expect(await ruleMessages('main/aws/probe.ts', "import { dmsTrack } from '../tracks/dms/track';\nexport const t = dmsTrack;\n")).toEqual([
      expect.stringContaining('main/aws is shared by the core and every track'),
    ]);
    expect(await ruleMessages('main/aws/probe.ts', "import { startCockpitCore } from '../core/cockpit-core';\nexport const s = startCockpitCore;\n")).toEqual([
      expect.stringContaining('main/aws is shared by the core and every track'),
    ]);
    expect(await ruleMessages('main/core/probe.ts', "import { awsTargetOf } from '../aws/target';\nexport const a = awsTargetOf;\n")).toEqual([]);
    expect(await ruleMessages('main/tracks/dms/probe.ts', "import { awsTargetOf } from '../../aws/target';\nexport const a = awsTargetOf;\n")).toEqual([]);
  });

  it('gives every top-level source folder a layer row', async () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_SOURCE.has(entry.name))
      .map((entry) => entry.name);
    const withoutRow: string[] = [];
    for (const folder of folders) {
      const file = firstSourceFile(folder);
      if (file === undefined) continue;
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules?: Record<string, unknown> };
      const rule = config.rules?.['@typescript-eslint/no-restricted-imports'];
      if (!Array.isArray(rule) || rule[0] !== 2) withoutRow.push(file);
    }
    expect(folders).toEqual(expect.arrayContaining(['bench', 'bin', 'e2e', 'pulumi-programs', 'scripts', 'test']));
    expect(withoutRow).toEqual([]);
  });

  it('keeps pulumi-programs/ self-contained, as its build (rootDir pulumi-programs/) needs', async () => {
    const compiledOnItsOwn = expect.stringContaining('compiled on its own');
    expect(await ruleMessages('pulumi-programs/app-instance/probe.ts', "import { taskKey } from '../../common/keys';\nexport const k = taskKey;\n")).toEqual([
      compiledOnItsOwn,
    ]);
    expect(await ruleMessages('pulumi-programs/probe.ts', "import { loadPlanFile } from '../main/plan/load';\nexport const l = loadPlanFile;\n")).toEqual([
      compiledOnItsOwn,
    ]);
    expect(
      await ruleMessages('pulumi-programs/a/b/c/probe.ts', "import { loadPlanFile } from '../../../../main/plan/load';\nexport const l = loadPlanFile;\n"),
    ).toEqual([compiledOnItsOwn]);
    expect(
      await ruleMessages(
        'pulumi-programs/a/b/c/d/e/probe.ts',
        "import { loadPlanFile } from '../../../../../../main/plan/load';\nexport const l = loadPlanFile;\n",
      ),
    ).toEqual([compiledOnItsOwn]);
    expect(
      await ruleMessages(
        'pulumi-programs/app-instance/probe.ts',
        "import * as pulumi from '@pulumi/pulumi';\nimport { cockpitConfig } from '../lib/cockpit-config';\nexport const c = [pulumi, cockpitConfig];\n",
      ),
    ).toEqual([]);
    // Tests and testing/ helpers are left out of the build: they may use the shared harness and rehearsal/ services.
    const testsReach = expect.stringContaining('A pulumi-programs/ test reaches outside');
    expect(
      await ruleMessages(
        'pulumi-programs/lib/probe.test.ts',
        "import { startRegistryService } from '../../rehearsal/registry/index';\nimport { startEchoingRegistry } from '../../test/support/echoing-registry';\nexport const s = [startRegistryService, startEchoingRegistry];\n",
      ),
    ).toEqual([]);
    expect(
      await ruleMessages('pulumi-programs/lib/probe.test.ts', "import { serveCommand } from '../../host/cli/serve';\nexport const s = serveCommand;\n"),
    ).toEqual([testsReach]);
    expect(
      await ruleMessages(
        'pulumi-programs/components/testing/probe.ts',
        "import { startMotoServer } from '../../../test/support/moto';\nexport const s = startMotoServer;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleMessages(
        'pulumi-programs/components/testing/probe.ts',
        "import { loadPlanFile } from '../../../main/plan/load';\nexport const l = loadPlanFile;\n",
      ),
    ).toEqual([testsReach]);
  });

  it('lets bench/ measure anything headless, never the renderer or the shell', async () => {
    const headless = expect.stringContaining('bench/ measures the headless app');
    expect(await ruleMessages('bench/lib/probe.ts', "import { App } from '../../renderer/src/App';\nexport const a = App;\n")).toEqual([headless]);
    expect(await ruleMessages('bench/probe.ts', "import { createWindow } from '../electron/window';\nexport const w = createWindow;\n")).toEqual([headless]);
    expect(
      await ruleMessages('bench/lib/probe.ts', "import { cockpitHarness } from '../../test/integration/harness';\nexport const h = cockpitHarness;\n"),
    ).toEqual([headless]);
    const allowed = [
      "import { startCockpitCore } from '../../main/core/cockpit-core';",
      "import { startAwsRehearsal } from '../../rehearsal/aws-rehearsal';",
      "import { startWebBridge } from '../../host/web/web-bridge';",
      "import { startMotoServer } from '../../test/support/moto';",
      'export const all = [startCockpitCore, startAwsRehearsal, startWebBridge, startMotoServer];',
    ];
    expect(await ruleMessages('bench/lib/probe.ts', `${allowed.join('\n')}\n`)).toEqual([]);
  });

  it('lets e2e/ drive the app only from outside: harness, launchers, plan generator, contract types', async () => {
    expect(
      await ruleMessages('e2e/probe.spec.ts', "import { startCockpitCore } from '../main/core/cockpit-core';\nexport const s = startCockpitCore;\n"),
    ).toEqual([expect.stringContaining('e2e/ may only `import type` from the core')]);
    const fromOutside = expect.stringContaining('e2e/ drives the built app from outside');
    expect(
      await ruleMessages('e2e/probe.spec.ts', "import { startAwsRehearsal } from '../rehearsal/aws-rehearsal';\nexport const s = startAwsRehearsal;\n"),
    ).toEqual([fromOutside]);
    expect(await ruleMessages('e2e/launchers/probe.ts', "import { serveCommand } from '../../host/cli/serve';\nexport const s = serveCommand;\n")).toEqual([
      fromOutside,
    ]);
    expect(await ruleMessages('e2e/probe.spec.ts', "import { cockpitHarness } from '../bench/lib/cockpit';\nexport const h = cockpitHarness;\n")).toEqual([
      fromOutside,
    ]);
    expect(await ruleMessages('e2e/probe.spec.ts', "import { run } from '../scripts/start';\nexport const r = run;\n")).toEqual([fromOutside]);
    const allowed = [
      "import type { EventBatch } from '../main/api/contract';",
      "import { MAX_FOCUSED_TASKS } from '../common/limits';",
      "import { skipNoteOrFail } from '../test/support/required-tools';",
      "import { largePlanYaml } from '../bench/lib/large-plan';",
      "import { electronBinary } from '../scripts/lib/electron-binary';",
      'export type B = EventBatch;',
      'export const all = [MAX_FOCUSED_TASKS, skipNoteOrFail, largePlanYaml, electronBinary];',
    ];
    expect(await ruleMessages('e2e/probe.spec.ts', `${allowed.join('\n')}\n`)).toEqual([]);
  });

  it('keeps test/ headless and test/support/ the harness the other test folders build on', async () => {
    const headless = expect.stringContaining('test/ is headless');
    expect(await ruleMessages('test/integration/probe.test.ts', "import { App } from '../../renderer/src/App';\nexport const a = App;\n")).toEqual([headless]);
    expect(await ruleMessages('test/integration/probe.test.ts', "import { fixtures } from '../../e2e/fixtures';\nexport const f = fixtures;\n")).toEqual([
      headless,
    ]);
    expect(await ruleMessages('test/support/probe.ts', "import { createWindow } from '../../electron/window';\nexport const w = createWindow;\n")).toEqual([
      headless,
    ]);
    expect(await ruleMessages('test/support/probe.ts', "import { cockpitHarness } from '../integration/harness';\nexport const h = cockpitHarness;\n")).toEqual(
      [expect.stringContaining('test/support/ is the shared harness')],
    );
    expect(
      await ruleMessages(
        'test/integration/probe.test.ts',
        "import { startCockpitCore } from '../../main/core/cockpit-core';\nimport { startAwsRehearsal } from '../../rehearsal/aws-rehearsal';\nimport { startMotoServer } from '../support/moto';\nexport const all = [startCockpitCore, startAwsRehearsal, startMotoServer];\n",
      ),
    ).toEqual([]);
    expect(
      await ruleMessages(
        'test/support/probe.ts',
        "import type { EventBatch } from '../../main/api/contract';\nimport { startMotoServer } from './moto';\nexport type B = EventBatch;\nexport const m = startMotoServer;\n",
      ),
    ).toEqual([]);
  });

  it('keeps scripts/ to Node and the headless pieces it reuses', async () => {
    const tools = expect.stringContaining('scripts/ are developer tools');
    expect(await ruleMessages('scripts/lib/probe.ts', "import { App } from '../../renderer/src/App';\nexport const a = App;\n")).toEqual([tools]);
    expect(
      await ruleMessages('scripts/lib/probe.ts', "import { startAwsRehearsal } from '../../rehearsal/aws-rehearsal';\nexport const s = startAwsRehearsal;\n"),
    ).toEqual([tools]);
    expect(await ruleMessages('scripts/probe.mjs', "import { fixtures } from '../e2e/fixtures';\nexport const f = fixtures;\n")).toEqual([tools]);
    expect(
      await ruleMessages(
        'scripts/lib/probe.ts',
        "import { redirectPage } from '../../host/web/redirect-page';\nimport { findPulumiCli } from '../../main/pulumi/toolchain';\nimport { optedOut } from '../../test/support/required-tools';\nexport const all = [redirectPage, findPulumiCli, optedOut];\n",
      ),
    ).toEqual([]);
  });

  it('lets bin/ start the CLI and nothing else, dynamic imports included', async () => {
    const launcher = expect.stringContaining('bin/ is the npm launcher');
    expect(await ruleMessages('bin/probe.js', "await import('../main/core/cockpit-core.ts');\n")).toEqual([launcher]);
    expect(
      await ruleMessages('bin/probe.js', "import { startCockpitCore } from '../main/core/cockpit-core.ts';\nexport const s = startCockpitCore;\n"),
    ).toEqual([launcher]);
    expect(await ruleMessages('bin/probe.js', "await import('../host/cli/main.ts');\n")).toEqual([]);
  });
});
