// `migration-cockpit serve`: the core and the web bridge, headless. Prints the URL to open (token included).
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { installProcessGuard } from '../../main/core/process-guard';
import { startWebBridge, type WebBridge } from '../web/web-bridge';
// The serve entry is a composition root: it alone (with electron/main.ts) hands the rehearsal to the core.
import { embeddedRehearsal } from '../../rehearsal/embedded';
import { COCKPIT_TRACKS } from '../compose';
import { appVersion, APP_ROOT, DEMO_PLAN, RENDERER_DIR } from './app-paths';

export interface ServeOptions {
  readonly planFile?: string;
  readonly port: number;
  readonly dataDir: string;
  /** Who operates this cockpit (user@host), when not the OS user: people taking turns on one rehearsal machine. */
  readonly operator?: string;
}

export async function serveCommand(options: ServeOptions, out: (line: string) => void): Promise<() => Promise<void>> {
  const log = (line: string) => out(`[core] ${line}`);
  let core: CockpitCore | undefined;
  let bridge: WebBridge | undefined;
  /** The core's secrets and the bridge's token; before the core runs, no secret has been read yet. */
  const redact = (text: string) => {
    const scrubbed = core ? core.redact(text) : text;
    return bridge ? scrubbed.replaceAll(bridge.token, '[secret]') : scrubbed;
  };
  // First of all: an error nobody handled (in a request, an event handler, a timer, a poll cycle) is logged and the
  // process keeps running, so it never abandons an operation or a cutover halfway.
  const uninstallGuard = installProcessGuard({ log, redact, onFault: (fault) => core?.reportFault(fault) });
  try {
    core = await startCockpitCore({
      dataDir: options.dataDir,
      appRoot: APP_ROOT,
      transport: 'web',
      version: appVersion(),
      planFile: options.planFile ?? DEMO_PLAN,
      ...(options.operator ? { operator: options.operator } : {}),
      log,
      startRehearsal: embeddedRehearsal(DEMO_PLAN, { log: (line) => log(redact(`rehearsal: ${line}`)) }),
      tracks: COCKPIT_TRACKS,
    });
    bridge = await startWebBridge({
      dispatch: core.dispatch,
      subscribe: core.subscribe,
      staticDir: RENDERER_DIR,
      port: options.port,
      onError: (error, context) => log(redact(`web bridge: ${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)),
    });
  } catch (error) {
    // A start that failed must end the process as before, not linger half-started behind the guard.
    await core?.close().catch(() => undefined);
    uninstallGuard();
    throw error;
  }
  if (options.operator) out(`Operating as ${options.operator} (given by --as; the journal records it as the actor).`);
  out(`Migration Cockpit is serving on ${bridge.origin} (loopback only).`);
  out(`Open: ${bridge.url}`);
  const [started, web] = [core, bridge];
  return async () => {
    await web.close();
    await started.close();
    uninstallGuard();
  };
}
