// Which failures of the team store mean "it is away, try again" (the connection, the server shutting down or
// starting, too many connections) rather than "this write is wrong", and the words an operator sees for them.

/** SQLSTATE classes and codes of a store that is away: connection exceptions (08), operator intervention (57P). */
const UNREACHABLE_SQLSTATES = /^(08...|57P0[1-4]|53300)$/;
const UNREACHABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function isStoreUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATES.test(code) || UNREACHABLE_NODE_CODES.has(code))) return true;
  // The driver's own words when a connection ends under it (it sets no code).
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|Client was closed|not queryable/i.test(
    error.message,
  );
}

/** The driver's message for an operator: one line, with the SQLSTATE when there is one. */
export function storeErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const first = (error.message || error.name).split('\n')[0]!;
  if (error instanceof AggregateError && error.errors.length > 0) return storeErrorText(error.errors[0]);
  return typeof code === 'string' && !first.includes(code) ? `${first} (${code})` : first;
}

/**
 * Whether a write failed for a reason of the entry itself, so trying again can never succeed: PostgreSQL's data
 * exceptions (22) and integrity violations (23; not the unique id of an entry stored already, which the writer takes
 * as success), and an entry this cockpit could not even form. Everything else (the store away, read-only after a
 * fail-over, a password rotated, a full disk, a timeout, a serialization failure) keeps the entry for another try.
 */
export function isPermanentForEntry(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^2[23]...$/.test(code)) return code !== '23505';
  return error instanceof Error && error.name === 'ZodError';
}
