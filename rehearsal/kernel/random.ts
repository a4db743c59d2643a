// Deterministic randomness: the same seed gives the same estate, the same noise and the same injected
// throttles, so a rehearsal (or a test) can be replayed exactly.

/** mulberry32: tiny, fast, good enough for simulation noise. Returns [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
