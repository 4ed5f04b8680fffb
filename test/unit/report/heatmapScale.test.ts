/** The heatmap's colour limit: a high quantile of the cells, so an outlier cannot wash out. */
import * as assert from 'assert';
import { heatmapColourLimit } from '../../../src/engine/report/heatmapScale';

describe('heatmap colour limit', () => {
  it('saturates at the 99.5th percentile of the finite cells', () => {
    // 1000 cells 0..999 and one outlier: the limit is the cell of rank 995, not the outlier.
    const cells = [Array.from({ length: 1000 }, (_, i) => i), [1e12, NaN, Infinity]];
    assert.strictEqual(heatmapColourLimit(cells), 995);
  });

  it('is the largest cell when there are few, and 1 when there is none', () => {
    assert.strictEqual(heatmapColourLimit([[3, 7], [5]]), 7);
    assert.strictEqual(heatmapColourLimit([[NaN]]), 1);
    assert.strictEqual(heatmapColourLimit([]), 1);
  });
});
