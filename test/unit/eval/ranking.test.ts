import { strict as assert } from 'assert';
import { aucRoc, averagePrecision } from '../../../src/engine/eval/ranking';
import { Random } from '../../../src/engine/random';
import { assertClose } from './close';

describe('AUC-ROC and average precision', () => {
  const scores = [0.1, 0.4, 0.35, 0.8];
  const labels = [0, 0, 1, 1];

  it('AUC-ROC: share of (anomalous, normal) pairs ranked right', () => {
    // Pairs: 0.35 beats 0.1 only, 0.8 beats both → 3 of 4.
    assertClose(aucRoc(scores, labels), 0.75);
  });

  it('AUC-ROC counts ties as one half', () => {
    // The anomalous 1 ties one normal 1 (½) and beats the 0 (1): (½ + 1) / 2.
    assertClose(aucRoc([1, 1, 0], [1, 0, 0]), 0.75);
    assertClose(aucRoc([2, 2, 2, 2], [1, 0, 1, 0]), 0.5);
  });

  it('average precision is the step sum Σ ΔR · P', () => {
    // Ranked: 0.8 (+) P 1 R ½; 0.4 (−); 0.35 (+) P 2/3 R 1 → ½·1 + ½·2/3.
    assertClose(averagePrecision(scores, labels), 0.5 + 1 / 3);
    // One tie group holding everything: precision 1/2 at recall 1.
    assertClose(averagePrecision([1, 1], [1, 0]), 0.5);
  });

  it('is undefined for a single class and ranks NaN lowest', () => {
    assert.ok(Number.isNaN(aucRoc([1, 2], [0, 0])));
    assert.ok(Number.isNaN(averagePrecision([1, 2], [0, 0])));
    assertClose(aucRoc([NaN, 1, 0], [0, 1, 0]), 1);
  });

  it('AUC-ROC equals the brute-force pair count on random data with ties', () => {
    const random = new Random(3);
    const n = 300;
    const s = Array.from({ length: n }, () => random.int(20));
    const y = Array.from({ length: n }, () => (random.next() < 0.2 ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (y[i] !== 1 || y[j] !== 0) continue;
        pairs++;
        wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
    assertClose(aucRoc(s, y), wins / pairs, 1e-12);
  });
});
