/**
 * The reference's scoring ('paper' mode): sections 3.1 and 3.3 of the method, unchanged.
 *
 * Called by the Detector when `config.scoring` is 'paper'. Per non-overlapping window:
 *   AD(t)      = Σ_u [kl_t(S_u, P̂_u) + kl_t(P̂_u, S_u)](t) · t_t        (heads averaged)
 *   w(t)       = softmax over the window's L rows of −AD(t)
 *   time(t)    = w(t) · mean_c (x_tc − x̂_tc)²
 *   m(c)       = −Σ_u [kl_s(E_u, P_s,u) + kl_s(P_s,u, E_u)](c)          (per window)
 *   ws(c)      = sigmoid(t_s · (m(c) − μ_c) / σ_c)
 *   channel(t, c) = (x_tc − x̂_tc)² · w(t) · ws(c)
 * μ_c and σ_c (unbiased, + 1e-8) come from the training windows taken every `trainStride`
 * rows (the reference's training loader), fitted once after training.
 *
 * Unlike the reference, which drops the final `rows mod L` rows, one more window aligned to
 * the end scores them, so every row gets a score.
 */
import { PostConfig } from '../config';
import { ScoreResult } from '../types';
import { windowStarts } from '../data/windows';
import { PostModel } from '../model/post-model';
import { columnMeanStd } from './column-stats';
import { RunOptions, StandardSeries, WindowBatch, forEachWindowBatch } from './scorer';

export interface PaperStats {
  kind: 'paper';
  /** Mean and unbiased std of m(c) over the training windows, per channel. */
  spatialMean: Float32Array;
  spatialStd: Float32Array;
}

/** Fits μ_c and σ_c on the training windows. */
export async function fitPaperStats(
  model: PostModel,
  train: StandardSeries,
  config: PostConfig,
  batchSize: number,
  options: RunOptions = {},
): Promise<PaperStats> {
  const C = train.channels;
  const starts = windowStarts(train.rows, config.window, config.trainStride);
  const m = new Float32Array(starts.length * C);
  let n = 0;
  await forEachWindowBatch(model, train, config.window, starts, batchSize, (batch) => {
    for (let i = 0; i < batch.spatial.length; i++) m[n++] = -batch.spatial[i];
  }, options);

  const { mean, std } = columnMeanStd(m, starts.length, C);
  return { kind: 'paper', spatialMean: mean, spatialStd: std };
}

/** Windows that cover every row once: every L rows, plus one aligned to the end. */
export function paperStarts(rows: number, window: number): number[] {
  return windowStarts(rows, window, window, true);
}

/** Time-wise and channel-wise scores of a whole series. */
export async function paperScores(
  model: PostModel,
  series: StandardSeries,
  config: PostConfig,
  stats: PaperStats,
  batchSize: number,
  options: RunOptions = {},
): Promise<ScoreResult> {
  const { rows, channels: C } = series;
  const timeScore = new Float32Array(rows);
  const channelScore = new Float32Array(rows * C);
  // Rows before `scoredUntil` already have a score; the end-aligned window fills the rest.
  let scoredUntil = 0;

  const visit = (batch: WindowBatch) => {
    batch.starts.forEach((start, b) => {
      const window = scorePaperWindow(batch, b, config, stats, C);
      for (let t = Math.max(start, scoredUntil) - start; t < config.window; t++) {
        timeScore[start + t] = window.time[t];
        channelScore.set(window.channel.subarray(t * C, (t + 1) * C), (start + t) * C);
      }
      scoredUntil = start + config.window;
    });
  };
  const starts = paperStarts(rows, config.window);
  await forEachWindowBatch(model, series, config.window, starts, batchSize, visit, options);

  return { timeScore, channelScore, rows, channels: C };
}

/** The paper's scores of window `b` of a batch: time [L] and channel [L × C]. */
export function scorePaperWindow(
  batch: WindowBatch,
  b: number,
  config: PostConfig,
  stats: PaperStats,
  C: number,
): { time: Float32Array; channel: Float32Array } {
  const L = config.window;
  const residual = batch.residual.subarray(b * L * C, (b + 1) * L * C);
  const discrepancy = batch.temporal.subarray(b * L, (b + 1) * L);

  // w = softmax(−AD · t_t) over the window, shifted by its maximum so that exp cannot
  // overflow; with t_t = 1000 all but about one row underflow to 0, as in the reference.
  const weights = new Float64Array(L);
  let largest = -Infinity;
  for (let t = 0; t < L; t++) largest = Math.max(largest, -discrepancy[t] * config.temperature);
  let total = 0;
  for (let t = 0; t < L; t++) {
    weights[t] = Math.exp(-discrepancy[t] * config.temperature - largest);
    total += weights[t];
  }

  const spatialWeight = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const m = -batch.spatial[b * C + c];
    const z = (m - stats.spatialMean[c]) / (stats.spatialStd[c] + 1e-8);
    spatialWeight[c] = 1 / (1 + Math.exp(-config.spatialTemperature * z));
  }

  const time = new Float32Array(L);
  const channel = new Float32Array(L * C);
  for (let t = 0; t < L; t++) {
    const w = weights[t] / total;
    let squares = 0;
    for (let c = 0; c < C; c++) {
      const e2 = residual[t * C + c] ** 2;
      squares += e2;
      channel[t * C + c] = e2 * w * spatialWeight[c];
    }
    time[t] = (w * squares) / C;
  }
  return { time, channel };
}
