import { strict as assert } from 'assert';
import { rangeAuc, softLabels, volumeUnderSurface } from '../../../src/engine/eval/vus';
import { assertClose } from './close';

/** Trapezoid areas over hand-listed curve points, as the definition integrates them. */
function areas(points: { tpr: number; fpr: number; precision: number }[]): {
  roc: number;
  pr: number;
} {
  let roc = 0;
  let pr = 0;
  let last = { tpr: 0, fpr: 0, precision: 1 };
  for (const p of [...points]) {
    roc += ((p.fpr - last.fpr) * (p.tpr + last.tpr)) / 2;
    pr += ((p.tpr - last.tpr) * (p.precision + last.precision)) / 2;
    last = p;
  }
  roc += ((1 - last.fpr) * (1 + last.tpr)) / 2;
  return { roc, pr };
}

describe('range-AUC and VUS', () => {
  // Rows 2-3 labelled; descending order of scores: rows 2, 1, 5, 3, 4, 0.
  const labels = [0, 0, 1, 1, 0, 0];
  const scores = [0.1, 0.5, 0.9, 0.3, 0.2, 0.4];

  it('soft labels decay as √(1 − d/ℓ) over ⌊ℓ/2⌋ rows on each side', () => {
    const { soft, regions } = softLabels([0, 0, 0, 1, 0, 0, 0], 4);
    assertClose(soft[1], Math.sqrt(0.5));
    assertClose(soft[2], Math.sqrt(0.75));
    assert.equal(soft[3], 1);
    assertClose(soft[4], Math.sqrt(0.75));
    assertClose(soft[5], Math.sqrt(0.5));
    assert.equal(soft[0] + soft[6], 0);
    assert.equal(regions, 1);
  });

  it('buffer 0 is the plain ROC area and a step-trapezoid PR area', () => {
    // P = 2, N = 4, one region; points listed threshold by threshold.
    const expected = areas([
      { tpr: 0.5, fpr: 0, precision: 1 },
      { tpr: 0.5, fpr: 0.25, precision: 1 / 2 },
      { tpr: 0.5, fpr: 0.5, precision: 1 / 3 },
      { tpr: 1, fpr: 0.5, precision: 2 / 4 },
      { tpr: 1, fpr: 0.75, precision: 2 / 5 },
      { tpr: 1, fpr: 1, precision: 2 / 6 },
    ]);
    const area = rangeAuc(scores, labels, 0);
    assertClose(area.roc, 0.75);
    assertClose(area.roc, expected.roc);
    assertClose(area.pr, 0.5 + 5 / 24);
    assertClose(area.pr, expected.pr);
  });

  it('buffer 2 credits the rows next to the segment', () => {
    // Rows 1 and 4 get s = √½; P = 2 + s, N = 4 − s, TP grows by the soft label of each row.
    const s = Math.sqrt(0.5);
    const P = 2 + s;
    const N = 4 - s;
    const expected = areas([
      { tpr: 1 / P, fpr: 0, precision: 1 },
      { tpr: (1 + s) / P, fpr: (2 - 1 - s) / N, precision: (1 + s) / 2 },
      { tpr: (1 + s) / P, fpr: (3 - 1 - s) / N, precision: (1 + s) / 3 },
      { tpr: 1, fpr: (4 - 2 - s) / N, precision: (2 + s) / 4 },
      { tpr: 1, fpr: (5 - 2 - 2 * s) / N, precision: (2 + 2 * s) / 5 },
      { tpr: 1, fpr: (6 - 2 - 2 * s) / N, precision: (2 + 2 * s) / 6 },
    ]);
    const area = rangeAuc(scores, labels, 2);
    assertClose(area.roc, expected.roc);
    assertClose(area.pr, expected.pr);

    // VUS over buffers 0, 1, 2: buffer 1 has no buffer rows (⌊½⌋ = 0), so it equals buffer 0.
    const vus = volumeUnderSurface(scores, labels, 2);
    const zero = rangeAuc(scores, labels, 0);
    assertClose(vus.roc, (2 * zero.roc + area.roc) / 3);
    assertClose(vus.pr, (2 * zero.pr + area.pr) / 3);
  });

  it('the existence factor halves recall while one of two segments is missed', () => {
    // Row 0 (segment 1) ranks first, row 4 (segment 2) last: TPR stays ¼ until the end.
    const area = rangeAuc([0.9, 0.1, 0.2, 0.3, 0.05], [1, 0, 0, 0, 1], 0);
    assertClose(area.roc, 0.25);
  });

  it('a score that ranks the labelled rows first gets range-AUC-ROC 1 at buffer 0', () => {
    const area = rangeAuc([0, 5, 6, 0, 0, 7, 0], [0, 1, 1, 0, 0, 1, 0], 0);
    assertClose(area.roc, 1);
    assertClose(area.pr, 1);
  });
});
