/**
 * selectChannels and sliceRows: reordering by name, the error naming both files, row ranges,
 * and the copies they return.
 */
import * as assert from 'assert';
import { selectChannels, sliceRows } from '../../../src/engine/data/select';
import { Series } from '../../../src/engine/types';
import { rowsOf, thrown } from './tempFiles';

/** 3 rows × 3 channels; cell (t, c) holds 10 t + c; one imputed cell at (2, 1). */
function series(): Series {
  return {
    source: '/data/input.csv',
    channels: ['a', 'b', 'c'],
    rows: 3,
    values: Float32Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]),
    observed: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 0, 1]),
    timestamps: Float64Array.from([1000, 2000, 3000]),
    labels: Uint8Array.from([0, 1, 0]),
    skippedColumns: [],
    imputation: { method: 'linear', cells: 1 },
  };
}

describe('selectChannels', () => {
  it('reorders and selects channels by name', () => {
    const picked = selectChannels(series(), ['c', 'a'], { model: '/models/m.json' });
    assert.deepStrictEqual(picked.channels, ['c', 'a']);
    assert.deepStrictEqual(rowsOf(picked.values, 2), [[2, 0], [12, 10], [22, 20]]);
    assert.strictEqual(picked.observed, undefined);
    assert.deepStrictEqual(picked.imputation, { method: 'none', cells: 0 });
    const skipped = [{ name: 'b', reason: 'not a channel of the model m.json' }];
    assert.deepStrictEqual(picked.skippedColumns, skipped);
  });

  it('keeps the mask of the channels it keeps', () => {
    const picked = selectChannels(series(), ['b', 'c'], { model: 'm.json' });
    assert.deepStrictEqual(Array.from(picked.observed!), [1, 1, 1, 1, 0, 1]);
    assert.strictEqual(picked.imputation.cells, 1);
  });

  it('returns a copy when nothing changes', () => {
    const original = series();
    const same = selectChannels(original, ['a', 'b', 'c'], { model: 'm.json' });
    same.values[0] = 99;
    assert.strictEqual(original.values[0], 0);
  });

  it('names the missing channels and both files', () => {
    const model = { model: '/models/m.json' };
    const error = thrown(() => selectChannels(series(), ['a', 'x', 'y'], model));
    assert.strictEqual(error.kind, 'model');
    assert.match(error.message, /^input\.csv lacks 2 of the 3 channels that m\.json was/);
    assert.match(error.message, /trained on: x, y\./);
  });

  it('names the file to score when a training file lacks its channels', () => {
    const scored = { scoredFile: '/data/test.csv' };
    const error = thrown(() => selectChannels(series(), ['a', 'x'], scored));
    assert.match(error.message, /^input\.csv lacks 1 of the 2 channels of test\.csv, the file to/);
    assert.match(error.message, /Give a training file \(--train\) with every column/);
    const picked = selectChannels(series(), ['c'], scored);
    const reasons = picked.skippedColumns.map((c) => c.reason);
    assert.deepStrictEqual(reasons, Array(2).fill('not a column of test.csv, the file to score'));
  });
});

describe('sliceRows', () => {
  it('cuts rows [start, end) of values, mask, times and labels', () => {
    const part = sliceRows(series(), 1, 3);
    assert.strictEqual(part.rows, 2);
    assert.deepStrictEqual(rowsOf(part.values, 3), [[10, 11, 12], [20, 21, 22]]);
    assert.deepStrictEqual(Array.from(part.timestamps!), [2000, 3000]);
    assert.deepStrictEqual(Array.from(part.labels!), [1, 0]);
    assert.deepStrictEqual(part.imputation, { method: 'linear', cells: 1 });
  });

  it('drops the mask of a part without imputed cells', () => {
    const part = sliceRows(series(), 0, 2);
    assert.strictEqual(part.observed, undefined);
    assert.strictEqual(part.imputation.cells, 0);
  });

  it('refuses a range outside the series', () => {
    for (const [start, end] of [[-1, 2], [2, 2], [0, 4], [0.5, 2]]) {
      const error = thrown(() => sliceRows(series(), start, end));
      assert.match(error.message, /not a range of input\.csv/);
    }
  });
});
