/**
 * The model's trainable tensors, held by name.
 *
 * Called by each layer's `create...` function (to add its parameters), by the trainer (to
 * split the Adam parameters from the adjacency logits) and by the model files (to save and
 * restore every tensor under a stable name such as `layer1.temporal.wq`). TensorFlow.js
 * variable names are global to the process, so the variables themselves get automatic unique
 * names and this store keeps the stable ones; two models can live side by side.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../random';

/** A trainable matrix [in, out] and a trainable vector. */
export type Matrix = tf.Variable<tf.Rank.R2>;
export type Vector = tf.Variable<tf.Rank.R1>;

export class ParamStore {
  private readonly byName = new Map<string, tf.Variable>();

  /** Adds a trainable tensor with the given initial values. */
  add<R extends tf.Rank = tf.Rank>(
    name: string,
    shape: number[],
    values: Float32Array,
  ): tf.Variable<R> {
    if (this.byName.has(name)) throw new Error(`Parameter ${name} was added twice.`);
    const initial = tf.tensor(values, shape);
    const variable = tf.variable(initial, true);
    initial.dispose();
    this.byName.set(name, variable);
    return variable as tf.Variable<R>;
  }

  matrix(name: string, rows: number, columns: number, values: Float32Array): Matrix {
    return this.add<tf.Rank.R2>(name, [rows, columns], values);
  }

  vector(name: string, values: Float32Array): Vector {
    return this.add<tf.Rank.R1>(name, [values.length], values);
  }

  get(name: string): tf.Variable {
    const variable = this.byName.get(name);
    if (variable === undefined) throw new Error(`No parameter named ${name}.`);
    return variable;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  entries(): [string, tf.Variable][] {
    return [...this.byName.entries()];
  }

  /** Number of scalar parameters. */
  size(): number {
    let total = 0;
    for (const variable of this.byName.values()) total += variable.size;
    return total;
  }

  dispose(): void {
    for (const variable of this.byName.values()) variable.dispose();
    this.byName.clear();
  }
}

/**
 * Initial values following PyTorch's defaults (section 1.5b of the method): a Linear layer's
 * weight and bias are U(±1/sqrt(fan_in)); xavier_uniform is U(±sqrt(6/(fan_in + fan_out))).
 */
export const init = {
  linearWeight(rng: Random, fanIn: number, fanOut: number): Float32Array {
    return rng.uniformArray(fanIn * fanOut, 1 / Math.sqrt(fanIn));
  },
  linearBias(rng: Random, fanIn: number, fanOut: number): Float32Array {
    return rng.uniformArray(fanOut, 1 / Math.sqrt(fanIn));
  },
  xavier(rng: Random, size: number, fanIn: number, fanOut: number): Float32Array {
    return rng.uniformArray(size, Math.sqrt(6 / (fanIn + fanOut)));
  },
  constant(size: number, value: number): Float32Array {
    return new Float32Array(size).fill(value);
  },
};
