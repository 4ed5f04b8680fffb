/**
 * The product scoring: robust statistics, the score of hand-made signals, and its behaviour
 * on the things it is meant to rank.
 */
import * as assert from 'assert';
import {
  PRODUCT_SCORING,
  centredMean,
  ProductStats,
  RowSignals,
  fitProductStats,
  productScores,
  productStarts,
} from '../../../src/engine/score/product-scoring';
import { columnMedianIqr, quantileSorted } from '../../../src/engine/score/robust-stats';
import { assertClose } from '../model/fixtures';

describe('product scoring', () => {
  it('uses numpy-style linear quantiles for the median and IQR', () => {
    assert.strictEqual(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
    assert.strictEqual(quantileSorted([1, 2, 3, 4], 0.25), 1.75);
    const { median, iqr } = columnMedianIqr(Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40]), 4, 2);
    assertClose(median, [2.5, 25]);
    assertClose(iqr, [1.5, 15]);
  });

  it('scores the standardised residual, weighted by the softened discrepancies', () => {
    const stats: ProductStats = {
      kind: 'product',
      residualMedian: Float32Array.from([0.1, 0.2]),
      residualScale: Float32Array.from([0.1, 0.4]),
      temporalMedian: 1,
      temporalScale: 0.5,
      spatialMedian: Float32Array.from([0.3, 0.3]),
      spatialScale: Float32Array.from([0.1, 0.1]),
    };
    const signals: RowSignals = {
      rows: 2,
      channels: 2,
      residual: Float32Array.from([0.5, 0.1, 0.1, 1.0]),
      temporal: Float32Array.from([1, 0.5]),
      spatial: Float32Array.from([0.2, 0.2, 0.4, 0.3]),
    };
    const result = productScores(signals, stats);

    const soft = (z: number) => 2 / (1 + Math.exp(z));
    const kt = PRODUCT_SCORING.temporalStrength;
    const ks = PRODUCT_SCORING.spatialStrength;
    // Row 0: residual z = [4, below the median -> 0], temporal z = 0, spatial z of ch0 = −1.
    const row0 = [4 * soft(0) * soft(-ks), 0];
    // Row 1: residual z = [0, 2], temporal z = −1, spatial z of ch1 = 0.
    const row1 = [0, 2 * soft(-kt) * soft(0)];
    assertClose(result.channelScore, [...row0, ...row1], 1e-6);
    // Time score = mean of the top min(TOP_CHANNELS, C) channel scores, then the centred
    // moving mean, whose window (wider than 2 rows) averages both rows here.
    const k = Math.min(PRODUCT_SCORING.topChannels, 2);
    const perRow = [(row0[0] + row0[1]) / k, (row1[0] + row1[1]) / k];
    const both = (perRow[0] + perRow[1]) / 2;
    assertClose(result.timeScore, [both, both], 1e-6);
  });

  it('fits medians and floored scales on training signals, which then score near 0', () => {
    const rows = 400;
    const residual = new Float32Array(rows * 2);
    const spatial = new Float32Array(rows * 2);
    const temporal = new Float32Array(rows);
    for (let t = 0; t < rows; t++) {
      residual[t * 2] = 0.1 + 0.05 * Math.sin(t);
      residual[t * 2 + 1] = 0.5; // constant: its IQR is 0, the floor applies
      spatial[t * 2] = 0.2 + 0.01 * Math.cos(t);
      spatial[t * 2 + 1] = 0.3 + 0.01 * Math.sin(t * 1.3);
      temporal[t] = 2 + Math.sin(t * 0.1);
    }
    const signals: RowSignals = { rows, channels: 2, residual, temporal, spatial };
    const stats = fitProductStats(signals);
    assert.ok(stats.residualScale[1] > 0, 'a constant channel gets a positive scale');
    assertClose([stats.residualMedian[1]], [0.5]);

    const scores = productScores(signals, stats);
    const sorted = Float64Array.from(scores.timeScore).sort();
    assert.ok(sorted[Math.floor(rows * 0.5)] < 0.6, `median training score ${sorted[rows / 2]}`);

    // A residual spike in channel 0 ranks first in time and in channel.
    residual[100 * 2] = 3;
    const spiked = productScores(signals, stats);
    const top = spiked.timeScore.indexOf(Math.max(...spiked.timeScore));
    assert.ok(Math.abs(top - 100) < PRODUCT_SCORING.smoothRows, `top row ${top}`);
    assert.ok(spiked.channelScore[200] > spiked.channelScore[201]);
  });

  it('smooths by a centred moving mean cut at the ends', () => {
    const values = Float32Array.from([0, 0, 6, 0, 0]);
    // Width 3: each row averages itself and its neighbours; the ends average two rows.
    assertClose(centredMean(values, 3), [0, 2, 2, 2, 0], 1e-6);
    // Width 4: one row before, two after.
    assertClose(centredMean(values, 4), [2, 1.5, 1.5, 2, 0], 1e-6);
    assert.strictEqual(centredMean(values, 1), values);
  });

  it('takes overlapping windows a quarter window apart, the last aligned to the end', () => {
    assert.deepStrictEqual(productStarts(30, 16), [0, 4, 8, 12, 14]);
    assert.deepStrictEqual(productStarts(16, 16), [0]);
  });
});
