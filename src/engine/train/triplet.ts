/**
 * Triplet term on the temporal attention of each layer, weight 1 and margin 1 in the paper.
 *
 * From the method's section 2.1 (POST reference, model/constraints.py, TripletLossWithKL);
 * called by the Adam-phase loss. For each window b and head h, the attention averaged over
 * query positions, a[b, h] (a distribution over key positions), is pulled towards the nearest
 * other head of the same window (positive) and pushed from the same head of a randomly drawn
 * other window (negative):
 *   loss = mean_(b,h) max(0, min_(h'≠h) sym(a[b,h], a[b,h']) − sym(a[b,h], a[b',h]) + margin)
 * with sym(a, c) = Σ (a+ε)(log(a+ε) − log(c+ε)) + (c+ε)(log(c+ε) − log(a+ε)),
 * ε = 1e-10, which equals Σ (a − c)(log(a+ε) − log(c+ε)).
 *
 * The reference builds a [B·H, B·H, L] all-pairs tensor; only the H×H pairs within each window
 * and one negative per (b, h) are needed, which gives the same value at a fraction of the cost.
 * The negative is picked with a one-hot matrix product rather than a gather, whose gradient
 * needs a kernel the wasm backend lacks.
 *
 * Limitation: with one head there is no positive and with one window no negative (the
 * reference crashes on a batch of one); the term is then 0.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';

const TRIPLET_EPSILON = 1e-10;

/** For each (b, h), row-major, a window index b' ≠ b drawn uniformly. */
export function drawNegatives(batch: number, heads: number, rng: Random): Int32Array {
  const negatives = new Int32Array(batch * heads);
  for (let i = 0; i < negatives.length; i++) {
    const b = Math.floor(i / heads);
    negatives[i] = (b + 1 + rng.int(batch - 1)) % batch;
  }
  return negatives;
}

/**
 * Triplet loss of one layer's observation S [B, H, L, L], with the negatives from
 * `drawNegatives`. Returns a scalar.
 */
export function tripletLoss(series: tf.Tensor4D, negatives: Int32Array, margin: number): tf.Scalar {
  const [B, H, , L] = series.shape;
  if (B < 2 || H < 2) return tf.scalar(0);

  return tf.tidy(() => {
    const mean = tf.mean(series, 2) as tf.Tensor3D; // [B, H, L]
    const logMean = tf.log(tf.add(mean, TRIPLET_EPSILON));

    // Positive: the nearest other head of the same window, from the H×H pairs.
    const pairDiff = tf.sub(tf.expandDims(mean, 2), tf.expandDims(mean, 1)); // [B, H, H, L]
    const pairLog = tf.sub(tf.expandDims(logMean, 2), tf.expandDims(logMean, 1));
    const pairs = tf.sum(tf.mul(pairDiff, pairLog), -1); // [B, H, H]
    const selfMask = tf.mul(tf.eye(H), 1e30);
    const positive = tf.min(tf.add(pairs, selfMask), -1); // [B, H]

    // Negative: the same head of window b', selected by a one-hot [H, B, B] product.
    const selector = new Float32Array(H * B * B);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) selector[(h * B + b) * B + negatives[b * H + h]] = 1;
    }
    const select = tf.tensor3d(selector, [H, B, B]);
    const pick = (t: tf.Tensor3D): tf.Tensor =>
      tf.transpose(tf.matMul(select, tf.transpose(t, [1, 0, 2]) as tf.Tensor3D), [1, 0, 2]);
    const negativeMean = pick(mean);
    const negativeLog = pick(logMean as tf.Tensor3D);
    const negative = tf.sum(tf.mul(tf.sub(mean, negativeMean), tf.sub(logMean, negativeLog)), -1);

    return tf.mean(tf.relu(tf.add(tf.sub(positive, negative), margin))) as tf.Scalar;
  });
}
