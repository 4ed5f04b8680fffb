/**
 * Percentiles with numpy's default ("linear") interpolation, so that thresholds match the
 * reference protocol's `np.percentile`. Used by the threshold fit (score/threshold.ts), the
 * paper protocol and the random baselines of the evaluation.
 */

/** An ascending Float64 copy of the values (NaN sorts last and is the caller's concern). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/**
 * The p-th percentile (p in [0, 100]) of already sorted values: the value at fractional rank
 * p/100 × (n − 1), interpolated linearly between its two neighbours.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;

  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (n - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, n - 1);
  const fraction = rank - below;
  if (fraction === 0) return sorted[below];
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

/**
 * The p-th percentile of unsorted values (NaN left out), in linear time: the two
 * neighbouring order statistics are selected in a copy instead of sorting it. Several arrays
 * are pooled as one sample.
 */
export function percentile(values: ArrayLike<number> | ArrayLike<number>[], p: number): number {
  const parts = isList(values) ? values : [values];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const pooled = new Float64Array(total);
  let n = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) if (!Number.isNaN(part[i])) pooled[n++] = part[i];
  }
  if (n === 0) return NaN;

  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (n - 1);
  const below = Math.floor(rank);
  const low = select(pooled.subarray(0, n), below);
  if (rank === below) return low;

  // After selection all values right of `below` are ≥ it; the next order statistic is their min.
  let high = Infinity;
  for (let i = below + 1; i < n; i++) if (pooled[i] < high) high = pooled[i];
  return low + (high - low) * (rank - below);
}

function isList(values: ArrayLike<number> | ArrayLike<number>[]): values is ArrayLike<number>[] {
  return Array.isArray(values) && values.length > 0 && typeof values[0] !== 'number';
}

/**
 * Rearranges `a` so that a[k] holds the k-th smallest value, smaller ones before it and larger
 * ones after (Hoare's selection with a median-of-three pivot).
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const pivot = median3(a[lo], a[mid], a[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const held = a[i];
        a[i] = a[j];
        a[j] = held;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function median3(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}
