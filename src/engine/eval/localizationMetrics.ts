/**
 * Assembles the localization record: per-segment rankings (all rows and flagged rows only)
 * and the reference's channel-wise figures. Called by evaluate.ts for the detector's scores
 * and for each random draw.
 */
import { ChannelLabels } from '../types';
import { channelAveragePrecision, channelPointAdjustedScorer } from './channelwise';
import { labelledSegments, meanRanking, rankSegment } from './localization';
import { LocalizationMetrics } from './metrics';
import { paperProtocol } from './paperProtocol';
import { countOnes } from './segments';

export interface LocalizationInput {
  channelScore: Float32Array;
  channelLabels: ChannelLabels;
  /** Rows flagged by the detector at its threshold. */
  flagged: Uint8Array;
  /** Row labels; segments are limited to labelled rows when given. */
  labels?: Uint8Array;
  /** Training channel scores pooled for the channel threshold's percentile (optional). */
  trainingChannelScores?: Float32Array;
  /** Percent, for the channel threshold's percentile. */
  anomalyRatio: number;
}

export function localizationMetrics(input: LocalizationInput): LocalizationMetrics {
  const { channelScore, channelLabels, flagged } = input;
  const C = channelLabels.channels;
  const segments = labelledSegments(channelLabels, input.labels);

  const all = meanRanking(segments.map((s) => rankSegment(channelScore, C, s)));
  const onFlagged = meanRanking(
    segments.map((s) => rankSegment(channelScore, C, s, (t) => flagged[t] !== 0)),
  );
  let flaggedSegments = 0;
  for (const { first, last } of segments) {
    if (flagged.subarray(first, last + 1).some((f) => f !== 0)) flaggedSegments++;
  }

  // The reference's channel-wise protocol: percentile start, then the label-tuned search.
  const pooled = input.trainingChannelScores
    ? [input.trainingChannelScores, channelScore]
    : [channelScore];
  const paper = paperProtocol(
    channelPointAdjustedScorer(channelScore, channelLabels),
    pooled,
    input.anomalyRatio,
  );

  return {
    labelledSegments: segments.length,
    flaggedSegments,
    hitRate100: all.hitRate100,
    hitRate150: all.hitRate150,
    ndcg100: all.ndcg100,
    ndcg150: all.ndcg150,
    hitRate100Flagged: onFlagged.hitRate100,
    hitRate150Flagged: onFlagged.hitRate150,
    ndcg100Flagged: onFlagged.ndcg100,
    ndcg150Flagged: onFlagged.ndcg150,
    labelledCellShare: countOnes(channelLabels.cells) / Math.max(1, channelLabels.cells.length),
    channelAp: channelAveragePrecision(channelScore, channelLabels),
    channelThreshold: paper.percentileThreshold,
    channelPointAdjustedF1: paper.atPercentile.f1,
    channelPaperProtocolThreshold: paper.tunedThreshold,
    channelPaperProtocolF1: paper.tuned.f1,
  };
}
