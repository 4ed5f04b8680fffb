/**
 * The proximal sparsifying step and the Laplacian smoothness, against hand-computed values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { proxSigmoidL1 } from '../../../src/engine/train/prox';
import { laplacianSmoothness } from '../../../src/engine/train/smoothness';
import { assertClose, take, useBackend } from '../model/fixtures';

describe('proximal step', () => {
  before(() => useBackend('cpu'));

  it('maps +1 to 0.853 and -1 to -1.129 off the diagonal at alpha 0.7, not the diagonal', () => {
    const g = tf.tensor2d([1, -1, 1, -1], [2, 2]);
    const out = take(proxSigmoidL1(g, 0.7));
    // By hand, three fixed-point iterations x = v − 0.7·s(1 − s), s = sigmoid(x):
    const iterate = (v: number) => {
      let x = v;
      for (let i = 0; i < 3; i++) {
        const s = 1 / (1 + Math.exp(-x));
        x = v - 0.7 * s * (1 - s);
      }
      return x;
    };
    assertClose(out, [1, iterate(-1), iterate(1), -1], 1e-6);
    assertClose([out[2], out[1]], [0.853, -1.129], 1e-3, 'the figures of the method');
    g.dispose();
  });
});

describe('Laplacian smoothness', () => {
  before(() => useBackend('cpu'));

  it('is the mean over windows of Σ_t x_tᵀ Ln x_t with Ln = D^-½ (D − σ(g)) D^-½', () => {
    // g = 0 everywhere: A = 0.5 (C = 2), out-degree 1, r = (1.001)^-½.
    // Ln = r²·[[0.5, −0.5], [−0.5, 0.5]], so x_tᵀ Ln x_t = r²·0.5·(x1 − x2)².
    const g = tf.zeros([2, 2]) as tf.Tensor2D;
    const x = tf.tensor3d([1, 3, 2, 2, 0, 1, 5, 1], [2, 2, 2]);
    const r2 = 1 / 1.001;
    const window1 = r2 * 0.5 * ((1 - 3) ** 2 + (2 - 2) ** 2);
    const window2 = r2 * 0.5 * ((0 - 1) ** 2 + (5 - 1) ** 2);
    assertClose(take(laplacianSmoothness(g, x)), [(window1 + window2) / 2], 1e-5);

    // A non-symmetric g: A = σ(g), out-degrees from the rows.
    const h = tf.tensor2d([0, 2, -1, 0], [2, 2]);
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const A = [[s(0), s(2)], [s(-1), s(0)]];
    const deg = [A[0][0] + A[0][1], A[1][0] + A[1][1]];
    const r = deg.map((d) => 1 / Math.sqrt(d + 1e-3));
    const Ln = [
      [r[0] * (deg[0] - A[0][0]) * r[0], -r[0] * A[0][1] * r[1]],
      [-r[1] * A[1][0] * r[0], r[1] * (deg[1] - A[1][1]) * r[1]],
    ];
    const quad = (a: number, b: number) =>
      a * (Ln[0][0] * a + Ln[0][1] * b) + b * (Ln[1][0] * a + Ln[1][1] * b);
    const expected = (quad(1, 3) + quad(2, 2) + quad(0, 1) + quad(5, 1)) / 2;
    assertClose(take(laplacianSmoothness(h, x)), [expected], 1e-5);
    tf.dispose([g, x, h]);
  });
});
