/**
 * The baselines by name, each scoring a test series from a training series, so the command
 * line and the benchmark run them through the same evaluation as the model.
 */
import { ScoreResult } from '../types';
import { pcaBaseline } from './pca';
import { randomBaseline } from './random';
import { SeriesData } from './seriesData';
import { zScoreBaseline } from './zscore';

export type BaselineName = 'pca' | 'zscore' | 'random';

export type Baseline = (
  train: SeriesData,
  test: SeriesData,
  options?: { seed?: number },
) => ScoreResult;

export const BASELINES: Record<BaselineName, { run: Baseline; description: string }> = {
  pca: {
    run: (train, test) => pcaBaseline(train, test),
    description: 'PCA, 5 components, squared reconstruction error of z-scored values',
  },
  zscore: {
    run: (train, test) => zScoreBaseline(train, test),
    description: 'largest absolute z-score over channels',
  },
  random: {
    run: (train, test, options) => randomBaseline(train, test, options),
    description: 'uniform random scores (seeded)',
  },
};

export { pcaBaseline } from './pca';
export { zScoreBaseline } from './zscore';
export { randomBaseline, randomScores } from './random';
export type { SeriesData } from './seriesData';
