/**
 * Assembles the time-wise record from the metric files: point-wise, threshold-free,
 * range-aware, event-wise and point-adjusted figures side by side. Called by evaluate.ts for
 * the detector's scores and for each random draw.
 */
import { affiliation } from './affiliation';
import { TimewiseMetrics } from './metrics';
import { paKArea, paKCurve } from './paK';
import { paperProtocol } from './paperProtocol';
import { adjustAnomaly, pointAdjustedScores } from './pointAdjust';
import { bestF1, precisionRecallF1 } from './pointwise';
import { aucRoc, averagePrecision } from './ranking';
import { countOnes, findSegments, flagAbove } from './segments';
import { volumeUnderSurface } from './vus';

export interface TimewiseInput {
  timeScore: Float32Array;
  labels: Uint8Array;
  threshold: number;
  /** Training scores pooled with the test scores for the paper protocol's start (optional). */
  trainingScores?: Float32Array;
  /** Percent, for the paper protocol's starting percentile. */
  anomalyRatio: number;
  /** Largest VUS buffer, rows. */
  vusMaxBuffer: number;
}

export function timewiseMetrics(input: TimewiseInput): TimewiseMetrics {
  const { timeScore, labels, threshold } = input;
  const flagged = flagAbove(timeScore, threshold);
  const point = precisionRecallF1(flagged, labels);
  const best = bestF1(timeScore, labels);
  const vus = volumeUnderSurface(timeScore, labels, input.vusMaxBuffer);
  const events = affiliation(flagged, labels);
  const adjusted = pointAdjustedScores(flagged, labels);

  // The paper protocol: percentile start, then the label-tuned bounded search.
  const pooled = input.trainingScores ? [input.trainingScores, timeScore] : [timeScore];
  const paper = paperProtocol(
    (t) => precisionRecallF1(adjustAnomaly(flagAbove(timeScore, t), labels), labels),
    pooled,
    input.anomalyRatio,
  );

  return {
    rows: timeScore.length,
    labelledRows: countOnes(labels),
    labelledSegments: findSegments(labels).length,
    threshold,
    flaggedRows: countOnes(flagged),
    pointPrecisionAtThreshold: point.precision,
    pointRecallAtThreshold: point.recall,
    pointF1AtThreshold: point.f1,
    bestPointF1UpperBound: best.f1,
    bestPointF1Threshold: best.threshold,
    aucRoc: aucRoc(timeScore, labels),
    aucPr: averagePrecision(timeScore, labels),
    vusRoc: vus.roc,
    vusPr: vus.pr,
    vusMaxBuffer: input.vusMaxBuffer,
    affiliationPrecision: events.precision,
    affiliationRecall: events.recall,
    affiliationF1: events.f1,
    paKAuc: paKArea(paKCurve(flagged, labels)),
    pointAdjustedPrecision: adjusted.precision,
    pointAdjustedRecall: adjusted.recall,
    pointAdjustedF1: adjusted.f1,
    paperPercentileThreshold: paper.percentileThreshold,
    paperPercentilePointAdjustedF1: paper.atPercentile.f1,
    paperProtocolThreshold: paper.tunedThreshold,
    paperProtocolF1: paper.tuned.f1,
  };
}
