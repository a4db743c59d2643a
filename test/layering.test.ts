// The layering rules are lint rules; this checks they really fire, so a config change cannot silently drop them.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function ruleMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, '..', file) });
  return (result?.messages ?? []).map((message) => message.message);
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
    expect(await ruleMessages('host/cli/serve.ts', "import { startAwsRehearsal } from '../../rehearsal/aws/index';\nexport const s = startAwsRehearsal;\n")).toEqual([
      expect.stringContaining('nothing else of rehearsal/'),
    ]);
  });

  it('keeps main/ a library: the hosts import it, never the other way round', async () => {
    const code = "import { serveCommand } from '../../host/cli/serve';\nexport const s = serveCommand;\n";
    expect(await ruleMessages('main/core/probe.ts', code)).toEqual([expect.stringContaining('main/ is a library')]);
    expect(await ruleMessages('main/monitoring/probe.ts', code)).toContainEqual(expect.stringContaining('main/ is a library'));
    expect(await ruleMessages('host/web/probe.ts', "import { httpStatusOf } from '../../main/api/dispatcher';\nexport const h = httpStatusOf;\n")).toEqual([]);
    expect(await ruleMessages('host/web/probe.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n")).toHaveLength(1);
  });

  it('lets rehearsal/ reach the core only through main/ports', async () => {
    expect(await ruleMessages('rehearsal/aws/probe.ts', "import { loadPlanFile } from '../../main/plan/load';\nexport const l = loadPlanFile;\n")).toEqual([
      expect.stringContaining('only through its declared port'),
    ]);
    expect(await ruleMessages('rehearsal/probe.ts', "import type { CockpitEvent } from '../main/api/contract';\nexport type E = CockpitEvent;\n")).toHaveLength(1);
    expect(await ruleMessages('rehearsal/aws/probe.ts', "import { loadPlanFile } from '../../main/ports/plan-reading';\nexport const l = loadPlanFile;\n")).toEqual([]);
    expect(await ruleMessages('rehearsal/probe.ts', "import type { StartRehearsal } from '../main/ports/rehearsal';\nexport type S = StartRehearsal;\n")).toEqual([]);
    expect(await ruleMessages('rehearsal/probe.ts', "import { serveCommand } from '../host/cli/serve';\nexport const s = serveCommand;\n")).toHaveLength(1);
  });

  it('keeps main/ports a declared surface over main/plan and the contract', async () => {
    expect(await ruleMessages('main/ports/probe.ts', "export { loadPlanFile } from '../plan/load';\n")).toEqual([]);
    expect(await ruleMessages('main/ports/probe.ts', "import { startCockpitCore } from '../core/cockpit-core';\nexport const s = startCockpitCore;\n")).toEqual([
      expect.stringContaining('main/ports declares'),
    ]);
  });

  it('keeps the shared monitoring machinery free of any track: only contract types, nothing of main/dms', async () => {
    expect(await ruleMessages('main/monitoring/probe.ts', "import { ReplicationMonitor } from '../dms/monitor';\nexport const m = ReplicationMonitor;\n")).toEqual([
      expect.stringContaining('main/monitoring is shared by every track'),
    ]);
    expect(await ruleMessages('main/monitoring/probe.ts', "import type { ReplicationApi } from '../dms/clients';\nexport type A = ReplicationApi;\n")).toEqual([
      expect.stringContaining('main/monitoring is shared by every track'),
    ]);
    expect(await ruleMessages('main/monitoring/probe.ts', "import { CommandError } from '../api/dispatcher';\nexport const c = CommandError;\n")).toHaveLength(1);
    expect(await ruleMessages('main/monitoring/probe.ts', "import { DMS_METRICS } from '../api/contract';\nexport const d = DMS_METRICS;\n")).toEqual([
      expect.stringContaining('only types from the API contract'),
    ]);
    expect(await ruleMessages('main/monitoring/probe.ts', "import type { MonitorStatusView } from '../api/contract';\nimport { pace } from './pace';\nexport type S = MonitorStatusView;\nexport const p = pace;\n")).toEqual([]);
    // The core's own rules still hold there, and a track builds on the machinery.
    expect(await ruleMessages('main/monitoring/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('main/ is the headless core')]);
    expect(await ruleMessages('main/dms/probe.ts', "import { pace } from '../monitoring/pace';\nexport const p = pace;\n")).toEqual([]);
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
    expect(await ruleMessages('renderer/src/probe.ts', "import type { CockpitApi } from '../../main/api/contract';\nexport type C = CockpitApi;\n")).toEqual([]);
  });

  it('keeps common/ environment-neutral: it imports only common/, and every layer may import it', async () => {
    expect(await ruleMessages('common/probe.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([expect.stringContaining('common/ imports only common/')]);
    expect(await ruleMessages('common/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual([expect.stringContaining('common/ imports only common/')]);
    expect(await ruleMessages('common/probe.ts', "import { commands } from '../main/api/contract';\nexport const c = commands;\n")).toEqual([expect.stringContaining('common/ imports only common/')]);
    expect(await ruleMessages('common/tracks/probe.ts', "import type { PlanView } from '../../main/api/contract';\nexport type P = PlanView;\n")).toEqual([expect.stringContaining('common/ imports only common/')]);
    expect(await ruleMessages('common/probe.ts', 'export const w = window.location.href;\n')).toEqual([expect.stringContaining('environment-neutral')]);
    expect(await ruleMessages('common/probe.ts', 'export const e = process.env.HOME;\n')).toEqual([expect.stringContaining('environment-neutral')]);
    expect(await ruleMessages('common/probe.ts', "import { taskKey } from './keys';\nexport const k = taskKey('s', 0);\n")).toEqual([]);
    expect(await ruleMessages('common/tracks/probe.ts', "import { taskKey } from '../keys';\nimport { DMS_METRICS } from './dms';\nexport const k = [taskKey('s', 0), DMS_METRICS];\n")).toEqual([]);
    expect(await ruleMessages('renderer/src/probe.ts', "import { MAX_FOCUSED_TASKS } from '../../common/limits';\nexport const m = MAX_FOCUSED_TASKS;\n")).toEqual([]);
    expect(await ruleMessages('main/monitoring/probe.ts', "import { taskKey } from '../../common/keys';\nexport const k = taskKey;\n")).toEqual([]);
    expect(await ruleMessages('main/core/probe.ts', "import { taskKey } from '../../common/keys';\nexport const k = taskKey;\n")).toEqual([]);
  });

  it('keeps raw ipcRenderer in the preload only', async () => {
    const code = "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n";
    expect(await ruleMessages('electron/window.ts', code)).toEqual([expect.stringContaining('Only electron/preload.ts')]);
    expect(await ruleMessages('electron/preload.ts', code)).toEqual([]);
  });
});
