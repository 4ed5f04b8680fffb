/**
 * The memory estimate: above the measured peak of a training step, not far above it, and
 * the batch that fits a budget.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { makeConfig } from '../../../src/engine/config';
import { Random } from '../../../src/engine/random';
import {
  batchSizeWithin,
  estimateTrainingBytes,
  parameterCount,
} from '../../../src/engine/train/memory';
import { Adam, MomentumSgd } from '../../../src/engine/train/optimizers';
import { adamStep, graphStep } from '../../../src/engine/train/trainer';
import { drawNegatives } from '../../../src/engine/train/triplet';
import { smallConfig, smallModel, useBackend } from '../model/fixtures';

/** Peak bytes the engine holds while `run` executes, above what it held before. */
async function peakBytes(run: () => Promise<unknown>): Promise<number> {
  const profile = await tf.profile(async () => {
    await run();
  });
  return Math.max(...profile.kernels.map((k) => k.totalBytesSnapshot));
}

describe('training memory estimate', () => {
  before(() => useBackend('cpu'));

  const cases = [
    { window: 16, dModel: 16, heads: 2, layers: 1, dFF: 32, batchSize: 6, channels: 5 },
    { window: 24, dModel: 32, heads: 4, layers: 2, dFF: 16, batchSize: 4, channels: 12 },
    { window: 40, dModel: 16, heads: 8, layers: 1, dFF: 16, batchSize: 3, channels: 3 },
  ];
  for (const { channels, ...sizes } of cases) {
    it(`is above the measured peak and below twice it: ${JSON.stringify(sizes)}`, async () => {
      const config = smallConfig(sizes);
      const model = smallModel(config, channels);
      const adam = new Adam(model.adamVariables(), 1e-3);
      const sgd = new MomentumSgd(model.graphVariables(), 0.01, 0.9);
      const x = tf.randomNormal([config.batchSize, config.window, channels]) as tf.Tensor3D;
      const rng = new Random(1);
      const negatives = [0, 1].map(() => drawNegatives(config.batchSize, config.heads, rng));

      const adamPeak = await peakBytes(() => adamStep(model, adam, x, config, negatives));
      const graphPeak = await peakBytes(() => graphStep(model, sgd, x, config));
      const measured = Math.max(adamPeak, graphPeak);
      const estimate = estimateTrainingBytes(config, channels);
      assert.ok(estimate >= measured, `estimate ${estimate} below the peak ${measured}`);
      assert.ok(estimate <= 2 * measured, `estimate ${estimate} over twice the peak ${measured}`);

      assert.strictEqual(parameterCount(config, channels), model.params.size());
      tf.dispose([x]);
      adam.dispose();
      sgd.dispose();
      model.dispose();
    });
  }

  it('counts the paper-size parameters of the method (without the unused attention norm)', () => {
    // Section 1.7: SMD, 4,950,196 with 3 unused LayerNorm(512) of 1,024 parameters each.
    assert.strictEqual(parameterCount(makeConfig('paper'), 38), 4950196 - 3 * 1024);
  });

  it('grows with the batch and shrinks the batch to a budget', () => {
    const config = makeConfig('paper');
    const at64 = estimateTrainingBytes(config, 38);
    const at32 = estimateTrainingBytes({ ...config, batchSize: 32 }, 38);
    assert.ok(at64 > at32);
    const fitting = batchSizeWithin(config, 38, at32 + 1);
    assert.strictEqual(fitting, 32);
    assert.ok(estimateTrainingBytes({ ...config, batchSize: fitting }, 38) <= at32 + 1);
    assert.strictEqual(batchSizeWithin(config, 38, 1), 1, 'never below one window');
    assert.strictEqual(batchSizeWithin(config, 38, 1e15), 64, 'never above the configured one');
  });
});
