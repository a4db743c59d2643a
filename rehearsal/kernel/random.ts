// Deterministic randomness: the same seed gives the same estate, the same noise and the same injected
// throttles, so a rehearsal (or a test) can be replayed exactly.

import { prng } from '../../common/random';

export { prng };

/** FNV-1a, for deriving per-name seeds. */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A DMS-style resource id (`2PVREMWNPGYJCVU2IBPTOYTIV4`): 26 characters of base32, derived from a name. */
export function resourceId(name: string, seed: number): string {
  const next = prng(hashString(name, seed));
  let id = '';
  for (let i = 0; i < 26; i++) id += ID_ALPHABET[Math.floor(next() * 32)];
  return id;
}
