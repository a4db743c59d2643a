// The ids and names an account's traffic estate hands out — Route 53 zone and change ids, ELBv2 resource ids and DNS
// digits — drawn from the rehearsal's seed, the account and a counter per kind, so a run repeats for a seed.
import { hashString, prng } from '../../kernel/random';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

export class IdSource {
  readonly #seed: number;
  readonly #accountId: string;
  readonly #counters = new Map<string, number>();

  constructor(seed: number, accountId: string) {
    this.#seed = seed;
    this.#accountId = accountId;
  }

  /** A Route 53 id: `prefix` (Z for zones, C for changes) and 20 upper-case letters and digits. */
  route53(prefix: 'Z' | 'C'): string {
    return prefix + this.#draw(prefix, UPPER_ALNUM, 20);
  }

  /** An ELBv2 resource id: 16 hex digits. */
  elbv2(kind: 'loadbalancer' | 'targetgroup' | 'listener'): string {
    return this.#draw(kind, HEX, 16);
  }

  /** The digits of a load balancer's DNS name (10, never starting with 0). */
  dnsDigits(): string {
    const digits = this.#draw('dns', DIGITS, 10);
    return digits.startsWith('0') ? `1${digits.slice(1)}` : digits;
  }

  #draw(kind: string, alphabet: string, length: number): string {
    const count = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, count);
    const next = prng(hashString(`${kind}:${this.#accountId}:${count}`, this.#seed));
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    return text;
  }
}
