import { strict as assert } from 'assert';
import { minimizeBounded } from '../../../src/engine/eval/brent';
import { assertClose } from './close';

/**
 * Expected values are scipy 1.17.1's `minimize_scalar(f, bounds, method='bounded')` with
 * xatol 1e-5 and maxiter 500: the port must follow the same steps, so the same point and
 * the same number of evaluations.
 */
describe('bounded Brent minimisation (scipy fminbound port)', () => {
  it('(x − 0.3)² on [0, 1] gives 0.3', () => {
    const r = minimizeBounded((x) => (x - 0.3) ** 2, 0, 1);
    assertClose(r.x, 0.3, 1e-5);
    assert.equal(r.evaluations, 6);
  });

  it('follows scipy step for step on a function with parabolic steps', () => {
    const r = minimizeBounded((x) => Math.sin(3 * x) + x * x, -2, 2);
    assertClose(r.x, -0.4273076760191019, 1e-15);
    assertClose(r.fx, -0.7759735999686724, 1e-15);
    assert.equal(r.evaluations, 9);
  });

  it('follows scipy on a kinked function (golden-section steps)', () => {
    const r = minimizeBounded((x) => Math.abs(x - 0.123456), 0, 1);
    assertClose(r.x, 0.12345601686293013, 1e-15);
    assert.equal(r.evaluations, 18);
  });

  it('follows scipy on a piecewise-constant function, like an F1 over thresholds', () => {
    const f = (x: number): number => (x < 0.42 ? -Math.floor(10 * x) / 10 : 0);
    const r = minimizeBounded(f, 0.3, 0.45);
    assertClose(r.x, 0.4062352727643567, 1e-15);
    assert.equal(r.fx, -0.4);
    assert.equal(r.evaluations, 20);
  });

  it('stops at the evaluation limit', () => {
    const r = minimizeBounded((x) => Math.abs(x - 0.123456), 0, 1, { maxEvaluations: 5 });
    assert.equal(r.evaluations, 5);
  });
});
