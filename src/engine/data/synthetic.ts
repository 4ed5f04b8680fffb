/**
 * The built-in benchmark (what `npm start` and `post-ad synth` run): a seeded multivariate
 * series whose channels follow a few shared latent factors, with seasonality, noise and slow
 * drift; a clean training part; and a test part with anomalies injected into chosen channels,
 * labelled per row and channel.
 *
 * Our own generator in the spirit of the SMD+ localisation benchmark of the POST paper, whose
 * generator is not public (method description, section 5). Rows are minutes from a fixed date.
 */
import { PostError } from '../errors';
import { ChannelLabels, Series } from '../types';
import { injectAnomalies } from './injectAnomalies';
import { createRng, Rng } from './prng';

export { writeSynthetic } from './writeSynthetic';

export interface SyntheticOptions {
  seed?: number;
  /** Channels (default 8). */
  channels?: number;
  /** Rows of the test part (default 3,000). */
  length?: number;
  /** Rows of the training part (default 3,000). */
  trainLength?: number;
}

export interface InjectedAnomaly {
  kind: AnomalyKind;
  /** First test row (0-based). */
  start: number;
  /** Last test row (0-based, inclusive). */
  end: number;
  /** Channel indices (0-based). */
  channels: number[];
}

export type AnomalyKind =
  | 'spike'
  | 'levelShift'
  | 'trend'
  | 'amplitude'
  | 'noiseBurst'
  | 'shapeChange'
  | 'correlationBreak';

export interface SyntheticData {
  train: Series;
  test: Series;
  channelLabels: ChannelLabels;
  anomalies: InjectedAnomaly[];
  /** The options the data were generated with, defaults filled in. */
  options: Required<SyntheticOptions>;
}

export const SYNTHETIC_DEFAULTS: Required<SyntheticOptions> = {
  seed: 1,
  channels: 8,
  length: 3000,
  trainLength: 3000,
};

/** First timestamp of the training part; one row per minute after it. */
export const SYNTHETIC_START = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

/** Periods (in rows, i.e. minutes) the factors' seasonality is drawn from. */
const PERIODS = [60, 144, 240, 480, 720, 1440];

/** Random streams of one seed: the clean signal, and the anomalies injected into it. */
const SIGNAL_STREAM = 0;
const ANOMALY_STREAM = 1;

export function generateSynthetic(options: SyntheticOptions = {}): SyntheticData {
  const opts = validated({ ...SYNTHETIC_DEFAULTS, ...definedOnly(options) });
  const { channels: C, trainLength, length } = opts;

  const clean = cleanSynthetic(opts);
  const trainValues = clean.slice(0, trainLength * C);
  const testValues = clean.slice(trainLength * C);
  const scale = channelStd(trainValues, trainLength, C);
  const { anomalies, cells } = injectAnomalies(createRng(opts.seed, ANOMALY_STREAM), {
    test: testValues,
    clean,
    trainLength,
    rows: length,
    channels: C,
    scale,
    factorOf: dominantFactors(C),
  });

  const rowLabels = new Uint8Array(length);
  for (let t = 0; t < length; t++) {
    for (let c = 0; c < C; c++) rowLabels[t] |= cells[t * C + c];
  }
  const trainLabels = new Uint8Array(trainLength);
  const source = `synthetic benchmark (seed ${opts.seed})`;
  return {
    train: syntheticSeries(`${source}, training part`, trainValues, C, 0, trainLabels),
    test: syntheticSeries(`${source}, test part`, testValues, C, trainLength, rowLabels),
    channelLabels: { rows: length, channels: C, cells },
    anomalies,
    options: opts,
  };
}

function minuteStamp(row: number): number {
  return SYNTHETIC_START + row * MINUTE;
}

/** A part of the benchmark as a Series; `first` is its first row's minute after the start. */
function syntheticSeries(
  source: string,
  values: Float32Array,
  C: number,
  first: number,
  labels: Uint8Array,
): Series {
  const rows = labels.length;
  return {
    source,
    channels: Array.from({ length: C }, (_, c) => `ch${c + 1}`),
    rows,
    values,
    timestamps: Float64Array.from({ length: rows }, (_, t) => minuteStamp(first + t)),
    timeColumn: 'timestamp',
    labels,
    labelSource: 'label',
    skippedColumns: [],
    imputation: { method: 'none', cells: 0 },
  };
}

/**
 * The series before any anomaly: training then test rows, row-major. The benchmark draws its
 * anomalies from a separate random stream, so this is exactly what they were injected into
 * (tests and benchmarks compare against it).
 */
export function cleanSynthetic(options: SyntheticOptions = {}): Float32Array {
  const opts = validated({ ...SYNTHETIC_DEFAULTS, ...definedOnly(options) });
  const rng = createRng(opts.seed, SIGNAL_STREAM);
  return cleanSeries(rng, opts.channels, opts.trainLength + opts.length);
}

function definedOnly(options: SyntheticOptions): SyntheticOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function validated(opts: Required<SyntheticOptions>): Required<SyntheticOptions> {
  const check = (key: keyof SyntheticOptions, min: number, max: number): void => {
    const value = opts[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new PostError(
        'setting',
        `The synthetic benchmark's '${key}' is ${value}; ` +
          `it must be an integer from ${min} to ${max}.`,
        { setting: key },
      );
    }
  };
  check('seed', 0, 2 ** 32 - 1);
  check('channels', 2, 1000);
  check('length', 200, 10_000_000);
  check('trainLength', 100, 10_000_000);
  return opts;
}

/**
 * Latent factors shared by the channels. There are about a third as many factors as channels
 * and each leads at least two channels, so every channel has neighbours that move with it.
 */
function factorCount(C: number): number {
  return Math.max(1, Math.min(4, Math.round(C / 3), Math.floor(C / 2)));
}

/** The factor that leads each channel (round robin, so each factor leads 2+ channels). */
function dominantFactors(C: number): number[] {
  const K = factorCount(C);
  return Array.from({ length: C }, (_, c) => c % K);
}

/** Row-major `rows` × `C` clean values: mixed factors, own seasonality, drift and noise. */
function cleanSeries(rng: Rng, C: number, rows: number): Float32Array {
  const K = factorCount(C);
  const factors = Array.from({ length: K }, () => factorSignal(rng, rows));
  const leader = dominantFactors(C);
  const values = new Float32Array(rows * C);

  for (let c = 0; c < C; c++) {
    const weights = Array.from({ length: K }, (_, k) =>
      k === leader[c] ? rng.sign() * rng.uniform(0.8, 1.2) : rng.uniform(-0.3, 0.3),
    );
    const offset = rng.uniform(-2, 10);
    const scale = rng.uniform(0.5, 5);
    const ownPeriod = PERIODS[rng.int(0, PERIODS.length - 1)] * rng.uniform(0.7, 1.3);
    const ownPhase = rng.uniform(0, 2 * Math.PI);
    const drift = rng.uniform(-0.2, 0.2);
    for (let t = 0; t < rows; t++) {
      let x = 0.2 * Math.sin((2 * Math.PI * t) / ownPeriod + ownPhase);
      for (let k = 0; k < K; k++) x += weights[k] * factors[k][t];
      x += (drift * t) / rows + 0.1 * rng.normal();
      values[t * C + c] = offset + scale * x;
    }
  }
  return values;
}

/** One factor: one or two seasonal waves plus a slowly wandering AR(1) component. */
function factorSignal(rng: Rng, rows: number): Float64Array {
  const waves = Array.from({ length: rng.int(1, 2) }, () => ({
    period: PERIODS[rng.int(0, PERIODS.length - 1)],
    amplitude: rng.uniform(0.5, 1),
    phase: rng.uniform(0, 2 * Math.PI),
  }));
  const signal = new Float64Array(rows);
  let wander = 0;
  for (let t = 0; t < rows; t++) {
    wander = 0.98 * wander + 0.04 * rng.normal();
    let x = wander;
    for (const wave of waves) {
      x += wave.amplitude * Math.sin((2 * Math.PI * t) / wave.period + wave.phase);
    }
    signal[t] = x;
  }
  return signal;
}

/** Population standard deviation per channel (the unit of every anomaly's size). */
function channelStd(values: Float32Array, rows: number, C: number): Float64Array {
  const mean = new Float64Array(C);
  const sq = new Float64Array(C);
  for (let t = 0; t < rows; t++) for (let c = 0; c < C; c++) mean[c] += values[t * C + c] / rows;
  for (let t = 0; t < rows; t++) {
    for (let c = 0; c < C; c++) sq[c] += (values[t * C + c] - mean[c]) ** 2 / rows;
  }
  return sq.map(Math.sqrt);
}
