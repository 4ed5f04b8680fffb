/**
 * Every gradient the engine registers, checked against central finite differences.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { GRADIENT_KERNELS } from '../../../src/engine/model/gradients';
import '../../../src/engine/model/ops';
import { Random } from '../../../src/engine/random';
import { useBackend } from './fixtures';

interface Case {
  kernel: string;
  name: string;
  shapes: number[][];
  /** Keeps the inputs away from kinks and poles (e.g. positive for log). */
  positive?: boolean;
  op: (...xs: tf.Tensor[]) => tf.Tensor;
}

const CASES: Case[] = [
  { kernel: 'Add', name: 'broadcast', shapes: [[2, 3], [3]], op: (a, b) => tf.add(a, b) },
  { kernel: 'Sub', name: 'broadcast', shapes: [[3], [2, 3]], op: (a, b) => tf.sub(a, b) },
  { kernel: 'Multiply', name: 'broadcast', shapes: [[2, 1], [2, 3]], op: (a, b) => tf.mul(a, b) },
  {
    kernel: 'RealDiv',
    name: 'plain',
    shapes: [[2, 3], [2, 3]],
    positive: true,
    op: (a, b) => tf.div(a, b),
  },
  { kernel: 'Maximum', name: 'scalar', shapes: [[2, 3], []], op: (a, b) => tf.maximum(a, b) },
  {
    kernel: 'SquaredDifference',
    name: 'plain',
    shapes: [[4], [4]],
    op: (a, b) => tf.squaredDifference(a, b),
  },
  { kernel: 'AddN', name: 'three', shapes: [[3], [3], [3]], op: (a, b, c) => tf.addN([a, b, c]) },
  { kernel: 'Neg', name: 'plain', shapes: [[3]], op: (a) => tf.neg(a) },
  { kernel: 'Cast', name: 'float to float', shapes: [[3]], op: (a) => tf.cast(a, 'float32') },
  { kernel: 'Square', name: 'plain', shapes: [[3]], op: (a) => tf.square(a) },
  { kernel: 'Log', name: 'plain', shapes: [[3]], positive: true, op: (a) => tf.log(a) },
  { kernel: 'Sin', name: 'plain', shapes: [[3]], op: (a) => tf.sin(a) },
  { kernel: 'Cos', name: 'plain', shapes: [[3]], op: (a) => tf.cos(a) },
  { kernel: 'Relu', name: 'plain', shapes: [[4]], op: (a) => tf.relu(a) },
  { kernel: 'Rsqrt', name: 'plain', shapes: [[3]], positive: true, op: (a) => tf.rsqrt(a) },
  { kernel: 'Sqrt', name: 'plain', shapes: [[3]], positive: true, op: (a) => tf.sqrt(a) },
  { kernel: 'Erf', name: 'plain', shapes: [[4]], op: (a) => tf.erf(a) },
  { kernel: 'Exp', name: 'plain', shapes: [[3]], op: (a) => tf.exp(a) },
  { kernel: 'Sigmoid', name: 'plain', shapes: [[3]], op: (a) => tf.sigmoid(a) },
  { kernel: 'LeakyRelu', name: 'slope 0.2', shapes: [[4]], op: (a) => tf.leakyRelu(a, 0.2) },
  { kernel: 'Softmax', name: 'last axis', shapes: [[2, 4]], op: (a) => tf.softmax(a) },
  { kernel: 'Sum', name: 'axis 1', shapes: [[2, 3, 2]], op: (a) => tf.sum(a, 1) },
  { kernel: 'Mean', name: 'kept axis', shapes: [[2, 3]], op: (a) => tf.mean(a, -1, true) },
  { kernel: 'Min', name: 'last axis', shapes: [[3, 4]], op: (a) => tf.min(a, -1) },
  { kernel: 'Reshape', name: 'plain', shapes: [[2, 3]], op: (a) => tf.reshape(a, [3, 2]) },
  { kernel: 'ExpandDims', name: 'plain', shapes: [[2, 3]], op: (a) => tf.expandDims(a, 1) },
  { kernel: 'Transpose', name: '3-D', shapes: [[2, 3, 4]], op: (a) => tf.transpose(a, [2, 0, 1]) },
  { kernel: 'Slice', name: 'middle', shapes: [[3, 4]], op: (a) => tf.slice(a, [1, 1], [2, -1]) },
  {
    kernel: 'Concat',
    name: 'axis 1',
    shapes: [[2, 1], [2, 3]],
    op: (a, b) => tf.concat([a, b], 1),
  },
  { kernel: 'Pack', name: 'axis 1', shapes: [[2, 3], [2, 3]], op: (a, b) => tf.stack([a, b], 1) },
  { kernel: 'BatchMatMul', name: '2-D', shapes: [[2, 3], [3, 4]], op: (a, b) => tf.matMul(a, b) },
  {
    kernel: 'BatchMatMul',
    name: '2-D, b transposed',
    shapes: [[2, 3], [4, 3]],
    op: (a, b) => tf.matMul(a, b, false, true),
  },
  {
    kernel: 'BatchMatMul',
    name: '3-D, a transposed',
    shapes: [[2, 3, 2], [2, 3, 4]],
    op: (a, b) => tf.matMul(a, b, true, false),
  },
  {
    kernel: 'BatchMatMul',
    name: '3-D, both transposed',
    shapes: [[2, 3, 2], [2, 4, 3]],
    op: (a, b) => tf.matMul(a, b, true, true),
  },
];

/** Central finite differences of a scalar function of float64 copies of the inputs. */
function numericGradients(
  f: (xs: tf.Tensor[]) => number,
  values: Float32Array[],
  shapes: number[][],
): Float64Array[] {
  const h = 1e-2;
  return values.map((v, k) => {
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const evaluate = (delta: number) => {
        const shifted = Float32Array.from(v);
        shifted[i] += delta;
        const xs = values.map((w, j) => tf.tensor(j === k ? shifted : w, shapes[j]));
        const y = f(xs);
        tf.dispose(xs);
        return y;
      };
      out[i] = (evaluate(h) - evaluate(-h)) / (2 * h);
    }
    return out;
  });
}

describe('registered gradients', () => {
  before(() => useBackend('cpu'));

  it('cover every kernel the engine registers', () => {
    assert.deepStrictEqual(
      [...new Set(CASES.map((c) => c.kernel))].sort(),
      [...GRADIENT_KERNELS].sort(),
    );
  });

  for (const c of CASES) {
    it(`match finite differences: ${c.kernel} (${c.name})`, () => {
      const rng = new Random(c.kernel.length * 31 + c.name.length);
      const values = c.shapes.map((shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        // Spread values apart so that no two are within the step of a kink or a tie.
        return Float32Array.from({ length: size }, (_, i) =>
          c.positive ? 0.5 + 0.3 * i + rng.next() * 0.1 : -1.3 + 0.37 * i + rng.next() * 0.1,
        );
      });
      const tensors = () => values.map((v, j) => tf.tensor(v, c.shapes[j]));
      const outShape = tf.tidy(() => c.op(...tensors()).shape);
      const outSize = outShape.reduce((a, b) => a * b, 1);
      const weights = tf.tensor(rng.uniformArray(outSize, 1), outShape);
      const scalar = (...xs: tf.Tensor[]) => tf.sum(tf.mul(c.op(...xs), weights)) as tf.Scalar;

      const inputs = values.map((v, j) => tf.tensor(v, c.shapes[j]));
      const analytic = tf.grads(scalar)(inputs).map((g) => {
        const data = Float32Array.from(g.dataSync());
        g.dispose();
        return data;
      });
      const evaluate = (xs: tf.Tensor[]) => tf.tidy(() => scalar(...xs).dataSync()[0]);
      const numeric = numericGradients(evaluate, values, c.shapes);

      analytic.forEach((g, k) => {
        for (let i = 0; i < g.length; i++) {
          const tolerance = 2e-2 * (1 + Math.abs(numeric[k][i]));
          assert.ok(
            Math.abs(g[i] - numeric[k][i]) <= tolerance,
            `input ${k}[${i}]: analytic ${g[i]}, numeric ${numeric[k][i]}`,
          );
        }
      });
      tf.dispose([...inputs, weights]);
    });
  }
});
