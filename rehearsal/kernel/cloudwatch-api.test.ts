// CloudWatch conformance through the real SDK v3 client (awsJson1_0, query-compatible) and, with fetch, the
// older awsQuery form: datapoints, periods, statistics, paging, limits and errors.
import {
  CloudWatchServiceException,
  GetMetricDataCommand,
  InvalidNextToken,
  InvalidParameterValueException,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { rawCall, shopTables, taskDimensions, useRehearsal, type Harness } from '../test-support';

const start = useRehearsal();

const ESTATE = { tasks: [{ id: 'orders', tables: shopTables(4, 200_000), autoStart: true, throughputRowsPerSecond: 10_000, changeRatePerSecond: 50 }] };

function query(harness: Harness, id: string, metric: string, period = 60, stat = 'Average'): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/DMS', MetricName: metric, Dimensions: taskDimensions(harness.aws, 'orders') }, Period: period, Stat: stat },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { Code?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('GetMetricData', () => {
  it('returns 60 s datapoints of the task metrics as Dates, newest first (or oldest first with ScanBy)', async () => {
    const harness = await start(ESTATE);
    harness.advance(30 * 60);
    const now = harness.clock.now();
    const names = [
      'CDCLatencySource',
      'CDCLatencyTarget',
      'CDCIncomingChanges',
      'CDCThroughputRowsSource',
      'FullLoadThroughputRowsSource',
      'CDCChangesDiskTarget',
      'CDCThroughputBandwidthTarget',
    ];
    const out = await harness.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 3600_000),
        EndTime: new Date(now),
        MetricDataQueries: names.map((name, i) => query(harness, `m${i}`, name)),
      }),
    );
    expect(out.MetricDataResults).toHaveLength(names.length);
    const [latencySource, latencyTarget, , throughputSource, fullLoad] = out.MetricDataResults!;
    expect(latencySource).toMatchObject({ Id: 'm0', Label: 'CDCLatencySource', StatusCode: 'Complete' });
    // Running since ~25 s after the start: 30 minutes of datapoints, one per minute, newest first.
    expect(latencySource!.Timestamps!.length).toBeGreaterThanOrEqual(29);
    expect(latencySource!.Timestamps![0]).toBeInstanceOf(Date);
    expect(latencySource!.Timestamps![0]!.getTime()).toBeGreaterThan(latencySource!.Timestamps![1]!.getTime());
    expect(latencySource!.Timestamps!.every((time) => time.getTime() % 60_000 === 0)).toBe(true);
    latencyTarget!.Values!.forEach((value, i) => expect(value).toBeGreaterThanOrEqual(latencySource!.Values![i]!));
    expect(throughputSource!.Values![0]).toBeGreaterThan(20);
    expect(Math.max(...fullLoad!.Values!)).toBeGreaterThan(8_000);

    const ascending = await harness.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 3600_000),
        EndTime: new Date(now),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [query(harness, 'a', 'CDCLatencySource')],
      }),
    );
    expect(ascending.MetricDataResults![0]!.Timestamps!.map((time) => time.getTime())).toEqual(
      [...latencySource!.Timestamps!].reverse().map((time) => time.getTime()),
    );
  });

  it('aggregates periods with the statistic asked for, and serves 5 s periods for recent data', async () => {
    const harness = await start(ESTATE);
    harness.advance(40 * 60);
    const now = harness.clock.now();
    const range = { StartTime: new Date(now - 20 * 60_000), EndTime: new Date(now) };
    const out = await harness.cloudwatch.send(
      new GetMetricDataCommand({
        ...range,
        MetricDataQueries: [
          query(harness, 'avg', 'CDCLatencyTarget', 300, 'Average'),
          query(harness, 'max', 'CDCLatencyTarget', 300, 'Maximum'),
          query(harness, 'min', 'CDCLatencyTarget', 300, 'Minimum'),
          query(harness, 'n', 'CDCLatencyTarget', 300, 'SampleCount'),
          query(harness, 'p90', 'CDCLatencyTarget', 300, 'p90'),
          query(harness, 'fine', 'CDCLatencyTarget', 5, 'Average'),
        ],
      }),
    );
    const [avg, max, min, count, p90, fine] = out.MetricDataResults!;
    expect(avg!.Timestamps!.length).toBe(4);
    expect(avg!.Timestamps!.every((time) => time.getTime() % 300_000 === 0)).toBe(true);
    avg!.Values!.forEach((value, i) => {
      expect(max!.Values![i]).toBeGreaterThanOrEqual(value);
      expect(min!.Values![i]).toBeLessThanOrEqual(value);
      expect(p90!.Values![i]).toBeLessThanOrEqual(max!.Values![i]!);
    });
    expect(count!.Values!.every((value) => value === 5)).toBe(true);
    // 15 minutes of 5 s samples are kept.
    expect(fine!.Timestamps!.length).toBeGreaterThanOrEqual(170);
    expect(fine!.Timestamps![0]!.getTime() % 5_000).toBe(0);
  });

  it('has no datapoints for a task addressed by its name instead of the ARN segment, nor for other namespaces', async () => {
    const harness = await start(ESTATE);
    harness.advance(10 * 60);
    const now = harness.clock.now();
    const task = harness.aws.simulation.task('orders')!;
    const byName: MetricDataQuery = {
      Id: 'byname',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/DMS',
          MetricName: 'CDCLatencyTarget',
          Dimensions: [
            { Name: 'ReplicationInstanceIdentifier', Value: task.identity.instanceId },
            { Name: 'ReplicationTaskIdentifier', Value: 'orders' },
          ],
        },
        Period: 60,
        Stat: 'Average',
      },
    };
    const other: MetricDataQuery = {
      ...query(harness, 'other', 'CDCLatencyTarget'),
      MetricStat: {
        ...query(harness, 'x', 'CDCLatencyTarget').MetricStat!,
        Metric: { ...query(harness, 'x', 'CDCLatencyTarget').MetricStat!.Metric!, Namespace: 'AWS/RDS' },
      },
    };
    const out = await harness.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 600_000),
        EndTime: new Date(now),
        MetricDataQueries: [byName, other, query(harness, 'real', 'CDCLatencyTarget')],
      }),
    );
    expect(out.MetricDataResults!.map((result) => [result.Id, result.Values!.length > 0, result.StatusCode])).toEqual([
      ['byname', false, 'Complete'],
      ['other', false, 'Complete'],
      ['real', true, 'Complete'],
    ]);
  });

  it('pages with NextToken when MaxDatapoints is reached, marking the cut query PartialData', async () => {
    const harness = await start(ESTATE);
    harness.advance(60 * 60);
    const now = harness.clock.now();
    const request = {
      StartTime: new Date(now - 3600_000),
      EndTime: new Date(now),
      MaxDatapoints: 50,
      MetricDataQueries: [query(harness, 'a', 'CDCLatencyTarget'), query(harness, 'b', 'CDCIncomingChanges'), query(harness, 'c', 'CDCThroughputRowsTarget')],
    };
    const full = await harness.cloudwatch.send(new GetMetricDataCommand({ ...request, MaxDatapoints: undefined }));
    const collected = new Map<string, number[]>();
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await harness.cloudwatch.send(new GetMetricDataCommand({ ...request, ...(token ? { NextToken: token } : {}) }));
      const points = out.MetricDataResults!.reduce((sum, result) => sum + result.Values!.length, 0);
      expect(points).toBeLessThanOrEqual(50);
      if (out.NextToken) expect(out.MetricDataResults!.at(-1)!.StatusCode).toBe('PartialData');
      for (const result of out.MetricDataResults!) collected.set(result.Id!, [...(collected.get(result.Id!) ?? []), ...result.Values!]);
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const result of full.MetricDataResults!) expect(collected.get(result.Id!)).toEqual(result.Values);

    const bad = await errorOf(harness.cloudwatch.send(new GetMetricDataCommand({ ...request, NextToken: 'garbage' })));
    expect(bad).toBeInstanceOf(InvalidNextToken);
  });

  it('accepts 500 queries and rejects 501 with the validation error', async () => {
    const harness = await start(ESTATE);
    harness.advance(120);
    const now = harness.clock.now();
    const queries = (n: number) => Array.from({ length: n }, (_, i) => query(harness, `q${i}`, 'CDCLatencyTarget'));
    const ok = await harness.cloudwatch.send(
      new GetMetricDataCommand({ StartTime: new Date(now - 600_000), EndTime: new Date(now), MetricDataQueries: queries(500) }),
    );
    expect(ok.MetricDataResults).toHaveLength(500);
    const error = await errorOf(
      harness.cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(now - 600_000), EndTime: new Date(now), MetricDataQueries: queries(501) })),
    );
    expect(error).toBeInstanceOf(CloudWatchServiceException);
    // The query code is ValidationError; the SDK names the exception as the JSON protocol does.
    expect(error.Code).toBe('ValidationError');
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('less than or equal to 500');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('reports query-compatible errors: the modeled exception class, its query code, and the header', async () => {
    const harness = await start(ESTATE);
    const now = harness.clock.now();
    const error = await errorOf(
      harness.cloudwatch.send(
        new GetMetricDataCommand({ StartTime: new Date(now), EndTime: new Date(now - 60_000), MetricDataQueries: [query(harness, 'a', 'CDCLatencyTarget')] }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.Code).toBe('InvalidParameterValue');
    const period = await errorOf(
      harness.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 60_000),
          EndTime: new Date(now),
          MetricDataQueries: [query(harness, 'a', 'CDCLatencyTarget', 45)],
        }),
      ),
    );
    expect(period.message).toContain('Period must be 1, 5, 10, 20, 30, 60');
    const duplicate = await errorOf(
      harness.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 60_000),
          EndTime: new Date(now),
          MetricDataQueries: [query(harness, 'a', 'CDCLatencyTarget'), query(harness, 'a', 'CDCLatencySource')],
        }),
      ),
    );
    expect(duplicate.message).toContain('not unique');

    const raw = await rawCall(
      harness.aws,
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData', 'x-amzn-query-mode': 'true' },
      JSON.stringify({ StartTime: now / 1000, EndTime: now / 1000 - 60, MetricDataQueries: [query(harness, 'a', 'CDCLatencyTarget')] }),
    );
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-query-error')).toBe('InvalidParameterValue;Sender');
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(raw.text)).toMatchObject({ __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException' });
    const unknown = await rawCall(
      harness.aws,
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.PutMetricAlarm' },
      '{}',
    );
    expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('the awsQuery form', () => {
  it('answers a form-encoded GetMetricData with XML, and its errors with an ErrorResponse', async () => {
    const harness = await start(ESTATE);
    harness.advance(10 * 60);
    const now = harness.clock.now();
    const [instance, task] = taskDimensions(harness.aws, 'orders');
    const form = new URLSearchParams({
      Action: 'GetMetricData',
      Version: '2010-08-01',
      StartTime: new Date(now - 5 * 60_000).toISOString(),
      EndTime: new Date(now).toISOString(),
      'MetricDataQueries.member.1.Id': 'lat',
      'MetricDataQueries.member.1.MetricStat.Metric.Namespace': 'AWS/DMS',
      'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'CDCLatencyTarget',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': instance!.Name,
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': instance!.Value,
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name': task!.Name,
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value': task!.Value,
      'MetricDataQueries.member.1.MetricStat.Period': '60',
      'MetricDataQueries.member.1.MetricStat.Stat': 'Average',
    });
    const contentType = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const ok = await rawCall(harness.aws, contentType, form.toString());
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/xml');
    expect(ok.text).toContain('<GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">');
    expect(ok.text).toMatch(/<Id>lat<\/Id><Label>CDCLatencyTarget<\/Label>/);
    const timestamps = [...ok.text.matchAll(/<Timestamps>(.*?)<\/Timestamps>/g)][0]![1]!.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:00Z/g)!;
    const values = [...ok.text.matchAll(/<Values>(.*?)<\/Values>/g)][0]![1]!.match(/<member>([\d.]+)<\/member>/g)!;
    expect(timestamps.length).toBe(5);
    expect(values.length).toBe(5);
    expect(ok.text).toContain('<StatusCode>Complete</StatusCode>');

    form.set('MetricDataQueries.member.1.MetricStat.Period', '7');
    const bad = await rawCall(harness.aws, contentType, form.toString());
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /<ErrorResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>InvalidParameterValue<\/Code>/,
    );
    const action = await rawCall(harness.aws, contentType, 'Action=ListMetrics&Version=2010-08-01');
    expect(action.text).toContain('<Code>InvalidAction</Code>');
  });
});
