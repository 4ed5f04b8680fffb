/**
 * Range-AUC and VUS ("Volume Under the Surface", Paparrizos, Boniol, Palpanas, Tsay, Elmore,
 * Franklin, VLDB 2022), the threshold-free, range-aware measures that TSB-UAD and TSB-AD rank
 * detectors by. Written from the paper's definitions.
 *
 * Reading of the definitions, for a buffer length ℓ (rows):
 * - Soft labels: 1 inside a labelled segment; a row d = 1 ... ⌊ℓ/2⌋ rows before the start
 *   or after the end of a segment gets √(1 − d/ℓ) (the largest where buffers overlap); 0
 *   elsewhere.
 * - At a threshold v (rows with score ≥ v flagged): TP = Σ soft·flag,
 *   P = (Σ soft + Σ label)/2, R-TPR = min(1, TP / P) × existence, where existence is the
 *   share of buffered segments (maximal runs of soft label > 0) with at least one flagged row;
 *   R-FPR = (Σ flag − TP) / (n − P); R-precision = TP / Σ flag.
 * - Range-AUC-ROC: trapezoid over (R-FPR, R-TPR) from (0, 0) to (1, 1). Range-AUC-PR:
 *   trapezoid over (R-TPR, R-precision) starting at (0, 1), over the thresholds only.
 * - VUS-ROC / VUS-PR: the mean of those areas over ℓ = 0, 1, ..., maxBuffer.
 * Every distinct score is a threshold (the authors' code samples 250 of them, and its buffer
 * after a segment is one row shorter than before it); both differences move the figures by
 * little, and exact thresholds make the result independent of sampling.
 */
import { findSegments } from './segments';
import { descendingOrder } from './pointwise';

export interface RangeAuc {
  roc: number;
  pr: number;
}

/** Soft labels for buffer length ℓ and the buffered segment index of each row (−1: none). */
export function softLabels(
  labels: ArrayLike<number>,
  buffer: number,
): { soft: Float64Array; region: Int32Array; regions: number } {
  const n = labels.length;
  const soft = new Float64Array(n);
  const half = Math.floor(buffer / 2);

  for (const { first, last } of findSegments(labels)) {
    for (let t = first; t <= last; t++) soft[t] = 1;
    for (let d = 1; d <= half; d++) {
      const weight = Math.sqrt(1 - d / buffer);
      if (first - d >= 0) soft[first - d] = Math.max(soft[first - d], weight);
      if (last + d < n) soft[last + d] = Math.max(soft[last + d], weight);
    }
  }

  const region = new Int32Array(n).fill(-1);
  let regions = 0;
  for (const { first, last } of findSegments(soft)) {
    region.fill(regions, first, last + 1);
    regions++;
  }
  return { soft, region, regions };
}

/** Range-AUC-ROC and range-AUC-PR for one buffer length, given the descending score order. */
function rangeAucOrdered(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  order: Uint32Array,
  buffer: number,
): RangeAuc {
  const n = scores.length;
  const { soft, region, regions } = softLabels(labels, buffer);
  let softSum = 0;
  let labelSum = 0;
  for (let t = 0; t < n; t++) {
    softSum += soft[t];
    if (labels[t] !== 0) labelSum++;
  }
  const positives = (softSum + labelSum) / 2;
  const negatives = n - positives;
  if (regions === 0 || negatives <= 0) return { roc: NaN, pr: NaN };

  // Sweep the threshold down through the scores; each tie group is one threshold.
  const hit = new Uint8Array(regions);
  let found = 0;
  let truePositive = 0;
  let [lastTpr, lastFpr, lastPrecision] = [0, 0, 1];
  let roc = 0;
  let pr = 0;
  for (let k = 0; k < n; k++) {
    const t = order[k];
    truePositive += soft[t];
    const r = region[t];
    if (r >= 0 && hit[r] === 0) {
      hit[r] = 1;
      found++;
    }
    if (k + 1 < n && scores[order[k + 1]] === scores[t]) continue;

    const tpr = Math.min(1, truePositive / positives) * (found / regions);
    const fpr = (k + 1 - truePositive) / negatives;
    const precision = truePositive / (k + 1);
    roc += ((fpr - lastFpr) * (tpr + lastTpr)) / 2;
    pr += ((tpr - lastTpr) * (precision + lastPrecision)) / 2;
    [lastTpr, lastFpr, lastPrecision] = [tpr, fpr, precision];
  }
  roc += ((1 - lastFpr) * (1 + lastTpr)) / 2;
  return { roc, pr };
}

/** Range-AUC-ROC and range-AUC-PR for one buffer length ℓ (rows). */
export function rangeAuc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  buffer: number,
): RangeAuc {
  return rangeAucOrdered(scores, labels, descendingOrder(scores), buffer);
}

/** VUS-ROC and VUS-PR: range-AUCs averaged over buffer lengths 0 ... maxBuffer. */
export function volumeUnderSurface(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxBuffer: number,
): RangeAuc {
  const order = descendingOrder(scores);
  let roc = 0;
  let pr = 0;

  const buffers = Math.max(0, Math.floor(maxBuffer));
  for (let buffer = 0; buffer <= buffers; buffer++) {
    const area = rangeAucOrdered(scores, labels, order, buffer);
    roc += area.roc;
    pr += area.pr;
  }
  return { roc: roc / (buffers + 1), pr: pr / (buffers + 1) };
}
