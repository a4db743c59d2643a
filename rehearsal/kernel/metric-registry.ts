// The metrics CloudWatch GetMetricData reads: each track registers a source for its namespace (DMS: AWS/DMS), and
// a query for a namespace nobody registered has no datapoints, as CloudWatch answers for a metric that does not exist.

export interface MetricQuery {
  readonly id: string;
  readonly label?: string;
  readonly returnData: boolean;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: ReadonlyMap<string, string>;
  /** Seconds. */
  readonly period: number;
  readonly stat: string;
}

/** Datapoints in the order asked for: epoch seconds and their values, one per period that holds data. */
export interface MetricSeries {
  readonly timestamps: number[];
  readonly values: number[];
}

/** `start`/`end`: simulated epoch ms; `end` is never after now. */
export type MetricSource = (query: MetricQuery, start: number, end: number, ascending: boolean) => MetricSeries;

export class MetricRegistry {
  readonly #sources = new Map<string, MetricSource>();

  register(namespace: string, source: MetricSource): void {
    if (this.#sources.has(namespace)) throw new Error(`metric namespace ${namespace} is registered twice`);
    this.#sources.set(namespace, source);
  }

  datapoints(query: MetricQuery, start: number, end: number, ascending: boolean): MetricSeries {
    return this.#sources.get(query.namespace)?.(query, start, end, ascending) ?? { timestamps: [], values: [] };
  }
}
