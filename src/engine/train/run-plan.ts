/**
 * Sizes of a training run decided before it starts: the batch (shrunk to the windows and to
 * the memory budget), the scoring batch, and the share of the run each phase takes for
 * progress reports.
 *
 * Called by `Detector.train` and `Detector.score`.
 */
import * as os from 'os';
import { BackendInfo } from '../backend';
import { PostConfig } from '../config';
import { windowStarts } from '../data/windows';
import { paperStarts } from '../score/paper-scoring';
import { productStarts } from '../score/product-scoring';
import { batchSizeWithin, estimateTrainingBytes } from './memory';
import { GRAPH_STEP_COST, plannedSteps } from './trainer';

/** The wasm heap is at most 4 GiB, and the paper-size model aborted there at batch 64; half
 *  of it leaves room for the scorer, the data and fragmentation. */
const WASM_BUDGET = 2 * 1024 ** 3;

/** Scoring runs forward passes only, which need about a third of a training step's memory
 *  per window, so its batches can be twice as large. */
const SCORE_BATCH_FACTOR = 2;

/** A forward pass over a batch costs about this share of an Adam step over one. */
const FORWARD_COST = 0.25;

/** Default memory budget of one training step on each backend. */
export function defaultBudget(backend: BackendInfo): number {
  switch (backend.name) {
    case 'wasm':
      return WASM_BUDGET;
    case 'cpu':
      return os.totalmem() / 4;
    case 'tensorflow':
      return os.totalmem() / 2;
    case 'tensorflow-gpu':
      // Limitation: the free GPU memory is not queried; 4 GiB fits any CUDA card in use.
      return 4 * 1024 ** 3;
  }
}

/**
 * The training batch: at most the number of training windows, and at most what fits the
 * memory budget. Each shrink is explained through `say`.
 */
export function trainingBatchSize(
  config: PostConfig,
  rows: number,
  channels: number,
  budget: number,
  source: string,
  say: (message: string) => void,
): number {
  const windows = windowStarts(rows, config.window, config.trainStride).length;
  let batch = config.batchSize;
  if (batch > windows) {
    batch = windows;
    say(
      `Batch size ${config.batchSize} is larger than the ${windows} training windows of ` +
        `${source}; using batches of ${batch}.`,
    );
  }

  const fitting = batchSizeWithin({ ...config, batchSize: batch }, channels, budget);
  if (fitting < batch) {
    const estimate = estimateTrainingBytes({ ...config, batchSize: batch }, channels);
    say(
      `A training step at batch ${batch} needs about ${gib(estimate)} GiB, over the ` +
        `${gib(budget)} GiB budget; using batches of ${fitting}.`,
    );
    batch = fitting;
  }
  return batch;
}

export function scoringBatchSize(trainingBatch: number): number {
  return Math.max(1, SCORE_BATCH_FACTOR * trainingBatch);
}

/** The share of `Detector.train` the training loop takes; the scoring of the training data
 *  takes the rest. */
export function trainingShare(config: PostConfig, rows: number, batchSize: number): number {
  const windows = windowStarts(rows, config.window, config.trainStride).length;
  const steps = plannedSteps(config, windows, batchSize);
  const loop = steps.adamSteps + GRAPH_STEP_COST * steps.graphSteps;
  const scoredWindows =
    config.scoring === 'product'
      ? productStarts(rows, config.window).length
      : windows + paperStarts(rows, config.window).length;
  const scoring = (FORWARD_COST * scoredWindows) / scoringBatchSize(batchSize);
  return loop / (loop + scoring);
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(2);
}
