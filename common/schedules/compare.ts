// Two schedules side by side over a horizon (default 14 days): the slots both fire (equal instants, or within a
// tolerance), and those only one side fires. The data center's job and its AWS replacement should match slot for slot.
import type { Schedule } from './schedule';
import { expandSlots, type Slot } from './slots';

export interface ScheduleSide {
  readonly schedule: Schedule;
  readonly timeZone: string;
  /** rate(): when it starts counting (default: the comparison's start). */
  readonly start?: number;
}

export interface CompareOptions {
  /** The horizon's start. */
  readonly from: number;
  readonly horizonDays?: number;
  /** Two slots this close (seconds) are one slot fired by both (default 0: equal instants only). */
  readonly toleranceSeconds?: number;
}

export interface ScheduleComparison {
  readonly from: number;
  readonly to: number;
  readonly onlyA: readonly Slot[];
  readonly onlyB: readonly Slot[];
  /** Pairs in time order; `offsetSeconds` is b − a. */
  readonly matched: readonly { readonly a: Slot; readonly b: Slot; readonly offsetSeconds: number }[];
}

export const DEFAULT_HORIZON_DAYS = 14;

export function compareSchedules(a: ScheduleSide, b: ScheduleSide, options: CompareOptions): ScheduleComparison {
  const from = options.from;
  const to = from + (options.horizonDays ?? DEFAULT_HORIZON_DAYS) * 86_400_000;
  const tolerance = (options.toleranceSeconds ?? 0) * 1000;
  const left = expandSlots(a.schedule, a.timeZone, from, to, a.start === undefined ? {} : { start: a.start });
  const right = expandSlots(b.schedule, b.timeZone, from, to, b.start === undefined ? {} : { start: b.start });
  const onlyA: Slot[] = [];
  const onlyB: Slot[] = [];
  const matched: { a: Slot; b: Slot; offsetSeconds: number }[] = [];
  let i = 0;
  let j = 0;
  // Both lists ascend: pair the heads when close enough, else the earlier head has no partner.
  while (i < left.length && j < right.length) {
    const x = left[i]!;
    const y = right[j]!;
    const gap = y.epochMs - x.epochMs;
    if (Math.abs(gap) <= tolerance) {
      // A closer partner for x right after y (or for y right after x) wins: pair the nearest.
      const nextY = right[j + 1];
      const nextX = left[i + 1];
      if (nextY && Math.abs(nextY.epochMs - x.epochMs) < Math.abs(gap) && gap < 0) {
        onlyB.push(y);
        j++;
        continue;
      }
      if (nextX && Math.abs(y.epochMs - nextX.epochMs) < Math.abs(gap) && gap > 0) {
        onlyA.push(x);
        i++;
        continue;
      }
      matched.push({ a: x, b: y, offsetSeconds: gap / 1000 });
      i++;
      j++;
    } else if (gap > 0) {
      onlyA.push(x);
      i++;
    } else {
      onlyB.push(y);
      j++;
    }
  }
  onlyA.push(...left.slice(i));
  onlyB.push(...right.slice(j));
  return { from, to, onlyA, onlyB, matched };
}
