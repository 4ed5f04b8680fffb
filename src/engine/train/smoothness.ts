/**
 * Laplacian smoothness of the input windows on the learned graph, a graph-phase term.
 *
 * From the method's section 2.2 (POST reference, solver.py, feature_smoothing); called by the
 * graph phase. With A = sigmoid(g) (not symmetric), deg = row sums of A (out-degree),
 * Lap = diag(deg) − A, r = (deg + 1e-3)^(−1/2) and Ln = diag(r)·Lap·diag(r):
 *   value = mean over windows of Σ_t x_tᵀ Ln x_t
 * where x_t ∈ R^C is the standardised input row at time t (not a hidden state).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Smoothness of windows x [B, L, C] on one layer's logits g [C, C]; a scalar. */
export function laplacianSmoothness(g: tf.Tensor2D, x: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => {
    const [B, , C] = x.shape;
    const adjacency = tf.sigmoid(g);
    const degree = tf.sum(adjacency, 1); // [C]
    const laplacian = tf.sub(tf.mul(tf.eye(C), degree), adjacency);
    const r = tf.rsqrt(tf.add(degree, 1e-3));
    const normalised = tf.mul(tf.mul(tf.expandDims(r, 1), laplacian), tf.expandDims(r, 0));

    const rows = tf.reshape(x, [-1, C]) as tf.Tensor2D;
    return tf.div(tf.sum(tf.mul(tf.matMul(rows, normalised as tf.Tensor2D), rows)), B) as tf.Scalar;
  });
}
