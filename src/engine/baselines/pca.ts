/**
 * PCA reconstruction baseline: channels z-scored with the training mean and standard
 * deviation, the top principal components of the training covariance kept, and each test row
 * scored by how badly those components reconstruct it. A strong, two-line reference that the
 * benchmark and the evaluation set beside the model (bench/, reference-figures.md).
 */
import { fitStats, standardize } from '../data/normalize';
import { ScoreResult } from '../types';
import { symmetricEigen } from './eigen';
import { checkPair, SeriesData } from './seriesData';

export interface PcaOptions {
  /** Principal components kept (default 5, at most the number of channels). */
  components?: number;
}

/**
 * Channel score: squared reconstruction error of the z-scored value; time score: its mean
 * over the channels.
 */
export function pcaBaseline(
  train: SeriesData,
  test: SeriesData,
  options: PcaOptions = {},
): ScoreResult {
  checkPair(train, test);
  const C = train.channels.length;
  const K = Math.min(options.components ?? 5, C);
  const stats = fitStats(train);

  // Covariance of the z-scored training rows (their mean is 0 by construction).
  const z = standardize(train.values, stats);
  const covariance = new Float64Array(C * C);
  for (let t = 0; t < train.rows; t++) {
    const row = t * C;
    for (let i = 0; i < C; i++) {
      const zi = z[row + i];
      if (zi === 0) continue;
      for (let j = i; j < C; j++) covariance[i * C + j] += zi * z[row + j];
    }
  }
  for (let i = 0; i < C; i++) {
    for (let j = i; j < C; j++) {
      covariance[i * C + j] /= train.rows;
      covariance[j * C + i] = covariance[i * C + j];
    }
  }
  const { vectors } = symmetricEigen(covariance, C);

  // Reconstruct each z-scored test row from its projection on the top K components.
  const zTest = standardize(test.values, stats);
  const channelScore = new Float32Array(test.rows * C);
  const timeScore = new Float32Array(test.rows);
  const coefficient = new Float64Array(K);
  for (let t = 0; t < test.rows; t++) {
    const row = t * C;
    for (let k = 0; k < K; k++) {
      let dot = 0;
      for (let i = 0; i < C; i++) dot += vectors[k * C + i] * zTest[row + i];
      coefficient[k] = dot;
    }
    let sum = 0;
    for (let i = 0; i < C; i++) {
      let reconstructed = 0;
      for (let k = 0; k < K; k++) reconstructed += coefficient[k] * vectors[k * C + i];
      const error = (zTest[row + i] - reconstructed) ** 2;
      channelScore[row + i] = error;
      sum += error;
    }
    timeScore[t] = sum / C;
  }
  return { timeScore, channelScore, rows: test.rows, channels: C };
}
