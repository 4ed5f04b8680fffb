/**
 * The detection job: one pipeline from a CSV file to a results folder (scores, events,
 * channels, graph, model, report). The command line (`post-ad detect`, `demo`), the
 * extension's worker and the benchmarks all call `runDetection`.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { BackendPreference, initBackend } from './backend';
import { ConfigError } from './config';
import { selectChannels, sliceRows } from './data/select';
import { windowStarts } from './data/windows';
import { Detector, LossEntry, minimumRows } from './detector';
import { PostError, throwIfCancelled } from './errors';
import { evaluate } from './eval/evaluate';
import type { Evaluation } from './eval/metrics';
import {
  JobInputs,
  readJobInputs,
  reorderChannelLabels,
  sliceChannelLabels,
  sliceScores,
} from './io/jobInputs';
import { checkRequest, JobPlan } from './io/jobRequest';
import { GraphFile, RunSummary, TrainingSource } from './io/resultFiles';
import { buildSummary, PhaseClock, toScoreTable } from './io/summary';
import { fitBatchToMemory, fitBatchToWindows, trainingBudget } from './io/trainingBatch';
import { scoreUnscorableRows, unscorableNote } from './io/unscorableRows';
import { writeResults } from './io/writeResults';
import { EVENT_GAP_ROWS, findEvents } from './score/events';
import { fitThreshold } from './score/threshold';
import { AnomalyEvent, Progress, ScoreResult, Series } from './types';

export { DEFAULT_TRAIN_FRACTION } from './io/jobRequest';

export interface DetectionRequest {
  /** The file to score. */
  input: string;
  /** A separate file of normal data to train on. */
  train?: string;
  /** A saved model folder; then nothing is trained. */
  model?: string;
  /** Without `train` or `model`: the first fraction of `input` trains (default 0.5). */
  trainFraction?: number;
  /** A file of 0/1 labels per row, or the name of a label column in `input`. */
  labels?: string;
  /** Row × channel labels: a 0/1 matrix file or `start-end:ch,ch` segment lines. */
  channelLabels?: string;
  segmentFormat?: { endInclusive?: boolean; oneBased?: boolean };
  preset?: string;
  overrides?: Record<string, unknown>;
  seed?: number;
  backend?: BackendPreference;
  /** The time column by name; undefined = detect; null = none. */
  timeColumn?: string | null;
  /** The results folder, replaced atomically. */
  out: string;
  /**
   * Create the results folder's parent when it is missing (for the default `post-results/`);
   * otherwise a missing parent is an error naming it.
   */
  createOutParent?: boolean;
}

export interface DetectionHooks {
  onProgress?(p: Progress): void;
  onLoss?(e: LossEntry): void;
  onLog?(level: 'info' | 'warn' | 'debug', message: string): void;
  signal?: AbortSignal;
  /**
   * Memory one training step may use, in bytes; default: by backend (io/trainingBatch.ts).
   * A larger batch is shrunk to fit; a model that does not fit one window is refused.
   */
  maxBytes?: number;
}

export interface DetectionResult {
  outDir: string;
  summary: RunSummary;
  events: AnomalyEvent[];
  evaluation?: Evaluation;
}

export { defaultOutDir } from './io/defaultOutDir';

/** Trains (or loads), scores, finds events, evaluates when labelled, and writes the results. */
export async function runDetection(
  req: DetectionRequest,
  hooks: DetectionHooks = {},
): Promise<DetectionResult> {
  try {
    return await detect(req, hooks);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new PostError('setting', error.message, { setting: error.key });
    }
    throw error;
  }
}

async function detect(req: DetectionRequest, hooks: DetectionHooks): Promise<DetectionResult> {
  const { signal } = hooks;
  const log = (level: 'info' | 'warn' | 'debug', message: string) => hooks.onLog?.(level, message);
  const clock = new PhaseClock();
  const plan = await checkRequest(req);

  const backend = await clock.time('backend', () => initBackend(req.backend ?? 'auto'));
  log('info', `Backend: ${backend.description}`);
  for (const skip of backend.skipped) log('debug', `Backend ${skip.name} not used: ${skip.reason}`);

  const inputs = await clock.time('reading', () => readJobInputs(plan, hooks));
  log('info', describeInput(inputs.input));
  throwIfCancelled(signal);

  const maxBytes = hooks.maxBytes ?? trainingBudget(backend.name);
  const trainPlan = fitBatch(plan, inputs, maxBytes, backend.name, log);

  const steps: LossEntry[] = [];
  const onLoss = (entry: LossEntry): void => {
    steps.push(entry);
    hooks.onLoss?.(entry);
  };
  const obtained = await clock.time('training', () =>
    obtainDetector(trainPlan, inputs.input, inputs.train, { ...hooks, onLoss, maxBytes }),
  );
  const { detector } = obtained;

  try {
    // From here on every array is in the model's channel order.
    const input = obtained.scored;
    const origin = detector.threshold ? 'model' : 'fitted';
    const threshold = detector.threshold ?? fitThreshold(detector.trainingScores, detector.config);
    detector.threshold = threshold;
    log('info', `Threshold ${threshold.value.toPrecision(5)}: ${threshold.description}`);

    const scores = await clock.time('scoring', () =>
      detector.score(input, { onProgress: hooks.onProgress, signal }),
    );
    const unscorable = scoreUnscorableRows(scores, input, detector.stats, threshold.value);
    const scoringNotes = unscorable.length > 0 ? [unscorableNote(unscorable)] : [];
    const events = findEvents(scores, threshold.value, detector.channels, input.timestamps, {
      minGap: EVENT_GAP_ROWS,
    });
    log('info', `${events.length} events above the threshold.`);

    const evaluatedRows = { start: obtained.evaluatedFrom, end: input.rows };
    const evaluation = await clock.time('evaluation', async () =>
      evaluateRows(detector, scores, inputs, threshold.value, evaluatedRows),
    );

    const table = toScoreTable(input, scores, threshold.value, inputs.labels, detector.channels);
    const summary = buildSummary({
      input,
      original: inputs.input,
      training: obtained.training,
      evaluatedRows,
      labelSource: inputs.labelSource,
      channelLabelSource: plan.channelLabels,
      backend,
      preset: plan.model ? null : plan.preset,
      config: detector.config,
      threshold: { ...threshold, origin },
      events,
      table,
      clock,
      evaluation,
      notes: [
        ...plan.notes,
        ...inputs.notes,
        ...trainingNotes(obtained, inputs.labels),
        ...scoringNotes,
      ],
    });
    for (const note of summary.notes) log('warn', note);

    const content = {
      summary,
      events,
      scores: table,
      graph: graphOf(detector),
      training: { epochs: detector.history, steps },
      values: input.values,
      saveModel: (dir: string) => detector.save(dir),
    };
    if (req.createOutParent) await fs.mkdir(path.dirname(plan.out), { recursive: true });
    const outDir = await clock.time('writing', () =>
      writeResults(plan.out, content, {
        signal,
        onFile: (name, index, count) =>
          hooks.onProgress?.({ phase: 'writing', fraction: index / count, message: name }),
      }),
    );
    // summary.json holds the timings up to writing; the returned summary adds writing.
    summary.timings = clock.timings();
    log('info', `Results written to ${outDir}`);
    return { outDir, summary, events, evaluation };
  } finally {
    detector.dispose();
  }
}

/**
 * The plan with the batch fitted to the training windows and to the memory budget, each
 * change logged as a warning; checked before training starts, so that a model too large fails
 * with a reason rather than an out-of-memory crash. A saved model is used as it was trained.
 */
function fitBatch(
  plan: JobPlan,
  inputs: JobInputs,
  maxBytes: number,
  backend: string,
  log: (level: 'warn', message: string) => void,
): JobPlan {
  if (plan.model) return plan;
  const trained = inputs.train ?? inputs.input;
  const rows = inputs.train ? trained.rows : Math.floor(trained.rows * plan.trainFraction);
  const windows = windowStarts(rows, plan.config.window, plan.config.trainStride).length;
  const byData = fitBatchToWindows(plan.config, windows, path.basename(trained.source));
  const byMemory = fitBatchToMemory(byData.config, trained.channels.length, maxBytes, backend);
  for (const warning of [byData.warning, byMemory.warning]) if (warning) log('warn', warning);
  return { ...plan, config: byMemory.config };
}

/**
 * The metrics on the rows not trained on, when labels exist. Channel labels were read in the
 * input file's column order and are put in the model's first.
 */
function evaluateRows(
  detector: Detector,
  scores: ScoreResult,
  inputs: JobInputs,
  threshold: number,
  rows: { start: number; end: number },
): Evaluation | undefined {
  if (!inputs.labels && !inputs.channelLabels) return undefined;
  const channelLabels =
    inputs.channelLabels &&
    reorderChannelLabels(inputs.channelLabels, inputs.input.channels, detector.channels);
  return evaluate(
    {
      scores: sliceScores(scores, rows.start, rows.end),
      threshold,
      labels: inputs.labels?.slice(rows.start, rows.end),
      channelLabels: channelLabels && sliceChannelLabels(channelLabels, rows.start, rows.end),
      anomalyRatio: detector.config.anomalyRatio,
      trainingScores: detector.trainingScores,
      typicalWindow: detector.config.window,
    },
    { seed: detector.config.seed },
  );
}

/** A warning when the rows trained on (a fraction of the input) hold labelled anomalies. */
function trainingNotes(obtained: Obtained, labels: Uint8Array | undefined): string[] {
  if (!labels || obtained.evaluatedFrom === 0) return [];
  let anomalous = 0;
  for (let t = 0; t < obtained.evaluatedFrom; t++) anomalous += labels[t];
  if (anomalous === 0) return [];
  return [
    `${anomalous} labelled anomalous rows lie in the part trained on and were learned as ` +
      'normal; give a separate training file (--train) of normal data if you have one.',
  ];
}

/** graph.json: the adjacency matrices as nested arrays, so a viewer needs no TensorFlow. */
function graphOf(detector: Detector): GraphFile {
  const C = detector.channels.length;
  const toMatrix = (flat: Float32Array): number[][] =>
    Array.from({ length: C }, (_, i) => Array.from(flat.subarray(i * C, (i + 1) * C)));
  return {
    channels: detector.channels,
    initial: toMatrix(detector.initialAdjacency()),
    layers: detector.adjacency().map(toMatrix),
  };
}

interface Obtained {
  detector: Detector;
  /** The input in the model's channel order. */
  scored: Series;
  training: TrainingSource;
  /** First row of the input not trained on. */
  evaluatedFrom: number;
}

/**
 * Loads the saved model, or trains on the training file, or on the first fraction of the
 * input. Limitation: in the fraction case the trained rows are scored too (in-sample, so
 * their scores run low); the metrics leave them out, the events and plots do not.
 */
async function obtainDetector(
  plan: JobPlan,
  input: Series,
  train: Series | undefined,
  hooks: Parameters<typeof Detector.train>[2],
): Promise<Obtained> {
  if (plan.model) {
    const detector = await Detector.load(plan.model);
    try {
      // Columns the model does not know are left out (and listed); missing ones are an error.
      const scored = selectChannels(input, detector.channels, { model: plan.model });
      detector.checkChannels(scored);
      const training: TrainingSource = {
        how: 'model',
        path: plan.model,
        description: `the saved model ${plan.model}`,
      };
      return { detector, scored, training, evaluatedFrom: 0 };
    } catch (error) {
      detector.dispose();
      throw error;
    }
  }

  if (train) {
    const detector = await Detector.train(train, plan.config, hooks);
    const training: TrainingSource = {
      how: 'file',
      path: train.source,
      rows: train.rows,
      description: `${train.source} (${train.rows.toLocaleString('en')} rows)`,
    };
    return { detector, scored: input, training, evaluatedFrom: 0 };
  }

  const rows = Math.floor(input.rows * plan.trainFraction);
  const needed = minimumRows(plan.config);
  if (rows < needed || rows >= input.rows) {
    throw new PostError(
      'input',
      `The first ${percent(plan.trainFraction)} of '${input.source}' is ${rows} of ` +
        `${input.rows} rows; training needs at least ${needed} and some rows left to score. ` +
        'Give a separate training file (--train), another --train-fraction, or a smaller ' +
        'window (--set window=...).',
      { file: input.source, setting: 'trainFraction' },
    );
  }
  const part = sliceRows(input, 0, rows);
  const detector = await Detector.train(part, plan.config, hooks);
  const training: TrainingSource = {
    how: 'fraction',
    path: input.source,
    rows,
    fraction: plan.trainFraction,
    description:
      `the first ${percent(plan.trainFraction)} of ${input.source} (rows 0-${rows - 1}); ` +
      'metrics cover the remaining rows only',
  };
  return { detector, scored: input, training, evaluatedFrom: rows };
}

function describeInput(series: Series): string {
  const size = `${series.rows.toLocaleString('en')} rows, ${series.channels.length} channels`;
  const parts = [`Read ${series.source}: ${size}`];
  if (series.timeColumn) parts.push(`time column '${series.timeColumn}'`);
  if (series.skippedColumns.length > 0) {
    const skipped = series.skippedColumns.map((c) => `${c.name} (${c.reason})`);
    parts.push(`left out: ${skipped.join(', ')}`);
  }
  if (series.imputation.cells > 0) {
    parts.push(`${series.imputation.cells} missing cells filled (${series.imputation.method})`);
  }
  return parts.join('; ') + '.';
}

function percent(f: number): string {
  return `${Number((f * 100).toPrecision(4))}%`;
}
