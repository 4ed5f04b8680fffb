import { strict as assert } from 'assert';
import { bestF1, precisionRecallF1 } from '../../../src/engine/eval/pointwise';
import { findSegments, flagAbove } from '../../../src/engine/eval/segments';
import { assertClose } from './close';

describe('point-wise metrics', () => {
  it('precision, recall and F1 from counts', () => {
    // TP = 2 (rows 1, 2), FP = 1 (row 4), FN = 1 (row 3).
    const r = precisionRecallF1([0, 1, 1, 0, 1], [0, 1, 1, 1, 0]);
    assertClose(r.precision, 2 / 3);
    assertClose(r.recall, 2 / 3);
    assertClose(r.f1, 2 / 3);
  });

  it('an empty prediction scores 0, not NaN', () => {
    assert.deepEqual(precisionRecallF1([0, 0, 0], [0, 1, 0]), { precision: 0, recall: 0, f1: 0 });
  });

  it('best F1 over thresholds treats tied scores as one threshold', () => {
    // Thresholds: ≥0.9 flags row 0 (TP 1/1 → P 1, R 1/2, F1 2/3); ≥0.5 flags rows 0-2
    // with the tie (TP 2/3, R 1, F1 0.8); ≥0.1 flags all (P 2/4, F1 2/3).
    const best = bestF1([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]);
    assertClose(best.f1, 0.8);
    assert.equal(best.threshold, 0.5);
  });

  it('finds segments and flags strictly above the threshold', () => {
    assert.deepEqual(findSegments([1, 1, 0, 0, 1, 0, 1]), [
      { first: 0, last: 1 },
      { first: 4, last: 4 },
      { first: 6, last: 6 },
    ]);
    assert.deepEqual(Array.from(flagAbove([0.5, 0.6, NaN, 0.4], 0.5)), [0, 1, 0, 0]);
  });
});
