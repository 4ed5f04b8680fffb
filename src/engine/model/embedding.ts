/**
 * Token embedding: a circular convolution over time from C channels to D features.
 *
 * Ported from the method's section 1.1 (POST reference, model/embed.py, TokenEmbedding):
 * Conv1d(C -> D, kernel 3, circular padding, no bias); no positional embedding here (POST
 * moves it into the temporal attention). Called by the model's forward pass.
 *
 * The kernel-3 convolution is computed as one matrix product: each row t is concatenated with
 * its circular neighbours [x(t-1), x(t), x(t+1)] into 3C features, times a [3C, D] kernel whose
 * row k·C + c is PyTorch's weight[d, c, k] (both compute cross-correlation).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';
import { dense } from './ops';
import { Matrix, ParamStore } from './params';

export interface EmbeddingParams {
  /** [3C, D] */
  kernel: Matrix;
}

export function createEmbedding(
  store: ParamStore,
  channels: number,
  dModel: number,
  rng: Random,
): EmbeddingParams {
  // kaiming_normal_(fan_in, leaky_relu a=0): std = sqrt(2) / sqrt(fan_in), fan_in = 3C.
  const std = Math.SQRT2 / Math.sqrt(3 * channels);
  const values = rng.normalArray(3 * channels * dModel, std);
  return { kernel: store.matrix('embedding.kernel', 3 * channels, dModel, values) };
}

/** x [B, L, C] -> [B, L, D]. */
export function embed(params: EmbeddingParams, x: tf.Tensor3D): tf.Tensor3D {
  const [, L] = x.shape;

  // Circular neighbours along time: previous[t] = x[t-1 mod L], next[t] = x[t+1 mod L].
  const last = tf.slice(x, [0, L - 1, 0], [-1, 1, -1]);
  const first = tf.slice(x, [0, 0, 0], [-1, 1, -1]);
  const previous = tf.concat([last, tf.slice(x, [0, 0, 0], [-1, L - 1, -1])], 1);
  const next = tf.concat([tf.slice(x, [0, 1, 0], [-1, L - 1, -1]), first], 1);

  const taps = tf.concat([previous, x, next], 2); // [B, L, 3C]
  return dense(taps, params.kernel) as tf.Tensor3D;
}
