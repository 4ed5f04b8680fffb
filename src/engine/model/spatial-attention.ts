/**
 * Spatial anomaly graph attention (SAGA): channels as graph nodes, a learnable adjacency g as
 * the structural prior, a GAT-style score as the data-driven observation.
 *
 * Ported from the method's section 1.4 (POST reference, model/attn_s.py); called by the
 * encoder layer. Per window:
 *   h    = (x W1)ᵀ                          one node per channel, feature = its L-step trace
 *   τ    = sigmoid(3·(h w_τ + b_τ)) + 1e-5  data-dependent temperature per channel row
 *   P_s  = softmax_j(g_ij / τ_i)            structural prior association
 *   E    = softmax_j(LeakyReLU_0.2(h_i·θ_r + h_j·θ_c) / √L)   observation association
 *   A    = σ(g) ⊙ E, rows renormalised      soft-masked message passing matrix
 *   out  = (A h)ᵀ W2
 * The discrepancy losses compare E (unmasked) with P_s; the messages use A.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';
import { dense } from './ops';
import { Matrix, ParamStore, Vector, init } from './params';

export interface SpatialParams {
  /** D -> C, no bias. */
  w1: Matrix;
  /** C -> D, no bias. */
  w2: Matrix;
  /** [L, 1] each. */
  thetaRow: Matrix;
  thetaColumn: Matrix;
  /** tau_projection: L -> 1. */
  tauWeight: Matrix;
  tauBias: Vector;
  /** Adjacency logits g, [C, C]: learned only in the graph phase, never by Adam. */
  graph: Matrix;
}

export interface SpatialOutput {
  /** [B, L, D] */
  out: tf.Tensor3D;
  /** E, the observation association, [B, C, C]. */
  series: tf.Tensor3D;
  /** P_s, the structural prior association, [B, C, C]. */
  prior: tf.Tensor3D;
}

export function createSpatial(
  store: ParamStore,
  prefix: string,
  sizes: { window: number; dModel: number; channels: number },
  initialGraph: Float32Array,
  rng: Random,
): SpatialParams {
  const { window: L, dModel: D, channels: C } = sizes;
  return {
    w1: store.matrix(`${prefix}.w1`, D, C, init.xavier(rng, D * C, D, C)),
    w2: store.matrix(`${prefix}.w2`, C, D, init.xavier(rng, C * D, C, D)),
    // xavier_uniform on a [1, L] view: fan_in L, fan_out 1.
    thetaRow: store.matrix(`${prefix}.thetaRow`, L, 1, init.xavier(rng, L, L, 1)),
    thetaColumn: store.matrix(`${prefix}.thetaColumn`, L, 1, init.xavier(rng, L, L, 1)),
    tauWeight: store.matrix(`${prefix}.tauWeight`, L, 1, init.xavier(rng, L, L, 1)),
    tauBias: store.vector(`${prefix}.tauBias`, init.linearBias(rng, L, 1)),
    graph: store.matrix(`${prefix}.graph`, C, C, Float32Array.from(initialGraph)),
  };
}

/** x [B, L, D] -> output, observation E and prior P_s. */
export function spatialAttention(params: SpatialParams, x: tf.Tensor3D): SpatialOutput {
  const L = x.shape[1];

  const h = tf.transpose(dense(x, params.w1), [0, 2, 1]) as tf.Tensor3D; // [B, C, L]

  const tauLogit = dense(h, params.tauWeight, params.tauBias); // [B, C, 1]
  const tau = tf.add(tf.sigmoid(tf.mul(tauLogit, 3)), 1e-5);
  const prior = tf.softmax(tf.div(params.graph, tau)) as tf.Tensor3D; // [B, C, C]

  const rowScore = dense(h, params.thetaRow); // [B, C, 1]
  const columnScore = tf.transpose(dense(h, params.thetaColumn), [0, 2, 1]); // [B, 1, C]
  const score = tf.div(tf.leakyRelu(tf.add(rowScore, columnScore), 0.2), Math.sqrt(L));
  const series = tf.softmax(score) as tf.Tensor3D; // [B, C, C]

  const masked = tf.mul(tf.sigmoid(params.graph), series);
  const rowSum = tf.maximum(tf.sum(masked, -1, true), 1e-12);
  const messages = tf.matMul(tf.div(masked, rowSum) as tf.Tensor3D, h); // [B, C, L]

  const out = dense(tf.transpose(messages, [0, 2, 1]), params.w2) as tf.Tensor3D;
  return { out, series, prior };
}
