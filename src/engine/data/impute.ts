/**
 * Missing cells of a row-major series (NaN after reading): which columns have no value at
 * all, and the fill that replaces the others, with the mask of what was observed.
 *
 * Called by readSeries.ts once the file has been read. Works in place on the read buffer, so
 * no second copy of the values is made.
 */

export const IMPUTATION_METHOD =
  'linear interpolation between the nearest observed values; ' +
  'the first and last observed values are carried to the ends';

/** Observed (non-NaN) cells per column of a row-major `rows` × `C` array. */
export function observedPerColumn(values: Float32Array, rows: number, C: number): Uint32Array {
  const counts = new Uint32Array(C);
  for (let t = 0; t < rows; t++) {
    for (let c = 0; c < C; c++) {
      const v = values[t * C + c];
      if (v === v) counts[c]++;
    }
  }
  return counts;
}

/**
 * Keeps the columns listed in `keep` (ascending), moving them left in place; returns the
 * narrower view. Safe in place because each value moves to an index no larger than its own.
 */
export function keepColumns(
  values: Float32Array,
  rows: number,
  C: number,
  keep: number[],
): Float32Array {
  const K = keep.length;
  if (K === C) return values;
  for (let t = 0; t < rows; t++) {
    for (let k = 0; k < K; k++) values[t * K + k] = values[t * C + keep[k]];
  }
  return values.subarray(0, rows * K);
}

/**
 * Fills NaN cells in place (see IMPUTATION_METHOD) and returns the observed mask (1 observed,
 * 0 filled). Every column must have at least one observed value.
 */
export function imputeLinear(values: Float32Array, rows: number, C: number): Uint8Array {
  const observed = new Uint8Array(rows * C);
  for (let i = 0; i < observed.length; i++) observed[i] = values[i] === values[i] ? 1 : 0;

  for (let c = 0; c < C; c++) {
    let previous = -1;
    for (let t = 0; t < rows; t++) {
      if (!observed[t * C + c]) continue;
      fillGap(values, C, c, previous, t, rows);
      previous = t;
    }
    fillGap(values, C, c, previous, rows, rows);
  }
  return observed;
}

/** Fills rows strictly between observed rows `from` and `to` (-1 / `rows` for the ends). */
function fillGap(
  values: Float32Array,
  C: number,
  c: number,
  from: number,
  to: number,
  rows: number,
): void {
  if (to - from <= 1) return;
  const left = from >= 0 ? values[from * C + c] : NaN;
  const right = to < rows ? values[to * C + c] : NaN;
  for (let t = from + 1; t < to; t++) {
    let v: number;
    if (from < 0) v = right;
    else if (to >= rows) v = left;
    else v = left + ((right - left) * (t - from)) / (to - from);
    values[t * C + c] = v;
  }
}
