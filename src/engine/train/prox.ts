/**
 * The proximal sparsifying step on the adjacency logits g, after each graph-phase update.
 *
 * From the method's section 2.3 (POST reference, utils/pgd.py); called by the graph phase.
 * It approximates the proximal operator of α·Σ_(i≠j) sigmoid(g_ij), an L1 penalty on the
 * positive edge weights, by three fixed-point iterations with the diagonal left alone:
 *   v = g;  x = v;  3 times: s = sigmoid(x); x = v − α·(1 − I)⊙s(1 − s)
 * With α = 0.7 an off-diagonal +1 becomes 0.853 and a −1 becomes −1.129 in one call.
 */
import * as tf from '@tensorflow/tfjs-core';

export const PROX_ITERATIONS = 3;

/** The proximal step of one C × C logit matrix. */
export function proxSigmoidL1(g: tf.Tensor2D, alpha: number): tf.Tensor2D {
  return tf.tidy(() => {
    const C = g.shape[0];
    const offDiagonal = tf.mul(tf.sub(1, tf.eye(C)), alpha);
    let x: tf.Tensor2D = g;
    for (let i = 0; i < PROX_ITERATIONS; i++) {
      const s = tf.sigmoid(x);
      x = tf.sub(g, tf.mul(offDiagonal, tf.mul(s, tf.sub(1, s))));
    }
    return x;
  });
}
