/**
 * Measures single training steps and forward passes of a POST model of a given shape, outside
 * a full run: the tensor bytes at the peak of one Adam step (TensorFlow.js's own count, for
 * the memory estimate's check), the seconds per Adam step and the windows scored per second.
 *
 * Called by the model runs (one profiled step at the batch they trained with) and by the
 * growth study (bench/scalingRun.ts). The model gets fresh weights and synthetic windows:
 * the cost of a step does not depend on the values.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PostConfig } from '../src/engine/config';
import { gatherWindows } from '../src/engine/data/windows';
import { knnGraph } from '../src/engine/model/knn-graph';
import { PostModel } from '../src/engine/model/post-model';
import { Random } from '../src/engine/random';
import { productSignals, productStarts } from '../src/engine/score/product-scoring';
import { Adam } from '../src/engine/train/optimizers';
import { adamStep } from '../src/engine/train/trainer';
import { drawNegatives } from '../src/engine/train/triplet';
import { cpuSeconds } from './processFigures';

export interface StepProbe {
  /** Tensor bytes at the peak of the profiled step, above those alive before it. */
  stepTensorPeakBytes: number;
  /** Seconds per Adam step, the mean of the timed steps after the profiled one. */
  secondsPerStep?: number;
  /** CPU seconds of this process per timed step. */
  cpuSecondsPerStep?: number;
}

/**
 * One profiled Adam step at `batch` windows, then `timedSteps` more, timed. The first step
 * also pays the backend's warm-up, so it is never timed.
 */
export async function probeSteps(
  config: PostConfig,
  channels: number,
  batch: number,
  timedSteps: number,
): Promise<StepProbe> {
  const random = Random.stream(config.seed, 'bench-probe');
  const rows = config.window + batch - 1;
  const values = Float32Array.from({ length: rows * channels }, () => random.normal());
  const graph = knnGraph(values, rows, channels, config.neighbours);
  const model = new PostModel({ ...config, channels }, graph, Random.stream(config.seed, 'init'));
  const adam = new Adam(model.adamVariables(), config.learningRate);
  const starts = Array.from({ length: batch }, (_, b) => b);
  const x = tf.tensor3d(gatherWindows(values, channels, config.window, starts), [
    batch,
    config.window,
    channels,
  ]);
  const negatives = (): Int32Array[] =>
    model.graphVariables().map(() => drawNegatives(batch, config.heads, random));

  try {
    const before = tf.memory().numBytes;
    const profile = await tf.profile(async () => {
      await adamStep(model, adam, x, config, negatives());
    });
    const stepTensorPeakBytes = Math.max(0, profile.peakBytes - before);
    if (timedSteps <= 0) return { stepTensorPeakBytes };

    const began = performance.now();
    const cpuBefore = cpuSeconds();
    for (let s = 0; s < timedSteps; s++) await adamStep(model, adam, x, config, negatives());
    const secondsPerStep = (performance.now() - began) / 1000 / timedSteps;
    const cpuSecondsPerStep = (cpuSeconds() - cpuBefore) / timedSteps;
    return { stepTensorPeakBytes, secondsPerStep, cpuSecondsPerStep };
  } finally {
    x.dispose();
    adam.dispose();
    model.dispose();
  }
}

/**
 * Windows scored per second by the product scoring's forward passes over `rows` synthetic
 * rows (one warm-up batch first, untimed).
 */
export async function probeScoring(
  config: PostConfig,
  channels: number,
  rows: number,
  batch: number,
): Promise<{ windowsPerSecond: number; windowsPerCpuSecond: number; windows: number }> {
  const random = Random.stream(config.seed, 'bench-probe-scoring');
  const values = Float32Array.from({ length: rows * channels }, () => random.normal());
  const graph = knnGraph(values, Math.min(rows, 2000), channels, config.neighbours);
  const model = new PostModel({ ...config, channels }, graph, Random.stream(config.seed, 'init'));
  try {
    const warmRows = Math.min(rows, config.window + batch - 1);
    const warm = { values: values.subarray(0, warmRows * channels), rows: warmRows, channels };
    await productSignals(model, warm, config, batch);

    const began = performance.now();
    const cpuBefore = cpuSeconds();
    await productSignals(model, { values, rows, channels }, config, batch);
    const seconds = (performance.now() - began) / 1000;
    const cpu = cpuSeconds() - cpuBefore;
    const windows = productStarts(rows, config.window).length;
    return { windowsPerSecond: windows / seconds, windowsPerCpuSecond: windows / cpu, windows };
  } finally {
    model.dispose();
  }
}
