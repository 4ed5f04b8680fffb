import { strict as assert } from 'assert';
import { paperProtocol } from '../../../src/engine/eval/paperProtocol';
import { adjustAnomaly } from '../../../src/engine/eval/pointAdjust';
import { precisionRecallF1 } from '../../../src/engine/eval/pointwise';
import { flagAbove } from '../../../src/engine/eval/segments';
import { assertClose } from './close';

describe('paper protocol (percentile start, label-tuned bounded search)', () => {
  // A false positive at 0.15 and the anomaly at 0.3; training scores all 0.
  const test = Float32Array.from([0, 0, 0.15, 0, 0.3]);
  const labels = Uint8Array.from([0, 0, 0, 0, 1]);
  const training = new Float32Array(5);
  const pointAdjustedAt = (t: number) =>
    precisionRecallF1(adjustAnomaly(flagAbove(test, t), labels), labels);

  it('starts at the percentile of training and test scores pooled', () => {
    // Pooled: eight 0s, 0.15, 0.3; 80th percentile: rank 7.2 → 0 + 0.2 × 0.15 (float32 0.15).
    const r = paperProtocol(pointAdjustedAt, [training, test], 20);
    assertClose(r.percentileThreshold, 0.2 * Math.fround(0.15), 1e-15);
    // At 0.03 both high scores are flagged: P ½, R 1.
    assertClose(r.atPercentile.f1, 2 / 3);
  });

  it('tunes the threshold on the labels within [start, start + 0.15]', () => {
    const r = paperProtocol(pointAdjustedAt, [training, test], 20);
    assert.ok(r.tunedThreshold >= 0.15 && r.tunedThreshold <= 0.18, `${r.tunedThreshold}`);
    assert.equal(r.tuned.f1, 1);
  });
});
