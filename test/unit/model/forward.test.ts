/**
 * The model's blocks against hand-computed values, and the shapes of a whole forward pass.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { createEmbedding, embed } from '../../../src/engine/model/embedding';
import { ParamStore } from '../../../src/engine/model/params';
import { createSpatial, spatialAttention } from '../../../src/engine/model/spatial-attention';
import {
  createTemporal,
  positionalEncoding,
  temporalAttention,
  temporalConstants,
} from '../../../src/engine/model/temporal-attention';
import { Random } from '../../../src/engine/random';
import { assertClose, smallConfig, smallModel, take, useBackend } from './fixtures';

const set = (v: tf.Variable, values: number[]) => v.assign(tf.tensor(values, v.shape));

describe('model blocks', () => {
  before(() => useBackend('cpu'));

  it('embeds with a circular kernel-3 convolution', () => {
    const store = new ParamStore();
    const params = createEmbedding(store, 1, 1, new Random(1));
    set(params.kernel, [2, 3, 5]); // taps on x(t-1), x(t), x(t+1)
    const x = tf.tensor3d([1, 10, 100, 1000], [1, 4, 1]);
    // t=0: 2·1000 + 3·1 + 5·10; t=3: 2·100 + 3·1000 + 5·1 (wraps to x(0)).
    assertClose(take(embed(params, x)), [2053, 532, 5320, 3205]);
    store.dispose();
    x.dispose();
  });

  it('interleaves sin and cos in the learnable-frequency positional encoding', () => {
    const constants = temporalConstants(3, 4);
    const pe = take(positionalEncoding(tf.scalar(0.5), constants));
    const expected: number[] = [];
    for (let pos = 0; pos < 3; pos++) {
      for (let i = 0; i < 2; i++) {
        const angle = 0.5 * pos * Math.exp((-2 * i * Math.log(10000)) / 4);
        expected.push(Math.sin(angle), Math.cos(angle));
      }
    }
    assertClose(pe, expected);
    assertClose(take(constants.lagSquared), [0, 1, 4, 1, 0, 1, 4, 1, 0]);
    tf.dispose(Object.values(constants));
  });

  it('gives the row-normalised Gaussian prior over lags and a softmax observation', () => {
    const store = new ParamStore();
    const L = 4;
    const params = createTemporal(store, 't', 2, 1, new Random(2));
    const constants = temporalConstants(L, 2);
    // ws = 0 and bs = 0.1 make sigma the same for every row: 3^(sigmoid(0.5) + 1e-5) − 1.
    set(params.ws, [0, 0]);
    set(params.bs, [0.1]);
    const sigma = 3 ** (1 / (1 + Math.exp(-0.5)) + 1e-5) - 1;

    const x = tf.randomNormal([2, L, 2], 0, 1, 'float32', 3) as tf.Tensor3D;
    const { series, prior, out } = temporalAttention(params, constants, x, 1);
    assert.deepStrictEqual(out.shape, [2, L, 2]);

    // The reference: P = 1/(√(2π)σ)·exp(−|i−j|²/(2σ²)), then P / Σ_j P.
    const expected: number[] = [];
    for (let i = 0; i < L; i++) {
      const row = Array.from({ length: L }, (_, j) =>
        Math.exp(-((i - j) ** 2) / (2 * sigma * sigma)) / (Math.sqrt(2 * Math.PI) * sigma),
      );
      const total = row.reduce((a, b) => a + b, 0);
      expected.push(...row.map((p) => p / total));
    }
    const priorValues = take(prior);
    assertClose(priorValues.slice(0, L * L), expected, 1e-5, 'prior');
    assertClose(priorValues.slice(L * L), expected, 1e-5, 'prior of the second window');

    const rowSums = take(tf.sum(series, -1));
    assertClose(rowSums, new Array(2 * L).fill(1), 1e-5, 'observation row sums');
    tf.dispose([series, out, x, ...Object.values(constants)]);
    store.dispose();
  });

  it('gives the structural prior softmax(g/τ) and the GAT observation', () => {
    const store = new ParamStore();
    const L = 3;
    const C = 2;
    const graph = new Float32Array([1, -1, 0.5, 1]);
    const sizes = { window: L, dModel: 2, channels: C };
    const params = createSpatial(store, 's', sizes, graph, new Random(4));
    // τ = sigmoid(3·0.2) + 1e-5 for every row when the τ projection's weight is 0.
    set(params.tauWeight, [0, 0, 0]);
    set(params.tauBias, [0.2]);
    const tau = 1 / (1 + Math.exp(-0.6)) + 1e-5;
    // h = (x W1)ᵀ with W1 = I: node c's feature is x[:, c].
    set(params.w1, [1, 0, 0, 1]);
    set(params.thetaRow, [1, 0, 0]);
    set(params.thetaColumn, [0, 1, 0]);

    const x = tf.tensor3d([1, 2, 3, -4, 5, 6], [1, L, C]);
    const { series, prior } = spatialAttention(params, x);

    const softmaxRow = (row: number[]) => {
      const e = row.map((v) => Math.exp(v));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    const expectedPrior = [...softmaxRow([1 / tau, -1 / tau]), ...softmaxRow([0.5 / tau, 1 / tau])];
    assertClose(take(prior), expectedPrior, 1e-5, 'P_s');

    // e_ij = LeakyReLU(h_i·θ_r + h_j·θ_c)/√L with h_i·θ_r = x[0, i], h_j·θ_c = x[1, j].
    const leaky = (v: number) => (v > 0 ? v : 0.2 * v);
    const rowScore = [1, 2];
    const columnScore = [3, -4];
    const expectedSeries = rowScore.flatMap((r) =>
      softmaxRow(columnScore.map((c) => leaky(r + c) / Math.sqrt(L))),
    );
    assertClose(take(series), expectedSeries, 1e-5, 'E');
    x.dispose();
    store.dispose();
  });

  it('runs a whole forward pass with the documented shapes', () => {
    const config = smallConfig({ window: 8, dModel: 8, heads: 2, layers: 2, dFF: 16 });
    const model = smallModel(config, 3);
    const x = tf.randomNormal([5, 8, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const shapes = tf.tidy(() => {
      const { reconstruction, layers } = model.forward(x);
      return {
        reconstruction: reconstruction.shape,
        layers: layers.map((l) => [
          l.temporalSeries.shape,
          l.temporalPrior.shape,
          l.spatialSeries.shape,
          l.spatialPrior.shape,
        ]),
      };
    });
    assert.strictEqual(tf.memory().numTensors, before, 'forward inside tidy leaves no tensor');
    assert.deepStrictEqual(shapes.reconstruction, [5, 8, 3]);
    assert.deepStrictEqual(shapes.layers, [
      [[5, 2, 8, 8], [5, 2, 8, 8], [5, 3, 3], [5, 3, 3]],
      [[5, 2, 8, 8], [5, 2, 8, 8], [5, 3, 3], [5, 3, 3]],
    ]);
    assert.strictEqual(model.graphVariables().length, 2);
    assert.strictEqual(
      model.adamVariables().length + model.graphVariables().length,
      model.params.names().length,
    );
    x.dispose();
    model.dispose();
  });
});
