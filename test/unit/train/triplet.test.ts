/**
 * The triplet term on per-head temporal attention: a hand-computed tiny batch, a brute-force
 * all-pairs version of the reference, and the negative sampling.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../../../src/engine/random';
import { drawNegatives, tripletLoss } from '../../../src/engine/train/triplet';
import { assertClose, take, useBackend } from '../model/fixtures';

const EPS = 1e-10;
function symKl(a: number[], b: number[]): number {
  let total = 0;
  for (let j = 0; j < a.length; j++) {
    total += (a[j] + EPS) * (Math.log(a[j] + EPS) - Math.log(b[j] + EPS));
    total += (b[j] + EPS) * (Math.log(b[j] + EPS) - Math.log(a[j] + EPS));
  }
  return total;
}

/** agg[b][h] = mean over query rows of S[b, h]: S is [B, H, L, L] nested arrays. */
function aggregate(s: number[][][][]): number[][][] {
  return s.map((heads) =>
    heads.map((rows) =>
      rows[0].map((_, j) => rows.reduce((sum, row) => sum + row[j], 0) / rows.length),
    ),
  );
}

/** The reference's loss, written out pair by pair. */
function referenceLoss(s: number[][][][], negatives: Int32Array, margin: number): number {
  const agg = aggregate(s);
  const B = agg.length;
  const H = agg[0].length;
  let total = 0;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      let positive = Infinity;
      for (let other = 0; other < H; other++) {
        if (other !== h) positive = Math.min(positive, symKl(agg[b][h], agg[b][other]));
      }
      const negative = symKl(agg[b][h], agg[negatives[b * H + h]][h]);
      total += Math.max(0, positive - negative + margin);
    }
  }
  return total / (B * H);
}

function randomAttention(B: number, H: number, L: number, rng: Random): number[][][][] {
  return Array.from({ length: B }, () =>
    Array.from({ length: H }, () =>
      Array.from({ length: L }, () => {
        const row = Array.from({ length: L }, () => Math.exp(2 * rng.normal()));
        const total = row.reduce((a, b) => a + b, 0);
        return row.map((v) => v / total);
      }),
    ),
  );
}

describe('triplet term', () => {
  before(() => useBackend('cpu'));

  it('matches a hand-computed tiny batch', () => {
    // B = 2, H = 2, L = 2; the only negative of window b is the other window.
    const s = [
      [[[0.9, 0.1], [0.7, 0.3]], [[0.5, 0.5], [0.5, 0.5]]],
      [[[0.2, 0.8], [0.4, 0.6]], [[0.6, 0.4], [0.8, 0.2]]],
    ];
    // agg: window 0 = [0.8, 0.2], [0.5, 0.5]; window 1 = [0.3, 0.7], [0.7, 0.3].
    const d = (a: number[], b: number[]) => symKl(a, b);
    const terms = [
      d([0.8, 0.2], [0.5, 0.5]) - d([0.8, 0.2], [0.3, 0.7]) + 1,
      d([0.5, 0.5], [0.8, 0.2]) - d([0.5, 0.5], [0.7, 0.3]) + 1,
      d([0.3, 0.7], [0.7, 0.3]) - d([0.3, 0.7], [0.8, 0.2]) + 1,
      d([0.7, 0.3], [0.3, 0.7]) - d([0.7, 0.3], [0.5, 0.5]) + 1,
    ];
    const expected = terms.reduce((a, t) => a + Math.max(0, t), 0) / 4;
    const negatives = Int32Array.from([1, 1, 0, 0]);
    const series = tf.tensor4d(s.flat(3), [2, 2, 2, 2]);
    assertClose(take(tripletLoss(series, negatives, 1)), [expected], 1e-5);
    series.dispose();
  });

  it('equals the all-pairs reference on a random batch', () => {
    const rng = new Random(11);
    const s = randomAttention(5, 3, 6, rng);
    const negatives = drawNegatives(5, 3, rng);
    const series = tf.tensor4d(s.flat(3), [5, 3, 6, 6]);
    for (const margin of [1, 0.05]) {
      const expected = referenceLoss(s, negatives, margin);
      assertClose(take(tripletLoss(series, negatives, margin)), [expected], 1e-4);
    }
    series.dispose();
  });

  it('is 0 with one head or one window, where no positive or negative exists', () => {
    const one = tf.tensor4d(new Float32Array(1 * 2 * 2 * 2).fill(0.5), [1, 2, 2, 2]);
    const single = tf.tensor4d(new Float32Array(3 * 1 * 2 * 2).fill(0.5), [3, 1, 2, 2]);
    assert.strictEqual(take(tripletLoss(one, new Int32Array(2), 1))[0], 0);
    assert.strictEqual(take(tripletLoss(single, drawNegatives(3, 1, new Random(1)), 1))[0], 0);
    tf.dispose([one, single]);
  });

  it('draws each negative from the other windows, every one of them in time', () => {
    const negatives = drawNegatives(4, 500, new Random(2));
    const seen = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
    negatives.forEach((n, i) => seen[Math.floor(i / 500)].add(n));
    seen.forEach((set, b) => {
      assert.ok(!set.has(b), `window ${b} drew itself`);
      assert.strictEqual(set.size, 3);
    });
  });
});
