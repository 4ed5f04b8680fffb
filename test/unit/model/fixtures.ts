/**
 * Shared helpers of the engine's model, training, scoring, detector and store tests: a
 * backend switch, small series and models, and tensor comparisons.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { BackendName, initBackend } from '../../../src/engine/backend';
import { PostConfig, makeConfig } from '../../../src/engine/config';
import { PostModel } from '../../../src/engine/model/post-model';
import { Random } from '../../../src/engine/random';
import { Series } from '../../../src/engine/types';

/** Makes `name` the active backend for the tests of one file (call in `before`). */
export async function useBackend(name: BackendName): Promise<void> {
  await initBackend(name);
}

/** A small model config: the tiny preset with overrides. */
export function smallConfig(overrides: Partial<PostConfig> = {}): PostConfig {
  return { ...makeConfig('tiny'), ...overrides };
}

/** A model with fresh weights and an all-(−1) graph plus self-loops. */
export function smallModel(config: PostConfig, channels: number, seed = 1): PostModel {
  const graph = new Float32Array(channels * channels).fill(-1);
  for (let c = 0; c < channels; c++) graph[c * channels + c] = 1;
  return new PostModel({ ...config, channels }, graph, new Random(seed));
}

/** A series from row-major values. */
export function seriesOf(
  values: Float32Array,
  channels: string[],
  source = '/data/test.csv',
): Series {
  return {
    source,
    channels,
    rows: values.length / channels.length,
    values,
    skippedColumns: [],
    imputation: { method: 'none', cells: 0 },
  };
}

/**
 * Correlated sine channels with noise: channel c = sin(2πt/period + phase_c) plus a shared
 * slow component and independent noise, seeded.
 */
export function sineSeries(rows: number, channels: number, seed: number, source?: string): Series {
  const rng = new Random(seed);
  const values = new Float32Array(rows * channels);
  for (let t = 0; t < rows; t++) {
    const shared = Math.sin((2 * Math.PI * t) / 97);
    for (let c = 0; c < channels; c++) {
      const own = Math.sin((2 * Math.PI * t) / 23 + c * 0.7);
      values[t * channels + c] = own + 0.5 * shared + 0.1 * rng.normal();
    }
  }
  const names = Array.from({ length: channels }, (_, c) => `ch${c}`);
  return seriesOf(values, names, source);
}

/** Asserts two arrays are element-wise within `tolerance` (absolute + relative). */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance = 1e-5,
  what = 'value',
): void {
  assert.strictEqual(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const bound = tolerance * (1 + Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= bound,
      `${what}[${i}] = ${actual[i]}, expected ${expected[i]} (±${bound})`,
    );
  }
}

/** The values of a tensor, which is then disposed. */
export function take(t: tf.Tensor): Float32Array {
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return Float32Array.from(values);
}
