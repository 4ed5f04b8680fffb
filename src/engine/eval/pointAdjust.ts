/**
 * Point adjustment: when a detector flags any row of a labelled segment, the whole segment
 * counts as detected. This is how the method's reference code (and Anomaly Transformer's)
 * scores itself (method description, section 3.4); it inflates F1, so the evaluation reports
 * it beside the point-wise and range-aware metrics, never alone.
 */
import { findSegments } from './segments';
import { precisionRecallF1, PrecisionRecallF1 } from './pointwise';

/**
 * The reference's time-wise `adjust_anomaly`: every labelled segment with at least one flagged
 * row becomes fully flagged, except row 0. The reference fills backwards with a loop that stops
 * at index 1, so row 0 is never back-filled: a segment starting at row 0 whose first flagged
 * row is later keeps row 0 unflagged. The quirk is kept so that figures match the reference;
 * its effect is at most one row. Returns a new array; the input is not changed.
 */
export function adjustAnomaly(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
): Uint8Array {
  const adjusted = toFlags(predicted);

  for (const { first, last } of findSegments(labels)) {
    if (!anyFlagged(predicted, first, last)) continue;
    for (let t = Math.max(first, 1); t <= last; t++) adjusted[t] = 1;
  }
  return adjusted;
}

/**
 * Plain segment adjustment (the reference's per-channel `adjust_anomaly_p`): every labelled
 * segment with at least one flagged row becomes fully flagged, row 0 included.
 */
export function adjustSegments(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
): Uint8Array {
  const adjusted = toFlags(predicted);

  for (const { first, last } of findSegments(labels)) {
    if (!anyFlagged(predicted, first, last)) continue;
    adjusted.fill(1, first, last + 1);
  }
  return adjusted;
}

/** Precision, recall and F1 after the reference's time-wise point adjustment. */
export function pointAdjustedScores(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
): PrecisionRecallF1 {
  return precisionRecallF1(adjustAnomaly(predicted, labels), labels);
}

function toFlags(values: ArrayLike<number>): Uint8Array {
  const flags = new Uint8Array(values.length);
  for (let t = 0; t < values.length; t++) flags[t] = values[t] !== 0 ? 1 : 0;
  return flags;
}

function anyFlagged(predicted: ArrayLike<number>, first: number, last: number): boolean {
  for (let t = first; t <= last; t++) if (predicted[t] !== 0) return true;
  return false;
}
