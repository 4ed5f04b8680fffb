/**
 * The seeded generator: reproducible, independent streams, sane distributions.
 */
import * as assert from 'assert';
import { Random } from '../../../src/engine/random';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const first = Array.from({ length: 5 }, () => a.nextUint32());
    assert.deepStrictEqual(first, Array.from({ length: 5 }, () => b.nextUint32()));
    assert.notDeepStrictEqual(first, Array.from({ length: 5 }, () => c.nextUint32()));
  });

  it('gives named streams that do not depend on each other', () => {
    const init = Random.stream(1, 'init').next();
    const shuffle = Random.stream(1, 'shuffle').next();
    assert.notStrictEqual(init, shuffle);
    assert.strictEqual(Random.stream(1, 'init').next(), init);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and normals with mean 0 and variance 1', () => {
    const rng = new Random(3);
    const n = 20000;
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    assert.ok(min >= 0 && max < 1);
    assert.ok(Math.abs(sum / n - 0.5) < 0.01, `mean ${sum / n}`);

    const normals = rng.normalArray(n, 1);
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
  });

  it('shuffles into a permutation and draws integers within range', () => {
    const rng = new Random(5);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    assert.notDeepStrictEqual(shuffled, items);
    assert.deepStrictEqual([...shuffled].sort((a, b) => a - b), items);
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(3);
      assert.ok(k === 0 || k === 1 || k === 2);
    }
  });
});
