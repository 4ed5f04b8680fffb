/**
 * The batch checks the detection job makes before training. Memory: the estimate of one
 * training step (train/memory.ts) against the memory the backend can use; a batch that does
 * not fit is shrunk with a warning, and a model that does not fit even one window per batch is
 * refused with a message naming the settings to lower, before anything runs out of memory.
 * Data: a batch larger than the training windows is shrunk to them, with a warning.
 *
 * Called by engine/job.ts once the data is read (rows and channels are known then).
 */
import * as os from 'os';

import type { BackendName } from '../backend';
import { PARAMETERS, PostConfig } from '../config';
import { PostError } from '../errors';
import { batchSizeWithin, estimateTrainingBytes } from '../train/memory';

/**
 * The smallest batchSize the setting accepts. A shrink below it (one training window, or one
 * window's worth of memory) keeps this value in the configuration, which is validated, and
 * leaves the last step to the detector, whose own batch rule (train/run-plan.ts) goes to 1.
 * Limitation: summary.json then records a batchSize of 2 for a run that trained on batches of 1.
 */
const batchSpec = PARAMETERS.batchSize;
const SETTING_FLOOR = batchSpec.kind === 'enum' ? 1 : batchSpec.minimum;

/** The wasm heap is at most 4 GiB; half of it is left for the data and the scores. */
const WASM_BUDGET = 2 * 1024 ** 3;
/** Limitation: the free GPU memory is not queried; 4 GiB fits any CUDA card in use. */
const GPU_BUDGET = 4 * 1024 ** 3;

/**
 * Bytes one training step may use on `backend`: the same rule as the detector's default
 * (engine/detector.ts), so that the job's check and the detector's batch choice agree.
 */
export function trainingBudget(backend: BackendName, totalMemory = os.totalmem()): number {
  switch (backend) {
    case 'wasm':
      return WASM_BUDGET;
    case 'cpu':
      return totalMemory / 4;
    case 'tensorflow':
      return totalMemory / 2;
    case 'tensorflow-gpu':
      return GPU_BUDGET;
  }
}

export interface BatchFit {
  /** The configuration to train with: the batch shrunk to the budget when needed. */
  config: PostConfig;
  /** Set when the batch was shrunk: one sentence for the log. */
  warning?: string;
}

/**
 * Fits the batch to `budget`, or throws a PostError of kind 'resource' naming the window
 * setting when one window per batch is already over it.
 */
export function fitBatchToMemory(
  config: PostConfig,
  channels: number,
  budget: number,
  backend: string,
): BatchFit {
  const single = estimateTrainingBytes({ ...config, batchSize: 1 }, channels);
  if (single > budget) {
    throw new PostError(
      'resource',
      `Training needs about ${gib(single)} GiB even with batches of one window (window ` +
        `${config.window}, width ${config.dModel}, ${config.layers} layers, ${channels} ` +
        `channels), over the ${gib(budget)} GiB the ${backend} backend can use. Lower the ` +
        "'window', 'dModel' or 'layers' setting, or analyse fewer columns.",
      { setting: 'window' },
    );
  }

  const fitting = batchSizeWithin(config, channels, budget);
  if (fitting >= config.batchSize) return { config };
  const needed = estimateTrainingBytes(config, channels);
  return {
    config: { ...config, batchSize: Math.max(fitting, SETTING_FLOOR) },
    warning:
      `A training step at batch ${config.batchSize} needs about ${gib(needed)} GiB, over the ` +
      `${gib(budget)} GiB the ${backend} backend can use; training with batches of ` +
      `${fitting} instead (setting 'batchSize').`,
  };
}

/** A batch larger than the `windows` training windows shrunk to them, with a warning. */
export function fitBatchToWindows(config: PostConfig, windows: number, source: string): BatchFit {
  if (windows < 1 || config.batchSize <= windows) return { config };
  return {
    config: { ...config, batchSize: Math.max(windows, SETTING_FLOOR) },
    warning:
      `Setting 'batchSize' (${config.batchSize}) is larger than the ${windows} training ` +
      `windows of ${source}; training with batches of ${windows}.`,
  };
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toPrecision(3);
}
