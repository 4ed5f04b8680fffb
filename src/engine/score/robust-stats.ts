/**
 * Quantile statistics of per-channel signals, fitted on training data for the scoring rules.
 *
 * Called by paper-scoring.ts (mean and unbiased std) and product-scoring.ts (median and
 * interquartile range). Large inputs are subsampled at an even stride to at most
 * `MAX_SAMPLES` values per channel, which keeps the fit fast on long series and changes the
 * quantiles by far less than the spread between training runs.
 */

const MAX_SAMPLES = 65536;

/** Linear-interpolation quantile (numpy's default) of ascending sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Column `column` of a row-major rows × columns array, subsampled, sorted ascending. */
export function sortedColumn(
  values: Float32Array,
  rows: number,
  columns: number,
  column: number,
): Float64Array {
  const step = Math.max(1, Math.ceil(rows / MAX_SAMPLES));
  const out = new Float64Array(Math.ceil(rows / step));
  let n = 0;
  for (let t = 0; t < rows; t += step) out[n++] = values[t * columns + column];
  return out.subarray(0, n).sort();
}

/** Median and interquartile range of each column of a row-major rows × columns array. */
export function columnMedianIqr(
  values: Float32Array,
  rows: number,
  columns: number,
): { median: Float32Array; iqr: Float32Array } {
  const median = new Float32Array(columns);
  const iqr = new Float32Array(columns);
  for (let c = 0; c < columns; c++) {
    const sorted = sortedColumn(values, rows, columns, c);
    median[c] = quantileSorted(sorted, 0.5);
    iqr[c] = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  }
  return { median, iqr };
}

/** Mean and unbiased standard deviation of each column (float64 sums). */
export function columnMeanStd(
  values: Float32Array,
  rows: number,
  columns: number,
): { mean: Float32Array; std: Float32Array } {
  const sum = new Float64Array(columns);
  const squares = new Float64Array(columns);
  for (let t = 0; t < rows; t++) {
    for (let c = 0; c < columns; c++) sum[c] += values[t * columns + c];
  }
  const mean = Float64Array.from(sum, (s) => s / Math.max(rows, 1));
  for (let t = 0; t < rows; t++) {
    for (let c = 0; c < columns; c++) squares[c] += (values[t * columns + c] - mean[c]) ** 2;
  }
  const std = Float32Array.from(squares, (s) => Math.sqrt(s / Math.max(rows - 1, 1)));
  return { mean: Float32Array.from(mean), std };
}
