/**
 * Small tensor building blocks shared by the model's layers: dense projection, layer norm,
 * exact GELU and a gradient stop.
 *
 * Called by the embedding, attention, encoder-layer and loss files. Each function is pure
 * and synchronous, so callers wrap it in their own `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerEngineGradients } from './gradients';

// tfjs-core's Node bundle registers no gradient functions; every model file imports this one.
registerEngineGradients();

/** x [..., in] times w [in, out] (+ b [out]) -> [..., out], as one 2-D matrix product. */
export function dense(x: tf.Tensor, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor {
  const inner = x.shape[x.rank - 1];
  const outer = x.shape.slice(0, x.rank - 1);
  const flat = tf.reshape(x, [-1, inner]) as tf.Tensor2D;
  const product = b === undefined ? tf.matMul(flat, w) : tf.add(tf.matMul(flat, w), b);
  return tf.reshape(product, [...outer, w.shape[1]]);
}

/** Layer normalisation over the last axis (PyTorch LayerNorm, biased variance, eps 1e-5). */
export function layerNorm(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon = 1e-5,
): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
  return tf.add(tf.mul(normalised, gamma), beta);
}

/** The exact (erf) GELU of PyTorch's default: 0.5·x·(1 + erf(x/√2)). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

/**
 * Identity whose gradient is zero: PyTorch's `.detach()`. tfjs-core 4.22 has no built-in
 * stop-gradient. The training losses use the fused discrepancy instead (train/discrepancy.ts);
 * this one serves the unfused reference formulas that the tests compare it with.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    return { value: tf.clone(input), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
  });
  return op(x) as T;
}
