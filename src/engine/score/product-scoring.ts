/**
 * The scoring a user gets by default ('product' mode): the model's reconstruction residuals,
 * calibrated per channel on the training data, so that the scores rank anomalies under
 * honest (threshold-free, point-wise) measures.
 *
 * Called by the Detector when `config.scoring` is 'product'. Why not the reference's rule:
 * its temperature-1000 softmax keeps about one row per window and zeroes the rest (about 98 %
 * of the scores on SMD machine-2-1 are exactly 0, AUC-ROC 0.50), and its channel weighting,
 * sigmoid(0.1·z), barely moves the ranking of channels (docs: reference-figures.md).
 *
 * The rule, per row t and channel c:
 * 1. The absolute residual |x − x̂|, averaged over the overlapping windows that contain the
 *    row (windows every L·strideFraction rows plus one aligned to the end, so every row is
 *    covered and the scores are smooth).
 * 2. Time score: the largest over channels of the residual's surprisal against the same
 *    channel's training residuals (tail-calibration.ts), then a centred moving mean over
 *    smoothRows rows. The surprisal makes channels comparable whatever the spread and tail of
 *    their residuals; the largest is kept because an anomaly often shows in one channel; the
 *    moving mean because labels mark segments, inside which the per-row score dips between
 *    peaks. In units: 3 means as unusual as the one-in-a-thousand training row.
 * 3. Channel score: z⁴, with z = max(0, (|e| − mean_c) / std_c) the residual's excess over
 *    its training mean in units of its training standard deviation (floored). The fourth
 *    power lets the few strongly deviating rows of a long segment outweigh its many mildly
 *    noisy ones when a segment's channels are ranked by their summed scores. HitRate@150% on
 *    SMD machine-2-1 / ASD omi-1..6 (seed 1): z 0.55 / 0.92, z² 0.70 / 0.95, z⁴ 0.72 / 0.96,
 *    and the squared excess over the median in IQR units 0.67 / 0.94; trained with stride
 *    12, z⁴ 0.66 / 0.96 against 0.67 / 0.94 for the latter.
 *
 * What the association discrepancies do here: nothing directly. They shape the model in
 * training (the minimax game and the graph), but as scores they rank rows at chance on the
 * tuning data (temporal discrepancy alone AUC-PR 0.07-0.09 against a base rate of about
 * 0.05-0.10), and weighting the residual by them lowered the ranking (SMD machine-2-1
 * 0.21 -> 0.19 without smoothing), so the rule leaves them out. bench/findings.md holds the
 * rules tried and their figures (tuned on SMD machine-2-1 and ASD omi-1..6 only).
 */
import { PostConfig } from '../config';
import { ScoreResult } from '../types';
import { windowStarts } from '../data/windows';
import { PostModel } from '../model/post-model';
import { columnMeanStd } from './column-stats';
import { RunOptions, StandardSeries, forEachWindowBatch } from './scorer';
import { TailTables, fitTailTables, surprisal } from './tail-calibration';

export const PRODUCT_SCORING = {
  /** Stride between scoring windows, as a fraction of the window length. */
  strideFraction: 0.25,
  /**
   * Width in rows of the centred moving mean applied to the time score: about the scale of
   * a labelled segment. 10 and 15 rank alike on the tuning data (SMD machine-2-1 AUC-PR
   * 0.49 / 0.50, ASD omi-1..6 0.35 / 0.35); 1 (no mean) gives 0.39 / 0.29. Channel scores
   * are left unsmoothed so that localization keeps its resolution. 1 turns it off.
   */
  smoothRows: 10,
  /** Floor of a channel's residual deviation, as a fraction of the median over channels, so
   *  that a channel nearly constant in training does not get a near-zero deviation. */
  scaleFloor: 0.05,
} as const;

/** Training statistics of the residuals, stored with the model. */
export interface ProductStats {
  kind: 'product';
  /** Per channel: training mean and floored standard deviation of |x − x̂|, for the channel
   *  score. */
  residualMean: Float32Array;
  residualStd: Float32Array;
  /** Per channel: the surprisal tables of |x − x̂|, for the time score. */
  residualTails: TailTables;
}

/** Per-row residuals, each averaged over the windows that contain the row. */
export interface RowSignals {
  rows: number;
  channels: number;
  /** Mean |x − x̂|, rows × C. */
  residual: Float32Array;
}

export function productStarts(rows: number, window: number): number[] {
  const stride = Math.max(1, Math.round(window * PRODUCT_SCORING.strideFraction));
  return windowStarts(rows, window, stride, true);
}

/** Runs the model over overlapping windows and averages the residuals per row. */
export async function productSignals(
  model: PostModel,
  series: StandardSeries,
  config: PostConfig,
  batchSize: number,
  options: RunOptions = {},
): Promise<RowSignals> {
  const { rows, channels: C } = series;
  const L = config.window;
  const residual = new Float32Array(rows * C);
  const count = new Uint16Array(rows);

  await forEachWindowBatch(model, series, L, productStarts(rows, L), batchSize, (batch) => {
    batch.starts.forEach((start, b) => {
      for (let t = 0; t < L; t++) {
        const row = start + t;
        count[row] += 1;
        for (let c = 0; c < C; c++) {
          residual[row * C + c] += Math.abs(batch.residual[(b * L + t) * C + c]);
        }
      }
    });
  }, options);

  for (let row = 0; row < rows; row++) {
    const n = Math.max(count[row], 1);
    for (let c = 0; c < C; c++) residual[row * C + c] /= n;
  }
  return { rows, channels: C, residual };
}

/** Fits the residual statistics on the training signals. */
export function fitProductStats(train: RowSignals): ProductStats {
  const { rows, channels: C } = train;
  const { mean, std } = columnMeanStd(train.residual, rows, C);
  return {
    kind: 'product',
    residualMean: mean,
    residualStd: withFloor(std),
    residualTails: fitTailTables(train.residual, rows, C),
  };
}

/** Scores from the per-row residuals and the training statistics. */
export function productScores(signals: RowSignals, stats: ProductStats): ScoreResult {
  const { rows, channels: C } = signals;
  const largest = new Float32Array(rows);
  const channelScore = new Float32Array(rows * C);

  for (let t = 0; t < rows; t++) {
    let most = 0;
    for (let c = 0; c < C; c++) {
      const i = t * C + c;
      const e = signals.residual[i];
      most = Math.max(most, surprisal(stats.residualTails, c, e));
      const z = Math.max(0, (e - stats.residualMean[c]) / stats.residualStd[c]);
      channelScore[i] = z ** 4;
    }
    largest[t] = most;
  }
  const timeScore = centredMean(largest, PRODUCT_SCORING.smoothRows);
  return { timeScore, channelScore, rows, channels: C };
}

/** Centred moving mean over `width` rows, the window cut at the ends (prefix sums). */
export function centredMean(values: Float32Array, width: number): Float32Array {
  if (width <= 1) return values;
  const prefix = new Float64Array(values.length + 1);
  for (let t = 0; t < values.length; t++) prefix[t + 1] = prefix[t] + values[t];

  const before = Math.floor((width - 1) / 2);
  const after = width - 1 - before;
  const out = new Float32Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const lo = Math.max(0, t - before);
    const hi = Math.min(values.length, t + after + 1);
    out[t] = (prefix[hi] - prefix[lo]) / (hi - lo);
  }
  return out;
}

function withFloor(scale: Float32Array): Float32Array {
  const sorted = Float64Array.from(scale).sort();
  const typical = sorted[Math.floor(sorted.length / 2)];
  const floor = Math.max(PRODUCT_SCORING.scaleFloor * typical, 1e-6);
  return Float32Array.from(scale, (s) => Math.max(s, floor));
}
