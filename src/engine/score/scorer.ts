/**
 * Runs a trained model over windows of a standardised series, batch by batch, and hands each
 * batch's per-window signals to a scoring rule (paper-scoring.ts or product-scoring.ts).
 *
 * Called by the scoring rules, which the Detector calls for training and scored data. The
 * windows are made lazily from their start rows; per batch only the window values, the
 * residual x − x̂ and two discrepancy summaries come back from the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { throwIfCancelled } from '../errors';
import { batchCount, batchesOf, gatherWindows } from '../data/windows';
import { PostModel } from '../model/post-model';
import { symmetricKlRows } from '../train/discrepancy';

/** Standardised values, row-major rows × channels, in the model's channel order. */
export interface StandardSeries {
  values: Float32Array;
  rows: number;
  channels: number;
}

/** What one batch of windows gives the scoring rules. */
export interface WindowBatch {
  starts: number[];
  /** x − x̂ per window, row and channel: [b, L, C]. */
  residual: Float32Array;
  /** Temporal association discrepancy per window and row, summed over layers, mean over
   *  heads: Σ_u mean_h sym(S_u, P̂_u), [b, L]. */
  temporal: Float32Array;
  /** Spatial association discrepancy per window and channel row, summed over layers:
   *  Σ_u sym(E_u, P_s,u), [b, C]. */
  spatial: Float32Array;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called after each batch with the batches done and the total. */
  onBatch?(done: number, total: number): void;
}

/** The model's outputs for one batch of windows [b, L, C]. */
export async function runBatch(
  model: PostModel,
  x: tf.Tensor3D,
): Promise<Omit<WindowBatch, 'starts'>> {
  const [residual, temporal, spatial] = tf.tidy(() => {
    const { reconstruction, layers } = model.forward(x);
    const temporalSum = tf.addN(
      layers.map((l) => tf.mean(symmetricKlRows(l.temporalSeries, l.temporalPrior), 1)),
    );
    const spatialSum = tf.addN(layers.map((l) => symmetricKlRows(l.spatialSeries, l.spatialPrior)));
    return [tf.sub(x, reconstruction), temporalSum, spatialSum];
  });
  const values = await Promise.all([residual.data(), temporal.data(), spatial.data()]);
  tf.dispose([residual, temporal, spatial]);
  return {
    residual: values[0] as Float32Array,
    temporal: values[1] as Float32Array,
    spatial: values[2] as Float32Array,
  };
}

/** Runs the windows at `starts` in batches and passes each batch's signals to `visit`. */
export async function forEachWindowBatch(
  model: PostModel,
  series: StandardSeries,
  window: number,
  starts: number[],
  batchSize: number,
  visit: (batch: WindowBatch) => void,
  options: RunOptions = {},
): Promise<void> {
  const total = batchCount(starts.length, batchSize);
  let done = 0;
  for (const batchStarts of batchesOf(starts, batchSize)) {
    throwIfCancelled(options.signal);
    const values = gatherWindows(series.values, series.channels, window, batchStarts);
    const x = tf.tensor3d(values, [batchStarts.length, window, series.channels]);
    try {
      visit({ starts: batchStarts, ...(await runBatch(model, x)) });
    } finally {
      x.dispose();
    }
    done += 1;
    options.onBatch?.(done, total);
    // Let the event loop run between batches (progress, cancellation).
    await new Promise((resolve) => setImmediate(resolve));
  }
}
