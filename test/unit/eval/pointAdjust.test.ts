import { strict as assert } from 'assert';
import {
  adjustAnomaly,
  adjustSegments,
  pointAdjustedScores,
} from '../../../src/engine/eval/pointAdjust';
import { paKArea, paKCurve } from '../../../src/engine/eval/paK';
import { assertClose } from './close';

describe('point adjustment', () => {
  it('fills every segment with a flagged row', () => {
    const labels = [0, 1, 1, 1, 0, 1, 1, 0];
    const flags = [0, 0, 1, 0, 0, 0, 0, 1];
    assert.deepEqual(Array.from(adjustAnomaly(flags, labels)), [0, 1, 1, 1, 0, 0, 0, 1]);
    assert.deepEqual(Array.from(adjustSegments(flags, labels)), [0, 1, 1, 1, 0, 0, 0, 1]);
  });

  it("keeps the reference's quirk: row 0 is never back-filled", () => {
    const labels = [1, 1, 1, 0];
    const flags = [0, 0, 1, 0];
    assert.deepEqual(Array.from(adjustAnomaly(flags, labels)), [0, 1, 1, 0]);
    assert.deepEqual(Array.from(adjustSegments(flags, labels)), [1, 1, 1, 0]);
    // A flag on row 0 itself fills the segment.
    assert.deepEqual(Array.from(adjustAnomaly([1, 0, 0, 0], labels)), [1, 1, 1, 0]);
  });

  it('scores after adjustment', () => {
    // Adjusted [0,1,1,1,0,0,0,1]: TP 3, FP 1, FN 2 → P ¾, R ⅗, F1 2/3.
    const r = pointAdjustedScores([0, 0, 1, 0, 0, 0, 0, 1], [0, 1, 1, 1, 0, 1, 1, 0]);
    assertClose(r.precision, 0.75);
    assertClose(r.recall, 0.6);
    assertClose(r.f1, 2 / 3);
  });
});

describe('PA%K', () => {
  // One segment of 4 rows with 1 flagged (25 %), one of 2 rows with none, 1 false positive.
  const labels = [1, 1, 1, 1, 0, 0, 1, 1, 0];
  const flags = [0, 1, 0, 0, 0, 0, 0, 0, 1];

  it('adjusts a segment while K ≤ its flagged share', () => {
    const curve = paKCurve(flags, labels);
    assert.equal(curve.length, 101);
    // K ≤ 25: TP 4, flagged 5, actual 6 → P 0.8, R 2/3, F1 8/11.
    assertClose(curve[0], 8 / 11);
    assertClose(curve[25], 8 / 11);
    // K > 25: point-wise, TP 1, flagged 2 → P ½, R 1/6, F1 ¼.
    assertClose(curve[26], 0.25);
    assertClose(curve[100], 0.25);
  });

  it('area is the trapezoid over K / 100', () => {
    const curve = paKCurve(flags, labels);
    // 25 steps at 8/11, one step from 8/11 to ¼, 74 steps at ¼; over 100 steps.
    const expected = (25 * (8 / 11) + (8 / 11 + 0.25) / 2 + 74 * 0.25) / 100;
    assertClose(paKArea(curve), expected);
  });

  it('does not adjust a segment nobody flagged at K = 0', () => {
    assertClose(paKCurve([0, 0, 0], [1, 1, 0])[0], 0);
  });
});
