// Reads an HTTP request body up to a limit, for every server of the project (the web bridge, the rehearsal's AWS
// and registry services), so each refuses an oversized or cut-short body the same way and never buffers more
// than its limit.
import type { IncomingMessage } from 'node:http';

export interface BodyLimits {
  /** The largest body accepted, in bytes. */
  readonly maxBytes: number;
  /**
   * Past the limit, keep reading (and dropping) up to this many bytes in all, so the client gets to read the 413
   * instead of a reset connection; a body announced or sent beyond it is cut off. Without it, reading stops at the
   * limit and the caller answers with `Connection: close`.
   */
  readonly drainBytes?: number;
}

export type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: 'too-large' | 'ended-early' };

/** The body as UTF-8 text, or why it is refused: over the limit, or the client left before sending all of it. */
export function readBoundedBody(request: IncomingMessage, { maxBytes, drainBytes }: BodyLimits): Promise<BodyRead> {
  const tooLarge: BodyRead = { ok: false, problem: 'too-large' };
  const announced = Number(request.headers['content-length']);
  if (announced > (drainBytes ?? maxBytes)) {
    // Not even read: the caller answers and closes (an `Expect: 100-continue` client never sends it).
    request.pause();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (cut: boolean) => {
      request.off('data', onData);
      if (cut) request.destroy();
      else request.pause();
      resolve(tooLarge);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      if (drainBytes === undefined) stop(false);
      else if (size > drainBytes) stop(true);
    };
    request.on('data', onData);
    request.on('end', () => resolve(size > maxBytes ? tooLarge : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    // 'close' before 'end' (with or without 'error'): the client left mid-body. Once settled, later calls are no-ops.
    request.on('error', () => resolve({ ok: false, problem: size > maxBytes ? 'too-large' : 'ended-early' }));
    request.on('close', () => resolve({ ok: false, problem: size > maxBytes ? 'too-large' : 'ended-early' }));
  });
}
