/**
 * Affiliation precision and recall (Huet, Navarro, Rossi, "Local Evaluation of Time Series
 * Anomaly Detection Algorithms", KDD 2022). Written from the paper's definitions.
 *
 * Reading of the definitions:
 * - Time is continuous; row t is the interval [t, t + 1), the series is [0, n).
 * - Each labelled segment e_j owns an affiliation zone Z_j: the part of the time line closer
 *   to e_j than to any other segment (zones meet half-way between consecutive segments).
 * - Precision of zone j (defined only when something is flagged in it): for each flagged time
 *   y in Z_j, the probability that a uniform random time X in Z_j is at least as far from e_j
 *   as y is (1 inside e_j), averaged over the flagged part of Z_j.
 * - Recall of zone j: for each time x in e_j, the probability that a uniform random time Y in
 *   Z_j is at least as far from x as the nearest flagged time in Z_j is (0 when nothing in Z_j
 *   is flagged), averaged over e_j.
 * - Precision = mean over zones with flagged time (NaN when nothing is flagged); recall = mean
 *   over all zones; F1 their harmonic mean (0 when precision is undefined).
 * The integrals are exact: every integrand is a positive part of a linear function.
 */
import { findSegments } from './segments';

/** A half-open interval [start, end) of time. */
export interface Interval {
  start: number;
  end: number;
}

export interface Affiliation {
  precision: number;
  recall: number;
  f1: number;
}

/** ∫ max(0, slope·y + intercept) dy over [from, to). */
function integratePositive(slope: number, intercept: number, from: number, to: number): number {
  if (to <= from) return 0;
  const at = (y: number): number => slope * y + intercept;
  if (slope === 0) return Math.max(0, intercept) * (to - from);

  const root = -intercept / slope;
  const lo = slope > 0 ? Math.max(from, root) : from;
  const hi = slope > 0 ? to : Math.min(to, root);
  if (hi <= lo) return 0;
  return ((at(lo) + at(hi)) / 2) * (hi - lo);
}

/** ∫ over [from, to) of P(dist(X, event) ≥ dist(y, event)) dy, X uniform in the zone. */
function precisionMass(event: Interval, zone: Interval, from: number, to: number): number {
  const { start: a, end: b } = event;
  const { start: za, end: zb } = zone;

  // Inside the event the distance is 0 and the probability 1.
  const inside = Math.max(0, Math.min(to, b) - Math.max(from, a));

  // Left of the event, d = a − y: the zone has (y − za) + max(0, y − (a + b − zb)) farther.
  const leftTo = Math.min(to, a);
  const left =
    integratePositive(1, -za, from, leftTo) + integratePositive(1, -(a + b - zb), from, leftTo);

  // Right of the event, d = y − b: (zb − y) + max(0, (a + b − za) − y) farther.
  const rightFrom = Math.max(from, b);
  const right =
    integratePositive(-1, zb, rightFrom, to) + integratePositive(-1, a + b - za, rightFrom, to);

  return inside + (left + right) / (zb - za);
}

/**
 * ∫ over x in the event of P(dist(x, Y) ≥ dist(x, flagged)) dx, Y uniform in the zone, where
 * `flagged` are the sorted, disjoint flagged intervals inside the zone (at least one).
 */
function recallMass(event: Interval, zone: Interval, flagged: Interval[]): number {
  const { start: za, end: zb } = zone;
  const width = zb - za;
  let mass = 0;

  // Nearest flagged point c right of x (d = c − x):
  // farther measure (2x − c − za)+ + (zb − c).
  const towardsRight = (c: number, from: number, to: number): number =>
    integratePositive(2, -c - za, from, to) + integratePositive(0, zb - c, from, to);
  // Nearest flagged point c to the left of x (d = x − c): (c − za) + (zb + c − 2x)+.
  const towardsLeft = (c: number, from: number, to: number): number =>
    integratePositive(0, c - za, from, to) + integratePositive(-2, zb + c, from, to);
  const clip = (from: number, to: number): [number, number] => [
    Math.max(from, event.start),
    Math.min(to, event.end),
  ];

  // Before the first flagged interval, between consecutive ones (split at the midpoint), after
  // the last one; inside a flagged interval the distance is 0 and the probability 1.
  mass += towardsRight(flagged[0].start, ...clip(-Infinity, flagged[0].start));
  for (let k = 0; k < flagged.length; k++) {
    const [from, to] = clip(flagged[k].start, flagged[k].end);
    mass += Math.max(0, to - from) * width;
    if (k + 1 < flagged.length) {
      const mid = (flagged[k].end + flagged[k + 1].start) / 2;
      mass += towardsLeft(flagged[k].end, ...clip(flagged[k].end, mid));
      mass += towardsRight(flagged[k + 1].start, ...clip(mid, flagged[k + 1].start));
    }
  }
  const lastEnd = flagged[flagged.length - 1].end;
  mass += towardsLeft(lastEnd, ...clip(lastEnd, Infinity));
  return mass / width;
}

/** Precision (NaN when nothing is flagged in the zone) and recall of each affiliation zone. */
export function affiliationZones(
  flagged: Interval[],
  events: Interval[],
  range: Interval,
): { precision: number; recall: number }[] {
  return events.map((event, j) => {
    const zone = {
      start: j === 0 ? range.start : (events[j - 1].end + event.start) / 2,
      end: j === events.length - 1 ? range.end : (event.end + events[j + 1].start) / 2,
    };
    const inZone = flagged
      .map((f) => ({ start: Math.max(f.start, zone.start), end: Math.min(f.end, zone.end) }))
      .filter((f) => f.end > f.start);
    if (inZone.length === 0) return { precision: NaN, recall: 0 };

    const flaggedLength = inZone.reduce((sum, f) => sum + (f.end - f.start), 0);
    const mass = inZone.reduce((sum, f) => sum + precisionMass(event, zone, f.start, f.end), 0);
    return {
      precision: mass / flaggedLength,
      recall: recallMass(event, zone, inZone) / (event.end - event.start),
    };
  });
}

/** Affiliation of flagged intervals against labelled ones, time line [range.start, range.end). */
export function affiliationOfIntervals(
  flagged: Interval[],
  events: Interval[],
  range: Interval,
): Affiliation {
  if (events.length === 0) return { precision: NaN, recall: NaN, f1: NaN };
  const zones = affiliationZones(flagged, events, range);

  const defined = zones.filter((z) => !Number.isNaN(z.precision));
  const precision =
    defined.length > 0 ? defined.reduce((sum, z) => sum + z.precision, 0) / defined.length : NaN;
  const recall = zones.reduce((sum, z) => sum + z.recall, 0) / zones.length;
  const f1 =
    defined.length > 0 && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : 0;
  return { precision, recall, f1 };
}

/** Affiliation metrics of a 0/1 prediction against 0/1 labels, row t being [t, t + 1). */
export function affiliation(predicted: ArrayLike<number>, labels: ArrayLike<number>): Affiliation {
  const toIntervals = (flags: ArrayLike<number>): Interval[] =>
    findSegments(flags).map(({ first, last }) => ({ start: first, end: last + 1 }));
  return affiliationOfIntervals(toIntervals(predicted), toIntervals(labels), {
    start: 0,
    end: labels.length,
  });
}
