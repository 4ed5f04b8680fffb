/**
 * Injects the synthetic benchmark's anomalies into its test part and records the row ×
 * channel labels. Each anomaly sits in its own slot of the test part, so none overlap and a
 * clean stretch separates them; sizes are multiples of the channel's training std.
 *
 * Called by synthetic.ts only.
 */
import type { AnomalyKind, InjectedAnomaly } from './synthetic';
import { Rng } from './prng';

export const ANOMALY_KINDS: readonly AnomalyKind[] = [
  'spike',
  'levelShift',
  'trend',
  'amplitude',
  'noiseBurst',
  'shapeChange',
  'correlationBreak',
];

export interface InjectionInput {
  /** Row-major test values (`rows` × `channels`), changed in place. */
  test: Float32Array;
  /** Row-major clean values of training then test part (source of correlation breaks). */
  clean: Float32Array;
  trainLength: number;
  rows: number;
  channels: number;
  /** Training std per channel. */
  scale: Float64Array;
  /** Leading latent factor per channel: multi-channel anomalies hit related channels. */
  factorOf: number[];
}

/** Test rows per anomaly: about 10 anomalies in the default 3,000 rows. */
const ROWS_PER_ANOMALY = 300;
/** Clean rows at the start of the test part, so the first windows show normal behaviour. */
const LEAD_IN = 100;
/** Rows over which a correlation break fades in and out. */
const FADE_ROWS = 5;

/**
 * Adds anomalies to `input.test` and returns them with their labels. Every kind appears once
 * before any repeats; spikes are 1–5 rows (a point anomaly is short by nature), the other
 * kinds 20–120 rows; each touches 1–3 channels (a correlation break touches one).
 */
export function injectAnomalies(
  rng: Rng,
  input: InjectionInput,
): { anomalies: InjectedAnomaly[]; cells: Uint8Array } {
  const { rows, channels: C } = input;
  const count = Math.max(1, Math.round(rows / ROWS_PER_ANOMALY));
  const kinds = kindsFor(rng, count);
  const leadIn = Math.min(LEAD_IN, Math.floor(rows / 20));
  const slot = Math.floor((rows - leadIn) / count);
  const cells = new Uint8Array(rows * C);
  const anomalies: InjectedAnomaly[] = [];

  kinds.forEach((kind, i) => {
    const length = kind === 'spike' ? rng.int(1, 5) : rng.int(20, Math.min(120, slot - 20));
    const start = leadIn + i * slot + rng.int(10, slot - length - 10);
    const end = start + length - 1;
    const channels = pickChannels(rng, input, kind === 'correlationBreak' ? 1 : rng.int(1, 3));
    for (const c of channels) {
      inject(rng, kind, input, c, start, end);
      for (let t = start; t <= end; t++) cells[t * C + c] = 1;
    }
    anomalies.push({ kind, start, end, channels });
  });
  return { anomalies, cells };
}

/** All kinds in a random order, repeated (reshuffled) until there are `count`. */
function kindsFor(rng: Rng, count: number): AnomalyKind[] {
  const kinds: AnomalyKind[] = [];
  while (kinds.length < count) kinds.push(...rng.shuffle(ANOMALY_KINDS));
  return kinds.slice(0, count);
}

/** A random channel, then others led by the same factor (a fault spreads to related sensors). */
function pickChannels(rng: Rng, input: InjectionInput, wanted: number): number[] {
  const first = rng.int(0, input.channels - 1);
  const factor = input.factorOf[first];
  const related = input.factorOf.flatMap((k, c) => (k === factor && c !== first ? [c] : []));
  const others = input.factorOf.flatMap((k, c) => (k !== factor ? [c] : []));
  const pool = [...rng.shuffle(related), ...rng.shuffle(others)];
  return [first, ...pool.slice(0, wanted - 1)].sort((a, b) => a - b);
}

/** Changes channel `c` over test rows `start`..`end` (inclusive) as `kind` describes. */
function inject(
  rng: Rng,
  kind: AnomalyKind,
  input: InjectionInput,
  c: number,
  start: number,
  end: number,
): void {
  const { test, channels: C } = input;
  const sigma = input.scale[c];
  const length = end - start + 1;
  const at = (t: number): number => t * C + c;

  switch (kind) {
    case 'spike': {
      const peak = rng.sign() * rng.uniform(5, 8) * sigma;
      const middle = (start + end) / 2;
      for (let t = start; t <= end; t++) {
        test[at(t)] += peak * (1 - Math.abs(t - middle) / (length / 2 + 1));
      }
      break;
    }
    case 'levelShift': {
      const shift = rng.sign() * rng.uniform(2, 3.5) * sigma;
      for (let t = start; t <= end; t++) test[at(t)] += shift;
      break;
    }
    case 'trend': {
      const slope = (rng.sign() * rng.uniform(3, 5) * sigma) / length;
      for (let t = start; t <= end; t++) test[at(t)] += slope * (t - start + 1);
      break;
    }
    case 'amplitude': {
      // Deviations from the segment's mean grow: the same rhythm, a larger swing.
      const gain = rng.uniform(2.5, 4);
      const mean = segmentMean(test, C, c, start, end);
      for (let t = start; t <= end; t++) test[at(t)] = mean + gain * (test[at(t)] - mean);
      break;
    }
    case 'noiseBurst': {
      const spread = rng.uniform(1, 1.5) * sigma;
      for (let t = start; t <= end; t++) test[at(t)] += spread * rng.normal();
      break;
    }
    case 'shapeChange': {
      // A square wave with the segment's own mean and spread: in range, but a foreign shape.
      const mean = segmentMean(test, C, c, start, end);
      const period = rng.int(8, 16);
      for (let t = start; t <= end; t++) {
        const high = Math.floor((t - start) / (period / 2)) % 2 === 0;
        test[at(t)] = mean + (high ? 1.5 : -1.5) * sigma;
      }
      break;
    }
    case 'correlationBreak':
      breakCorrelation(rng, input, c, start, end);
      break;
  }
}

/**
 * Replaces the segment by the same channel's own normal values from another time, faded in
 * and out over a few rows so that no jump marks the ends. Each value is a blend of two normal
 * values, so the channel stays in its normal range, but it no longer follows the channels
 * that share its factor.
 */
function breakCorrelation(
  rng: Rng,
  input: InjectionInput,
  c: number,
  start: number,
  end: number,
): void {
  const { test, clean, channels: C, trainLength } = input;
  const available = trainLength + start;
  const lag = rng.int(Math.min(200, available), Math.min(1000, available));
  const from = trainLength + start - lag;
  const fade = Math.min(FADE_ROWS, Math.floor((end - start + 1) / 4));
  for (let t = start; t <= end; t++) {
    const edge = Math.min(t - start + 1, end - t + 1);
    const weight = fade > 0 ? Math.min(1, edge / (fade + 1)) : 1;
    const borrowed = clean[(from + (t - start)) * C + c];
    test[t * C + c] = (1 - weight) * test[t * C + c] + weight * borrowed;
  }
}

function segmentMean(
  values: Float32Array,
  C: number,
  c: number,
  start: number,
  end: number,
): number {
  let sum = 0;
  for (let t = start; t <= end; t++) sum += values[t * C + c];
  return sum / (end - start + 1);
}
