import { describe, expect, it } from 'vitest';
import { awsCaller, CallLedger, classifyAwsError, describeAwsError } from './aws-call';

function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('it broke'), { name }, extra);
}

describe('AWS calls', () => {
  it('classifies SDK errors by what they mean for a retry', () => {
    expect(classifyAwsError(sdkError('ThrottlingException'))).toBe('throttled');
    expect(classifyAwsError(sdkError('Whatever', { $metadata: { httpStatusCode: 429 } }))).toBe('throttled');
    expect(classifyAwsError(sdkError('CredentialsProviderError'))).toBe('credentials');
    expect(classifyAwsError(sdkError('InternalFailure', { $fault: 'server' }))).toBe('server');
    expect(classifyAwsError(sdkError('ResourceNotFoundFault'))).toBe('not-found');
    expect(classifyAwsError(sdkError('InvalidResourceStateFault'))).toBe('invalid-state');
    expect(classifyAwsError(sdkError('Error', { code: 'ECONNRESET' }))).toBe('network');
    expect(classifyAwsError(sdkError('ValidationException'))).toBe('client');
    expect(describeAwsError(sdkError('ValidationException'))).toBe('ValidationException: it broke');
  });

  it('counts every attempt in the ledger and retries only what may succeed later', async () => {
    const ledger = new CallLedger();
    const call = awsCaller(ledger, new AbortController().signal, { backoffBaseMs: 1, backoffMaxMs: 2, maxAttempts: 3 });
    let n = 0;
    await expect(call('Describe', async () => (n++ === 0 ? Promise.reject(sdkError('ThrottlingException')) : 'ok'))).resolves.toBe('ok');
    await expect(call('Read', async () => Promise.reject(sdkError('ValidationException')))).rejects.toThrow('it broke');
    await expect(call('Read', async () => Promise.reject(sdkError('InternalFailure', { $fault: 'server' })))).rejects.toThrow('it broke');
    expect(ledger.calls).toEqual({ Describe: 2, Read: 4 });
    expect(ledger.failures).toEqual({ throttled: 1, client: 1, server: 3 });
  });

  it('times out a hung attempt', async () => {
    const ledger = new CallLedger();
    const call = awsCaller(ledger, new AbortController().signal, { timeoutMs: 20, maxAttempts: 1 });
    await expect(call('Hang', () => new Promise<never>(() => {}))).rejects.toMatchObject({ name: 'MonitorTimeout' });
    expect(ledger.failures).toEqual({ timeout: 1 });
  });
});
