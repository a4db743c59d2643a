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
    expect(await ruleMessages('main/cli/serve.ts', code)).toEqual([]);
    expect(await ruleMessages('main/cli/serve.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
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

  it('keeps raw ipcRenderer in the preload only', async () => {
    const code = "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n";
    expect(await ruleMessages('electron/window.ts', code)).toEqual([expect.stringContaining('Only electron/preload.ts')]);
    expect(await ruleMessages('electron/preload.ts', code)).toEqual([]);
  });
});
