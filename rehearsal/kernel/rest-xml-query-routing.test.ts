// The kernel with a track of the test's own that declares a restXml and an awsQuery service: the restXml service is
// routed by method and path (its unknown operations under its path prefix answered in its XML), the awsQuery service
// by the form's Version, both answered by the caller's account's estate after the wire faults, with the request id
// in the answer; credential errors in awsQuery's names; two services claiming one Version refused at start.
import { afterEach, describe, expect, it } from 'vitest';
import type { QueryServiceDecl, RehearsalKernel, RestServiceDecl, TrackSimulator } from '../seam/track-simulator';
import { queryError, queryResponse } from './aws-query';
import { ManualClock } from './clock';
import { AwsError } from './errors';
import { createKernel } from './kernel';
import { restRouter } from './rest-json';
import { readXmlBody, restXmlError, restXmlReply } from './rest-xml';
import { startRehearsalServer, type RehearsalServer } from './server';
import { xmlText } from './xml';

const open: RehearsalServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const OTHER = '222222222222';
const GADGET_XMLNS = 'https://gadgets.example/doc/2020-01-01/';
const WIDGET_XMLNS = 'https://widgets.example/doc/2021-02-03/';

/** restXml: GET /2020-01-01/gadget/{Id} echoes the account; POST /2020-01-01/gadget reads a <PutGadgetRequest>. */
function gadgets(accountId: string): RestServiceDecl {
  return {
    name: 'gadgets',
    title: 'Gadgets',
    protocol: 'restXml',
    pathPrefix: '/2020-01-01/',
    throttlingCode: 'Throttling',
    route: restRouter([
      ['GET', '/2020-01-01/gadget/{Id}', 'GetGadget'],
      ['POST', '/2020-01-01/gadget', 'PutGadget'],
    ]),
    handle(call) {
      if (call.operation === 'PutGadget') {
        const body = readXmlBody(call.body, { root: 'PutGadgetRequest', listMembers: new Set(), invalid: (problem) => new AwsError('InvalidInput', problem) });
        return restXmlReply(200, `<PutGadgetResponse xmlns="${GADGET_XMLNS}">${xmlText('Echo', JSON.stringify(body))}</PutGadgetResponse>`);
      }
      if (call.params.Id === 'missing') throw new AwsError('NoSuchGadget', 'No gadget missing', 404);
      return restXmlReply(
        200,
        `<GetGadgetResponse xmlns="${GADGET_XMLNS}">${xmlText('Account', accountId)}${xmlText('RequestId', call.requestId)}</GetGadgetResponse>`,
      );
    },
    error: (error, requestId) => restXmlError(GADGET_XMLNS, error, requestId),
  };
}

/** awsQuery Version=2021-02-03: DescribeWidgets echoes the account and the input. */
function widgets(accountId: string): QueryServiceDecl {
  return {
    name: 'widgets',
    title: 'Widgets',
    protocol: 'awsQuery',
    version: '2021-02-03',
    handle(operation, input, requestId) {
      if (operation !== 'DescribeWidgets') throw new AwsError('InvalidAction', `The action ${operation} is not valid for this web service.`);
      return queryResponse(WIDGET_XMLNS, operation, xmlText('Account', accountId) + xmlText('Input', JSON.stringify(input)), requestId);
    },
    error: (error, requestId) => queryError(WIDGET_XMLNS, error, requestId),
  };
}

function probeTrack(accountId: string, extra: readonly QueryServiceDecl[] = []): TrackSimulator {
  return { id: 'probe', services: [], restServices: [gadgets(accountId)], queryServices: [widgets(accountId), ...extra], sync: () => undefined };
}

async function start(extra: readonly QueryServiceDecl[] = []) {
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 12));
  const kernel: RehearsalKernel = createKernel({ clock, seed: 7, roles: [{ accountId: OTHER, roleName: 'Deployer' }] });
  const server = await startRehearsalServer({
    kernel,
    simulators: [probeTrack(kernel.accounts.sourceAccountId, extra)],
    accountSimulators: (_accountKernel, accountId) => [probeTrack(accountId)],
    name: 'probe estate',
  });
  open.push(server);
  const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
    const response = await fetch(`${server.url}${path}`, { method, ...init });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  const form = (body: string, headers: Record<string, string> = {}) =>
    call('POST', '/', { headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  const admin = (body: unknown) =>
    fetch(`${server.url}/_admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { server, clock, kernel, call, form, admin };
}

const signedBy = (accessKeyId: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261205/eu-central-1/widgets/aws4_request, SignedHeaders=host, Signature=00`,
});

describe('rehearsal kernel serving restXml and a track’s awsQuery', () => {
  it('routes restXml by method and path with the request id, and answers its errors and unknown operations in its XML', async () => {
    const { call } = await start();
    const got = await call('GET', '/2020-01-01/gadget/g1');
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/xml');
    expect(got.text).toContain(`<Account>123456789012</Account><RequestId>${got.headers.get('x-amzn-requestid')}</RequestId>`);
    const put = await call('POST', '/2020-01-01/gadget', {
      headers: { 'content-type': 'application/xml' },
      body: '<PutGadgetRequest xmlns="x"><Name>a</Name><Size/></PutGadgetRequest>',
    });
    expect(put.text).toContain('<Echo>{&#34;Name&#34;:&#34;a&#34;,&#34;Size&#34;:&#34;&#34;}</Echo>');
    const broken = await call('POST', '/2020-01-01/gadget', { headers: { 'content-type': 'application/xml' }, body: '<PutGadgetRequest><Name>' });
    expect(broken.status).toBe(400);
    expect(broken.text).toMatch(/<Code>InvalidInput<\/Code><Message>.+<\/Message><\/Error><RequestId>/);
    const missing = await call('GET', '/2020-01-01/gadget/missing');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain(
      `<ErrorResponse xmlns="${GADGET_XMLNS}"><Error><Type>Sender</Type><Code>NoSuchGadget</Code><Message>No gadget missing</Message></Error>`,
    );
    const unknown = await call('DELETE', '/2020-01-01/gadget/g1');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('<Code>UnknownOperationException</Code><Message>Gadgets serves no operation at DELETE /2020-01-01/gadget/g1</Message>');
    // Outside every prefix: the kernel's restJson1 answer, as before.
    const elsewhere = await call('GET', '/elsewhere');
    expect(elsewhere.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('routes awsQuery by Version to the caller’s account, with InvalidAction for an unknown action and awsQuery’s credential errors', async () => {
    const { form, kernel, clock } = await start();
    const answer = await form('Action=DescribeWidgets&Version=2021-02-03&Names.member.1=a&Filter.Key=k');
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(
      new RegExp(
        `^<\\?xml[^>]*>\\n<DescribeWidgetsResponse xmlns="${WIDGET_XMLNS}"><DescribeWidgetsResult><Account>123456789012</Account><Input>\\{&#34;Names&#34;:\\[&#34;a&#34;\\],&#34;Filter&#34;:\\{&#34;Key&#34;:&#34;k&#34;\\}\\}</Input></DescribeWidgetsResult><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></DescribeWidgetsResponse>$`,
      ),
    );
    const unknown = await form('Action=SpinWidgets&Version=2021-02-03');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<Type>Sender</Type><Code>InvalidAction</Code>');
    const malformed = await form('Action=DescribeWidgets&Version=2021-02-03&A=1&A.B=2');
    expect([malformed.status, malformed.text]).toEqual([
      400,
      expect.stringContaining(`<ErrorResponse xmlns="${WIDGET_XMLNS}"><Error><Type>Sender</Type><Code>MalformedQueryString</Code>`),
    ]);

    const session = kernel.accounts.assumeRole(
      kernel.accounts.signIn,
      { RoleArn: `arn:aws:iam::${OTHER}:role/Deployer`, RoleSessionName: 'probe', DurationSeconds: '900' },
      clock.now(),
    );
    const asRole = { ...signedBy(session.accessKeyId), 'x-amz-security-token': session.sessionToken };
    expect((await form('Action=DescribeWidgets&Version=2021-02-03', asRole)).text).toContain(`<Account>${OTHER}</Account>`);
    clock.advance(901_000);
    const expired = await form('Action=DescribeWidgets&Version=2021-02-03', asRole);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('<Code>ExpiredToken</Code>');
  });

  it('applies wire faults to both by their service names, with each one’s throttling code', async () => {
    const { form, call, admin } = await start();
    expect(
      (
        await admin([
          { type: 'throttle', service: 'widgets', rate: 1 },
          { type: 'throttle', service: 'gadgets', rate: 1 },
        ])
      ).status,
    ).toBe(201);
    const throttled = await form('Action=DescribeWidgets&Version=2021-02-03');
    expect([throttled.status, throttled.text]).toEqual([
      400,
      expect.stringContaining('<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>'),
    ]);
    const gadget = await call('GET', '/2020-01-01/gadget/g1');
    expect([gadget.status, gadget.text]).toEqual([400, expect.stringContaining('<Code>Throttling</Code>')]);
    // Unknown operations are not operations: never faulted.
    expect((await call('GET', '/2020-01-01/nothing')).status).toBe(404);
  });

  it('refuses two awsQuery services that claim one Version', async () => {
    const twin: QueryServiceDecl = { ...widgets('123456789012'), name: 'twins' };
    await expect(start([twin])).rejects.toThrow('awsQuery services widgets and twins both claim Version=2021-02-03');
  });
});
