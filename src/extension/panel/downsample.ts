/**
 * Downsampling of long series for the results panel, so that files with hundreds of thousands
 * of rows stay fluid: lines keep each bucket's minimum and maximum (peaks survive, unlike
 * averaging or striding), heatmap columns keep each bucket's maximum. Zooming asks for a row
 * range, which is drawn in full when it is short enough. Called by the panel's view builder.
 */
import type { LineView } from '../../protocol';

/** Buckets per line in the overview; each gives at most two points. */
export const LINE_BUCKETS = 4000;

/** A column of a row-major matrix: value of row `t` is `values[t * stride + offset]`. */
export interface Column {
  values: ArrayLike<number>;
  stride: number;
  offset: number;
}

export const wholeArray = (values: ArrayLike<number>): Column => ({ values, stride: 1, offset: 0 });

/** Clamps [start, end] (inclusive rows) to a series of `rows` rows; empty when rows is 0. */
export function clampRange(rows: number, start: number, end: number): [number, number] {
  const first = Math.max(0, Math.min(Math.floor(start), rows - 1));
  const last = Math.max(first, Math.min(Math.ceil(end), rows - 1));
  return [first, last];
}

/**
 * Rows `start..end` (inclusive) of a column, in row order: every row when there are at most
 * `2 * buckets` of them, else per bucket the row of the minimum and of the maximum (once when
 * they coincide). Missing values (NaN) are left out; a bucket of only NaN gives one NaN point,
 * so the line shows a gap there.
 */
export function minMaxLine(column: Column, start: number, end: number, buckets: number): LineView {
  const { values, stride, offset } = column;
  const count = end - start + 1;
  const rows: number[] = [];
  const out: number[] = [];
  if (count <= 0) return { rows, values: out };

  if (count <= 2 * buckets) {
    for (let t = start; t <= end; t++) {
      rows.push(t);
      out.push(values[t * stride + offset]);
    }
    return { rows, values: out };
  }

  for (let b = 0; b < buckets; b++) {
    const from = start + Math.floor((b * count) / buckets);
    const to = start + Math.floor(((b + 1) * count) / buckets) - 1;
    let minRow = -1;
    let maxRow = -1;
    for (let t = from; t <= to; t++) {
      const v = values[t * stride + offset];
      if (Number.isNaN(v)) continue;
      if (minRow < 0 || v < values[minRow * stride + offset]) minRow = t;
      if (maxRow < 0 || v > values[maxRow * stride + offset]) maxRow = t;
    }
    if (minRow < 0) {
      rows.push(from);
      out.push(NaN);
      continue;
    }
    // Both extremes, in row order, so the line is drawn left to right.
    const first = Math.min(minRow, maxRow);
    const last = Math.max(minRow, maxRow);
    const picked = first === last ? [first] : [first, last];
    for (const t of picked) {
      rows.push(t);
      out.push(values[t * stride + offset]);
    }
  }
  return { rows, values: out };
}

/**
 * Splits rows `start..end` into at most `columns` buckets and gives each bucket's first row;
 * the heatmap and the line buckets of one range use the same split.
 */
export function bucketStarts(start: number, end: number, columns: number): number[] {
  const count = end - start + 1;
  const n = Math.max(0, Math.min(columns, count));
  const starts: number[] = [];
  for (let b = 0; b < n; b++) starts.push(start + Math.floor((b * count) / n));
  return starts;
}

/**
 * Per bucket (from `bucketStarts`) and per column of a row-major matrix (`width` columns), the
 * largest value; NaN where a bucket has only missing values. Reads the rows in order: one
 * pass over memory instead of one strided pass per column.
 */
export function maxPerBucketAll(
  values: ArrayLike<number>,
  width: number,
  starts: number[],
  end: number,
): number[][] {
  const out = Array.from({ length: width }, () => new Array<number>(starts.length));
  const best = new Float64Array(width);

  starts.forEach((from, b) => {
    const to = b + 1 < starts.length ? starts[b + 1] - 1 : end;
    best.fill(-Infinity);
    for (let t = from; t <= to; t++) {
      const row = t * width;
      // A NaN compares false, so missing values never win.
      for (let c = 0; c < width; c++) if (values[row + c] > best[c]) best[c] = values[row + c];
    }
    for (let c = 0; c < width; c++) out[c][b] = best[c] === -Infinity ? NaN : best[c];
  });
  return out;
}

/**
 * Heatmap columns for `channels` channels: enough to show detail, few enough that the cells
 * (channels × columns) stay a few hundred thousand numbers however wide the file is.
 */
export function heatmapColumns(channels: number, rows: number): number {
  const byCells = Math.floor(400_000 / Math.max(1, channels));
  return Math.max(1, Math.min(rows, 2000, Math.max(200, byCells)));
}
