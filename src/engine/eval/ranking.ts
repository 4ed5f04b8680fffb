/**
 * Threshold-free ranking metrics of a score against 0/1 labels: AUC-ROC (as sklearn's
 * `roc_auc_score`) and AUC-PR as average precision (as sklearn's `average_precision_score`,
 * the step form, not a trapezoid). Used for the time-wise score and the flattened channel
 * scores.
 */
/**
 * Calls `visit(positives, negatives)` for each run of tied scores, highest scores first. The
 * scores of anomalous and normal samples are sorted apart (native numeric sort, no index
 * comparator) and merged, which keeps a million channel cells fast. NaN scores rank lowest.
 */
export function forEachTieGroup(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  visit: (positives: number, negatives: number) => void,
): void {
  const positives = countPositives(labels);
  const anomalous = new Float64Array(positives);
  const normal = new Float64Array(labels.length - positives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = Number.isNaN(scores[i]) ? -Infinity : scores[i];
    if (labels[i] !== 0) anomalous[p++] = v;
    else normal[q++] = v;
  }
  anomalous.sort();
  normal.sort();

  // Walk both ascending arrays from their ends, one distinct value at a time.
  p = anomalous.length - 1;
  q = normal.length - 1;
  while (p >= 0 || q >= 0) {
    const value = Math.max(p >= 0 ? anomalous[p] : -Infinity, q >= 0 ? normal[q] : -Infinity);
    let groupPositives = 0;
    let groupNegatives = 0;
    while (p >= 0 && anomalous[p] === value) {
      groupPositives++;
      p--;
    }
    while (q >= 0 && normal[q] === value) {
      groupNegatives++;
      q--;
    }
    visit(groupPositives, groupNegatives);
  }
}

function countPositives(labels: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) n++;
  return n;
}

/**
 * Area under the ROC curve: the probability that a random anomalous row scores above a random
 * normal one, ties counting one half (the trapezoid over tied scores, as sklearn). NaN when the
 * labels hold a single class. NaN scores rank lowest.
 */
export function aucRoc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const totalPositives = countPositives(labels);
  const totalNegatives = labels.length - totalPositives;
  if (totalPositives === 0 || totalNegatives === 0) return NaN;

  let area = 0;
  let positivesAbove = 0;
  forEachTieGroup(scores, labels, (positives, negatives) => {
    area += negatives * (positivesAbove + positives / 2);
    positivesAbove += positives;
  });
  return area / (totalPositives * totalNegatives);
}

/**
 * Average precision: Σ (R_k − R_{k−1}) · P_k over the distinct thresholds, highest first.
 * Its chance level is the share of anomalous rows. NaN when no row is labelled.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const totalPositives = countPositives(labels);
  if (totalPositives === 0) return NaN;

  let sum = 0;
  let truePositives = 0;
  let flagged = 0;
  forEachTieGroup(scores, labels, (positives, negatives) => {
    truePositives += positives;
    flagged += positives + negatives;
    sum += (positives / totalPositives) * (truePositives / flagged);
  });
  return sum;
}
