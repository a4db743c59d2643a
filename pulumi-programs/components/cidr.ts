// IPv4 CIDR arithmetic: parsing with operator-facing errors, containment, overlap and carving a block into
// equal subnets. Pure functions with no Pulumi or AWS imports, so the rehearsal path and the unit tests use
// them without loading a provider SDK.

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0–32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`. Throws with a suggestion when host bits are set (`10.40.0.1/16` → `10.40.0.0/16`). */
export function parseCidr(text: string): Cidr {
  const match = CIDR_PATTERN.exec(text.trim());
  if (!match) throw new Error(`'${text}' is not an IPv4 CIDR block (expected a.b.c.d/n, e.g. 10.40.0.0/16)`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) throw new Error(`'${text}' has an octet above 255`);
  if (prefix > 32) throw new Error(`'${text}' has a prefix length above 32`);
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  const network = (address & maskOf(prefix)) >>> 0;
  if (network !== address) {
    throw new Error(`'${text}' has host bits set: did you mean ${formatCidr({ network, prefix })}?`);
  }
  return { network, prefix };
}

export function isCidr(text: string): boolean {
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}

export function formatCidr(cidr: Cidr): string {
  const n = cidr.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${cidr.prefix}`;
}

/** Number of addresses in the block (2^(32-prefix)). */
export function sizeOf(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.network & maskOf(outer.prefix)) >>> 0 === outer.network;
}

/** True when the two blocks share at least one address (for CIDR blocks: one contains the other). */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/**
 * The first `count` subnets of length `newPrefix` inside `parent`, in address order.
 * Throws when the prefix is shorter than the parent's or the parent has too few such subnets.
 */
export function subdivide(parent: Cidr, newPrefix: number, count: number): Cidr[] {
  if (!Number.isInteger(newPrefix) || newPrefix < parent.prefix || newPrefix > 32) {
    throw new Error(`cannot carve /${newPrefix} subnets out of ${formatCidr(parent)}: the prefix must be between /${parent.prefix} and /32`);
  }
  const available = 2 ** (newPrefix - parent.prefix);
  if (count > available) {
    throw new Error(`${formatCidr(parent)} holds only ${available} /${newPrefix} subnet(s), ${count} are needed`);
  }
  const step = 2 ** (32 - newPrefix);
  return Array.from({ length: count }, (_, index) => ({ network: parent.network + index * step, prefix: newPrefix }));
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
