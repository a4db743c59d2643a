// The rehearsal environment as the cockpit embeds it: started in-process on free loopback ports, its state kept
// in the cockpit's data folder so a rehearsal survives restarts. The core receives this through its options
// (it never imports rehearsal/ itself); the composition roots (the serve CLI, the Electron main) pass it in.
import path from 'node:path';
import { startRegistryService } from './registry/index';

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
  const registry = await startRegistryService({ token: registryToken, statePath: path.join(dir, 'registry.json') });
  return { registryUrl: registry.url, close: () => registry.close() };
};
