// A task's new description shares what did not change with the one it replaces. Every cycle DescribeReplicationTasks
// answers 6,000 tasks anew — four ARNs, the table mappings, six dates and more each, all new strings and Date objects
// that the monitor keeps until the next answer, long enough for V8 to move them to its old space. Pointing the new
// description at the values it already holds lets the new copies die young: about a megabyte a cycle less to
// promote, and one copy of each ARN in memory instead of one per cycle's survivor.

/**
 * Replaces the strings and dates of `next` (and of the plain objects in it) that equal those at the same place in
 * `previous` with `previous`'s. Arrays are left as they are.
 */
export function reuseUnchanged<T extends object>(next: T, previous: T): void {
  const into = next as Record<string, unknown>;
  const from = previous as Record<string, unknown>;
  for (const key of Object.keys(into)) {
    const value = into[key];
    const old = from[key];
    // Equal strings are === and may still be two copies: the old one is kept.
    if (typeof value === 'string') {
      if (value === old) into[key] = old;
    } else if (value instanceof Date) {
      if (old instanceof Date && old.getTime() === value.getTime()) into[key] = old;
    } else if (isPlainObject(value) && isPlainObject(old)) reuseUnchanged(value, old);
  }
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
