import { strict as assert } from 'assert';
import { isPostError } from '../../../src/engine/errors';
import { Random } from '../../../src/engine/random';
import { fitGeneralizedPareto, fitThreshold, ordinal } from '../../../src/engine/score/threshold';
import { assertClose } from '../eval/close';

const quantile = {
  thresholdMethod: 'quantile' as const,
  anomalyRatio: 0.5,
  potRisk: 1e-3,
  potLevel: 0.98,
};
const pot = { ...quantile, thresholdMethod: 'pot' as const };

/** n draws of a generalised Pareto variable (inverse CDF; γ = 0 is the exponential). */
function gpdSample(n: number, gamma: number, sigma: number, seed: number): Float64Array {
  const random = new Random(seed);
  return Float64Array.from({ length: n }, () => {
    const u = 1 - random.next();
    return gamma === 0 ? -sigma * Math.log(u) : (sigma / gamma) * (Math.pow(u, -gamma) - 1);
  });
}

describe('fitThreshold', () => {
  it('quantile: the (100 − ratio)th percentile, linear interpolation', () => {
    // 0 ... 999: rank 0.995 × 999 = 994.005.
    const scores = Float32Array.from({ length: 1000 }, (_, i) => i);
    const t = fitThreshold(scores, quantile);
    assertClose(t.value, 994.005, 1e-9);
    assert.equal(t.method, 'quantile');
    assert.equal(t.description, '99.5th percentile of 1,000 training scores');
  });

  it('pot: an exponential tail gives −log(q) at risk q', () => {
    const t = fitThreshold(gpdSample(50000, 0, 1, 1), pot);
    assert.equal(t.method, 'pot');
    assertClose(t.value, -Math.log(1e-3), 0.4);
    assert.match(t.description, /GPD .* 1,000 training scores above their 98th percentile/);
  });

  it('pot: a uniform tail (bounded, γ = −1) stays inside the support', () => {
    const t = fitThreshold(gpdSample(50000, -1, 1, 2), pot);
    assertClose(t.value, 0.999, 0.002);
  });

  it('falls back to the quantile, saying why, when the tail has too few scores', () => {
    const t = fitThreshold([1, 2, 3, 4, 5], pot);
    assert.equal(t.method, 'quantile');
    assertClose(t.value, 4.98);
    assert.match(t.description, /peaks over threshold not used: only 1 training scores/);
  });

  it('rejects empty and non-finite training scores with a PostError', () => {
    assert.throws(
      () => fitThreshold([], quantile),
      (e: unknown) => isPostError(e) && e.kind === 'input' && /No training scores/.test(e.message),
    );
    assert.throws(
      () => fitThreshold([1, NaN, 2], quantile),
      (e: unknown) =>
        isPostError(e) && e.kind === 'model' && e.place.setting === 'learningRate',
    );
  });
});

describe('generalised Pareto fit (Grimshaw)', () => {
  it('recovers shape and scale of a heavy tail', () => {
    const { gamma, sigma } = fitGeneralizedPareto(gpdSample(20000, 0.25, 2, 3));
    assertClose(gamma, 0.25, 0.04, 'shape');
    assertClose(sigma, 2, 0.08, 'scale');
  });

  it('recovers a light (negative-shape) tail', () => {
    const { gamma, sigma } = fitGeneralizedPareto(gpdSample(20000, -0.3, 1, 4));
    assertClose(gamma, -0.3, 0.04, 'shape');
    assertClose(sigma, 1, 0.05, 'scale');
  });
});

describe('ordinal', () => {
  it('writes percentiles as in descriptions', () => {
    const values = [99.5, 98, 1, 2, 3, 11, 12, 13, 21, 22, 23, 99.95];
    const expected = '99.5th 98th 1st 2nd 3rd 11th 12th 13th 21st 22nd 23rd 99.95th';
    assert.equal(values.map(ordinal).join(' '), expected);
  });
});
