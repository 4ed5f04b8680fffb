/** Tail calibration: known surprisals, the tail past the training maximum, ties, floors. */
import * as assert from 'assert';
import {
  LEVELS,
  MAX_SURPRISAL,
  fitTailTables,
  surprisal,
} from '../../../src/engine/score/tail-calibration';
import { Random } from '../../../src/engine/random';

/** −log10((1 + #{training ≥ v}) / (n + 1)), computed directly. */
function exactSurprisal(training: number[], v: number): number {
  const atLeast = training.filter((x) => x >= v).length;
  return -Math.log10((1 + atLeast) / (training.length + 1));
}

describe('tail calibration', () => {
  const oneTo99 = Array.from({ length: 99 }, (_, i) => i + 1);
  const tables = fitTailTables(Float32Array.from(oneTo99), 99, 1);

  it('gives the share of training values at least as large, in powers of ten', () => {
    assert.strictEqual(tables.levels.length, LEVELS);
    // Between training values the curve is interpolated between theirs.
    for (const v of [1.5, 10.5, 50.5, 90.5, 97.5]) {
      const s = surprisal(tables, 0, v);
      const around = [exactSurprisal(oneTo99, v - 0.5), exactSurprisal(oneTo99, v + 0.5)];
      assert.ok(s > around[0] && s <= around[1] + 1e-6, `value ${v}: ${s}`);
    }
    assert.strictEqual(surprisal(tables, 0, 0.5), 0, 'below the training minimum');
    // Exact at the training values: the largest is met or passed by 1 of 99 (and itself).
    for (const v of [1, 98, 99]) {
      assert.ok(Math.abs(surprisal(tables, 0, v) - exactSurprisal(oneTo99, v)) < 1e-6, `${v}`);
    }
  });

  it('goes on past the training maximum as an exponential tail, capped', () => {
    // The top 5 values 95..99 exceed 95 by 2 on average: the tail's scale.
    assert.ok(Math.abs(tables.tailScale[0] - 2) < 1e-6);
    const atLargest = exactSurprisal(oneTo99, 99);
    assert.ok(Math.abs(surprisal(tables, 0, 101) - (atLargest + Math.LOG10E)) < 1e-6);
    assert.strictEqual(surprisal(tables, 0, 1e9), MAX_SURPRISAL);
    assert.strictEqual(surprisal(tables, 0, NaN), MAX_SURPRISAL);
  });

  it('counts a value shared by every training row as common', () => {
    const constant = fitTailTables(new Float32Array(200).fill(0.5), 200, 1);
    assert.strictEqual(surprisal(constant, 0, 0.5), 0);
    assert.ok(surprisal(constant, 0, 0.6) > 2, 'past it is past the maximum');

    // Half the values tied at 1: a value of 1 is as common as its share says.
    const half = [...new Array(50).fill(0), ...new Array(50).fill(1)];
    const tied = fitTailTables(Float32Array.from(half), 100, 1);
    assert.ok(Math.abs(surprisal(tied, 0, 1) - exactSurprisal(half, 1)) < 1e-6);
    assert.strictEqual(surprisal(tied, 0, 0), 0);
  });

  it('floors the tail scale of a channel nearly constant in training', () => {
    const rows = 300;
    const values = new Float32Array(rows * 3);
    const random = new Random(3);
    for (let t = 0; t < rows; t++) {
      values[t * 3] = random.normal();
      values[t * 3 + 1] = random.normal() * 2;
      values[t * 3 + 2] = 1 + 1e-9 * random.normal();
    }
    const fitted = fitTailTables(values, rows, 3);
    const median = [...fitted.tailScale].sort((a, b) => a - b)[1];
    assert.ok(fitted.tailScale[2] >= 0.05 * median - 1e-9, `${fitted.tailScale[2]}`);
    assert.ok(surprisal(fitted, 2, 1 + 1e-6) < 3, 'a tiny excursion is not a rare event');
  });

  it('is monotone and close to the exact surprisal on random data', () => {
    const random = new Random(11);
    const training = Array.from({ length: 5000 }, () => Math.abs(random.normal()));
    const fitted = fitTailTables(Float32Array.from(training), training.length, 1);
    let previous = -1;
    for (let v = 0; v < 5; v += 0.01) {
      const s = surprisal(fitted, 0, v);
      assert.ok(s >= previous, `not monotone at ${v}`);
      previous = s;
      // The exact curve is a staircase, the table interpolates it: they differ by less than
      // a step, which is large only among the few largest training values.
      const exact = exactSurprisal(training, v);
      if (v < 3.2) assert.ok(Math.abs(s - exact) < 0.1, `at ${v}: ${s} vs ${exact}`);
    }
  });
});
