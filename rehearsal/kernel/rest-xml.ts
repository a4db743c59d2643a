// restXml on the shared endpoint (Route 53): reading a request's XML body into plain structures, and the answers —
// XML in the service's namespace, errors as `<ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code/>
// <Message/></Error><RequestId/></ErrorResponse>` with the status the model gives the error. A body that is not
// well-formed XML, declares a DOCTYPE (no entity games), or has another root element than the operation's is the
// service's own error (Route 53: InvalidInput), never a crash.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Reply } from '../registry/http-io';
import type { AwsError } from './errors';
import { escapeXml, XML_DECLARATION } from './xml';

/** An element read from XML: its text, or its children by name (a list element's children as an array). */
export type XmlNode = string | { readonly [name: string]: XmlNode | readonly XmlNode[] };

export interface XmlBodyOptions {
  /** The operation's root element, e.g. ChangeResourceRecordSetsRequest (its namespace prefix, if any, ignored). */
  readonly root: string;
  /** Elements that are list members (always read as arrays), e.g. Change, ResourceRecord. */
  readonly listMembers: ReadonlySet<string>;
  /** The service's error for XML it cannot read (Route 53: InvalidInput "Invalid XML ; …"). */
  readonly invalid: (problem: string) => AwsError;
}

/** The root element's children (an empty element reads as ''). */
export function readXmlBody(body: string, options: XmlBodyOptions): XmlNode {
  if (body.trim() === '') throw options.invalid(`expected a ${options.root} document, got an empty body`);
  if (/<!DOCTYPE/i.test(body)) throw options.invalid('a DOCTYPE is not allowed');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw options.invalid(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (tagName) => options.listMembers.has(tagName),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(body);
  } catch (error) {
    throw options.invalid((error as Error).message);
  }
  const roots = parsed !== null && typeof parsed === 'object' ? Object.keys(parsed) : [];
  if (roots.length !== 1 || roots[0] !== options.root)
    throw options.invalid(`expected the root element ${options.root}, found ${roots.length === 0 ? 'none' : roots.join(', ')}`);
  return (parsed as Record<string, XmlNode>)[options.root]!;
}

/** An XML answer (`xml` without the declaration). */
export function restXmlReply(status: number, xml: string, headers: Record<string, string> = {}): Reply {
  return { status, text: `${XML_DECLARATION}${xml}`, headers: { 'content-type': 'text/xml', ...headers } };
}

/** An error as restXml services answer it; `details`: more XML inside `<Error>` (e.g. Route 53's `<Messages>`). */
export function restXmlError(xmlns: string, error: AwsError, requestId: string, details = ''): Reply {
  return restXmlReply(
    error.status,
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${error.faultParty}</Type><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message>${details}</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`,
  );
}
