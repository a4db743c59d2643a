// `migration-cockpit serve`: the core and the web bridge, headless. Prints the URL to open (token included).
import { startCockpitCore, type CockpitCore } from '../../main/core/cockpit-core';
import { installProcessGuard } from '../../main/core/process-guard';
import { startWebBridge, type WebBridge } from '../web/web-bridge';
import type { ListenAddress } from '../war-room/address';
import { startWarRoom, type WarRoom } from '../war-room/war-room';
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
  /** Serve the read-only war room on this LAN address too (HTTPS, a token per person); default: loopback only. */
  readonly warRoom?: ListenAddress;
}

export async function serveCommand(options: ServeOptions, out: (line: string) => void): Promise<() => Promise<void>> {
  const log = (line: string) => out(`[core] ${line}`);
  let core: CockpitCore | undefined;
  let bridge: WebBridge | undefined;
  let warRoom: WarRoom | undefined;
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
    const onError = (error: unknown, context: string) =>
      log(redact(`web bridge: ${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    bridge = await startWebBridge({ dispatch: core.dispatch, subscribe: core.subscribe, staticDir: RENDERER_DIR, port: options.port, onError });
    if (options.warRoom) {
      // The war room is an extra: a port in use or an unreadable file is said in one line, and the cockpit serves on.
      warRoom = await startWarRoom({ address: options.warRoom, dataDir: options.dataDir, staticDir: RENDERER_DIR, core, log, onError }).catch(
        (error: unknown) => {
          const code = (error as NodeJS.ErrnoException).code;
          const where = `${options.warRoom!.host}:${options.warRoom!.port}`;
          out(
            `War room NOT started: ${code === 'EADDRINUSE' ? `${where} is in use` : code === 'EADDRNOTAVAIL' ? `${where} is not an address of this machine` : redact(error instanceof Error ? error.message : String(error))}. The cockpit serves on loopback only.`,
          );
          return undefined;
        },
      );
    }
  } catch (error) {
    // A start that failed must end the process as before, not linger half-started behind the guard.
    await bridge?.close().catch(() => undefined);
    await core?.close().catch(() => undefined);
    uninstallGuard();
    throw error;
  }
  if (options.operator) out(`Operating as ${options.operator} (given by --as; the journal records it as the actor).`);
  out(`Migration Cockpit is serving on ${bridge.origin} (loopback only).`);
  out(`Open: ${bridge.url}`);
  if (warRoom) {
    out(`War room (read-only, HTTPS) on ${warRoom.origin}, reachable from the network.`);
    out(
      `  Certificate SHA-256 ${warRoom.fingerprint} (self-signed, until ${warRoom.validTo.toISOString()}): compare it with what the browser shows before accepting.`,
    );
    if (warRoom.certificateMade) out(`  A new certificate was made: ${warRoom.certificateMade}.`);
    out(`  One link per person, and one for the shared screen, in ${warRoom.linksFile} (readable by you only; each link is a credential).`);
  }
  const [started, web, room] = [core, bridge, warRoom];
  return async () => {
    await room?.close();
    await web.close();
    await started.close();
    uninstallGuard();
  };
}
