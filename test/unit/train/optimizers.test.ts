/**
 * The optimisers follow PyTorch's update rules (Adam with epsilon after the bias correction;
 * SGD with a plain momentum buffer).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Adam, MomentumSgd } from '../../../src/engine/train/optimizers';
import { assertClose, useBackend } from '../model/fixtures';

describe('optimisers', () => {
  before(() => useBackend('cpu'));

  it('Adam: two steps as PyTorch computes them', () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const adam = new Adam([p], 0.1);
    const grads = [[0.5, -1e-6], [-0.25, 2]];
    // PyTorch: m = 0.9m + 0.1g; v = 0.999v + 0.001g²;
    // p -= lr/(1 − 0.9^t) · m/(sqrt(v/(1 − 0.999^t)) + 1e-8)
    const expected = [1, -2];
    const m = [0, 0];
    const v = [0, 0];
    grads.forEach((g, step) => {
      const t = step + 1;
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        const denominator = Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8;
        expected[i] -= (0.1 / (1 - 0.9 ** t)) * (m[i] / denominator);
      }
      const gradient = tf.tensor1d(g);
      adam.apply([gradient]);
      gradient.dispose();
      assertClose(p.dataSync(), expected, 1e-6, `after step ${t}`);
    });
    adam.dispose();
    p.dispose();
  });

  it('momentum SGD: v = μv + g, p -= lr·v', () => {
    const p = tf.variable(tf.tensor1d([1]));
    const sgd = new MomentumSgd([p], 0.01, 0.9);
    for (const g of [2, -1]) {
      const gradient = tf.tensor1d([g]);
      sgd.apply([gradient]);
      gradient.dispose();
    }
    // v1 = 2, p = 1 − 0.02; v2 = 1.8 − 1 = 0.8, p = 0.98 − 0.008.
    assertClose(p.dataSync(), [0.972], 1e-6);
    sgd.dispose();
    p.dispose();
  });
});
