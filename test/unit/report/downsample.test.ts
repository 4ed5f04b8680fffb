/**
 * Min-max downsampling and bucket maxima for the report's plots, on hand-made series.
 */
import * as assert from 'assert';

import { bucketBounds, bucketMaxima, minMaxIndices } from '../../../src/engine/report/downsample';

describe('minMaxIndices', () => {
  it('keeps every row of a series that fits', () => {
    assert.deepStrictEqual(
      minMaxIndices(4, () => 0, 10),
      [0, 1, 2, 3],
    );
  });

  it('keeps the minimum and maximum of each bucket, in row order', () => {
    // Rows 1..8 split into 2 buckets of 4 interior rows: [1..4] and [5..8].
    const values = [0, 5, 1, 9, 2, 3, -4, 7, 6, 0];
    const picked = minMaxIndices(values.length, (t) => values[t], 6);

    assert.deepStrictEqual(picked, [0, 2, 3, 6, 7, 9]);
  });

  it('stays within the budget, ascending, with first and last row', () => {
    for (const [rows, max] of [
      [10_001, 5000],
      [99_999, 700],
      [5001, 5000],
    ]) {
      const picked = minMaxIndices(rows, (t) => Math.sin(t), max);
      assert.ok(picked.length <= max, `${rows} rows -> ${picked.length} > ${max}`);
      assert.strictEqual(picked[0], 0);
      assert.strictEqual(picked[picked.length - 1], rows - 1);
      for (let i = 1; i < picked.length; i++) assert.ok(picked[i] > picked[i - 1]);
    }
  });
});

describe('bucket maxima', () => {
  it('splits rows into near-equal buckets covering all rows', () => {
    assert.deepStrictEqual(bucketBounds(7, 3), [
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 4, end: 7 },
    ]);
    assert.strictEqual(bucketBounds(2, 1000).length, 2);
  });

  it('takes the maximum of each channel within each bucket', () => {
    // 4 rows × 2 channels, row-major.
    const values = Float32Array.from([1, 8, 3, 2, 0, 5, 4, 1]);
    const maxima = bucketMaxima(values, 4, 2, bucketBounds(4, 2));

    assert.deepStrictEqual(maxima, [
      [3, 4],
      [8, 5],
    ]);
  });
});
