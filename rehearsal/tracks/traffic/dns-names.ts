// DNS names as Route 53 keeps and orders them: lower case, fully qualified (a trailing dot), `*` written `\052` on
// the wire; ListResourceRecordSets orders names by their labels reversed (`com.example.www`), then by type, then by
// set identifier. A load balancer's DNS name is matched case-insensitively, with or without the trailing dot and the
// `dualstack.` prefix Route 53 alias targets may carry.

/** A name as Route 53 stores it: `Shop.Example.com` → `shop.example.com.`; `\052` (an escaped `*`) read as `*`. */
export function normalizeDnsName(name: string): string {
  const unescaped = name.trim().replace(/\\052/g, '*').toLowerCase();
  return unescaped.endsWith('.') ? unescaped : `${unescaped}.`;
}

/** A stored name as Route 53 answers it (a wildcard label as `\052`). */
export function wireDnsName(name: string): string {
  return name.replace(/\*/g, '\\052');
}

/** Whether `name` is a syntactically valid domain name (labels 1-63 of letters, digits, `-`, `_`, `*`; ≤ 255). */
export function isDnsName(name: string): boolean {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare === '' || bare.length > 254) return false;
  return bare.split('.').every((label) => /^[a-z0-9_*-]{1,63}$/i.test(label));
}

/** Whether `name` is `zone` or below it (both normalized). */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** Compares two normalized names in Route 53's order: label by label from the top (`com`, then `example`, ...). */
export function compareDnsNames(a: string, b: string): number {
  const left = a.split('.').reverse();
  const right = b.split('.').reverse();
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}

/** A load balancer's DNS name as a key: lower case, no trailing dot, no `dualstack.` prefix. */
export function loadBalancerDnsKey(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  return lower.startsWith('dualstack.') ? lower.slice('dualstack.'.length) : lower;
}
