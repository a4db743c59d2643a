// Who may talk to the registry. It listens on loopback only, but every web page the operator opens can reach
// loopback too: the Host check stops DNS rebinding, the Origin check stops cross-site requests (which matters
// most when the service runs without a token). The token, when set, guards /api and /_admin.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errorReply, type Reply } from './http-io';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** A refusal for requests addressed to another host name or sent by another site; undefined when fine. */
export function foreignRequestRefusal(request: IncomingMessage, port: number): Reply | undefined {
  const hosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!hosts.includes((request.headers.host ?? '').toLowerCase())) {
    return errorReply(403, 'forbidden', 'this service answers only requests addressed to 127.0.0.1 or localhost');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin.toLowerCase() === `http://${host}`)) {
    return errorReply(403, 'forbidden', 'cross-site requests are not accepted');
  }
  return undefined;
}

/** Checks `Authorization: Bearer <token>` in constant time; with no token configured, everyone passes. */
export function bearerCheck(token: string | undefined): (request: IncomingMessage) => boolean {
  if (token === undefined) return () => true;
  const expected = Buffer.from(token);
  return (request) => {
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    if (!match) return false;
    const presented = Buffer.from(match[1]!);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  };
}

export function unauthorizedReply(): Reply {
  return errorReply(401, 'unauthorized', 'send Authorization: Bearer <token>', {}, { 'www-authenticate': 'Bearer realm="rehearsal-registry"' });
}
