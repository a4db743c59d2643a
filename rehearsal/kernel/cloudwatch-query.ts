// The older awsQuery form of CloudWatch: `Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=m1...`
// in, XML out. The form is unflattened into the JSON protocol's member names, so one implementation serves both.
import type { GetMetricDataOutput } from './cloudwatch-api';
import type { AwsError } from './errors';
import { unflattenForm } from './query-form';

export const CLOUDWATCH_XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

const NUMBERS = new Set(['Period', 'MaxDatapoints']);
const BOOLEANS = new Set(['ReturnData']);
const TIMESTAMPS = new Set(['StartTime', 'EndTime']);

/** `a.member.2.b=x` → `{ a: [{ b: 'x' }] }` (lists 1-based in the form, compacted here), CloudWatch's numbers, booleans and times converted. */
export function unflattenQuery(form: URLSearchParams): Record<string, unknown> {
  return unflattenForm(form, convert);
}

function convert(name: string, text: string): unknown {
  if (NUMBERS.has(name)) return Number(text);
  if (BOOLEANS.has(name)) return text === 'true';
  if (TIMESTAMPS.has(name)) {
    // ISO 8601 as the query protocol sends it; epoch seconds accepted too.
    const epoch = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text) / 1000;
    return Number.isNaN(epoch) ? text : epoch;
  }
  return text;
}

function escape(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

export function getMetricDataXml(output: GetMetricDataOutput, requestId: string): string {
  const results = output.MetricDataResults.map(
    (result) =>
      `<member><Id>${escape(result.Id)}</Id><Label>${escape(result.Label)}</Label>` +
      `<Timestamps>${result.Timestamps.map((time) => `<member>${isoSeconds(time)}</member>`).join('')}</Timestamps>` +
      `<Values>${result.Values.map((value) => `<member>${value}</member>`).join('')}</Values>` +
      `<StatusCode>${result.StatusCode}</StatusCode><Messages/></member>`,
  ).join('');
  const next = output.NextToken !== undefined ? `<NextToken>${escape(output.NextToken)}</NextToken>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<GetMetricDataResponse xmlns="${CLOUDWATCH_XMLNS}"><GetMetricDataResult>` +
    `<MetricDataResults>${results}</MetricDataResults>${next}<Messages/></GetMetricDataResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetMetricDataResponse>`
  );
}

export function errorXml(error: AwsError, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${CLOUDWATCH_XMLNS}"><Error><Type>${error.faultParty}</Type>` +
    `<Code>${escape(error.code)}</Code><Message>${escape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
