// A registry that refuses every request and echoes what it was sent, token included, in its error body: raw,
// JSON-escaped and URL-encoded, behind enough padding that a 300-character cut of the body would split the token.
// Real registries do this (debug error pages, "invalid token: <token>"); tests plant canaries and look for them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoingRegistry {
  readonly url: string;
  /** How many requests it refused. */
  readonly refused: () => number;
  close(): Promise<void>;
}

export async function startEchoingRegistry(status = 403): Promise<EchoingRegistry> {
  let refused = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      refused++;
      const credential = request.headers.authorization ?? request.headers['x-api-key'] ?? '';
      const token = String(credential).replace(/^Bearer /, '');
      const echo = [
        // 'invalid credentials: Bearer ' ends at 289: a token cut at 300 characters is cut inside.
        'x'.repeat(260),
        `invalid credentials: ${String(credential)}`,
        `json: ${JSON.stringify({ token })}`,
        `query: ?token=${encodeURIComponent(token)}`,
        `request: ${request.method} ${request.url} ${body}`,
      ].join('\n');
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(echo);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
