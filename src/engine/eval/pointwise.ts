/**
 * Point-wise precision, recall and F1 (each row is one sample, positive = anomalous), as
 * sklearn's `precision_recall_fscore_support(average='binary')` computes them, and the best F1
 * over every threshold. Used by the time-wise metrics and the channel-wise ones (flattened).
 */

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Scores of a 0/1 prediction against 0/1 labels. An empty prediction has precision 0 and an
 * empty label set recall 0 (sklearn's `zero_division=0`), so F1 is 0 rather than undefined.
 */
export function precisionRecallF1(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
): PrecisionRecallF1 {
  let truePositives = 0;
  let predictedPositives = 0;
  let actualPositives = 0;

  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i] !== 0;
    const y = labels[i] !== 0;
    if (p) predictedPositives++;
    if (y) actualPositives++;
    if (p && y) truePositives++;
  }
  return fromCounts(truePositives, predictedPositives, actualPositives);
}

export function fromCounts(
  truePositives: number,
  predictedPositives: number,
  actualPositives: number,
): PrecisionRecallF1 {
  const precision = predictedPositives > 0 ? truePositives / predictedPositives : 0;
  const recall = actualPositives > 0 ? truePositives / actualPositives : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Indices of the scores in descending order (NaN last). */
export function descendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const key = (i: number): number => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  return order.sort((a, b) => key(b) - key(a));
}

/**
 * The best point-wise F1 over all thresholds (flag `score >= v` for every distinct score v)
 * and the score at which it is reached. It looks at the labels, so it is an upper bound on
 * what any threshold fitted without them can give, never a figure of the detector itself.
 */
export function bestF1(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { f1: number; threshold: number } {
  const order = descendingOrder(scores);
  let actualPositives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) actualPositives++;

  let best = { f1: 0, threshold: Infinity };
  let truePositives = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (labels[i] !== 0) truePositives++;

    // Tied scores are flagged together: evaluate only at the end of a run of equal scores.
    if (k + 1 < order.length && scores[order[k + 1]] === scores[i]) continue;
    const { f1 } = fromCounts(truePositives, k + 1, actualPositives);
    if (f1 > best.f1) best = { f1, threshold: scores[i] };
  }
  return best;
}
