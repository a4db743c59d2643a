// AWS-shaped errors. The simulation throws them with the code DMS would use (InvalidResourceStateFault, ...); the
// wire layer turns them into the protocol's error format with the HTTP status AWS sends for that code.

/** HTTP status per error code; anything else is a client error (400). */
const STATUS: Readonly<Record<string, number>> = {
  InternalFailure: 500,
  InternalServiceError: 500,
  ServiceUnavailable: 503,
  AccessDeniedFault: 400,
  ResourceNotFound: 404,
};

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status ?? STATUS[code] ?? 400;
  }

  /** Sender (the caller's fault) or Receiver (ours), as the query protocols say it. */
  get faultParty(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** The generic input validation error of AWS JSON services ("1 validation error detected: ..."). */
export function validationError(field: string, constraint: string, value: unknown = null, code = 'ValidationException'): AwsError {
  return new AwsError(
    code,
    `1 validation error detected: Value ${value === null ? 'null' : `'${String(value)}'`} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * How the query protocols (awsQuery, and the code a query-compatible JSON service puts in `x-amzn-query-error`) name
 * the credential errors that JSON services call ...Exception, with the status AWS sends there.
 */
const QUERY_CREDENTIAL_ERRORS: Readonly<Record<string, { code: string; status: number }>> = {
  ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
};

/** `error` as an awsQuery service answers it. */
export function asQueryError(error: AwsError): AwsError {
  const query = QUERY_CREDENTIAL_ERRORS[error.code];
  return query ? new AwsError(query.code, error.message, query.status) : error;
}
