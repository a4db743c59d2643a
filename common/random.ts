// common/ — deterministic randomness: the same seed gives the same sequence, so a rehearsal, a test or a
// validation's samples can be replayed exactly.

/** mulberry32: tiny, fast, good enough for simulation noise and sampling. Returns [0, 1). */
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
