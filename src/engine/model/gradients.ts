/**
 * Gradient functions of the TensorFlow.js kernels the model trains through.
 *
 * tfjs-core's Node bundle registers no gradients (the @tensorflow/tfjs union package does, and
 * it is not a dependency here), and its ES-module sources cannot be loaded by Node's module
 * loader. So the engine registers its own, for the kernels its forward pass records on the
 * tape and nothing more: `registerEngineGradients` is called by `model/ops.ts` on import.
 * A kernel that already has a gradient (e.g. when the native tfjs-node package has loaded
 * the union package) keeps it.
 *
 * Each entry states d(loss)/d(input) given dy = d(loss)/d(output). Binary ops broadcast, so
 * their gradients are summed back to each input's shape. The finite-difference test
 * (test/unit/model/gradients.test.ts) checks every entry.
 */
import * as tf from '@tensorflow/tfjs-core';

type Saved = tf.Tensor[];
type Attrs = Record<string, unknown>;
type GradMap = Record<string, () => tf.Tensor>;

interface Entry {
  inputsToSave?: string[];
  outputsToSave?: boolean[];
  saveAllInputs?: boolean;
  gradFunc: (dy: tf.Tensor, saved: Saved, attrs: Attrs) => GradMap;
}

/** Sums a broadcast gradient back to the input's shape. */
function unbroadcast(grad: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, grad.shape);
  const summed = axes.length > 0 ? tf.sum(grad, axes) : grad;
  return tf.reshape(summed, shape);
}

/** Gradients of a binary op from the two partial derivatives (given saved a and b). */
function binary(da: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  db: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor): Entry {
  return {
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]) => ({
      a: () => unbroadcast(da(dy, a, b), a.shape),
      b: () => unbroadcast(db(dy, a, b), b.shape),
    }),
  };
}

/** Gradient of a unary op on input `x` from its derivative (given saved x). */
function unaryOfInput(derivative: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor): Entry {
  return { inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => derivative(dy, x) }) };
}

/** Gradient of a unary op on input `x` from its derivative (given the saved output y). */
function unaryOfOutput(derivative: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor): Entry {
  return { outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => derivative(dy, y) }) };
}

/** dy of a reduction, reshaped with the reduced axes kept and broadcast to x's shape. */
function expandReduced(dy: tf.Tensor, x: tf.Tensor, attrs: Attrs): tf.Tensor {
  const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
  const kept = x.shape.map((size, i) => (axes.includes(i) ? 1 : size));
  return tf.mul(tf.reshape(dy, kept), tf.ones(x.shape));
}

const float = (condition: tf.Tensor): tf.Tensor => tf.cast(condition, 'float32');

/**
 * A matrix product with optional transposes. For 2-D operands the transposes are made
 * explicitly: the wasm backend runs only the plain 2-D product through XNNPACK, and a
 * transposed one was measured 7 to 13 times slower than an explicit transpose plus the plain
 * product ([1600, 64] × [64, 64]ᵀ: 13.9 ms against 1.3 ms).
 */
function mm(x: tf.Tensor, y: tf.Tensor, transposeX: boolean, transposeY: boolean): tf.Tensor {
  if (x.rank === 2 && y.rank === 2) {
    const left = transposeX ? tf.transpose(x) : x;
    const right = transposeY ? tf.transpose(y) : y;
    return tf.matMul(left as tf.Tensor2D, right as tf.Tensor2D);
  }
  return tf.matMul(x, y, transposeX, transposeY);
}

const ENTRIES: Record<string, Entry> = {
  Add: binary((dy) => dy, (dy) => dy),
  Sub: binary((dy) => dy, (dy) => tf.neg(dy)),
  Multiply: binary((dy, _a, b) => tf.mul(dy, b), (dy, a) => tf.mul(dy, a)),
  RealDiv: binary(
    (dy, _a, b) => tf.div(dy, b),
    (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b))),
  ),
  Maximum: binary(
    (dy, a, b) => tf.mul(dy, float(tf.greaterEqual(a, b))),
    (dy, a, b) => tf.mul(dy, float(tf.less(a, b))),
  ),
  SquaredDifference: binary(
    (dy, a, b) => tf.mul(dy, tf.mul(tf.sub(a, b), 2)),
    (dy, a, b) => tf.mul(dy, tf.mul(tf.sub(b, a), 2)),
  ),
  AddN: {
    saveAllInputs: true,
    gradFunc: (dy, saved) => Object.fromEntries(saved.map((_, i) => [i, () => tf.clone(dy)])),
  },

  Neg: unaryOfInput((dy) => tf.neg(dy)),
  Cast: unaryOfInput((dy) => tf.clone(dy)),
  Square: unaryOfInput((dy, x) => tf.mul(dy, tf.mul(x, 2))),
  Log: unaryOfInput((dy, x) => tf.div(dy, x)),
  Sin: unaryOfInput((dy, x) => tf.mul(dy, tf.cos(x))),
  Cos: unaryOfInput((dy, x) => tf.neg(tf.mul(dy, tf.sin(x)))),
  Relu: unaryOfInput((dy, x) => tf.mul(dy, float(tf.greater(x, 0)))),
  // d/dx x^(-1/2) = -1/2 · x^(-1/2) / x
  Rsqrt: unaryOfInput((dy, x) => tf.mul(dy, tf.div(tf.rsqrt(x), tf.mul(x, -2)))),
  Sqrt: unaryOfInput((dy, x) => tf.div(dy, tf.mul(tf.sqrt(x), 2))),
  // d/dx erf(x) = 2/√π · exp(−x²)
  Erf: unaryOfInput((dy, x) =>
    tf.mul(dy, tf.mul(tf.exp(tf.neg(tf.square(x))), 2 / Math.sqrt(Math.PI))),
  ),
  Exp: unaryOfOutput((dy, y) => tf.mul(dy, y)),
  Sigmoid: unaryOfOutput((dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  LeakyRelu: {
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => tf.where(tf.greater(x, 0), dy, tf.mul(dy, attrs.alpha as number)),
    }),
  },

  Softmax: {
    outputsToSave: [true],
    gradFunc: (dy, [y], attrs) => ({
      logits: () => {
        const dyTimesY = tf.mul(dy, y);
        return tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [attrs.dim as number], true), y));
      },
    }),
  },
  Sum: {
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({ x: () => expandReduced(dy, x, attrs) }),
  },
  Mean: {
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => tf.div(expandReduced(dy, x, attrs), x.size / Math.max(dy.size, 1)),
    }),
  },
  Min: {
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, [x, y], attrs) => ({
      x: () => {
        const atMinimum = float(tf.equal(x, expandReduced(y, x, attrs)));
        return tf.mul(expandReduced(dy, x, attrs), atMinimum);
      },
    }),
  },

  Reshape: unaryOfInput((dy, x) => tf.reshape(dy, x.shape)),
  ExpandDims: {
    inputsToSave: ['input'],
    gradFunc: (dy, [input]) => ({ input: () => tf.reshape(dy, input.shape) }),
  },
  Transpose: {
    gradFunc: (dy, _saved, attrs) => {
      const perm = attrs.perm as number[];
      const inverse = perm.map((_, i) => perm.indexOf(i));
      return { x: () => tf.transpose(dy, inverse) };
    },
  },
  Slice: {
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => {
        const [begin] = tf.slice_util.parseSliceParams(
          x,
          attrs.begin as number[],
          attrs.size as number[],
        );
        const paddings = x.shape.map((size, i) => [begin[i], size - begin[i] - dy.shape[i]]);
        return tf.pad(dy, paddings as [number, number][]);
      },
    }),
  },
  Concat: {
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const axis = tf.util.parseAxisParam(attrs.axis as number, saved[0].shape)[0];
      const parts = tf.split(dy, saved.map((t) => t.shape[axis]), axis);
      return Object.fromEntries(parts.map((part, i) => [i, () => part]));
    },
  },
  Pack: {
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const parts = tf.unstack(dy, attrs.axis as number);
      return Object.fromEntries(parts.map((part, i) => [i, () => part]));
    },
  },

  BatchMatMul: {
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b], attrs) => {
      const tA = attrs.transposeA as boolean;
      const tB = attrs.transposeB as boolean;
      // Four cases of op(a) = a or aᵀ, op(b) = b or bᵀ in y = op(a)·op(b).
      const da = !tA ? (!tB ? mm(dy, b, false, true) : mm(dy, b, false, false))
        : (!tB ? mm(b, dy, false, true) : mm(b, dy, true, true));
      const db = !tB ? (!tA ? mm(a, dy, true, false) : mm(a, dy, false, false))
        : (!tA ? mm(dy, a, true, false) : mm(dy, a, true, true));
      return { a: () => unbroadcast(da, a.shape), b: () => unbroadcast(db, b.shape) };
    },
  },
};

let registered = false;

/** Registers every entry whose kernel has no gradient yet; safe to call more than once. */
export function registerEngineGradients(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, entry] of Object.entries(ENTRIES)) {
    if (tf.getGradient(kernelName) !== undefined) continue;
    tf.registerGradient({ kernelName, ...entry } as tf.GradConfig);
  }
}

/** The kernels this file covers, for the test that checks each one. */
export const GRADIENT_KERNELS = Object.keys(ENTRIES);
