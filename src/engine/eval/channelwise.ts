/**
 * The reference's channel-wise scores (method description, section 6): cell (row, channel)
 * flagged where its channel score exceeds a threshold, point adjustment per channel column
 * (`adjust_anomaly_p`: a labelled run of a column fully flagged once any of its cells is), then
 * precision, recall and F1 over all cells flattened; and average precision of the flattened
 * channel scores, a genuine ranking measure whose chance level is the share of labelled cells.
 */
import { ChannelLabels } from '../types';
import { fromCounts, PrecisionRecallF1 } from './pointwise';
import { averagePrecision } from './ranking';
import { findSegments, Segment } from './segments';

/**
 * A function from threshold to the channel-wise point-adjusted scores. The labelled runs of
 * every column are found once, so the threshold search can call it often.
 */
export function channelPointAdjustedScorer(
  channelScore: Float32Array,
  labels: ChannelLabels,
): (threshold: number) => PrecisionRecallF1 {
  const { rows, channels: C, cells } = labels;
  const runs: Segment[][] = [];
  let labelled = 0;
  for (let c = 0; c < C; c++) {
    const column = new Uint8Array(rows);
    for (let t = 0; t < rows; t++) column[t] = cells[t * C + c];
    runs.push(findSegments(column));
    for (let t = 0; t < rows; t++) labelled += column[t];
  }

  return (threshold: number): PrecisionRecallF1 => {
    let flagged = 0;
    for (let i = 0; i < channelScore.length; i++) if (channelScore[i] > threshold) flagged++;

    // Start from point-wise counts, then add the rows each adjusted run gains.
    let truePositives = 0;
    for (let c = 0; c < C; c++) {
      for (const { first, last } of runs[c]) {
        let hits = 0;
        for (let t = first; t <= last; t++) if (channelScore[t * C + c] > threshold) hits++;
        const length = last - first + 1;
        truePositives += hits > 0 ? length : 0;
        flagged += hits > 0 ? length - hits : 0;
      }
    }
    return fromCounts(truePositives, flagged, labelled);
  };
}

/** Average precision of the flattened channel scores against the flattened cell labels. */
export function channelAveragePrecision(channelScore: Float32Array, labels: ChannelLabels): number {
  return averagePrecision(channelScore, labels.cells);
}
