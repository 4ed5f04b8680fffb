/**
 * PA%K (Kim et al., "Towards a Rigorous Evaluation of Time-Series Anomaly Detection", AAAI
 * 2022): point adjustment applied to a labelled segment only when at least K % of its rows
 * are flagged. K = 0 is ordinary point adjustment, K = 100 is the point-wise score; the area
 * under F1(K) over K in [0, 100] summarises the curve without picking one K.
 *
 * Reading of the paper: a segment is adjusted when its flagged share is at least K % and at
 * least one row is flagged (so K = 0 does not adjust segments nobody flagged). Unlike the
 * reference's `adjust_anomaly`, row 0 is adjusted like any other row.
 */
import { findSegments } from './segments';
import { fromCounts } from './pointwise';

/** F1 at K = 0, 1, ..., 100 (index = K). */
export function paKCurve(predicted: ArrayLike<number>, labels: ArrayLike<number>): number[] {
  const segments = findSegments(labels).map(({ first, last }) => {
    let hits = 0;
    for (let t = first; t <= last; t++) if (predicted[t] !== 0) hits++;
    return { length: last - first + 1, hits };
  });
  let flagged = 0;
  for (let t = 0; t < predicted.length; t++) if (predicted[t] !== 0) flagged++;
  const pointHits = segments.reduce((sum, s) => sum + s.hits, 0);
  const falsePositives = flagged - pointHits;
  const actualPositives = segments.reduce((sum, s) => sum + s.length, 0);

  const curve: number[] = [];
  for (let k = 0; k <= 100; k++) {
    let truePositives = 0;
    for (const { length, hits } of segments) {
      // Integer comparison: hits / length >= k / 100 without rounding error.
      const adjusted = hits > 0 && hits * 100 >= k * length;
      truePositives += adjusted ? length : hits;
    }
    curve.push(fromCounts(truePositives, falsePositives + truePositives, actualPositives).f1);
  }
  return curve;
}

/** Area under F1(K) for K/100 in [0, 1] (trapezoid over the 101 points), in [0, 1]. */
export function paKArea(curve: readonly number[]): number {
  let area = 0;
  for (let k = 1; k < curve.length; k++) area += (curve[k] + curve[k - 1]) / 2;
  return area / (curve.length - 1);
}
