import { strict as assert } from 'assert';
import { symmetricEigen } from '../../../src/engine/baselines/eigen';
import { Random } from '../../../src/engine/random';
import { assertClose } from '../eval/close';

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('solves a 2 × 2 matrix by hand', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    assertClose(values[0], 3);
    assertClose(values[1], 1);
    assertClose(Math.abs(vectors[0]), Math.SQRT1_2);
    assertClose(vectors[0] * vectors[1], 0.5);
    assertClose(vectors[2] * vectors[3], -0.5);
  });

  it('reconstructs a random symmetric matrix with orthonormal vectors', () => {
    const n = 12;
    const random = new Random(11);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = random.uniform(-1, 1);
    }
    const { values, vectors } = symmetricEigen(a, n);

    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += vectors[k * n + i] * values[k] * vectors[k * n + j];
          dot += vectors[i * n + k] * vectors[j * n + k];
        }
        assertClose(rebuilt, a[i * n + j], 1e-10, `A[${i}][${j}]`);
        assertClose(dot, i === j ? 1 : 0, 1e-10, `v${i}·v${j}`);
      }
    }
    for (let k = 1; k < n; k++) assert.ok(values[k - 1] >= values[k]);
  });
});
