/**
 * The seeded random source of the synthetic benchmark (synthetic.ts, injectAnomalies.ts):
 * the same seed gives the same series and anomalies on every machine and Node version.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's small fast counting generator), which passes
 * the usual statistical test batteries and needs only 32-bit integer arithmetic. Its four
 * words are filled from the seed by a few rounds of the generator itself.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Uniform integer in [low, high] (both included). */
  int(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** -1 or +1 with equal chance. */
  sign(): number;
  /** The items in a random order (a new array). */
  shuffle<T>(items: readonly T[]): T[];
}

/** A generator for `seed`; different `stream` numbers give independent sequences. */
export function createRng(seed: number, stream = 0): Rng {
  let a = (0x9e3779b9 ^ Math.imul(stream, 0x85ebca6b)) | 0;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;

  const word = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Mixes the seed into all four words before the first draw.
  for (let i = 0; i < 16; i++) word();

  const next = (): number => word() / 4294967296;
  const rng: Rng = {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    sign: () => (next() < 0.5 ? -1 : 1),
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rng;
}
