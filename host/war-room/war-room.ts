// `serve --war-room <address>`: the war room beside the loopback cockpit — its certificate (kept in the data
// folder), a token per person of the plan (following the plan as it changes), the HTTPS bridge, and a log line when
// someone starts or stops watching.
import path from 'node:path';
import type { EventBatch } from '../../main/api/contract';
import type { Dispatch } from '../../main/api/dispatcher';
import { startWarRoomBridge } from '../web/web-bridge';
import { openWarRoomAccess, type WarRoomAccess } from './access';
import { reachNames, type ListenAddress } from './address';
import { loadOrCreateCertificate } from './certificate';

export interface WarRoomOptions {
  readonly address: ListenAddress;
  readonly dataDir: string;
  readonly staticDir: string;
  readonly core: {
    readonly dispatch: Dispatch;
    subscribe(listener: (batch: EventBatch) => void): () => void;
    teamPeople(): readonly string[] | undefined;
    setWarRoomWatchers(people: readonly string[]): void;
  };
  readonly log: (line: string) => void;
  readonly onError: (error: unknown, context: string) => void;
}

export interface WarRoom {
  readonly origin: string;
  /** The certificate's SHA-256, to compare with what a browser shows before accepting it. */
  readonly fingerprint: string;
  readonly validTo: Date;
  /** Why a new certificate was made at this start; undefined: the kept one serves (same fingerprint as before). */
  readonly certificateMade?: string;
  readonly linksFile: string;
  close(): Promise<void>;
}

export async function startWarRoom(options: WarRoomOptions): Promise<WarRoom> {
  const folder = path.join(options.dataDir, 'war-room');
  const names = reachNames(options.address.host);
  const certificate = await loadOrCreateCertificate(folder, { dns: names.dns, ips: names.ips });
  let access: WarRoomAccess | undefined;
  const watching = new Map<string, number>();
  const bridge = await startWarRoomBridge({
    dispatch: options.core.dispatch,
    subscribe: options.core.subscribe,
    staticDir: options.staticDir,
    host: options.address.host,
    port: options.address.port,
    tls: { key: certificate.keyPem, cert: certificate.certPem },
    hostNames: [names.shown, ...names.dns, ...names.ips],
    who: (token) => access?.who(token),
    onWatcher: (person, opened) => {
      watching.set(person, Math.max(0, (watching.get(person) ?? 0) + (opened ? 1 : -1)));
      const now = [...watching].filter(([, count]) => count > 0).map(([who]) => who);
      options.log(`war room: ${person} ${opened ? 'is watching' : 'stopped watching'} (watching now: ${now.join(', ') || 'nobody'})`);
      options.core.setWarRoomWatchers(now);
    },
    onError: options.onError,
  });
  try {
    const opened = await openWarRoomAccess(folder, bridge.origin, options.core.teamPeople());
    access = opened;
    // A reloaded plan may add or remove people: their links follow (a removed person's token stops working).
    // (A cockpit that has no plan loaded does not know its people: the links stay as they were.)
    const key = () => options.core.teamPeople()?.join('\n');
    let people = key();
    const unsubscribe = options.core.subscribe((batch) => {
      // Only a plan load can change the people: the other events pass by.
      if (!batch.events.some((event) => event.type === 'plan.changed')) return;
      const now = key();
      if (now === people || now === undefined) return;
      people = now;
      opened
        .follow(options.core.teamPeople())
        // Anyone the plan no longer lists stops watching now, not at their next reload.
        .then(() => bridge.revalidate())
        .catch((error: unknown) => options.onError(error, 'war-room links'));
    });
    return {
      origin: bridge.origin,
      fingerprint: certificate.fingerprint,
      validTo: certificate.validTo,
      ...(certificate.made ? { certificateMade: certificate.made } : {}),
      linksFile: opened.linksFile,
      async close() {
        unsubscribe();
        await bridge.close();
      },
    };
  } catch (error) {
    await bridge.close();
    throw error;
  }
}
