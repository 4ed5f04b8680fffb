/**
 * Per-channel standardisation fitted on training data and applied unchanged to every file
 * scored with the same model.
 */
import { ChannelStats, Series } from '../types';

/**
 * Mean and population standard deviation per channel. A channel that is constant in training
 * gets std 1, so it is centred but not divided by zero; when it varies in a scored file its
 * deviations stay on the data's own scale and are scored like any other channel.
 */
export function fitStats(series: Pick<Series, 'values' | 'rows' | 'channels'>): ChannelStats {
  const C = series.channels.length;
  const T = series.rows;
  const mean = new Float64Array(C);
  const sq = new Float64Array(C);

  for (let t = 0; t < T; t++) {
    for (let c = 0; c < C; c++) mean[c] += series.values[t * C + c];
  }
  for (let c = 0; c < C; c++) mean[c] /= Math.max(T, 1);

  for (let t = 0; t < T; t++) {
    for (let c = 0; c < C; c++) {
      const d = series.values[t * C + c] - mean[c];
      sq[c] += d * d;
    }
  }
  const std = new Float32Array(C);
  for (let c = 0; c < C; c++) {
    const s = Math.sqrt(sq[c] / Math.max(T, 1));
    std[c] = s > 1e-8 ? s : 1;
  }
  return { mean: Float32Array.from(mean), std };
}

/**
 * Largest magnitude a standardised value keeps. A finite but extreme reading (1e30 in a
 * channel whose training deviation is 1) would otherwise overflow float32 inside the model
 * (squares, softmax logits) and turn its scores into NaN, hiding the very rows that matter. A
 * value a thousand deviations out is anomalous beyond doubt; clipping keeps it the most
 * anomalous value the model sees while every score stays finite.
 */
export const STANDARD_LIMIT = 1000;

/** A standardised copy of row-major values (`rows` × `C`), clipped to ±STANDARD_LIMIT. */
export function standardize(values: Float32Array, stats: ChannelStats): Float32Array {
  const C = stats.mean.length;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = i % C;
    const z = (values[i] - stats.mean[c]) / stats.std[c];
    out[i] = Math.max(-STANDARD_LIMIT, Math.min(STANDARD_LIMIT, z));
  }
  return out;
}
