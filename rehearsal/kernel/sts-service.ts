// STS as the rehearsal serves it: awsQuery (form `Action=AssumeRole&Version=2011-06-15&RoleArn=...`), XML answers
// in STS's namespace, errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
// AssumeRole and GetCallerIdentity over the simulated accounts (accounts.ts).
import type { Reply } from '../registry/http-io';
import type { Accounts, AssumeRoleInput, CallerIdentity } from './accounts';
import { asQueryError, AwsError } from './errors';
import type { ServiceRoute } from './protocols';

export const STS_VERSION = '2011-06-15';
const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const OPERATIONS = ['AssumeRole', 'GetCallerIdentity'];

export function stsRoute(accounts: Accounts, now: () => number): ServiceRoute {
  return {
    name: 'sts',
    title: 'STS',
    match: { queryVersion: STS_VERSION, readForm: (form) => Object.fromEntries(form) },
    throttlingCode: 'Throttling',
    answer: (operation, input, requestId, caller) => {
      switch (operation) {
        case 'AssumeRole':
          return xmlReply(200, assumeRoleXml(accounts, caller, input as AssumeRoleInput, now(), requestId));
        case 'GetCallerIdentity':
          return xmlReply(200, callerIdentityXml(caller, requestId));
        default:
          throw new AwsError('InvalidAction', `Operation ${operation} is not supported by the rehearsal environment (STS supports: ${OPERATIONS.join(', ')})`);
      }
    },
    error: (error, requestId) => {
      const query = asQueryError(error);
      return xmlReply(query.status, errorXml(query, requestId));
    },
  };
}

function assumeRoleXml(accounts: Accounts, caller: CallerIdentity, input: AssumeRoleInput, now: number, requestId: string): string {
  const session = accounts.assumeRole(caller, input, now);
  return response(
    'AssumeRole',
    `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escape(session.secretAccessKey)}</SecretAccessKey>` +
      `<SessionToken>${escape(session.sessionToken)}</SessionToken><Expiration>${new Date(session.expiration).toISOString()}</Expiration></Credentials>` +
      `<AssumedRoleUser><AssumedRoleId>${escape(session.caller.userId)}</AssumedRoleId><Arn>${escape(session.caller.arn)}</Arn></AssumedRoleUser>`,
    requestId,
  );
}

function callerIdentityXml(caller: CallerIdentity, requestId: string): string {
  return response(
    'GetCallerIdentity',
    `<Arn>${escape(caller.arn)}</Arn><UserId>${escape(caller.userId)}</UserId><Account>${caller.accountId}</Account>`,
    requestId,
  );
}

function response(operation: string, result: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${STS_XMLNS}"><${operation}Result>${result}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

function errorXml(error: AwsError, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${STS_XMLNS}"><Error><Type>${error.faultParty}</Type>` +
    `<Code>${escape(error.code)}</Code><Message>${escape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

function xmlReply(status: number, text: string): Reply {
  return { status, text, headers: { 'content-type': 'text/xml' } };
}

function escape(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
