/**
 * The association discrepancies: hand-computed KL values in both forms, and the fused
 * minimax op against the reference's four stop-gradient KL terms.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../../../src/engine/model/ops';
import {
  associationDiscrepancy,
  klRows,
  symmetricKlRows,
} from '../../../src/engine/train/discrepancy';
import { assertClose, take, useBackend } from '../model/fixtures';

const EPS = 1e-4;
const kl = (p: number[], q: number[]) =>
  p.reduce((sum, pi, j) => sum + pi * (Math.log(pi + EPS) - Math.log(q[j] + EPS)), 0);

describe('association discrepancy', () => {
  before(() => useBackend('cpu'));

  it('computes the KL with 1e-4 inside both logarithms, per row', () => {
    const p = [0.7, 0.2, 0.1];
    const q = [0.2, 0.3, 0.5];
    // By hand: 0.7·ln(0.7001/0.2001) + 0.2·ln(0.2001/0.3001) + 0.1·ln(0.1001/0.5001).
    const byHand =
      0.7 * Math.log(0.7001 / 0.2001) +
      0.2 * Math.log(0.2001 / 0.3001) +
      0.1 * Math.log(0.1001 / 0.5001);
    assertClose(take(klRows(tf.tensor2d([p], [1, 3]), tf.tensor2d([q], [1, 3]))), [byHand]);
    assertClose(
      take(symmetricKlRows(tf.tensor2d([p], [1, 3]), tf.tensor2d([q], [1, 3]))),
      [kl(p, q) + kl(q, p)],
    );
  });

  it('averages the temporal form over heads and rows, and sums the spatial form per row', () => {
    // Temporal: [B=1, H=2, L=2, L=2]; the loss is the mean over heads of Σ_j, then over rows.
    const rows = [
      [[0.5, 0.5], [0.9, 0.1]],
      [[0.2, 0.8], [0.6, 0.4]],
    ];
    const priors = [
      [[0.6, 0.4], [0.5, 0.5]],
      [[0.3, 0.7], [0.1, 0.9]],
    ];
    const sym = (h: number, i: number) =>
      kl(rows[h][i], priors[h][i]) + kl(priors[h][i], rows[h][i]);
    const perRow = [0, 1].map((i) => (sym(0, i) + sym(1, i)) / 2);
    const expectedMean = (perRow[0] + perRow[1]) / 2;

    const s = tf.tensor4d(rows.flat(2), [1, 2, 2, 2]);
    const p = tf.tensor4d(priors.flat(2), [1, 2, 2, 2]);
    assertClose(take(tf.mean(symmetricKlRows(s, p), 1)), perRow, 1e-5, 'temporal per row');
    const weights = { observation: -1, prior: 1 };
    assertClose(take(associationDiscrepancy(s, p, weights)), [expectedMean], 1e-5, 'temporal loss');

    // Spatial: [B=1, C=2, C=2]; per channel row Σ_j, the loss is the mean over B·C rows.
    const e = tf.tensor3d([0.5, 0.5, 0.9, 0.1], [1, 2, 2]);
    const ps = tf.tensor3d([0.6, 0.4, 0.5, 0.5], [1, 2, 2]);
    const spatialRows = [
      kl([0.5, 0.5], [0.6, 0.4]) + kl([0.6, 0.4], [0.5, 0.5]),
      kl([0.9, 0.1], [0.5, 0.5]) + kl([0.5, 0.5], [0.9, 0.1]),
    ];
    assertClose(take(symmetricKlRows(e, ps)), spatialRows, 1e-5, 'spatial per row');
    assertClose(
      take(associationDiscrepancy(e, ps, weights)),
      [(spatialRows[0] + spatialRows[1]) / 2],
      1e-5,
      'spatial loss',
    );
    tf.dispose([s, p, e, ps]);
  });

  it('has the gradients of the reference four-term minimax with its stop-gradients', () => {
    // Random row distributions [B=2, H=2, L=3, L=3] for the observation and the prior.
    const raw = (seed: number) => tf.softmax(tf.randomNormal([2, 2, 3, 3], 0, 1, 'float32', seed));
    const obs = raw(1);
    const pri = raw(2);
    const k = 0.7;
    const meanKl = (p: tf.Tensor, q: tf.Tensor) => tf.mean(klRows(p, q));

    // −k·[kl(S, sg P) + kl(sg P, S)] + k·[kl(P, sg S) + kl(sg S, P)], written out.
    const reference = (s: tf.Tensor, p: tf.Tensor) =>
      tf.addN([
        tf.mul(tf.add(meanKl(s, stopGradient(p)), meanKl(stopGradient(p), s)), -k),
        tf.mul(tf.add(meanKl(p, stopGradient(s)), meanKl(stopGradient(s), p)), k),
      ]) as tf.Scalar;
    const fused = (s: tf.Tensor, p: tf.Tensor) =>
      associationDiscrepancy(s, p, { observation: -k, prior: k });

    const [refS, refP] = tf.grads(reference)([obs, pri]);
    const [fusedS, fusedP] = tf.grads(fused)([obs, pri]);
    assertClose(take(fusedS), take(refS), 1e-4, 'gradient to the observation');
    assertClose(take(fusedP), take(refP), 1e-4, 'gradient to the prior');
    tf.dispose([obs, pri]);
  });

  it('sends no gradient to a side whose weight is 0', () => {
    const obs = tf.softmax(tf.randomNormal([1, 2, 4], 0, 1, 'float32', 3));
    const pri = tf.softmax(tf.randomNormal([1, 2, 4], 0, 1, 'float32', 4));
    const [gObs, gPri] = tf.grads((s: tf.Tensor, p: tf.Tensor) =>
      associationDiscrepancy(s, p, { observation: 0, prior: 1 }),
    )([obs, pri]);
    assert.ok(take(gObs).every((v) => v === 0));
    assert.ok(take(gPri).some((v) => Math.abs(v) > 1e-3));
    tf.dispose([obs, pri]);
  });
});
