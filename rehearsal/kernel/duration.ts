// Durations as scenario files and the admin API write them: seconds, or a text such as 90s, 5m, 1.5h, 2d, 250ms.
import { z } from 'zod';

/** Seconds, or a text such as 90s, 5m, 1.5h, 2d, 250ms. */
export const Duration = z
  .union(
    [
      z.number().min(0, { error: 'expected 0 or more seconds' }),
      z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, { error: 'expected a duration such as 30s, 5m, 2h or a number of seconds' }),
    ],
    {
      error: 'expected a duration such as 30s, 5m, 2h or a number of seconds',
    },
  )
  .transform((value) => (typeof value === 'number' ? value : durationSeconds(value)));

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

function durationSeconds(text: string): number {
  const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text)!;
  return Number(amount) * UNIT_SECONDS[unit!]!;
}
