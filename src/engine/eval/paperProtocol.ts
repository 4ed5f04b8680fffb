/**
 * The reference's evaluation protocol (method description, section 3.2), kept to compare with
 * published figures: a starting threshold at the (100 − anomaly ratio)th percentile of the
 * training and test scores together, then a bounded Brent search in [start, start + 0.15] for
 * the threshold with the best point-adjusted F1 on the test labels. That search is an oracle:
 * it uses the labels it is scored on, so its figure is named `paperProtocol...` wherever shown.
 *
 * Limitation (kept on purpose, as the reference): F1 is piecewise constant in the threshold,
 * so the search stops at a local optimum, and the 0.15 window is absolute, whatever the scale
 * of the scores.
 */
import { minimizeBounded } from './brent';
import { percentile } from './percentile';
import { PrecisionRecallF1 } from './pointwise';

export interface PaperProtocolResult {
  /** Percentile of training + test scores at 100 − anomaly ratio (no labels used). */
  percentileThreshold: number;
  /** Point-adjusted scores at that threshold. */
  atPercentile: PrecisionRecallF1;
  /** The label-tuned threshold found by the bounded search. */
  tunedThreshold: number;
  /** Point-adjusted scores at the tuned threshold. */
  tuned: PrecisionRecallF1;
}

/** Width of the search interval above the starting threshold, in score units, as the reference. */
export const REFINEMENT_WIDTH = 0.15;

/**
 * Runs the protocol for any point-adjusted scoring (`scoresAt(threshold)`), so the time-wise
 * and the channel-wise variants share it. `pooledScores` are the training and test scores the
 * starting percentile is taken over; `anomalyRatio` is in percent.
 */
export function paperProtocol(
  scoresAt: (threshold: number) => PrecisionRecallF1,
  pooledScores: ArrayLike<number>[],
  anomalyRatio: number,
): PaperProtocolResult {
  const percentileThreshold = percentile(pooledScores, 100 - anomalyRatio);

  const search = minimizeBounded(
    (threshold) => -scoresAt(threshold).f1,
    percentileThreshold,
    percentileThreshold + REFINEMENT_WIDTH,
  );
  return {
    percentileThreshold,
    atPercentile: scoresAt(percentileThreshold),
    tunedThreshold: search.x,
    tuned: scoresAt(search.x),
  };
}
