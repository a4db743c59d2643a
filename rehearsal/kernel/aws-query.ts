// awsQuery services of the tracks (ELBv2) on the shared endpoint: a track declares each as a QueryServiceDecl
// (seam/track-simulator.ts), routed like the kernel's CloudWatch and STS by the form's Version, answered by the
// caller's account's estate after the wire faults. Here are that route and the XML envelope every awsQuery answer
// has: `<XResponse xmlns=…><XResult>…</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>`, and
// errors as `<ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>
// </ErrorResponse>` with AWS's status.
import type { Reply } from '../registry/http-io';
import type { QueryInput, QueryServiceDecl } from '../seam/track-simulator';
import { asQueryError, type AwsError } from './errors';
import type { ServiceRoute } from './protocols';
import { unflattenForm } from './query-form';
import { escapeXml, XML_DECLARATION } from './xml';

/** `inAccount`: the service's declaration in the caller's account (each account has its own estate). */
export function queryRoute(service: QueryServiceDecl, inAccount: (accountId: string) => QueryServiceDecl): ServiceRoute {
  return {
    name: service.name,
    title: service.title,
    match: { queryVersion: service.version, readForm: (form) => unflattenForm(form) },
    throttlingCode: service.throttlingCode ?? 'Throttling',
    answer: (operation, input, requestId, caller) => inAccount(caller.accountId).handle(operation, input as QueryInput, requestId),
    // The credential errors in their awsQuery names (ExpiredToken 403, ...).
    error: (error, requestId) => service.error(asQueryError(error), requestId),
  };
}

/** A successful answer: `result` is the inner XML of `<operation>Result>` (empty for operations without output). */
export function queryResponse(xmlns: string, operation: string, result: string, requestId: string): Reply {
  const body =
    `${XML_DECLARATION}<${operation}Response xmlns="${xmlns}">` +
    (result === '' ? `<${operation}Result/>` : `<${operation}Result>${result}</${operation}Result>`) +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, text: body, headers: { 'content-type': 'text/xml' } };
}

/** An error as awsQuery services answer it, with the error's status. */
export function queryError(xmlns: string, error: AwsError, requestId: string): Reply {
  const body =
    `${XML_DECLARATION}<ErrorResponse xmlns="${xmlns}"><Error><Type>${error.faultParty}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
  return { status: error.status, text: body, headers: { 'content-type': 'text/xml' } };
}
