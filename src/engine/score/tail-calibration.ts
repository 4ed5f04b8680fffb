/**
 * Tail calibration: how unusual a value is against the training values of the same channel,
 * as a surprisal s = −log10(share of training values at least as large). s = 2 means "larger
 * than all but 1 in 100 training rows"; it puts channels whose residuals have different
 * spreads and tail shapes on one scale, so that the largest over channels is meaningful.
 *
 * Used by the product scoring (product-scoring.ts) on the model's per-channel residuals.
 *
 * The empirical curve is kept as a table per channel: LEVELS training values, chosen at
 * surprisals spaced about evenly from 0 to log10(n + 1), each with its exact surprisal,
 * linearly interpolated in between.
 * A few hundred numbers per channel, whatever the number of training rows, rather than the
 * sorted training values themselves (which would make a 1M-row model hundreds of MB).
 * Past the largest training value the curve goes on as an exponential tail, whose scale is
 * the mean excess of the top TAIL_SHARE of the training values over their lower bound: a
 * residual twice as far past the training maximum is more surprising, instead of tying with
 * every other value past it (ties at the top cost ranking quality: SMD machine-2-1 AUC-PR
 * 0.45 with a capped surprisal, 0.49 with the tail).
 */

/** Surprisal levels stored per channel. */
export const LEVELS = 129;

/** Share of the training values whose mean excess sets the tail's scale. */
const TAIL_SHARE = 0.01;

/** The tail's scale is estimated from at least this many values. */
const TAIL_MIN_VALUES = 5;

/** A channel's tail scale is at least this share of the median scale over channels. */
const TAIL_SCALE_FLOOR = 0.05;

/**
 * Surprisals are capped here only so that they stay finite (an infinite residual, a moving
 * mean over it). The cap is far above any surprisal a training set can give (about 6 for a
 * million rows), so that rows far past the training data keep their order: a cap at 30 tied
 * every row of the SKAB valve files, whose operating point lies outside the anomaly-free
 * training file, and left them at chance (AUC-PR 0.35 on valve1/0; 0.92 without the ties).
 */
export const MAX_SURPRISAL = 1e6;

export interface TailTables {
  channels: number;
  /** Training rows the tables were fitted on (n). */
  rows: number;
  /** Per channel, LEVELS training values ascending, near the surprisals j · log10(n + 1) /
   *  (LEVELS − 1). Row-major channels × LEVELS. */
  levels: Float32Array;
  /** The exact surprisal of each level's value, −log10((1 + #{training ≥ value}) / (n + 1)),
   *  so that ties and the rounding of the levels to training rows cost no accuracy. */
  levelSurprisal: Float32Array;
  /** Per channel, the exponential tail's scale past the largest training value. */
  tailScale: Float32Array;
}

/** Fits the tables on training values, row-major rows × channels. */
export function fitTailTables(values: Float32Array, rows: number, channels: number): TailTables {
  const levels = new Float32Array(channels * LEVELS);
  const levelSurprisal = new Float32Array(channels * LEVELS);
  const tailScale = new Float32Array(channels);
  const column = new Float64Array(rows);
  const top = topLevel(rows);

  for (let c = 0; c < channels; c++) {
    for (let t = 0; t < rows; t++) column[t] = values[t * channels + c];
    column.sort();

    // Level j holds the value exceeded or equalled by k_j = (n + 1)·10^(−s_j) − 1 rows.
    for (let j = 0; j < LEVELS; j++) {
      const atLeast = Math.round((rows + 1) * 10 ** (-(j * top) / (LEVELS - 1)) - 1);
      const k = Math.min(rows, Math.max(1, atLeast));
      const value = column[rows - k];
      levels[c * LEVELS + j] = value;
      const ties = rows - firstAtLeast(column, value);
      levelSurprisal[c * LEVELS + j] = Math.max(0, -Math.log10((1 + ties) / (rows + 1)));
    }

    const k = Math.min(rows, Math.max(TAIL_MIN_VALUES, Math.floor(rows * TAIL_SHARE)));
    const floor = column[rows - k];
    let excess = 0;
    for (let i = rows - k; i < rows; i++) excess += column[i] - floor;
    tailScale[c] = excess / k;
  }
  return { channels, rows, levels, levelSurprisal, tailScale: withFloor(tailScale) };
}

/**
 * The surprisal of `value` in channel `c`: 0 at or below the training minimum. A value equal
 * to a level takes the lowest level holding it, so that a value shared by many training rows
 * (a channel constant in training) counts as common, as the share of rows at least as large
 * says.
 */
export function surprisal(tables: TailTables, c: number, value: number): number {
  if (!(value === value)) return MAX_SURPRISAL; // NaN: nothing in training was like it
  const { levels, levelSurprisal, tailScale } = tables;
  const base = c * LEVELS;
  const last = base + LEVELS - 1;
  if (value <= levels[base]) return levels[base] === value ? levelSurprisal[base] : 0;
  if (value > levels[last]) {
    const beyond = ((value - levels[last]) / tailScale[c]) * Math.LOG10E;
    return Math.min(MAX_SURPRISAL, levelSurprisal[last] + beyond);
  }

  // The first level at or above the value (lower bound), then linear interpolation from the
  // level before it.
  let lo = base;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (levels[mid] < value) lo = mid;
    else hi = mid;
  }
  if (levels[hi] === value) return levelSurprisal[hi];
  const along = (value - levels[lo]) / (levels[hi] - levels[lo]);
  return levelSurprisal[lo] + along * (levelSurprisal[hi] - levelSurprisal[lo]);
}

/** Index of the first value ≥ `value` in the ascending `sorted`. */
function firstAtLeast(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Floors each channel's tail scale at TAIL_SCALE_FLOOR of the median over channels, so that
 * a channel nearly constant in training does not call a tiny excursion past its training
 * maximum a one-in-10^30 event.
 */
function withFloor(scale: Float32Array): Float32Array {
  const sorted = Float64Array.from(scale).sort();
  const typical = sorted[Math.floor(sorted.length / 2)];
  const floor = Math.max(TAIL_SCALE_FLOOR * typical, 1e-6);
  return Float32Array.from(scale, (s) => Math.max(s, floor));
}

/** The largest level: log10(n + 1), the surprisal of one value past n training values. */
function topLevel(rows: number): number {
  return Math.log10(rows + 1);
}
