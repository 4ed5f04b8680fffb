/**
 * Per-channel mean and standard deviation of a signal, fitted on training data for the
 * scoring rules (paper-scoring.ts: the spatial discrepancy; product-scoring.ts: the residual).
 */

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
