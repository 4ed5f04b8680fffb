/**
 * The product scoring: robust statistics, the scores of hand-made residuals, its behaviour on
 * the things it is meant to rank, and its stored form.
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
import { scoringFromStored, scoringToStored } from '../../../src/engine/score/scoring-stats';
import { assertClose } from '../model/fixtures';

describe('product scoring', () => {
  it('scores time by the largest residual surprisal and channels by z to the fourth', () => {
    // Training residuals: channel 0 spreads over 0.01 .. 1.00, channel 1 over 0.1 .. 10.
    const rows = 100;
    const residual = new Float32Array(rows * 2);
    for (let t = 0; t < rows; t++) {
      residual[t * 2] = (t + 1) / 100;
      residual[t * 2 + 1] = (t + 1) / 10;
    }
    const stats = fitProductStats({ rows, channels: 2, residual });
    // The unbiased deviation of 1 .. 100 is 29.0115.
    assertClose(stats.residualMean, [0.505, 5.05], 1e-5);
    assertClose(stats.residualStd, [0.290115, 2.90115], 1e-5);

    // Row 0: both channels at their training mean. Row 1: channel 1 at its largest.
    const test: RowSignals = {
      rows: 2,
      channels: 2,
      residual: Float32Array.from([0.505, 5.05, 0.01, 10]),
    };
    const result = productScores(test, stats);
    const z = (10 - 5.05) / 2.90115;
    assertClose(result.channelScore, [0, 0, 0, z ** 4], 1e-4);

    // Surprisal, −log10((1 + #{training ≥ v}) / 101): 50 training values are >= the median
    // (interpolated between 0.50 and 0.51), 1 is >= the largest. The 10-row moving mean
    // averages the two rows.
    const median = -Math.log10(51.5 / 101);
    const largest = -Math.log10(2 / 101);
    const both = (median + largest) / 2;
    assertClose(result.timeScore, [both, both], 1e-4);
  });

  it('fits statistics on training signals that then score low, and ranks a spike first', () => {
    const rows = 400;
    const residual = new Float32Array(rows * 2);
    for (let t = 0; t < rows; t++) {
      residual[t * 2] = 0.1 + 0.05 * Math.sin(t);
      residual[t * 2 + 1] = 0.5; // constant: its deviation is 0, the floor applies
    }
    const signals: RowSignals = { rows, channels: 2, residual };
    const stats = fitProductStats(signals);
    assert.ok(stats.residualStd[1] > 0, 'a constant channel gets a positive deviation');
    assertClose([stats.residualMean[1]], [0.5]);

    // Half of the training rows are at least as unusual as the median one: about 0.3.
    const scores = productScores(signals, stats);
    const sorted = Float64Array.from(scores.timeScore).sort();
    assert.ok(sorted[rows / 2] < 0.6, `median training score ${sorted[rows / 2]}`);
    assert.ok(scores.channelScore.every((v, i) => i % 2 === 0 || v === 0), 'constant channel');

    // A residual spike in channel 0 ranks first in time and in channel.
    residual[100 * 2] = 3;
    const spiked = productScores(signals, stats);
    const top = spiked.timeScore.indexOf(Math.max(...spiked.timeScore));
    assert.ok(Math.abs(top - 100) < PRODUCT_SCORING.smoothRows, `top row ${top}`);
    assert.ok(spiked.channelScore[200] > spiked.channelScore[201]);
    assert.ok(Math.max(...spiked.timeScore) > sorted[rows - 1], 'above every training score');
  });

  it('keeps its statistics through the stored form', () => {
    const rows = 50;
    const residual = Float32Array.from({ length: rows * 3 }, (_, i) => Math.abs(Math.sin(i)));
    const stats = fitProductStats({ rows, channels: 3, residual });
    const back = scoringFromStored(scoringToStored(stats), 3, '/model') as ProductStats;
    assert.strictEqual(back.kind, 'product');
    assert.deepStrictEqual(back.residualTails.levels, stats.residualTails.levels);
    assert.deepStrictEqual(back.residualTails.tailScale, stats.residualTails.tailScale);
    assert.deepStrictEqual(back.residualTails.levelSurprisal, stats.residualTails.levelSurprisal);
    assert.strictEqual(back.residualTails.rows, rows);
    const probe: RowSignals = { rows: 1, channels: 3, residual: Float32Array.from([0.2, 2, 0]) };
    assert.deepStrictEqual(productScores(probe, back), productScores(probe, stats));

    const damaged = scoringToStored(stats);
    damaged.arrays.residualLevels = damaged.arrays.residualLevels.subarray(1);
    assert.throws(() => scoringFromStored(damaged, 3, '/model'), /residualLevels.*Train/s);
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
