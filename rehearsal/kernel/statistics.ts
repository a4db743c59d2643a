// The statistics CloudWatch computes over the values of a period, for every namespace.

const STATS = /^(Average|Sum|Minimum|Maximum|SampleCount|p(\d{1,2}(\.\d+)?|100))$/;

export function isStat(stat: string): boolean {
  return STATS.test(stat);
}

/** One statistic over the values of a period (non-empty); percentiles sort `values` in place. */
export function statistic(stat: string, values: number[]): number {
  switch (stat) {
    case 'Average': {
      let sum = 0;
      for (const value of values) sum += value;
      return sum / values.length;
    }
    case 'Sum': {
      let sum = 0;
      for (const value of values) sum += value;
      return sum;
    }
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default: {
      const percentile = Number(stat.slice(1));
      values.sort((a, b) => a - b);
      const rank = Math.max(1, Math.ceil((percentile / 100) * values.length));
      return values[rank - 1]!;
    }
  }
}
