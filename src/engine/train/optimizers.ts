/**
 * The two optimisers of the training schedule, with PyTorch's update rules.
 *
 * Called by the trainer. Adam updates every parameter except the adjacency logits; momentum
 * SGD updates the adjacency logits in the graph phase (section 2.4 of the method).
 *
 * Adam is written out rather than taken from `tf.train.adam` because PyTorch adds epsilon
 * (1e-8) to sqrt(v̂) after the bias correction, whereas tfjs folds the correction into the
 * learning rate and adds epsilon to sqrt(v) (default 1e-7); the two differ while v is small,
 * which is exactly the first steps that a short CPU training consists of.
 */
import * as tf from '@tensorflow/tfjs-core';

export class Adam {
  /** Both moments of every variable, flattened into one vector each. */
  private readonly firstMoment: tf.Variable;
  private readonly secondMoment: tf.Variable;
  private readonly sizes: number[];
  private steps = 0;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.sizes = variables.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.firstMoment = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.secondMoment = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  }

  /**
   * One step with the gradients in the variables' order. A missing gradient counts as zero
   * (PyTorch skips a parameter whose gradient is None); every Adam parameter of the model
   * reaches the loss, so none is missing in training.
   * The update runs on all parameters at once, flattened into one vector: a dozen kernels
   * instead of a dozen per variable, which matters on CPU backends where each kernel call
   * has a fixed cost.
   */
  apply(gradients: (tf.Tensor | undefined)[]): void {
    this.steps += 1;
    const correction1 = 1 - this.beta1 ** this.steps;
    const correction2 = 1 - this.beta2 ** this.steps;
    tf.tidy(() => {
      const flat = this.variables.map((v, i) => tf.reshape(gradients[i] ?? tf.zerosLike(v), [-1]));
      const g = tf.concat(flat);
      const m = tf.add(tf.mul(this.firstMoment, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.secondMoment, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.firstMoment.assign(m);
      this.secondMoment.assign(v);

      const denominator = tf.add(tf.sqrt(tf.div(v, correction2)), this.epsilon);
      const step = tf.mul(tf.div(m, denominator), this.learningRate / correction1);
      const parts = tf.split(step, this.sizes);
      this.variables.forEach((variable, i) => {
        variable.assign(tf.sub(variable, tf.reshape(parts[i], variable.shape)));
      });
    });
  }

  dispose(): void {
    this.firstMoment.dispose();
    this.secondMoment.dispose();
  }
}

/** PyTorch SGD with momentum, no dampening, no Nesterov: v = μ·v + g; p = p − lr·v. */
export class MomentumSgd {
  private readonly velocity: tf.Variable[];

  constructor(
    private readonly variables: tf.Variable[],
    private readonly learningRate: number,
    private readonly momentum: number,
  ) {
    this.velocity = variables.map((v) => zeroState(v));
  }

  apply(gradients: (tf.Tensor | undefined)[]): void {
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const gradient = gradients[i];
        if (gradient === undefined) return;
        const v = tf.add(tf.mul(this.velocity[i], this.momentum), gradient);
        this.velocity[i].assign(v);
        variable.assign(tf.sub(variable, tf.mul(v, this.learningRate)));
      });
    });
  }

  dispose(): void {
    for (const t of this.velocity) t.dispose();
  }
}

/** A non-trainable variable of zeros shaped like `v` (the tidy frees the initial tensor,
 *  which the variable does not take over). */
function zeroState(v: tf.Variable): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zerosLike(v), false));
}
