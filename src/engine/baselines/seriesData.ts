/**
 * What a baseline needs of a series, and the check that a test file fits its training file.
 * Shared by the PCA, z-score and random baselines.
 */
import { PostError } from '../errors';
import { Series } from '../types';

/** The numeric part of a Series (tests and benchmarks can build one without a reader). */
export type SeriesData = Pick<Series, 'values' | 'rows' | 'channels'> & { source?: string };

/** Throws a PostError naming the test file when it cannot be scored against the training file. */
export function checkPair(train: SeriesData, test: SeriesData): void {
  checkShape(train);
  checkShape(test);
  if (train.channels.length !== test.channels.length) {
    throw new PostError(
      'input',
      `${test.source ?? 'The test series'} has ${test.channels.length} channels but the ` +
        `training series ${train.source ?? ''} has ${train.channels.length}; ` +
        'score a file with the same columns as the training file.',
      { file: test.source },
    );
  }
  if (train.rows === 0) {
    throw new PostError(
      'input',
      `The training series ${train.source ?? ''} has no rows; train on a file with data.`,
      { file: train.source },
    );
  }
}

function checkShape(series: SeriesData): void {
  if (series.values.length !== series.rows * series.channels.length) {
    throw new PostError(
      'input',
      `${series.source ?? 'A series'} holds ${series.values.length} values, not ` +
        `${series.rows} rows × ${series.channels.length} channels; re-read the file.`,
      { file: series.source },
    );
  }
}
