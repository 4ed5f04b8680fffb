/**
 * Largest absolute z-score baseline: each value z-scored with the training mean and standard
 * deviation of its channel; a row scores its largest |z|. The simplest statistic a detector
 * has to beat, for the benchmark and the evaluation.
 */
import { fitStats, standardize } from '../data/normalize';
import { ScoreResult } from '../types';
import { checkPair, SeriesData } from './seriesData';

/** Channel score: |z|; time score: max over channels of |z|. */
export function zScoreBaseline(train: SeriesData, test: SeriesData): ScoreResult {
  checkPair(train, test);
  const C = train.channels.length;
  const z = standardize(test.values, fitStats(train));

  const channelScore = new Float32Array(test.rows * C);
  const timeScore = new Float32Array(test.rows);
  for (let t = 0; t < test.rows; t++) {
    let largest = 0;
    for (let c = 0; c < C; c++) {
      const v = Math.abs(z[t * C + c]);
      channelScore[t * C + c] = v;
      if (v > largest) largest = v;
    }
    timeScore[t] = largest;
  }
  return { timeScore, channelScore, rows: test.rows, channels: C };
}
