/**
 * The scoring rule of a trained model, its statistics and their stored form.
 *
 * Called by the Detector: after training to fit the statistics on the training data (and
 * score it once for the threshold), when scoring, and when saving and loading the model.
 * `config.scoring` chooses the rule: 'product' (product-scoring.ts) or 'paper'
 * (paper-scoring.ts).
 */
import { PostConfig } from '../config';
import { PostError } from '../errors';
import { ScoreResult } from '../types';
import { PostModel } from '../model/post-model';
import { StoredScoring } from '../store/model-files';
import { PaperStats, fitPaperStats, paperScores } from './paper-scoring';
import { ProductStats, fitProductStats, productScores, productSignals } from './product-scoring';
import { RunOptions, StandardSeries } from './scorer';
import { LEVELS } from './tail-calibration';

/**
 * Limitation: only the statistics of the configured rule are fitted after training, so a
 * model trained with one `scoring` cannot score with the other without training again.
 */
export type ScoringStats = PaperStats | ProductStats;

/** Fits the statistics on the training data and returns its time-wise scores. */
export async function fitScoring(
  model: PostModel,
  train: StandardSeries,
  config: PostConfig,
  batchSize: number,
  options: RunOptions,
): Promise<{ stats: ScoringStats; timeScore: Float32Array }> {
  if (config.scoring === 'product') {
    const signals = await productSignals(model, train, config, batchSize, options);
    const stats = fitProductStats(signals);
    return { stats, timeScore: productScores(signals, stats).timeScore };
  }
  // The statistics pass reports no progress of its own; the scoring pass after it does.
  const stats = await fitPaperStats(model, train, config, batchSize, { signal: options.signal });
  const result = await paperScores(model, train, config, stats, batchSize, options);
  return { stats, timeScore: result.timeScore };
}

/** Scores a standardised series with the fitted rule. */
export async function scoreWith(
  model: PostModel,
  series: StandardSeries,
  config: PostConfig,
  stats: ScoringStats,
  batchSize: number,
  options: RunOptions,
): Promise<ScoreResult> {
  if (stats.kind === 'product') {
    const signals = await productSignals(model, series, config, batchSize, options);
    return productScores(signals, stats);
  }
  return paperScores(model, series, config, stats, batchSize, options);
}

export function scoringToStored(stats: ScoringStats): StoredScoring {
  if (stats.kind === 'paper') {
    return {
      kind: 'paper',
      arrays: { spatialMean: stats.spatialMean, spatialStd: stats.spatialStd },
      numbers: {},
    };
  }
  const tails = stats.residualTails;
  return {
    kind: 'product',
    arrays: {
      residualMean: stats.residualMean,
      residualStd: stats.residualStd,
      residualLevels: tails.levels,
      residualLevelSurprisal: tails.levelSurprisal,
      residualTailScale: tails.tailScale,
    },
    numbers: { residualTrainingRows: tails.rows },
  };
}

/** The statistics of a model folder; PostError kind 'model' when one is missing. */
export function scoringFromStored(
  stored: StoredScoring,
  channels: number,
  dir: string,
): ScoringStats {
  const missing = (name: string) =>
    new PostError(
      'model',
      `The model folder ${dir} is damaged: scoring statistic ${name} is missing or has the ` +
        'wrong length. Train and save the model again.',
      { file: dir },
    );
  const array = (name: string, length = channels): Float32Array => {
    const found = stored.arrays[name];
    if (found === undefined || found.length !== length) throw missing(name);
    return found;
  };
  const number = (name: string): number => {
    const found = stored.numbers[name];
    if (found === undefined) throw missing(name);
    return found;
  };

  if (stored.kind === 'paper') {
    return { kind: 'paper', spatialMean: array('spatialMean'), spatialStd: array('spatialStd') };
  }
  return {
    kind: 'product',
    residualMean: array('residualMean'),
    residualStd: array('residualStd'),
    residualTails: {
      channels,
      rows: number('residualTrainingRows'),
      levels: array('residualLevels', channels * LEVELS),
      levelSurprisal: array('residualLevelSurprisal', channels * LEVELS),
      tailScale: array('residualTailScale'),
    },
  };
}
