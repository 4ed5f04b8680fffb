/**
 * One encoder layer: spatial branch, temporal attention, feed-forward block, layer norms.
 *
 * Ported from the method's section 1.2 (POST reference, model/AnomalyTransformer.py,
 * EncoderLayer with attn_s_in=True); called by the model's forward pass:
 *   x = x + SAGA(x)                 plain residual, no norm
 *   x = LayerNorm1(x + TASA(x))
 *   x = LayerNorm2(x + W_b·GELU(W_a·x))   (kernel-1 convolutions = dense layers)
 * Dropout is 0 in the reference, so there is none.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';
import { dense, gelu, layerNorm } from './ops';
import { Matrix, ParamStore, Vector, init } from './params';
import { SpatialParams, createSpatial, spatialAttention } from './spatial-attention';
import {
  TemporalConstants,
  TemporalParams,
  createTemporal,
  temporalAttention,
} from './temporal-attention';

export interface LayerSizes {
  window: number;
  dModel: number;
  heads: number;
  dFF: number;
  channels: number;
}

export interface EncoderLayerParams {
  spatial: SpatialParams;
  temporal: TemporalParams;
  norm1: { gamma: Vector; beta: Vector };
  feedForward: { wa: Matrix; ba: Vector; wb: Matrix; bb: Vector };
  norm2: { gamma: Vector; beta: Vector };
}

/** What one layer passes on, and the associations its losses and scores use. */
export interface LayerOutput {
  out: tf.Tensor3D;
  /** S [B, H, L, L] and P̂ [B, H, L, L]. */
  temporalSeries: tf.Tensor4D;
  temporalPrior: tf.Tensor4D;
  /** E [B, C, C] and P_s [B, C, C]. */
  spatialSeries: tf.Tensor3D;
  spatialPrior: tf.Tensor3D;
}

export function createNorm(store: ParamStore, prefix: string, size: number) {
  return {
    gamma: store.vector(`${prefix}.gamma`, init.constant(size, 1)),
    beta: store.vector(`${prefix}.beta`, init.constant(size, 0)),
  };
}

export function createEncoderLayer(
  store: ParamStore,
  index: number,
  sizes: LayerSizes,
  initialGraph: Float32Array,
  rng: Random,
): EncoderLayerParams {
  const prefix = `layer${index}`;
  const { dModel: D, dFF: F } = sizes;
  const spatial = createSpatial(store, `${prefix}.spatial`, sizes, initialGraph, rng);
  const temporal = createTemporal(store, `${prefix}.temporal`, D, sizes.heads, rng);
  const norm1 = createNorm(store, `${prefix}.norm1`, D);
  const feedForward = {
    wa: store.matrix(`${prefix}.ff.wa`, D, F, init.linearWeight(rng, D, F)),
    ba: store.vector(`${prefix}.ff.ba`, init.linearBias(rng, D, F)),
    wb: store.matrix(`${prefix}.ff.wb`, F, D, init.linearWeight(rng, F, D)),
    bb: store.vector(`${prefix}.ff.bb`, init.linearBias(rng, F, D)),
  };
  const norm2 = createNorm(store, `${prefix}.norm2`, D);
  return { spatial, temporal, norm1, feedForward, norm2 };
}

/** x [B, L, D] -> [B, L, D] with the layer's four association tensors. */
export function encoderLayer(
  params: EncoderLayerParams,
  constants: TemporalConstants,
  x: tf.Tensor3D,
  heads: number,
): LayerOutput {
  const spatial = spatialAttention(params.spatial, x);
  const afterSpatial = tf.add(x, spatial.out) as tf.Tensor3D;

  const temporal = temporalAttention(params.temporal, constants, afterSpatial, heads);
  const { gamma: g1, beta: b1 } = params.norm1;
  const afterTemporal = layerNorm(tf.add(afterSpatial, temporal.out), g1, b1);

  const ff = params.feedForward;
  const hidden = gelu(dense(afterTemporal, ff.wa, ff.ba));
  const { gamma: g2, beta: b2 } = params.norm2;
  const out = layerNorm(tf.add(afterTemporal, dense(hidden, ff.wb, ff.bb)), g2, b2) as tf.Tensor3D;

  return {
    out,
    temporalSeries: temporal.series,
    temporalPrior: temporal.prior,
    spatialSeries: spatial.series,
    spatialPrior: spatial.prior,
  };
}
