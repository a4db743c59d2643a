// The kernel with a restJson1 track of the test's own: its services are routed by method and path (not x-amz-target,
// not a form body), answered by the caller's account's estate after the wire faults, errors in the service's own
// shape; its HTTP prefix gets the request's headers and is never faulted; awsJson and awsQuery are untouched.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RehearsalKernel, RestServiceDecl, TrackSimulator } from '../seam/track-simulator';
import { ManualClock } from './clock';
import { AwsError } from './errors';
import { createKernel } from './kernel';
import { restJsonError, restJsonReply, restRouter } from './rest-json';
import { startRehearsalServer, type RehearsalServer } from './server';

const open: RehearsalServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const OTHER = '222222222222';

/** A restJson1 service that echoes what it was called with, and the account its estate is. */
function widgets(accountId: string): RestServiceDecl {
  return {
    name: 'widgets',
    title: 'Widgets',
    protocol: 'restJson1',
    route: restRouter([
      ['GET', '/widgets/{Name}', 'GetWidget'],
      ['PUT', '/widgets/{Name}', 'PutWidget'],
      ['DELETE', '/widgets/{Name}', 'DeleteWidget'],
      ['POST', '/widgets/{Name}/spin', 'SpinWidget'],
    ]),
    handle(call) {
      if (call.params.Name === 'broken') throw new AwsError('ResourceNotFoundException', 'Widget broken does not exist.', 404);
      if (call.params.Name === 'crash') throw new Error('a bug in the track');
      return restJsonReply(200, {
        accountId,
        operation: call.operation,
        params: call.params,
        query: Object.fromEntries(call.query),
        body: call.body,
        custom: call.headers['x-widget'] ?? null,
      });
    },
    error: (error) => restJsonError(error, 'Message'),
  };
}

function probeTrack(kernel: RehearsalKernel, accountId: string, seen: string[]): TrackSimulator {
  return {
    id: 'widgets',
    services: [],
    restServices: [widgets(accountId)],
    ...(accountId === kernel.accounts.sourceAccountId
      ? {
          http: {
            prefixes: ['/_probe/'],
            handle: (method: string, url: URL, headers: Record<string, unknown>) => {
              seen.push(`${method} ${url.pathname}${url.search}`);
              return { status: headers.authorization === 'Basic b2s6b2s=' ? 200 : 401, json: { path: url.pathname } };
            },
          },
        }
      : {}),
    sync: () => undefined,
  };
}

async function start() {
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 12));
  const kernel = createKernel({ clock, seed: 7, roles: [{ accountId: OTHER, roleName: 'Deployer' }] });
  const seen: string[] = [];
  const server = await startRehearsalServer({
    kernel,
    simulators: [probeTrack(kernel, kernel.accounts.sourceAccountId, seen)],
    accountSimulators: (accountKernel, accountId) => [probeTrack(accountKernel, accountId, seen)],
    name: 'widget estate',
  });
  open.push(server);
  const call = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
    fetch(`${server.url}${path}`, { method, ...init });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/_admin/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  return { server, clock, kernel, seen, call, admin };
}

/** The Authorization header SigV4 would send with this access key (the signature is not checked). */
const signedBy = (accessKeyId: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261205/eu-central-1/widgets/aws4_request, SignedHeaders=host, Signature=00`,
});

describe('rehearsal kernel serving restJson1 and a track’s HTTP routes', () => {
  it('routes by method and path, with labels, query, headers and body, in the caller’s account', async () => {
    const { call, kernel, clock } = await start();
    const got = await call('GET', '/widgets/a%20b?verbose=1', { headers: { 'x-widget': 'yes' } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.headers.get('date')).toBe(new Date(clock.now()).toUTCString());
    expect(await got.json()).toEqual({
      accountId: '123456789012',
      operation: 'GetWidget',
      params: { Name: 'a b' },
      query: { verbose: '1' },
      body: '',
      custom: 'yes',
    });
    expect(await (await call('PUT', '/widgets/w', { body: '{"size":3}', headers: { 'content-type': 'application/json' } })).json()).toMatchObject({
      operation: 'PutWidget',
      body: '{"size":3}',
    });
    expect(await (await call('DELETE', '/widgets/w')).json()).toMatchObject({ operation: 'DeleteWidget' });
    expect(await (await call('POST', '/widgets/w/spin', { body: 'x' })).json()).toMatchObject({ operation: 'SpinWidget' });

    // An assumed role's session acts in its account's estate; once expired, the service answers the credential error.
    const session = kernel.accounts.assumeRole(
      kernel.accounts.signIn,
      { RoleArn: `arn:aws:iam::${OTHER}:role/Deployer`, RoleSessionName: 'probe', DurationSeconds: '900' },
      clock.now(),
    );
    const asRole = { ...signedBy(session.accessKeyId), 'x-amz-security-token': session.sessionToken };
    expect(await (await call('GET', '/widgets/w', { headers: asRole })).json()).toMatchObject({ accountId: OTHER });
    clock.advance(901_000);
    const expired = await call('GET', '/widgets/w', { headers: asRole });
    expect(expired.status).toBe(400);
    expect(expired.headers.get('x-amzn-errortype')).toBe('ExpiredTokenException');
    expect(await expired.json()).toEqual({ Message: 'The security token included in the request is expired' });
  });

  it('answers errors in the service’s shape; unknown paths as UnknownOperationException; other methods 405', async () => {
    const { call } = await start();
    const missing = await call('GET', '/widgets/broken');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await missing.json()).toEqual({ Message: 'Widget broken does not exist.' });
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const crashed = await call('GET', '/widgets/crash');
    expect(stderr.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringContaining('rehearsal aws: widgets GetWidget failed: Error: a bug in the track'),
    ]);
    stderr.mockRestore();
    expect(crashed.status).toBe(500);
    expect(crashed.headers.get('x-amzn-errortype')).toBe('InternalFailure');

    const unknown = await call('GET', '/gadgets/a');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await unknown.json()).toEqual({ message: 'The rehearsal environment serves no operation at GET /gadgets/a (REST: Widgets)' });
    const patch = await call('PATCH', '/widgets/a');
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, PUT, DELETE, POST');
    expect(await (await call('GET', '/')).text()).toContain('Widgets');
  });

  it('keeps awsJson and awsQuery as they were: a target or a form body is never restJson1', async () => {
    const { call } = await start();
    // A POST to a restJson1 path with x-amz-target goes to the route table (which has no such target).
    const targeted = await call('POST', '/widgets/w/spin', {
      headers: { 'x-amz-target': 'Widgets_2026.Spin', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(targeted.status).toBe(400);
    expect(targeted.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await targeted.json()).toMatchObject({ __type: 'UnknownOperationException' });
    // A form body is awsQuery (STS here), whatever the path.
    const form = await call('POST', '/widgets/w/spin', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<GetCallerIdentityResult>');
    // A POST nobody routes: the awsJson answer it always had.
    const stray = await call('POST', '/', { body: '{}' });
    expect(stray.status).toBe(400);
    expect(await stray.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Send an AWS request: an x-amz-target header (awsJson), or a form-encoded body with Action (awsQuery)',
    });
  });

  it('matches wire faults to a restJson1 service’s name; its HTTP prefix gets the headers and is never faulted', async () => {
    const { call, admin, seen } = await start();
    expect((await admin('POST', 'faults', { type: 'throttle', rate: 1, service: 'widgets', operations: ['GetWidget'] })).status).toBe(201);
    const throttled = await call('GET', '/widgets/w');
    expect(throttled.status).toBe(400);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(await throttled.json()).toEqual({ Message: 'Rate exceeded' });
    expect((await call('DELETE', '/widgets/w')).status).toBe(200);
    expect((await admin('POST', 'faults', { type: 'server-error', service: 'all' })).status).toBe(201);
    expect((await call('GET', '/_probe/jobs?tree=x', { headers: { authorization: 'Basic b2s6b2s=' } })).status).toBe(200);
    expect((await call('POST', '/_probe/jobs')).status).toBe(401);
    expect(seen).toEqual(['GET /_probe/jobs?tree=x', 'POST /_probe/jobs']);
    expect((await call('PUT', '/widgets/w')).headers.get('x-amzn-errortype')).toBe('InternalFailure');
  });

  it('refuses an HTTP prefix the kernel serves itself', async () => {
    const kernel = createKernel({ clock: new ManualClock(0), seed: 1 });
    const track: TrackSimulator = { id: 'bad', services: [], http: { prefixes: ['/_admin/'], handle: () => ({ status: 200 }) }, sync: () => undefined };
    await expect(startRehearsalServer({ kernel, simulators: [track], name: 'x' })).rejects.toThrow(/not \/_admin\/ or \/_apps\//);
  });
});
