/**
 * The engine's public face: train a POST model on a series, score series with it, save it to
 * a folder and load it back.
 *
 * Called by the command line, the extension worker and the benchmarks. A Detector owns its
 * model's tensors (freed by `dispose`), the standardisation and scoring statistics fitted on
 * the training data, and the training scores from which the caller fits a threshold.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from './backend';
import { ConfigError, PostConfig, validateConfig } from './config';
import { PostError } from './errors';
import { Random } from './random';
import { ChannelStats, LossTerms, Progress, ScoreResult, Series, Threshold } from './types';
import { fitStats, standardize } from './data/normalize';
import { knnGraph } from './model/knn-graph';
import { PostModel } from './model/post-model';
import { RunOptions, StandardSeries } from './score/scorer';
import {
  ScoringStats,
  fitScoring,
  scoreWith,
  scoringFromStored,
  scoringToStored,
} from './score/scoring-stats';
import { estimateTrainingBytes } from './train/memory';
import {
  defaultBudget,
  scoringBatchSize,
  trainingBatchSize,
  trainingShare,
} from './train/run-plan';
import { trainModel } from './train/trainer';
import {
  ENGINE_VERSION,
  ModelContents,
  NamedTensor,
  readModelFolder,
  writeModelFolder,
} from './store/model-files';

export { ENGINE_VERSION, estimateTrainingBytes };

export interface TrainHooks {
  /** phase 'training', epoch, batch, fraction, secondsLeft */
  onProgress?(p: Progress): void;
  /** every step */
  onLoss?(entry: LossEntry): void;
  /** checked between batches -> PostError 'cancelled' */
  signal?: AbortSignal;
  /** Memory budget of one training step in bytes; the batch shrinks to fit it. Default: 2 GiB
   *  on wasm (its heap is at most 4 GiB), a quarter of the RAM on cpu, half on tensorflow,
   *  4 GiB on tensorflow-gpu. */
  maxBytes?: number;
}

export interface LossEntry {
  epoch: number;
  batch: number;
  step: number;
  phase: 'adam' | 'graph';
  terms: LossTerms;
}

export interface ScoreHooks {
  onProgress?(p: Progress): void;
  signal?: AbortSignal;
}

export type EpochHistory = { epoch: number; terms: LossTerms; seconds: number }[];

/** Rows needed to train and to score: one window. */
export function minimumRows(config: PostConfig): number {
  return config.window;
}

const SCORING_TRAINING_DATA = 'Scoring the training data for the threshold.';

export class Detector {
  /** Set by the caller before save(); stored with the model and restored by load(). */
  threshold?: Threshold;
  /** Free-form metadata the caller stores with the model (input file, timings); round-trips. */
  meta: Record<string, unknown> = {};

  private constructor(
    readonly config: PostConfig,
    readonly channels: string[],
    readonly stats: ChannelStats,
    /** Time-wise scores of the training data (one per training row), same scoring as score(). */
    readonly trainingScores: Float32Array,
    /** Per-epoch mean of each loss term. */
    readonly history: EpochHistory,
    private readonly model: PostModel,
    private readonly scoring: ScoringStats,
    /** Windows per forward pass when scoring. */
    private readonly scoreBatch: number,
  ) {}

  /**
   * Fits the standardisation on `train`, builds the k-NN graph, trains, then scores the
   * training windows once (kept in trainingScores for the threshold).
   */
  static async train(train: Series, config: PostConfig, hooks: TrainHooks = {}): Promise<Detector> {
    const cfg = checkedConfig(config);
    checkRows(train, cfg);
    const backend = await ensureBackend();
    const began = Date.now();
    const C = train.channels.length;

    // Standardisation, k-NN start of the graph and fresh weights, all from the training data.
    const stats = fitStats(train);
    const values = standardize(train.values, stats);
    const data: StandardSeries = { values, rows: train.rows, channels: C };
    const graph = knnGraph(values, data.rows, C, cfg.neighbours);
    const model = new PostModel({ ...cfg, channels: C }, graph, Random.stream(cfg.seed, 'init'));

    try {
      const report = (fraction: number, p: Partial<Progress>) => {
        const elapsed = (Date.now() - began) / 1000;
        const secondsLeft = fraction > 0.01 ? (elapsed * (1 - fraction)) / fraction : undefined;
        hooks.onProgress?.({ ...p, phase: 'training', fraction, secondsLeft });
      };
      const budget = hooks.maxBytes ?? defaultBudget(backend);
      const say = (message: string) => report(0, { message });
      const batch = trainingBatchSize(cfg, data.rows, C, budget, train.source, say);
      const share = trainingShare(cfg, data.rows, batch);

      // The training loop.
      const history: EpochHistory = [];
      let done = 0;
      await trainModel(model, data, cfg, batch, {
        signal: hooks.signal,
        onStep: ({ epoch, batch: index, batches, step, phase, terms, fraction }) => {
          hooks.onLoss?.({ epoch, batch: index, step, phase, terms });
          done = fraction * share;
          report(done, { epoch, epochs: cfg.epochs, batch: index, batches });
        },
        onEpoch: (entry) => {
          history.push(entry);
          const rec = entry.terms.reconstruction.toPrecision(3);
          const message =
            `Epoch ${entry.epoch + 1} of ${cfg.epochs}: reconstruction loss ${rec}, ` +
            `${entry.seconds.toFixed(1)} s.`;
          report(done, { epoch: entry.epoch, epochs: cfg.epochs, message });
        },
      });

      // The scoring statistics, fitted on the training data, and its scores.
      report(share, { message: SCORING_TRAINING_DATA });
      const options: RunOptions = {
        signal: hooks.signal,
        onBatch: (done, total) =>
          report(share + (1 - share) * (done / total), { message: SCORING_TRAINING_DATA }),
      };
      const scoreBatch = scoringBatchSize(batch);
      const fitted = await fitScoring(model, data, cfg, scoreBatch, options);
      const names = [...train.channels];
      const scores = fitted.timeScore;
      return new Detector(cfg, names, stats, scores, history, model, fitted.stats, scoreBatch);
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  /** PostError kind 'model' on a damaged folder, another engine version, bad config. */
  static async load(dir: string): Promise<Detector> {
    const contents = await readModelFolder(dir);
    await ensureBackend();
    const { config, channels } = contents;
    const C = channels.length;
    const tensor = (name: string, shape?: number[]) => savedTensor(contents, dir, name, shape);

    const initialGraph = tensor('graph.initial', [C, C]);
    const trainingScores = tensor('training.scores');
    const scoring = scoringFromStored(contents.scoring, C, dir);
    // The weights drawn here are all overwritten by the saved ones below.
    const model = new PostModel({ ...config, channels: C }, initialGraph, new Random(0));
    try {
      for (const [name, variable] of model.params.entries()) {
        const saved = tf.tensor(tensor(name, variable.shape), variable.shape);
        variable.assign(saved);
        saved.dispose();
      }
      const batch = scoringBatchSize(config.batchSize);
      const detector = new Detector(
        config, channels, contents.stats, trainingScores, contents.history, model, scoring, batch,
      );
      detector.threshold = contents.threshold;
      detector.meta = contents.meta;
      return detector;
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  /**
   * Throws PostError kind 'model' naming the missing/extra channels when `series` does not
   * have this model's channels (matched by name; order may differ: score() reorders).
   */
  checkChannels(series: Series): void {
    const have = new Set(series.channels);
    const want = new Set(this.channels);
    const missing = this.channels.filter((c) => !have.has(c));
    const extra = series.channels.filter((c) => !want.has(c));
    if (missing.length === 0 && extra.length === 0 && have.size === series.channels.length) return;

    const parts: string[] = [];
    if (missing.length > 0) parts.push(`it lacks ${listNames(missing)}`);
    if (extra.length > 0) parts.push(`it has channels the model lacks: ${listNames(extra)}`);
    if (parts.length === 0) parts.push('it has a channel name twice');
    throw new PostError(
      'model',
      `${series.source} does not have the channels the model was trained on: ` +
        `${parts.join('; ')}. Score a file with the same columns, or train a new model on it.`,
      { file: series.source, column: missing[0] ?? extra[0] },
    );
  }

  /**
   * Scores every row of `series`. `channelScore` columns follow `series.channels` (the
   * series' own order, whatever the model's).
   */
  async score(series: Series, hooks: ScoreHooks = {}): Promise<ScoreResult> {
    this.checkChannels(series);
    checkRows(series, this.config);
    await ensureBackend();
    const C = this.channels.length;

    // Model channel m is series column order[m].
    const order = this.channels.map((name) => series.channels.indexOf(name));
    const values = standardize(reorderColumns(series.values, series.rows, order), this.stats);
    const data: StandardSeries = { values, rows: series.rows, channels: C };

    const began = Date.now();
    const options: RunOptions = {
      signal: hooks.signal,
      onBatch: (done, total) => {
        const fraction = done / total;
        const elapsed = (Date.now() - began) / 1000;
        const secondsLeft = (elapsed * (1 - fraction)) / fraction;
        const phase = 'scoring';
        hooks.onProgress?.({ phase, batch: done, batches: total, fraction, secondsLeft });
      },
    };
    const { model, config, scoring, scoreBatch } = this;
    const result = await scoreWith(model, data, config, scoring, scoreBatch, options);

    const channelScore = new Float32Array(result.channelScore.length);
    for (let t = 0; t < series.rows; t++) {
      for (let m = 0; m < C; m++) channelScore[t * C + order[m]] = result.channelScore[t * C + m];
    }
    return { ...result, channelScore };
  }

  /** sigmoid(g) of each layer, C×C row-major; and the k-NN start for comparison. */
  adjacency(): Float32Array[] {
    return this.model.adjacency();
  }

  /** sigmoid of the k-NN start of g (0.731 for an edge or self-loop, 0.269 otherwise), on
   *  the same scale as `adjacency()`. */
  initialAdjacency(): Float32Array {
    return Float32Array.from(this.model.initialGraph, (g) => 1 / (1 + Math.exp(-g)));
  }

  /**
   * Writes the model into an existing empty directory (weights, graphs, stats, channels,
   * threshold, config, seed, engine version, meta).
   */
  async save(dir: string): Promise<void> {
    const tensors = new Map<string, NamedTensor>();
    for (const [name, variable] of this.model.params.entries()) {
      tensors.set(name, { shape: variable.shape, values: (await variable.data()) as Float32Array });
    }
    const C = this.channels.length;
    tensors.set('graph.initial', { shape: [C, C], values: this.model.initialGraph });
    const scores = this.trainingScores;
    tensors.set('training.scores', { shape: [scores.length], values: scores });

    const contents: ModelContents = {
      config: this.config,
      channels: this.channels,
      stats: this.stats,
      scoring: scoringToStored(this.scoring),
      threshold: this.threshold,
      meta: this.meta,
      history: this.history,
      tensors,
    };
    await writeModelFolder(dir, contents);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** A tensor of a model folder, checked against the expected shape (any 1-D one when none). */
function savedTensor(contents: ModelContents, dir: string, name: string, shape?: number[]) {
  const found = contents.tensors.get(name);
  const fits =
    found !== undefined &&
    (shape === undefined ? found.shape.length === 1 : found.shape.join() === shape.join());
  if (!fits) {
    const what = found === undefined ? 'is missing' : `has the wrong shape [${found.shape}]`;
    throw new PostError(
      'model',
      `The model folder ${dir} is damaged: tensor ${name} ${what}. Train and save the model again.`,
      { file: dir },
    );
  }
  return found.values;
}

function checkedConfig(config: PostConfig): PostConfig {
  try {
    return validateConfig({ ...config });
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new PostError('setting', error.message, { setting: error.key });
    }
    throw error;
  }
}

function checkRows(series: Series, config: PostConfig): void {
  const minimum = minimumRows(config);
  if (series.rows >= minimum) return;
  const smaller = Math.max(4, Math.floor(series.rows / 2));
  throw new PostError(
    'input',
    `${series.source} has ${series.rows} rows, fewer than the ${minimum} that one window of ` +
      `the model needs. Use a smaller window (e.g. window=${smaller}) or a longer file.`,
    { file: series.source, setting: 'window' },
  );
}

function reorderColumns(values: Float32Array, rows: number, order: number[]): Float32Array {
  const C = order.length;
  const out = new Float32Array(rows * C);
  for (let t = 0; t < rows; t++) {
    for (let m = 0; m < C; m++) out[t * C + m] = values[t * C + order[m]];
  }
  return out;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `'${n}'`).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
