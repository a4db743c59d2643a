// The rehearsal stand-in for the application instances a cutover checks: GET /_apps/<instance>/healthz answers as
// a deployed instance's health endpoint would (200, and which side its traffic is set to, as the program put it in
// the URL) unless it was marked unhealthy through POST /_admin/apps/<instance> { healthy: false, reason? }.
import type { Reply } from '../registry/http-io';

const INSTANCE = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

export class AppHealth {
  readonly #unhealthy = new Map<string, string>();

  /** Marks an instance healthy or not; answers false for a name no instance could have. */
  set(instance: string, healthy: boolean, reason = 'marked unhealthy in the rehearsal'): boolean {
    if (!INSTANCE.test(instance)) return false;
    if (healthy) this.#unhealthy.delete(instance);
    else this.#unhealthy.set(instance, reason);
    return true;
  }

  list(): { instance: string; healthy: false; reason: string }[] {
    return [...this.#unhealthy].map(([instance, reason]) => ({ instance, healthy: false, reason }));
  }

  /** The answer to GET /_apps/<instance>/healthz, or undefined when the path is not one. */
  reply(url: URL): Reply | undefined {
    const match = /^\/_apps\/([^/]+)\/healthz$/.exec(url.pathname);
    if (!match || !INSTANCE.test(match[1]!)) return undefined;
    const instance = match[1]!;
    const traffic = url.searchParams.get('traffic') ?? 'unknown';
    const reason = this.#unhealthy.get(instance);
    if (reason !== undefined) return { status: 503, json: { status: 'unhealthy', instance, traffic, reason } };
    return { status: 200, json: { status: 'ok', instance, traffic } };
  }
}
