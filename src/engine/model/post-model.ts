/**
 * The POST network: embedding, encoder layers, final norm and output projection.
 *
 * Ported from the method's section 1 (POST reference, model/AnomalyTransformer.py). Owned by
 * a Detector; the trainer calls `forward` inside its loss functions and the scorers call it
 * on batches of windows. `forward` is synchronous and makes new tensors: callers wrap it in
 * `tf.tidy`. The model owns its variables and its constant tensors, freed by `dispose`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';
import { EmbeddingParams, createEmbedding, embed } from './embedding';
import {
  EncoderLayerParams,
  LayerOutput,
  LayerSizes,
  createEncoderLayer,
  createNorm,
  encoderLayer,
} from './encoder-layer';
import { dense, layerNorm } from './ops';
import { Matrix, ParamStore, Vector, init } from './params';
import { TemporalConstants, temporalConstants } from './temporal-attention';

export interface ModelSizes extends LayerSizes {
  layers: number;
}

export type LayerAssociations = Omit<LayerOutput, 'out'>;

export interface ForwardOutput {
  /** x̂ [B, L, C] */
  reconstruction: tf.Tensor3D;
  /** One entry per encoder layer. */
  layers: LayerAssociations[];
}

export class PostModel {
  readonly params = new ParamStore();
  private readonly embedding: EmbeddingParams;
  private readonly layers: EncoderLayerParams[] = [];
  private readonly finalNorm: { gamma: Vector; beta: Vector };
  private readonly projection: { w: Matrix; b: Vector };
  private readonly constants: TemporalConstants;

  /**
   * Builds a model with fresh weights drawn from `rng`; every layer's adjacency logits start
   * at `initialGraph` (C × C, row-major).
   */
  constructor(
    readonly sizes: ModelSizes,
    readonly initialGraph: Float32Array,
    rng: Random,
  ) {
    const { channels: C, dModel: D } = sizes;
    this.embedding = createEmbedding(this.params, C, D, rng);
    for (let u = 0; u < sizes.layers; u++) {
      this.layers.push(createEncoderLayer(this.params, u, sizes, initialGraph, rng));
    }
    this.finalNorm = createNorm(this.params, 'final.norm', D);
    this.projection = {
      w: this.params.matrix('final.projection.w', D, C, init.linearWeight(rng, D, C)),
      b: this.params.vector('final.projection.b', init.linearBias(rng, D, C)),
    };
    this.constants = temporalConstants(sizes.window, D);
  }

  /** x [B, L, C] (standardised windows) -> reconstruction and per-layer associations. */
  forward(x: tf.Tensor3D): ForwardOutput {
    let hidden = embed(this.embedding, x);
    const layers: LayerAssociations[] = [];
    for (const params of this.layers) {
      const output = encoderLayer(params, this.constants, hidden, this.sizes.heads);
      const { out, ...associations } = output;
      layers.push(associations);
      hidden = out;
    }

    const normed = layerNorm(hidden, this.finalNorm.gamma, this.finalNorm.beta);
    const reconstruction = dense(normed, this.projection.w, this.projection.b) as tf.Tensor3D;
    return { reconstruction, layers };
  }

  /** The adjacency logits g of each layer (learned only in the graph phase). */
  graphVariables(): Matrix[] {
    return this.layers.map((layer) => layer.spatial.graph);
  }

  /** Every trainable tensor except the adjacency logits: what Adam updates. */
  adamVariables(): tf.Variable[] {
    const graphs = new Set<tf.Variable>(this.graphVariables());
    return this.params.entries().map(([, v]) => v).filter((v) => !graphs.has(v));
  }

  /** sigmoid(g) of each layer, C × C row-major. */
  adjacency(): Float32Array[] {
    return this.graphVariables().map((g) => {
      const weights = tf.sigmoid(g);
      const values = weights.dataSync() as Float32Array;
      weights.dispose();
      return values;
    });
  }

  dispose(): void {
    this.params.dispose();
    tf.dispose(Object.values(this.constants));
  }
}
