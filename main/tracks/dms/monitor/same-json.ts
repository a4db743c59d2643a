// Whether two values say the same in JSON, without serializing them: the views' change detection compares each
// task's new view with its previous one every cycle (6,000 of them at scale), where JSON text and a digest of it
// cost a string or two per view and most of the time of the comparison.

/**
 * As JSON.stringify(a) === JSON.stringify(b) for plain data (objects, arrays, strings, numbers, booleans, null), key
 * order aside: it says nothing to a reader of the JSON.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return scalar(a) === scalar(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    // JSON writes undefined (and functions) in an array as null.
    for (let i = 0; i < a.length; i++) if (!sameJson(inArray(a[i]), inArray(other[i]))) return false;
    return true;
  }
  // The same keys with the same values, leaving out those JSON leaves out.
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key) || !written(left[key])) continue;
    if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false;
    keys++;
  }
  for (const key in right) if (Object.hasOwn(right, key) && written(right[key])) keys--;
  return keys === 0;
}

/** JSON's text of a non-object value: non-finite numbers are null. */
function scalar(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

function written(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function inArray(value: unknown): unknown {
  return written(value) ? value : null;
}
