/**
 * Leak tests: after a warm-up, a training step of each phase and a scoring pass leave the
 * number of tensors unchanged, on both backends that run here.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { BackendName } from '../../../src/engine/backend';
import { Random } from '../../../src/engine/random';
import { productSignals } from '../../../src/engine/score/product-scoring';
import { paperScores, fitPaperStats } from '../../../src/engine/score/paper-scoring';
import { Adam, MomentumSgd } from '../../../src/engine/train/optimizers';
import { adamStep, graphStep } from '../../../src/engine/train/trainer';
import { drawNegatives } from '../../../src/engine/train/triplet';
import { smallConfig, smallModel, useBackend } from '../model/fixtures';

for (const backend of ['cpu', 'wasm'] as BackendName[]) {
  describe(`tensor leaks (${backend})`, () => {
    before(() => useBackend(backend));

    it('a training step of each phase leaves numTensors unchanged', async () => {
      const config = smallConfig({ layers: 2 });
      const C = 4;
      const model = smallModel(config, C);
      const adam = new Adam(model.adamVariables(), 1e-3);
      const sgd = new MomentumSgd(model.graphVariables(), 0.01, 0.9);
      const x = tf.randomNormal([config.batchSize, config.window, C]) as tf.Tensor3D;
      const rng = new Random(1);
      const step = async () => {
        const negatives = [0, 1].map(() => drawNegatives(config.batchSize, config.heads, rng));
        await adamStep(model, adam, x, config, negatives);
        await graphStep(model, sgd, x, config);
      };

      await step();
      const before = tf.memory().numTensors;
      await step();
      await step();
      assert.strictEqual(tf.memory().numTensors, before);
      adam.dispose();
      sgd.dispose();
      x.dispose();
      model.dispose();
    });

    it('a scoring pass leaves numTensors unchanged', async () => {
      const config = smallConfig();
      const C = 3;
      const model = smallModel(config, C);
      const rows = 70;
      const values = new Float32Array(rows * C).map((_, i) => Math.sin(i));
      const series = { values, rows, channels: C };
      const pass = async () => {
        await productSignals(model, series, config, 5);
        const stats = await fitPaperStats(model, series, config, 5);
        await paperScores(model, series, config, stats, 5);
      };

      await pass();
      const before = tf.memory().numTensors;
      await pass();
      assert.strictEqual(tf.memory().numTensors, before);
      model.dispose();
    });
  });
}
