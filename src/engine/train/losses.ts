/**
 * The two training objectives: the Adam phase's minimax loss and the graph phase's loss.
 *
 * From the method's section 2 (POST reference, solver.py, train); called by the trainer inside
 * `tf.variableGrads`. Each returns a scalar `objective` to differentiate and the loss terms
 * as one small tensor (kept, for the caller to read and dispose).
 *
 * `negatives` holds one draw per layer (the reference draws afresh in each layer's call).
 *
 * Adam phase (loss1 + loss2 of the reference, whose gradients add up in one Adam step):
 *   L_A = 2·rec − k·series + k·prior + w·triplet − k1·series_s + k1·p_s
 * Graph phase (g only): L_g = rec + k3·smoothness + k1·prob, prob = p_s's value with gradient
 * to P_s only. The discrepancy terms are averaged over layers. The objective's gradient equals
 * the reference loss's gradient; its value differs (the discrepancy ops return the plain mean
 * discrepancy), so the reported totals are assembled from the terms by `adamTotal` and
 * `graphTotal`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { PostConfig } from '../config';
import { PostModel } from '../model/post-model';
import { associationDiscrepancy } from './discrepancy';
import { laplacianSmoothness } from './smoothness';
import { tripletLoss } from './triplet';

export interface PhaseLoss {
  objective: tf.Scalar;
  /** Kept; the caller disposes it. Adam: [rec, temporal, spatial, triplet];
   *  graph: [rec, spatial, smoothness]. */
  terms: tf.Tensor1D;
}

export function adamPhaseLoss(
  model: PostModel,
  x: tf.Tensor3D,
  config: PostConfig,
  negatives: Int32Array[],
): PhaseLoss {
  const { reconstruction, layers } = model.forward(x);
  const U = layers.length;
  const rec = tf.mean(tf.squaredDifference(x, reconstruction)) as tf.Scalar;

  const temporalWeights = { observation: -config.k / U, prior: config.k / U };
  const spatialWeights = { observation: -config.k1 / U, prior: config.k1 / U };
  const temporal = tf.addN(
    layers.map((l) => associationDiscrepancy(l.temporalSeries, l.temporalPrior, temporalWeights)),
  );
  const spatial = tf.addN(
    layers.map((l) => associationDiscrepancy(l.spatialSeries, l.spatialPrior, spatialWeights)),
  );
  const margin = config.tripletMargin;
  const triplets = layers.map((l, u) => tripletLoss(l.temporalSeries, negatives[u], margin));
  const triplet = tf.div(tf.addN(triplets), U);

  // The discrepancy ops carry their weights in their gradients (see discrepancy.ts).
  const objective = tf.addN([
    tf.mul(rec, 2),
    tf.mul(triplet, config.tripletWeight),
    temporal,
    spatial,
  ]) as tf.Scalar;
  const terms = tf.keep(tf.stack([rec, tf.div(temporal, U), tf.div(spatial, U), triplet]));
  return { objective, terms: terms as tf.Tensor1D };
}

export function graphPhaseLoss(model: PostModel, x: tf.Tensor3D, config: PostConfig): PhaseLoss {
  const { reconstruction, layers } = model.forward(x);
  const U = layers.length;
  const rec = tf.mean(tf.squaredDifference(x, reconstruction)) as tf.Scalar;

  const weights = { observation: 0, prior: config.k1 / U };
  const spatial = tf.addN(
    layers.map((l) => associationDiscrepancy(l.spatialSeries, l.spatialPrior, weights)),
  );
  const graphs = model.graphVariables();
  const smoothness = tf.div(tf.addN(graphs.map((g) => laplacianSmoothness(g, x))), U);

  const objective = tf.addN([rec, tf.mul(smoothness, config.k3), spatial]) as tf.Scalar;
  const terms = tf.keep(tf.stack([rec, tf.div(spatial, U), smoothness]));
  return { objective, terms: terms as tf.Tensor1D };
}

/** The reference's L_A from the Adam-phase terms (the discrepancy terms cancel in value). */
export function adamTotal(rec: number, triplet: number, config: PostConfig): number {
  return 2 * rec + config.tripletWeight * triplet;
}

/** The reference's L_g from the graph-phase terms. */
export function graphTotal(rec: number, spatial: number, smooth: number, c: PostConfig): number {
  return rec + c.k3 * smooth + c.k1 * spatial;
}
