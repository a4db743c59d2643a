// `migration-cockpit serve`: the core and the web bridge, headless. Prints the URL to open (token included).
import { startCockpitCore } from '../core/cockpit-core';
import { startWebBridge } from '../api/web-bridge';
// The serve entry is a composition root: it alone (with electron/main.ts) hands the rehearsal to the core.
import { embeddedRehearsal } from '../../rehearsal/embedded';
import { appVersion, APP_ROOT, DEMO_PLAN, RENDERER_DIR } from './app-paths';

export interface ServeOptions {
  readonly planFile?: string;
  readonly port: number;
  readonly dataDir: string;
}

export async function serveCommand(options: ServeOptions, out: (line: string) => void): Promise<() => Promise<void>> {
  const log = (line: string) => out(`[core] ${line}`);
  const core = await startCockpitCore({
    dataDir: options.dataDir,
    appRoot: APP_ROOT,
    transport: 'web',
    version: appVersion(),
    planFile: options.planFile ?? DEMO_PLAN,
    log,
    startRehearsal: embeddedRehearsal(DEMO_PLAN),
  });
  const bridge = await startWebBridge({
    dispatch: core.dispatch,
    subscribe: core.subscribe,
    staticDir: RENDERER_DIR,
    port: options.port,
  });
  out(`Migration Cockpit is serving on ${bridge.origin} (loopback only).`);
  out(`Open: ${bridge.url}`);
  return async () => {
    await bridge.close();
    await core.close();
  };
}
