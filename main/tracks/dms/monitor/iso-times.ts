// ISO strings for the times a refresh cycle puts into every task's view. The 6,000 views of a cycle carry a handful
// of distinct times (the cycle's moment, the last period of each metric), but each `new Date(ms).toISOString()` is a
// string of its own: 40,000 of them a cycle, kept by the views until the next. One string per distinct time, kept
// while it is recent, makes that a few dozen.

/** Distinct times remembered (by every monitor of the process); past this many the cache starts over. */
const CAPACITY = 256;
const strings = new Map<number, string>();

/** `new Date(ms).toISOString()`, the same string for the same time. */
export function isoTime(ms: number): string {
  let iso = strings.get(ms);
  if (iso === undefined) {
    if (strings.size >= CAPACITY) strings.clear();
    iso = new Date(ms).toISOString();
    strings.set(ms, iso);
  }
  return iso;
}
