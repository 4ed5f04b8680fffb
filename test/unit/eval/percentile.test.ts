import { strict as assert } from 'assert';
import { percentile, percentileOfSorted, sortedCopy } from '../../../src/engine/eval/percentile';
import { Random } from '../../../src/engine/random';
import { assertClose } from './close';

describe('percentile (numpy linear interpolation)', () => {
  it('matches hand-computed numpy values', () => {
    // np.percentile([1, 2, 3, 4], 50) = 2.5; rank 0.995 × 4 = 3.98 → 4 + 0.98 × (5 − 4).
    assertClose(percentile([1, 2, 3, 4], 50), 2.5);
    assertClose(percentile([5, 1, 4, 2, 3], 99.5), 4.98);
    assertClose(percentile([10, 20], 25), 12.5);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([3, 1, 2], 0), 1);
    assert.equal(percentile([3, 1, 2], 100), 3);
  });

  it('pools several arrays and leaves NaN out', () => {
    const pooled = percentile([Float32Array.of(4, 1), Float32Array.of(3, NaN, 2)], 50);
    assertClose(pooled, 2.5);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('selection agrees with sorting on random data with ties', () => {
    const random = new Random(7);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 1 + random.int(500) }, () => random.int(50) / 7);
      const p = random.uniform(0, 100);
      assert.equal(percentile(values, p), percentileOfSorted(sortedCopy(values), p));
    }
  });
});
