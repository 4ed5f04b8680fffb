/**
 * Contiguous runs of labelled (or flagged) rows. Every segment-based metric of the evaluation
 * (point adjustment, PA%K, affiliation, VUS, localization) starts from these runs.
 */

/** Rows `first` to `last`, both inclusive, 0-based. */
export interface Segment {
  first: number;
  last: number;
}

/** The maximal runs of non-zero entries of a 0/1 vector, in order. */
export function findSegments(flags: ArrayLike<number>): Segment[] {
  const segments: Segment[] = [];
  let first = -1;

  for (let t = 0; t < flags.length; t++) {
    if (flags[t] !== 0 && first < 0) first = t;
    if (flags[t] === 0 && first >= 0) {
      segments.push({ first, last: t - 1 });
      first = -1;
    }
  }
  if (first >= 0) segments.push({ first, last: flags.length - 1 });
  return segments;
}

/** Rows flagged where `score > threshold` (NaN is never flagged). */
export function flagAbove(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const flags = new Uint8Array(scores.length);
  for (let t = 0; t < scores.length; t++) flags[t] = scores[t] > threshold ? 1 : 0;
  return flags;
}

/** Number of non-zero entries. */
export function countOnes(flags: ArrayLike<number>): number {
  let n = 0;
  for (let t = 0; t < flags.length; t++) if (flags[t] !== 0) n++;
  return n;
}
