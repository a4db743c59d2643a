// CloudWatch GetMetricData over the metric registry: up to 500 queries, datapoints per period from the source
// of each query's namespace, a datapoint budget per call (MaxDatapoints) with NextToken paging.
// Both protocols (awsJson1_0 query-compatible and the older awsQuery form) land here as the same input.
import { AwsError } from './errors';
import type { MetricQuery, MetricRegistry } from './metric-registry';
import { decodeToken, encodeToken } from './paging';
import { isStat } from './statistics';

export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';
export const MAX_QUERIES = 500;
export const DEFAULT_MAX_DATAPOINTS = 100_800;

export interface GetMetricDataInput {
  readonly queries: readonly MetricQuery[];
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly nextToken?: string;
  readonly ascending: boolean;
  readonly maxDatapoints: number;
}

export interface MetricDataResult {
  readonly Id: string;
  readonly Label: string;
  /** Epoch seconds. */
  readonly Timestamps: number[];
  readonly Values: number[];
  readonly StatusCode: 'Complete' | 'PartialData';
}

export interface GetMetricDataOutput {
  readonly MetricDataResults: MetricDataResult[];
  readonly NextToken?: string;
  readonly Messages: never[];
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

/** Checks the raw, protocol-neutral input (JSON member names) and normalizes it. */
export function parseGetMetricData(raw: Record<string, unknown>): GetMetricDataInput {
  const list = raw.MetricDataQueries;
  if (!Array.isArray(list) || list.length === 0) throw new AwsError('MissingParameter', 'The parameter MetricDataQueries is required.');
  if (list.length > MAX_QUERIES) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at 'metricDataQueries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERIES}`,
    );
  }
  const start = raw.StartTime;
  const end = raw.EndTime;
  if (typeof start !== 'number') throw new AwsError('MissingParameter', 'The parameter StartTime is required.');
  if (typeof end !== 'number') throw new AwsError('MissingParameter', 'The parameter EndTime is required.');
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = raw.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending')
    throw invalid(`The value ${String(scanBy)} for parameter ScanBy is not valid; use TimestampDescending or TimestampAscending.`);
  const maxDatapoints = raw.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (typeof maxDatapoints !== 'number' || !Number.isInteger(maxDatapoints) || maxDatapoints < 1)
    throw invalid('The parameter MaxDatapoints must be a positive whole number.');
  const nextToken = raw.NextToken;
  if (nextToken !== undefined && typeof nextToken !== 'string') throw invalid('The parameter NextToken must be a string.');

  const seen = new Set<string>();
  const queries = list.map((entry, index): MetricQuery => {
    const at = `MetricDataQueries.member.${index + 1}`;
    const query = (entry ?? {}) as Record<string, unknown>;
    const id = query.Id;
    if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9_]{0,254}$/.test(id))
      throw invalid(
        `The value ${String(id)} for parameter ${at}.Id is not valid: it must start with a lowercase letter and contain only letters, digits and underscores.`,
      );
    if (seen.has(id)) throw invalid('The values for parameter id in MetricDataQueries are not unique.');
    seen.add(id);
    if (query.Expression !== undefined)
      throw invalid(`${at}.Expression: the rehearsal environment does not evaluate metric math; query metrics with MetricStat.`);
    const metricStat = query.MetricStat as Record<string, unknown> | undefined;
    if (!metricStat) throw new AwsError('MissingParameter', `The parameter ${at}.MetricStat is required (or Expression).`);
    const metric = (metricStat.Metric ?? {}) as Record<string, unknown>;
    const period = metricStat.Period;
    if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || !(period % 60 === 0 || [1, 5, 10, 20, 30].includes(period))) {
      throw invalid(`The parameter ${at}.MetricStat.Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.`);
    }
    const stat = metricStat.Stat;
    if (typeof stat !== 'string' || !isStat(stat)) throw invalid(`The value ${String(stat)} for parameter ${at}.MetricStat.Stat is not valid.`);
    if (typeof metric.Namespace !== 'string' || typeof metric.MetricName !== 'string')
      throw new AwsError('MissingParameter', `The parameters ${at}.MetricStat.Metric.Namespace and MetricName are required.`);
    const dimensions = new Map<string, string>();
    for (const dimension of (metric.Dimensions ?? []) as Array<Record<string, unknown>>) {
      if (typeof dimension.Name !== 'string' || typeof dimension.Value !== 'string')
        throw invalid(`${at}.MetricStat.Metric.Dimensions: every dimension needs a Name and a Value.`);
      dimensions.set(dimension.Name, dimension.Value);
    }
    return {
      id,
      ...(typeof query.Label === 'string' ? { label: query.Label } : {}),
      returnData: query.ReturnData !== false,
      namespace: metric.Namespace,
      metricName: metric.MetricName,
      dimensions,
      period,
      stat,
    };
  });
  return {
    queries,
    start: start * 1000,
    end: end * 1000,
    ascending: scanBy === 'TimestampAscending',
    maxDatapoints,
    ...(nextToken !== undefined ? { nextToken } : {}),
  };
}

/** `now`: simulated epoch ms (no datapoint after it). */
export function getMetricData(input: GetMetricDataInput, now: number, metrics: MetricRegistry): GetMetricDataOutput {
  const end = Math.min(input.end, now);
  const fingerprint = [input.queries.length, input.start / 1000, input.end / 1000];
  let firstQuery = 0;
  let firstOffset = 0;
  if (input.nextToken !== undefined) {
    const bad = new AwsError(
      'InvalidNextToken',
      'The service returned an invalid NextToken; repeat the request with the same queries and times and the NextToken unchanged.',
    );
    const position = decodeToken(input.nextToken, 'metrics', ['q', 'o', 'n', 's', 'e'], bad);
    if (position.n !== fingerprint[0] || position.s !== Math.floor(fingerprint[1]!) || position.e !== Math.floor(fingerprint[2]!)) throw bad;
    firstQuery = position.q!;
    firstOffset = position.o!;
  }

  let budget = input.maxDatapoints;
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;
  for (let index = firstQuery; index < input.queries.length; index++) {
    const query = input.queries[index]!;
    if (!query.returnData) continue;
    const points = metrics.datapoints(query, input.start, end, input.ascending);
    const offset = index === firstQuery ? firstOffset : 0;
    const available = points.timestamps.length - offset;
    const take = Math.min(available, budget);
    results.push({
      Id: query.id,
      Label: query.label ?? query.metricName,
      Timestamps: points.timestamps.slice(offset, offset + take),
      Values: points.values.slice(offset, offset + take),
      StatusCode: take < available ? 'PartialData' : 'Complete',
    });
    budget -= take;
    if (take < available) {
      nextToken = encodeToken('metrics', { q: index, o: offset + take, n: fingerprint[0]!, s: Math.floor(fingerprint[1]!), e: Math.floor(fingerprint[2]!) });
      break;
    }
  }
  return { MetricDataResults: results, ...(nextToken !== undefined ? { NextToken: nextToken } : {}), Messages: [] };
}
