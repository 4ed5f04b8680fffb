/**
 * Temporal anomaly attention (TASA): self-attention over the L time steps of a window, next
 * to a learned Gaussian prior over time lags.
 *
 * Ported from the method's section 1.3 (POST reference, model/attn_t.py and pos_embed.py,
 * inherited from Anomaly Transformer, Xu et al. 2022). Called by the encoder layer.
 * - A learnable-frequency sinusoidal encoding (one scalar alpha per layer, init 0.01) is added
 *   to the input of Q, K and sigma only, not of V.
 * - The observation ("series") S = softmax(QKᵀ/√E); the prior P = Gaussian over |i - j| with a
 *   width sigma_i per query row, row-normalised here instead of in the loss.
 *
 * The prior is computed as softmax_j(-|i-j|² / (2σ_i²)) over a precomputed |i-j|² matrix: the
 * same values as the reference's 1/(√(2π)σ)·exp(...) divided by its row sum (the constant
 * factor cancels), in one pass over [B, H, L, L] instead of four, and without overflow.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';
import { dense } from './ops';
import { Matrix, ParamStore, Vector, init } from './params';

export interface TemporalParams {
  /** Frequency scale of the positional encoding, shape [1]. */
  alpha: Vector;
  wq: Matrix;
  bq: Vector;
  wk: Matrix;
  bk: Vector;
  wv: Matrix;
  bv: Vector;
  wo: Matrix;
  bo: Vector;
  /** Projection D -> H of the prior's width sigma. */
  ws: Matrix;
  bs: Vector;
}

/** Tensors that depend only on the sizes, made once per model and kept. */
export interface TemporalConstants {
  /** pos · div_(d/2) for each feature d, shape [L, D]: the encoding's angle before alpha. */
  angles: tf.Tensor2D;
  /** 0 on even features, π/2 on odd ones: sin(a + π/2) = cos(a). Shape [D]. */
  phases: tf.Tensor1D;
  /** |i - j|², shape [L, L]. */
  lagSquared: tf.Tensor2D;
}

export interface TemporalOutput {
  /** [B, L, D] */
  out: tf.Tensor3D;
  /** S, the observation association, [B, H, L, L]. */
  series: tf.Tensor4D;
  /** P̂, the row-normalised Gaussian prior association, [B, H, L, L]. */
  prior: tf.Tensor4D;
}

export function createTemporal(
  store: ParamStore,
  prefix: string,
  dModel: number,
  heads: number,
  rng: Random,
): TemporalParams {
  const D = dModel;
  const linear = (name: string, fanOut: number): [Matrix, Vector] => [
    store.matrix(`${prefix}.w${name}`, D, fanOut, init.linearWeight(rng, D, fanOut)),
    store.vector(`${prefix}.b${name}`, init.linearBias(rng, D, fanOut)),
  ];
  const alpha = store.vector(`${prefix}.alpha`, init.constant(1, 0.01));
  const [wq, bq] = linear('q', D);
  const [wk, bk] = linear('k', D);
  const [wv, bv] = linear('v', D);
  const [wo, bo] = linear('o', D);
  const [ws, bs] = linear('s', heads);
  // The reference also holds a LayerNorm here that it never applies; it is left out, so the
  // parameter count is 2·D per layer below the method's table (section 1.7).
  return { alpha, wq, bq, wk, bk, wv, bv, wo, bo, ws, bs };
}

export function temporalConstants(window: number, dModel: number): TemporalConstants {
  const angles = new Float32Array(window * dModel);
  for (let pos = 0; pos < window; pos++) {
    for (let d = 0; d < dModel; d++) {
      const i = Math.floor(d / 2);
      angles[pos * dModel + d] = pos * Math.exp((-2 * i * Math.log(10000)) / dModel);
    }
  }
  const phases = Float32Array.from({ length: dModel }, (_, d) => (d % 2 === 0 ? 0 : Math.PI / 2));
  const lagSquared = new Float32Array(window * window);
  for (let i = 0; i < window; i++) {
    for (let j = 0; j < window; j++) lagSquared[i * window + j] = (i - j) * (i - j);
  }
  return {
    angles: tf.keep(tf.tensor2d(angles, [window, dModel])),
    phases: tf.keep(tf.tensor1d(phases)),
    lagSquared: tf.keep(tf.tensor2d(lagSquared, [window, window])),
  };
}

/**
 * pe[:, 0::2] = sin(alpha·angle), pe[:, 1::2] = cos(alpha·angle); [L, D]. Written as one
 * sine with a phase of π/2 on the odd features, which saves interleaving two tensors.
 */
export function positionalEncoding(
  alpha: tf.Tensor,
  constants: Pick<TemporalConstants, 'angles' | 'phases'>,
): tf.Tensor2D {
  return tf.sin(tf.add(tf.mul(constants.angles, alpha), constants.phases)) as tf.Tensor2D;
}

/** x [B, L, D] -> output, observation S and prior P̂. */
export function temporalAttention(
  params: TemporalParams,
  constants: TemporalConstants,
  x: tf.Tensor3D,
  heads: number,
): TemporalOutput {
  const [B, L, D] = x.shape;
  const H = heads;
  const E = D / H;

  const xPos = tf.add(x, positionalEncoding(params.alpha, constants)) as tf.Tensor3D;
  const toHeads = (t: tf.Tensor): tf.Tensor3D =>
    tf.reshape(tf.transpose(tf.reshape(t, [B, L, H, E]), [0, 2, 1, 3]), [B * H, L, E]);

  // The 1/√E scale is applied to Q ([B, L, D]) rather than to the scores ([B, H, L, L]).
  const q = toHeads(tf.mul(dense(xPos, params.wq, params.bq), 1 / Math.sqrt(E)));
  const k = toHeads(dense(xPos, params.wk, params.bk));
  const v = toHeads(dense(x, params.wv, params.bv));

  const scores = tf.matMul(q, k, false, true); // [B·H, L, L]
  const series = tf.reshape(tf.softmax(scores), [B, H, L, L]) as tf.Tensor4D;

  // sigma = 3^(sigmoid(5·s) + 1e-5) - 1, per head and query row: [B, H, L, 1].
  const raw = tf.transpose(dense(xPos, params.ws, params.bs), [0, 2, 1]);
  const exponent = tf.add(tf.sigmoid(tf.mul(raw, 5)), 1e-5);
  const sigma = tf.sub(tf.exp(tf.mul(exponent, Math.log(3))), 1);
  const inverseTwoVariance = tf.div(-0.5, tf.square(sigma)); // -1 / (2σ²)
  const logits = tf.mul(tf.expandDims(inverseTwoVariance, 3), constants.lagSquared);
  const prior = tf.softmax(logits) as tf.Tensor4D;

  const context = tf.matMul(tf.reshape(series, [B * H, L, L]), v); // [B·H, L, E]
  const byRow = tf.transpose(tf.reshape(context, [B, H, L, E]), [0, 2, 1, 3]); // [B, L, H, E]
  const merged = tf.reshape(byRow, [B, L, D]);
  const out = dense(merged, params.wo, params.bo) as tf.Tensor3D;
  return { out, series, prior };
}
