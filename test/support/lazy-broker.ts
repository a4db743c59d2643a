// A server the whole test run shares, started lazily: Vitest runs test files in forked workers, so module state
// cannot hold it; a broker in Vitest's main process (a globalSetup) starts it the first time a worker asks and hands
// every later ask the same address (or the same failure), and stops it when the run ends. A run that never asks
// (most single-file runs) starts nothing.
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';

/** What the broker answers: the server's address, a skip note (the run opted out of a missing tool), or an error. */
export type BrokerAnswer<Address> = { address: Address } | { skip: string } | { error: string };

export interface LazyBroker {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /<token>/<name>` on loopback: starts the server with `start` on the first ask (a string result is a
 * skip note), answers `addressOf` of it, and stops it with `stop` on close.
 */
export async function startLazyBroker<Server, Address>(
  name: string,
  start: () => Promise<Server | string>,
  addressOf: (server: Server) => Address,
  stop: (server: Server) => Promise<void>,
): Promise<LazyBroker> {
  let started: Promise<{ server?: Server; answer: BrokerAnswer<Address> }> | undefined;
  const ensure = () =>
    (started ??= start().then(
      (server) => (typeof server === 'string' ? { answer: { skip: server } } : { server, answer: { address: addressOf(server) } }),
      (error: unknown) => ({ answer: { error: (error as Error).message } }),
    ));
  const token = randomBytes(16).toString('hex');
  const http = createHttpServer((request, response) => {
    if (request.method !== 'GET' || request.url !== `/${token}/${name}`) {
      response.writeHead(404).end();
      return;
    }
    void ensure().then(({ answer }) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
  });
  http.requestTimeout = 0;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/${token}/${name}`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      const server = started ? (await started).server : undefined;
      if (server !== undefined) await stop(server);
    },
  };
}

/** A worker's ask: the address, or the skip note; throws the broker's error. */
export async function askBroker<Address>(url: string | undefined, what: string): Promise<Address | string> {
  if (!url) throw new Error(`no ${what} broker: vitest.config.ts must list its global setup in globalSetup`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the ${what} broker answered ${response.status}`);
  const answer = (await response.json()) as BrokerAnswer<Address>;
  if ('address' in answer) return answer.address;
  if ('skip' in answer) return answer.skip;
  throw new Error(answer.error);
}
