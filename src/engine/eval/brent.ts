/**
 * Bounded scalar minimisation by Brent's method (golden section with parabolic steps), step
 * for step as scipy's `minimize_scalar(method='bounded')` / `fminbound` runs it, so that the
 * paper protocol's label-tuned threshold (method description, section 3.2) is the one the
 * reference finds. Written from the pseudo-code in that section.
 */

export interface BoundedMinimum {
  x: number;
  fx: number;
  evaluations: number;
}

const GOLDEN = 0.5 * (3 - Math.sqrt(5));
const SQRT_EPS = Math.sqrt(2.2e-16);

/** Sign with sign(0) = +1, as the reference's `np.sign(v) + (v == 0)`. */
function signOrOne(v: number): number {
  return v >= 0 ? 1 : -1;
}

/**
 * A local minimum of `f` on [lower, upper]. Stops when the bracket is within `xatol` (default
 * 1e-5) or after `maxEvaluations` calls of f (default 500), like the reference.
 */
export function minimizeBounded(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: { xatol?: number; maxEvaluations?: number } = {},
): BoundedMinimum {
  const xatol = options.xatol ?? 1e-5;
  const maxEvaluations = options.maxEvaluations ?? 500;
  let a = lower;
  let b = upper;

  // Best point (xf), second best (nfc) and previous second best (fulc), with their values.
  let xf = a + GOLDEN * (b - a);
  let nfc = xf;
  let fulc = xf;
  let fx = f(xf);
  let fnfc = fx;
  let ffulc = fx;
  let evaluations = 1;
  let rat = 0;
  let e = 0;
  let xm = 0.5 * (a + b);
  let tol1 = SQRT_EPS * Math.abs(xf) + xatol / 3;
  let tol2 = 2 * tol1;

  while (Math.abs(xf - xm) > tol2 - 0.5 * (b - a)) {
    let golden = true;

    // Try a parabola through the three best points.
    if (Math.abs(e) > tol1) {
      golden = false;
      let r = (xf - nfc) * (fx - ffulc);
      let q = (xf - fulc) * (fx - fnfc);
      let p = (xf - fulc) * q - (xf - nfc) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = rat;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf)) {
        rat = p / q;
        const x = xf + rat;
        if (x - a < tol2 || b - x < tol2) rat = tol1 * signOrOne(xm - xf);
      } else {
        golden = true;
      }
    }

    // Otherwise a golden-section step into the larger part of the bracket.
    if (golden) {
      e = xf >= xm ? a - xf : b - xf;
      rat = GOLDEN * e;
    }

    const x = xf + signOrOne(rat) * Math.max(Math.abs(rat), tol1);
    const fu = f(x);
    evaluations++;

    // Shrink the bracket and update the three best points.
    if (fu <= fx) {
      if (x >= xf) a = xf;
      else b = xf;
      [fulc, ffulc] = [nfc, fnfc];
      [nfc, fnfc] = [xf, fx];
      [xf, fx] = [x, fu];
    } else {
      if (x < xf) a = x;
      else b = x;
      if (fu <= fnfc || nfc === xf) {
        [fulc, ffulc] = [nfc, fnfc];
        [nfc, fnfc] = [x, fu];
      } else if (fu <= ffulc || fulc === xf || fulc === nfc) {
        [fulc, ffulc] = [x, fu];
      }
    }

    xm = 0.5 * (a + b);
    tol1 = SQRT_EPS * Math.abs(xf) + xatol / 3;
    tol2 = 2 * tol1;
    if (evaluations >= maxEvaluations) break;
  }
  return { x: xf, fx, evaluations };
}
