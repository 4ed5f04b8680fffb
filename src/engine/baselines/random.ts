/**
 * Seeded random baseline: uniform scores that know nothing of the data, the chance level every
 * figure of the evaluation is read against.
 */
import { Random } from '../random';
import { ScoreResult } from '../types';
import { checkPair, SeriesData } from './seriesData';

/** Uniform [0, 1) time and channel scores, the same for the same seed and shape. */
export function randomScores(rows: number, channels: number, seed: number): ScoreResult {
  const random = Random.stream(seed, 'random-baseline');
  const timeScore = new Float32Array(rows);
  for (let t = 0; t < rows; t++) timeScore[t] = random.next();
  const channelScore = new Float32Array(rows * channels);
  for (let i = 0; i < channelScore.length; i++) channelScore[i] = random.next();
  return { timeScore, channelScore, rows, channels };
}

/** `length` uniform [0, 1) numbers, the same for the same seed. */
export function uniformScores(length: number, seed: number): Float32Array {
  const random = Random.stream(seed, 'random-baseline');
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = random.next();
  return out;
}

/** The random baseline with the same call shape as the others (the training data is unused). */
export function randomBaseline(
  train: SeriesData,
  test: SeriesData,
  options: { seed?: number } = {},
): ScoreResult {
  checkPair(train, test);
  return randomScores(test.rows, test.channels.length, options.seed ?? 1);
}
