// The rehearsal environment as the cockpit embeds it: started in-process on loopback, its state kept in the
// cockpit's data folder so a rehearsal survives restarts. The core receives this through its options (it never
// imports rehearsal/ itself); the composition roots (the serve CLI, the Electron main) pass it in.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startRegistryService, type RegistryService } from './registry/index';

export interface EmbeddedRehearsal {
  readonly registryUrl: string;
  close(): Promise<void>;
}

export interface EmbeddedRehearsalOptions {
  /** Folder for the rehearsal's state. */
  readonly dir: string;
  /** Token the registry requires on its API. */
  readonly registryToken: string;
}

export type StartEmbeddedRehearsal = (options: EmbeddedRehearsalOptions) => Promise<EmbeddedRehearsal>;

export const startEmbeddedRehearsal: StartEmbeddedRehearsal = async ({ dir, registryToken }) => {
  const registry = await startOnRememberedPort(path.join(dir, 'registry-port'), (port) =>
    startRegistryService({ port, token: registryToken, statePath: path.join(dir, 'registry.json') }),
  );
  return { registryUrl: registry.url, close: () => registry.close() };
};

/**
 * Deployed stacks record the registry's URL in their state, so the registry keeps its port across restarts:
 * the first start takes a free port and remembers it; later starts reuse it, and only move (and remember the
 * new port) when another program has taken it meanwhile.
 */
async function startOnRememberedPort(portFile: string, start: (port: number) => Promise<RegistryService>): Promise<RegistryService> {
  const remembered = Number((await readFile(portFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(remembered) && remembered > 0) {
    try {
      return await start(remembered);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const service = await start(0);
  await writeFile(portFile, `${service.port}\n`);
  return service;
}
