// common/ — command errors: the codes a command may fail with, the error the core's handlers throw for an expected
// failure, and the transport failure every transport answers with when the other side is gone.
// Environment-neutral values and pure helpers (no zod, no node:, no DOM, no packages).

/** The codes of the contract's ApiError (main/api/contract/commands.ts builds its schema on them). */
export const API_ERROR_CODES = ['bad-request', 'unknown-command', 'busy', 'not-found', 'failed', 'transport'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An expected failure with a code the UI can act on (e.g. 'busy'); anything else is reported as 'failed'. */
export class CommandError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The answer of a transport that could not reach the other side (a closed page, a core that is quitting). */
export function transportFailure(error: unknown): { ok: false; error: { code: 'transport'; message: string } } {
  return { ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : String(error) } };
}
