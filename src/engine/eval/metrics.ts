/**
 * The records the evaluation returns. Flat, one number per field, each name saying exactly
 * what it measures; NaN where a figure is undefined (e.g. AUC when no row is labelled).
 * Read by the command line, the panel, the benchmark and the reports.
 */

/** Time-wise figures: how well the row score finds anomalous rows. */
export interface TimewiseMetrics {
  rows: number;
  labelledRows: number;
  labelledSegments: number;
  /** The product's threshold (fitted on training scores, without labels). */
  threshold: number;
  flaggedRows: number;

  /** Point-wise scores at the threshold: each row is one sample. The honest operating figure. */
  pointPrecisionAtThreshold: number;
  pointRecallAtThreshold: number;
  pointF1AtThreshold: number;
  /** Best point-wise F1 over all thresholds: uses the labels, an upper bound only. */
  bestPointF1UpperBound: number;
  /** The score at which that best F1 is reached (rows with score ≥ it flagged). */
  bestPointF1Threshold: number;

  /** Threshold-free ranking of rows: ROC area (ties count half) and average precision. */
  aucRoc: number;
  aucPr: number;
  /** Range-aware threshold-free areas (Paparrizos et al. 2022), buffers 0 ... vusMaxBuffer. */
  vusRoc: number;
  vusPr: number;
  vusMaxBuffer: number;

  /** Event-wise, distance-based scores at the threshold (Huet et al. 2022). */
  affiliationPrecision: number;
  affiliationRecall: number;
  affiliationF1: number;

  /** Area under F1 of PA%K over K = 0 ... 100 % at the threshold (Kim et al. 2022), in [0, 1]. */
  paKAuc: number;
  /** Scores after the reference's point adjustment at the threshold (inflated; see paKAuc). */
  pointAdjustedPrecision: number;
  pointAdjustedRecall: number;
  pointAdjustedF1: number;

  /** Paper protocol, start: percentile of training + test scores at 100 − anomaly ratio. */
  paperPercentileThreshold: number;
  /** Point-adjusted F1 at that percentile threshold (no labels used to pick it). */
  paperPercentilePointAdjustedF1: number;
  /** Paper protocol: threshold tuned on the test labels by the bounded search (an oracle). */
  paperProtocolThreshold: number;
  /** Point-adjusted F1 at the label-tuned threshold: the figure papers report; an oracle. */
  paperProtocolF1: number;
}

/** Localization figures: how well the channel score names the anomalous channels. */
export interface LocalizationMetrics {
  /** Segments with labelled channels (contiguous rows with one channel set). */
  labelledSegments: number;
  /** Of those, segments with at least one row flagged at the threshold. */
  flaggedSegments: number;

  /** Per segment, channels ranked by channel score summed over the segment, then averaged. */
  hitRate100: number;
  hitRate150: number;
  ndcg100: number;
  ndcg150: number;
  /** The same summing only the rows the detector flagged; segments it missed count 0. */
  hitRate100Flagged: number;
  hitRate150Flagged: number;
  ndcg100Flagged: number;
  ndcg150Flagged: number;

  /** Share of (row, channel) cells labelled anomalous: channelAp's chance level. */
  labelledCellShare: number;
  /** Average precision of the flattened channel scores against the cell labels. */
  channelAp: number;
  /** Cell threshold: percentile of training + test channel scores at 100 − anomaly ratio. */
  channelThreshold: number;
  /** The reference's channel-wise point-adjusted F1 at that threshold (no labels used). */
  channelPointAdjustedF1: number;
  /** Channel-wise threshold tuned on the cell labels by the bounded search (an oracle). */
  channelPaperProtocolThreshold: number;
  /** Channel-wise point-adjusted F1 at the label-tuned threshold (the paper's figure). */
  channelPaperProtocolF1: number;
}

export interface Evaluation {
  timewise?: TimewiseMetrics;
  localization?: LocalizationMetrics;
  /** What seeded uniform random scores get on the same labels (mean over a few draws). */
  random?: { timewise?: TimewiseMetrics; localization?: LocalizationMetrics };
}
