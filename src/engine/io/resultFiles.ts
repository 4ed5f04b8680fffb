/**
 * The files of a results folder: their names, their typed contents, and `readResults`, which
 * the extension uses to reopen a folder written by an earlier run (command line or panel).
 * The writer is io/writeResults.ts; the two agree through the types declared here.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { PostConfig } from '../config';
import type { LossEntry } from '../detector';
import { PostError } from '../errors';
import type { Evaluation } from '../eval/metrics';
import { AnomalyEvent, LossTerms, SkippedColumn, Threshold } from '../types';
import { readScoresCsv } from './scoresCsv';

export const RESULT_FILES = {
  scores: 'scores.csv',
  events: 'events.json',
  summary: 'summary.json',
  graph: 'graph.json',
  training: 'training.json',
  model: 'model',
  report: 'report.html',
} as const;

/** Bumped when a field changes meaning; readers refuse other versions. */
export const RESULTS_FORMAT_VERSION = 1;

/** Where the model's training data came from. */
export interface TrainingSource {
  how: 'file' | 'fraction' | 'model';
  /** The training file, the input itself (fraction) or the model folder. */
  path: string;
  /** Rows used for training (absent for a reused model). */
  rows?: number;
  /** For `fraction`: the share of the input's first rows that trained the model. */
  fraction?: number;
  /** One sentence for people, e.g. "the first 50% of data.csv (1,500 rows)". */
  description: string;
}

/** Seconds spent per phase of the run. */
export interface PhaseTimings {
  backend: number;
  reading: number;
  training: number;
  scoring: number;
  evaluation: number;
  writing: number;
  total: number;
}

/** Everything about one run that a person or a later run needs to know; `summary.json`. */
export interface RunSummary {
  formatVersion: number;
  /** Version of the post-anomaly package that wrote the folder. */
  engineVersion: string;
  /** ISO 8601. */
  createdAt: string;
  input: {
    path: string;
    rows: number;
    timeColumn?: string;
    skippedColumns: SkippedColumn[];
    imputation: { method: string; cells: number };
  };
  /** Channels in model order; also the localization columns of scores.csv. */
  channels: string[];
  training: TrainingSource;
  /** Rows [start, end) of the input the metrics were computed on (the rows not trained on). */
  evaluatedRows: { start: number; end: number };
  labels?: { rows?: string; channels?: string };
  backend: { name: string; gpu: boolean; description: string };
  /** The preset the run started from; null when a saved model was reused. */
  preset: string | null;
  config: PostConfig;
  seed: number;
  threshold: Threshold & { origin: 'fitted' | 'model' };
  eventCount: number;
  detectedRows: number;
  timings: PhaseTimings;
  memory: { peakRssBytes: number; tensorBytes?: number; tensors?: number };
  metrics?: Evaluation;
  /** Things the user should know (ignored settings, dropped columns). */
  notes: string[];
}

/** The per-row table of scores.csv, in memory. */
export interface ScoreTable {
  channels: string[];
  rows: number;
  /** Epoch milliseconds per row when the input had a time column; else rows are indices. */
  timestamps?: Float64Array;
  score: Float32Array;
  detected: Uint8Array;
  labels?: Uint8Array;
  /** Localization score, row-major `rows` × `channels`. */
  channelScore: Float32Array;
}

/** graph.json: the learned adjacency, so a viewer needs no TensorFlow. */
export interface GraphFile {
  channels: string[];
  /** The k-NN start, C × C. */
  initial: number[][];
  /** One C × C matrix per encoder layer. */
  layers: number[][][];
}

/** training.json: per-epoch history and the per-step loss entries. */
export interface TrainingFile {
  epochs: { epoch: number; terms: LossTerms; seconds: number }[];
  steps: LossEntry[];
}

export interface ResultContent {
  summary: RunSummary;
  events: AnomalyEvent[];
  scores: ScoreTable;
  graph: GraphFile;
  training: TrainingFile;
}

export interface Results extends ResultContent {
  dir: string;
  /** The saved model folder, or null when the folder holds none. */
  modelDir: string | null;
  reportPath: string | null;
}

/** Reads a results folder; a PostError naming the folder and the file when it is damaged. */
export async function readResults(dir: string): Promise<Results> {
  const absolute = path.resolve(dir);
  const summary = await readJson<RunSummary>(absolute, RESULT_FILES.summary);
  checkSummary(summary, absolute);

  const events = await readJson<AnomalyEvent[]>(absolute, RESULT_FILES.events);
  if (!Array.isArray(events)) throw damaged(absolute, RESULT_FILES.events, 'not a list');
  const graph = await readJson<GraphFile>(absolute, RESULT_FILES.graph);
  checkGraph(graph, summary.channels, absolute);
  const training = await readJson<TrainingFile>(absolute, RESULT_FILES.training);
  if (!Array.isArray(training?.epochs) || !Array.isArray(training?.steps)) {
    throw damaged(absolute, RESULT_FILES.training, "'epochs' or 'steps' is missing");
  }

  const scores = await readScoresCsv(path.join(absolute, RESULT_FILES.scores), {
    channels: summary.channels,
    rows: summary.input.rows,
    withTime: summary.input.timeColumn !== undefined,
    withLabels: summary.labels?.rows !== undefined,
  });

  const modelDir = path.join(absolute, RESULT_FILES.model);
  const reportPath = path.join(absolute, RESULT_FILES.report);
  return {
    dir: absolute,
    summary,
    events,
    scores,
    graph,
    training,
    modelDir: (await isDir(modelDir)) ? modelDir : null,
    reportPath: (await isFile(reportPath)) ? reportPath : null,
  };
}

/** The error for a results folder that cannot be read back. */
export function damaged(dir: string, file: string, why: string, line?: number): PostError {
  const where = line === undefined ? '' : ` line ${line}:`;
  return new PostError(
    'input',
    `The results folder '${dir}' is damaged: ${file}${where} ${why}. Run the detection again.`,
    { file: path.join(dir, file), line },
  );
}

async function readJson<T>(dir: string, file: string): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, file), 'utf8');
  } catch {
    throw damaged(dir, file, 'is missing');
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw damaged(dir, file, `is not valid JSON (${(error as Error).message})`);
  }
}

function checkSummary(summary: RunSummary, dir: string): void {
  if (summary?.formatVersion !== RESULTS_FORMAT_VERSION) {
    const found = JSON.stringify(summary?.formatVersion);
    throw damaged(
      dir,
      RESULT_FILES.summary,
      `has format version ${found}, this version reads ${RESULTS_FORMAT_VERSION}`,
    );
  }
  const okChannels =
    Array.isArray(summary.channels) && summary.channels.every((c) => typeof c === 'string');
  if (!okChannels || !Number.isInteger(summary.input?.rows)) {
    throw damaged(dir, RESULT_FILES.summary, "has no valid 'channels' or 'input.rows'");
  }
}

function checkGraph(graph: GraphFile, channels: string[], dir: string): void {
  const C = channels.length;
  const square = (m: unknown): boolean =>
    Array.isArray(m) && m.length === C && m.every((row) => Array.isArray(row) && row.length === C);
  if (!square(graph?.initial) || !Array.isArray(graph.layers) || !graph.layers.every(square)) {
    throw damaged(dir, RESULT_FILES.graph, `does not hold ${C} × ${C} matrices`);
  }
}

async function isDir(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isDirectory(), () => false);
}

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isFile(), () => false);
}
