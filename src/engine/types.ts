/**
 * Plain data types shared by every part of the engine and by its callers (command line,
 * extension worker, benchmarks, tests). Nothing here depends on TensorFlow.js or `vscode`.
 */

/** A numeric multivariate series read from one file: `rows` × `channels`, row-major. */
export interface Series {
  /** Absolute path of the file the series came from. */
  source: string;
  /** Channel (feature) names, in column order. */
  channels: string[];
  /** Number of rows (time steps). */
  rows: number;
  /** Values, row-major (`values[t * C + c]`), missing cells already imputed. */
  values: Float32Array;
  /** 1 where the cell was observed, 0 where it was missing and imputed; absent when none was. */
  observed?: Uint8Array;
  /** Epoch milliseconds per row when a time column was found. */
  timestamps?: Float64Array;
  /** Name of the column used as time axis. */
  timeColumn?: string;
  /** Per-row 0/1 labels, for evaluation only (never a feature). */
  labels?: Uint8Array;
  /** Name of the label column, or the label file. */
  labelSource?: string;
  /** Columns left out of the features, with the reason (shown to the user). */
  skippedColumns: SkippedColumn[];
  /** How missing values were imputed and how many cells were affected. */
  imputation: { method: string; cells: number };
  /**
   * What the reader assumed or changed, one sentence each, shown to the user next to the
   * skipped columns (renamed duplicate columns, decimal comma, a label encoding, ...).
   */
  notes?: string[];
}

export interface SkippedColumn {
  name: string;
  reason: string;
}

/** Row × channel 0/1 labels (`cells[t * C + c]`), for localization metrics. */
export interface ChannelLabels {
  rows: number;
  channels: number;
  cells: Uint8Array;
}

/** Per-channel statistics fitted on training data. */
export interface ChannelStats {
  mean: Float32Array;
  std: Float32Array;
}

/** Progress of a run, reported through callbacks (terminal bar, notification, panel). */
export interface Progress {
  phase: 'reading' | 'training' | 'scoring' | 'writing';
  epoch?: number;
  epochs?: number;
  batch?: number;
  batches?: number;
  /** Fraction of the phase done, in [0, 1]. */
  fraction: number;
  /** Estimated seconds left in the whole run, when known. */
  secondsLeft?: number;
  message?: string;
}

/** Loss terms of one training step (means over the batch), as plotted in the training curves. */
export interface LossTerms {
  total: number;
  reconstruction: number;
  temporalSeries: number;
  temporalPrior: number;
  spatialSeries: number;
  spatialPrior: number;
  triplet: number;
  /** Present on graph-phase steps only. */
  graph?: number;
  smoothness?: number;
}

/** Output of scoring a series with a trained model. */
export interface ScoreResult {
  /** One anomaly score per row of the input. */
  timeScore: Float32Array;
  /** Localization score per row and channel, row-major (`rows` × `channels`). */
  channelScore: Float32Array;
  rows: number;
  channels: number;
}

/** A detected anomaly: a contiguous run of rows above the threshold. */
export interface AnomalyEvent {
  /** First row (0-based, inclusive). */
  start: number;
  /** Last row (0-based, inclusive). */
  end: number;
  /** Timestamps (ISO 8601) of start and end when the series has a time column. */
  startTime?: string;
  endTime?: string;
  peakScore: number;
  peakRow: number;
  /** Channels ranked by localization score summed over the event, strongest first. */
  topChannels: { name: string; index: number; score: number }[];
}

/** A fitted threshold and how it was fitted. */
export interface Threshold {
  value: number;
  method: 'quantile' | 'pot';
  /** Human-readable description, e.g. "99.5th percentile of 2,364 training scores". */
  description: string;
}
