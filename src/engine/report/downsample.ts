/**
 * Downsampling for plots of long series: the report (report/reportData.ts) keeps at most a few
 * thousand points per trace, choosing them so that peaks and dips survive.
 */

/**
 * Row indices to plot for one trace of `rows` values read by `at(t)`: all rows when they fit,
 * else the minimum and maximum of each bucket of consecutive rows (in row order), so a
 * one-row spike stays visible however long the series. Returns at most `maxPoints` indices,
 * ascending, always including the first and last row.
 */
export function minMaxIndices(
  rows: number,
  at: (t: number) => number,
  maxPoints: number,
): number[] {
  if (rows <= maxPoints) return Array.from({ length: rows }, (_, t) => t);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const picked: number[] = [0];

  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * (rows - 2)) / buckets);
    const end = 1 + Math.floor(((b + 1) * (rows - 2)) / buckets);
    if (end <= start) continue;
    let lo = start;
    let hi = start;
    for (let t = start + 1; t < end; t++) {
      const v = at(t);
      // NaN compares false both ways and so never displaces a number.
      if (v < at(lo)) lo = t;
      if (v > at(hi)) hi = t;
    }
    if (lo === hi) picked.push(lo);
    else picked.push(Math.min(lo, hi), Math.max(lo, hi));
  }

  picked.push(rows - 1);
  return picked;
}

/** Bucket bounds [start, end) that split `rows` into at most `maxBuckets` near-equal parts. */
export function bucketBounds(rows: number, maxBuckets: number): { start: number; end: number }[] {
  const count = Math.max(1, Math.min(rows, maxBuckets));
  const bounds: { start: number; end: number }[] = [];
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * rows) / count);
    bounds.push({ start, end: Math.floor(((b + 1) * rows) / count) });
  }
  return bounds;
}

/**
 * Maximum per bucket of each channel of a row-major `rows` × `C` matrix: the heatmap keeps a
 * channel's strongest moment in each bucket. Returns C arrays of bucket maxima.
 */
export function bucketMaxima(
  values: Float32Array,
  rows: number,
  C: number,
  bounds: { start: number; end: number }[],
): number[][] {
  const out: number[][] = Array.from({ length: C }, () => new Array<number>(bounds.length));
  bounds.forEach(({ start, end }, b) => {
    for (let c = 0; c < C; c++) {
      let best = -Infinity;
      for (let t = start; t < end; t++) best = Math.max(best, values[t * C + c]);
      out[c][b] = best;
    }
  });
  return out;
}
