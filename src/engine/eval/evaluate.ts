/**
 * The evaluation entry point: every time-wise and localization figure of a scored series
 * against its labels, with what seeded random scores get on the same labels beside them.
 * Called by the command line (`post-ad evaluate`), the extension's results panel and the
 * benchmark. It never changes the detector's threshold: the label-tuned figures exist only
 * as clearly named "paper protocol" fields.
 */
import { PostError } from '../errors';
import { Random } from '../random';
import { ChannelLabels, ScoreResult } from '../types';
import { LocalizationMetrics, TimewiseMetrics, Evaluation } from './metrics';
import { localizationMetrics } from './localizationMetrics';
import { flagAbove } from './segments';
import { timewiseMetrics } from './timewise';

export type { Evaluation, LocalizationMetrics, TimewiseMetrics } from './metrics';
export { formatEvaluation } from './format';

export interface EvaluationInput {
  /** Time and channel scores of the evaluated series. */
  scores: ScoreResult;
  /** The product's own threshold (fitted without labels). */
  threshold: number;
  /** Per row; when absent but channel labels are given, a row is anomalous if any cell is. */
  labels?: Uint8Array;
  /** Per row × channel. */
  channelLabels?: ChannelLabels;
  /** Percent, for the paper protocol's starting percentile (default 0.5, the presets' value). */
  anomalyRatio?: number;
  /** For the paper protocol (percentile over train + test). */
  trainingScores?: Float32Array;
  /** Training channel scores, for the channel-wise protocol's percentile (else test only). */
  trainingChannelScores?: Float32Array;
  /** Typical window, rows (e.g. the model's window); VUS buffers reach twice it (default 50). */
  typicalWindow?: number;
}

export interface EvaluationOptions {
  /** Seed of the random orders (default 1). */
  seed?: number;
  /** Random orders averaged for `random` (default 3; 0 leaves `random` out). */
  randomDraws?: number;
}

const DEFAULT_ANOMALY_RATIO = 0.5;
// Limitation: without a typical window from the caller, VUS uses a fixed 50 rows (the default
// preset's window) instead of estimating the data's period, as TSB-UAD does by autocorrelation.
const DEFAULT_TYPICAL_WINDOW = 50;

/**
 * Every figure the labels allow: time-wise ones with row labels (or channel labels), the
 * localization ones with channel labels; `random` beside them unless `randomDraws` is 0.
 * Returns {} when there are no labels at all. Throws a PostError on mismatched inputs.
 */
export function evaluate(input: EvaluationInput, options: EvaluationOptions = {}): Evaluation {
  checkInput(input);
  const { scores } = input;
  const labels = input.labels ?? rowsWithLabelledCells(input.channelLabels);
  if (!labels) return {};

  const anomalyRatio = input.anomalyRatio ?? DEFAULT_ANOMALY_RATIO;
  const vusMaxBuffer = 2 * (input.typicalWindow ?? DEFAULT_TYPICAL_WINDOW);
  const measure = (
    score: ScoreResult,
    threshold: number,
    trainingScores?: Float32Array,
    trainingChannelScores?: Float32Array,
  ): { timewise?: TimewiseMetrics; localization?: LocalizationMetrics } => ({
    timewise: labels
      ? timewiseMetrics({
          timeScore: score.timeScore,
          labels,
          threshold,
          trainingScores,
          anomalyRatio,
          vusMaxBuffer,
        })
      : undefined,
    localization: input.channelLabels
      ? localizationMetrics({
          channelScore: score.channelScore,
          channelLabels: input.channelLabels,
          flagged: flagAbove(score.timeScore, threshold),
          labels: input.labels,
          trainingChannelScores,
          anomalyRatio,
        })
      : undefined,
  });

  const own = measure(scores, input.threshold, input.trainingScores, input.trainingChannelScores);
  const draws = options.randomDraws ?? 3;
  if (draws <= 0) return own;

  // Chance level: the detector's own scores in a random order (rows shuffled, cells shuffled).
  // The score distribution, the threshold, the number of flagged rows and the paper protocol's
  // percentile stay the detector's; only the link between score and time is broken. Uniform
  // scores would not do: the protocol's search window (0.15) is in absolute score units.
  const randomRuns = [];
  for (let d = 0; d < draws; d++) {
    const random = Random.stream((options.seed ?? 1) + d, 'evaluation-chance');
    const shuffled: ScoreResult = {
      ...scores,
      timeScore: shuffle(scores.timeScore, random),
      channelScore: shuffle(scores.channelScore, random),
    };
    randomRuns.push(
      measure(shuffled, input.threshold, input.trainingScores, input.trainingChannelScores),
    );
  }
  return {
    ...own,
    random: {
      timewise: own.timewise && meanRecord(randomRuns.map((r) => r.timewise as TimewiseMetrics)),
      localization:
        own.localization &&
        meanRecord(randomRuns.map((r) => r.localization as LocalizationMetrics)),
    },
  };
}

/** A shuffled copy (Fisher-Yates). */
function shuffle(values: Float32Array, random: Random): Float32Array {
  const out = Float32Array.from(values);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const held = out[i];
    out[i] = out[j];
    out[j] = held;
  }
  return out;
}

function rowsWithLabelledCells(channelLabels?: ChannelLabels): Uint8Array | undefined {
  if (!channelLabels) return undefined;
  const { rows, channels: C, cells } = channelLabels;
  const labels = new Uint8Array(rows);
  for (let t = 0; t < rows; t++) {
    for (let c = 0; c < C; c++) if (cells[t * C + c] !== 0) labels[t] = 1;
  }
  return labels;
}

/** Field-wise mean of records with the same numeric fields. */
function meanRecord<T extends object>(records: T[]): T {
  const out: Record<string, number> = {};
  for (const key of Object.keys(records[0])) {
    let sum = 0;
    for (const r of records) sum += (r as Record<string, number>)[key];
    out[key] = sum / records.length;
  }
  return out as T;
}

function checkInput(input: EvaluationInput): void {
  const { scores } = input;
  const problem = (message: string, setting?: string): PostError =>
    new PostError(setting ? 'setting' : 'input', message, setting ? { setting } : {});

  if (scores.timeScore.length !== scores.rows) {
    throw problem(
      `The scores hold ${scores.timeScore.length} row scores for ${scores.rows} rows; ` +
        'rescore the file.',
    );
  }
  if (scores.channelScore.length !== scores.rows * scores.channels) {
    throw problem(
      `The channel scores hold ${scores.channelScore.length} values, not ${scores.rows} rows × ` +
        `${scores.channels} channels; rescore the file.`,
    );
  }
  if (input.labels && input.labels.length !== scores.rows) {
    throw problem(
      `The labels cover ${input.labels.length} rows but the scored series has ${scores.rows}; ` +
        'give one label per data row.',
    );
  }
  const cl = input.channelLabels;
  const fits = (l: ChannelLabels): boolean =>
    l.rows === scores.rows &&
    l.channels === scores.channels &&
    l.cells.length === l.rows * l.channels;
  if (cl && !fits(cl)) {
    throw problem(
      `The channel labels cover ${cl.rows} rows × ${cl.channels} channels but the scored series ` +
        `has ${scores.rows} × ${scores.channels}; give channel labels for the same file.`,
    );
  }
  if (!Number.isFinite(input.threshold)) {
    const message = `The threshold is ${input.threshold}; fit it on the training scores first.`;
    throw problem(message, 'threshold');
  }
  const ratio = input.anomalyRatio;
  if (ratio !== undefined && !(ratio >= 0.001 && ratio <= 50)) {
    const message = `Setting 'anomalyRatio' is ${ratio}; it must be a number from 0.001 to 50.`;
    throw problem(message, 'anomalyRatio');
  }
}
