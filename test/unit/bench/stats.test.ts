import { strict as assert } from 'assert';
import { formatMiB, formatNumber, formatSummary, meanOf, summarize } from '../../../bench/stats';

describe('bench: summary statistics', () => {
  it('gives the mean and the sample standard deviation', () => {
    // mean 4; squared deviations 4 + 0 + 4 = 8; 8 / (3 − 1) = 4; sqrt = 2.
    assert.deepEqual(summarize([2, 4, 6]), { mean: 4, std: 2, n: 3 });
    assert.deepEqual(summarize([5]), { mean: 5, std: 0, n: 1 });
  });

  it('leaves out missing and non-finite values (JSON turns NaN into null)', () => {
    assert.deepEqual(summarize([1, null, undefined, NaN, 3]), { mean: 2, std: Math.SQRT2, n: 2 });
    const none = summarize([null, NaN]);
    assert.equal(none.n, 0);
    assert.ok(Number.isNaN(none.mean) && Number.isNaN(none.std));
    assert.ok(Number.isNaN(meanOf([])));
  });

  it('formats figures for the tables', () => {
    assert.equal(formatSummary({ mean: 0.41234, std: 0.0213, n: 3 }), '0.412 ± 0.021');
    assert.equal(formatSummary({ mean: 0.5, std: 0, n: 1 }), '0.500');
    assert.equal(formatSummary({ mean: NaN, std: NaN, n: 0 }), 'n/a');
    assert.equal(formatSummary({ mean: 181.26, std: 3.04, n: 2 }, 1), '181.3 ± 3.0');
    assert.equal(formatNumber(null), 'n/a');
    assert.equal(formatNumber(1 / 3, 2), '0.33');
    assert.equal(formatMiB(3 * 1024 ** 2), '3 MiB');
    assert.equal(formatMiB(2048 * 1024 ** 2), '2,048 MiB');
    assert.equal(formatMiB(undefined), 'n/a');
  });
});
