/**
 * Rows the model could not score: a value far outside the training range (1e30 where training
 * saw values near 1) overflows the model's float32 arithmetic and leaves NaN or infinite
 * scores, which no threshold detects, so the most anomalous rows would be missed silently.
 * Such rows are given a score above every other row and the threshold, and channel scores
 * from the channels' standardised distance to their training mean, and the run says so.
 *
 * Called by the detection job (engine/job.ts) after scoring, before events are found.
 *
 * Limitation: the channel scores of such rows come from the distance to the training mean,
 * not from the model's localization, and the rows next to them (in the same windows) keep
 * the model's scores, which the overflow may have pushed low.
 */
import { ChannelStats, ScoreResult, Series } from '../types';

/** The largest float32 value: channel scores past it are stored as this. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Replaces the non-finite scores of `scores` in place and returns the 0-based rows changed.
 * `series` and `stats` are in the same channel order as `scores.channelScore`.
 */
export function scoreUnscorableRows(
  scores: ScoreResult,
  series: Series,
  stats: ChannelStats,
  threshold: number,
): number[] {
  const C = scores.channels;
  const rows: number[] = [];
  let top = threshold;
  for (let t = 0; t < scores.rows; t++) {
    const finite = Number.isFinite(scores.timeScore[t]);
    if (finite) top = Math.max(top, scores.timeScore[t]);
    else rows.push(t);
  }
  if (rows.length === 0) return rows;

  const above = top + Math.max(Math.abs(top), 1);
  for (const t of rows) {
    scores.timeScore[t] = above;
    for (let c = 0; c < C; c++) {
      const z = Math.abs(series.values[t * C + c] - stats.mean[c]) / stats.std[c];
      scores.channelScore[t * C + c] = Number.isFinite(z) ? Math.min(z, FLOAT32_MAX) : FLOAT32_MAX;
    }
  }
  return rows;
}

/** The note for the run summary: how many rows, and the first one. */
export function unscorableNote(rows: readonly number[]): string {
  const count = `${rows.length} row${rows.length === 1 ? '' : 's'}`;
  return (
    `${count} (the first is row ${rows[0]}, counting from 0 like the events) hold values so far ` +
    'outside the training data that the model could not score them; they are marked ' +
    'anomalous and their channels ranked by distance from the training mean. Check those ' +
    'values.'
  );
}
