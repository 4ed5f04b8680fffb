/**
 * Downsampling for the panel: min-max buckets keep every peak and trough, stay within their
 * point budget and row bounds, short ranges come back in full, and heatmap buckets keep each
 * bucket's maximum.
 */
import * as assert from 'assert';
import {
  bucketStarts,
  clampRange,
  heatmapColumns,
  maxPerBucketAll,
  minMaxLine,
  wholeArray,
} from '../../../src/extension/panel/downsample';

/** A smooth series with a few planted spikes (rows and values known). */
function seriesWithSpikes(rows: number): { values: Float32Array; spikes: Map<number, number> } {
  const values = new Float32Array(rows);
  for (let t = 0; t < rows; t++) values[t] = Math.sin(t / 300);
  const spikes = new Map([
    [12_345, 40],
    [77_777, -35],
    [199_999, 25],
  ]);
  for (const [row, value] of spikes) values[row] = value;
  return { values, spikes };
}

describe('minMaxLine', () => {
  it('keeps every spike of a long series within two points per bucket', () => {
    const { values, spikes } = seriesWithSpikes(200_000);
    const line = minMaxLine(wholeArray(values), 0, 199_999, 4000);

    assert.ok(line.rows.length <= 8000, `${line.rows.length} points`);
    for (const [row, value] of spikes) {
      const at = line.rows.indexOf(row);
      assert.ok(at >= 0, `spike at row ${row} kept`);
      assert.strictEqual(line.values[at], Math.fround(value));
    }
    assert.strictEqual(Math.max(...line.values), 40);
    assert.strictEqual(Math.min(...line.values), -35);
  });

  it('returns rows in increasing order, inside the range', () => {
    const { values } = seriesWithSpikes(200_000);
    const line = minMaxLine(wholeArray(values), 50_000, 150_000, 1000);
    for (let i = 1; i < line.rows.length; i++) assert.ok(line.rows[i] > line.rows[i - 1]);
    assert.ok(line.rows[0] >= 50_000 && line.rows[line.rows.length - 1] <= 150_000);
    assert.strictEqual(line.rows.includes(77_777), true);
  });

  it('returns a short range in full (the zoomed view)', () => {
    const values = Float32Array.from([5, 1, 4, 1, 5, 9, 2, 6]);
    assert.deepStrictEqual(minMaxLine(wholeArray(values), 2, 5, 4), {
      rows: [2, 3, 4, 5],
      values: [4, 1, 5, 9],
    });
  });

  it('reads one column of a row-major matrix', () => {
    // 3 rows × 2 columns: column 1 is 10, 20, 30.
    const matrix = Float32Array.from([1, 10, 2, 20, 3, 30]);
    const line = minMaxLine({ values: matrix, stride: 2, offset: 1 }, 0, 2, 10);
    assert.deepStrictEqual(line.values, [10, 20, 30]);
  });

  it('computes buckets by hand: 7 rows into 3 buckets (rows 0-1, 2-3, 4-6)', () => {
    // 7 rows are more than 2 × 3 points, so they are bucketed; a flat bucket gives one point.
    const values = Float32Array.from([3, 1, 7, 2, 0, 0, 0]);
    const line = minMaxLine(wholeArray(values), 0, 6, 3);
    assert.deepStrictEqual(line.rows, [0, 1, 2, 3, 4]);
    assert.deepStrictEqual(line.values, [3, 1, 7, 2, 0]);
  });

  it('leaves missing values out and marks an all-missing bucket with one gap', () => {
    const values = Float32Array.from([NaN, NaN, NaN, 1, NaN, 5, 2, 2, 2]);
    const line = minMaxLine(wholeArray(values), 0, 8, 3);
    assert.deepStrictEqual(line.rows, [0, 3, 5, 6]);
    assert.ok(Number.isNaN(line.values[0]));
    assert.deepStrictEqual(line.values.slice(1), [1, 5, 2]);
  });
});

describe('heatmap buckets', () => {
  it('splits rows into buckets that cover the range once', () => {
    const starts = bucketStarts(100, 199, 8);
    assert.strictEqual(starts.length, 8);
    assert.strictEqual(starts[0], 100);
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i] > starts[i - 1]);
    assert.ok(starts[starts.length - 1] <= 199);
    assert.deepStrictEqual(bucketStarts(0, 2, 10), [0, 1, 2]);
  });

  it('keeps the maximum of each bucket, per column', () => {
    // 8 rows × 2 columns; column 0 = 1 9 2 3 NaN 4 0 8, column 1 = its negation.
    const column = [1, 9, 2, 3, NaN, 4, 0, 8];
    const values = Float32Array.from(column.flatMap((v) => [v, -v]));
    const [first, second] = maxPerBucketAll(values, 2, [0, 2, 4, 6], 7);
    assert.deepStrictEqual(first, [9, 3, 4, 8]);
    assert.deepStrictEqual(second, [-1, -2, -4, -0]);
  });

  it('gives NaN for a bucket of missing values and reads only rows start..end', () => {
    const values = Float32Array.from([100, NaN, NaN, 5, 6, 100]);
    const [column] = maxPerBucketAll(values, 1, [1, 3], 4);
    assert.ok(Number.isNaN(column[0]));
    assert.strictEqual(column[1], 6);
  });

  it('sizes columns between 200 and 2000, fewer for wide files, never more than rows', () => {
    assert.strictEqual(heatmapColumns(38, 500_000), 2000);
    assert.strictEqual(heatmapColumns(1000, 500_000), 400);
    assert.strictEqual(heatmapColumns(100_000, 500_000), 200);
    assert.strictEqual(heatmapColumns(38, 150), 150);
  });
});

describe('clampRange', () => {
  it('keeps a range inside the file and in order', () => {
    assert.deepStrictEqual(clampRange(100, -10, 500), [0, 99]);
    assert.deepStrictEqual(clampRange(100, 10.4, 20.2), [10, 21]);
    assert.deepStrictEqual(clampRange(100, 150, 200), [99, 99]);
  });
});
