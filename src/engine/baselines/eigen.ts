/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, for the PCA
 * baseline. Each sweep is O(n³); a handful of sweeps reach double precision.
 *
 * Limitation: at several hundred channels this takes seconds (a Householder tridiagonalisation
 * with QL iterations would be a few times faster); the baselines run once per file, so the
 * simpler, very accurate method was preferred.
 */

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as rows, in the order of `values` (`vectors[k * n + i]`), unit length. */
  vectors: Float64Array;
}

/** Eigenvalues and eigenvectors of the symmetric n × n row-major matrix (not modified). */
export function symmetricEigen(
  matrix: ArrayLike<number>,
  n: number,
  maxSweeps = 50,
): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j) off += a[i * n + j] ** 2;
        scale += a[i * n + j] ** 2;
      }
    }
    if (off <= 1e-30 * scale || off === 0) break;

    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    }
  }

  // Sort by eigenvalue, descending; eigenvectors are the columns of v.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, k) => {
    values[k] = a[col * n + col];
    for (let i = 0; i < n; i++) vectors[k * n + i] = v[i * n + col];
  });
  return { values, vectors };
}

/** One Jacobi rotation in the (p, q) plane that zeroes a[p][q]; accumulates it into v. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (Math.abs(apq) < 1e-300) return;

  // tan of the rotation angle: the smaller root of t² + 2θt − 1 = 0.
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;

  // A ← Jᵀ A J: columns p and q, then rows p and q.
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
