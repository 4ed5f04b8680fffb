/**
 * Series reshaped for a model: its channels put in the model's order (by name), and a range
 * of rows (the training part of a file).
 *
 * Called by the detection job and the benchmarks. Both return copies, so the result can be
 * transferred to a worker or changed without touching the original.
 */
import * as path from 'path';
import { PostError } from '../errors';
import { Series } from '../types';
import { listForMessage } from './inputError';

/** Where the wanted channels come from, for the message when some are missing. */
export type ChannelOrigin = { model: string } | { scoredFile: string };

function originWords(origin: ChannelOrigin): { whose: string; fix: string; unused: string } {
  if ('model' in origin) {
    const name = path.basename(origin.model);
    return {
      whose: `that ${name} was trained on`,
      fix: 'Use a file with the same columns as the training data, or train a new model on it.',
      unused: `not a channel of the model ${name}`,
    };
  }
  const name = path.basename(origin.scoredFile);
  return {
    whose: `of ${name}, the file to score`,
    fix: 'Give a training file (--train) with every column of the file to score.',
    unused: `not a column of ${name}, the file to score`,
  };
}

/**
 * Reorders/selects the columns of `series` to `channels` (by name), PostError naming the
 * missing channels and both files otherwise. Channels of `series` that are not wanted are
 * listed in `skippedColumns`.
 */
export function selectChannels(series: Series, channels: string[], origin: ChannelOrigin): Series {
  const C = series.channels.length;
  const source = channels.map((name) => series.channels.indexOf(name));
  const missing = channels.filter((_, k) => source[k] < 0);
  const words = originWords(origin);
  if (missing.length > 0) {
    const { whose, fix } = words;
    throw new PostError(
      'model',
      `${path.basename(series.source)} lacks ${missing.length} of the ${channels.length} ` +
        `channels ${whose}: ${listForMessage(missing)}. ${fix}`,
      { file: series.source, column: missing[0] },
    );
  }
  if (source.every((c, k) => c === k) && channels.length === C) {
    return withParts(series, {
      values: series.values.slice(),
      observed: series.observed?.slice(),
      timestamps: series.timestamps?.slice(),
      labels: series.labels?.slice(),
    });
  }

  const K = channels.length;
  const values = new Float32Array(series.rows * K);
  const observed = series.observed ? new Uint8Array(series.rows * K) : undefined;
  for (let t = 0; t < series.rows; t++) {
    for (let k = 0; k < K; k++) {
      values[t * K + k] = series.values[t * C + source[k]];
      if (observed) observed[t * K + k] = series.observed![t * C + source[k]];
    }
  }
  const unused = series.channels.filter((name) => !channels.includes(name));
  const reason = words.unused;
  const part = withParts(series, {
    channels: [...channels],
    values,
    observed,
    timestamps: series.timestamps?.slice(),
    labels: series.labels?.slice(),
  });
  part.skippedColumns.push(...unused.map((name) => ({ name, reason })));
  return part;
}

/** Rows [start, end) of a series (for a training fraction of a file). */
export function sliceRows(series: Series, start: number, end: number): Series {
  const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0;
  if (!valid || end <= start || end > series.rows) {
    throw new PostError(
      'setting',
      `Rows ${start} to ${end} are not a range of ${path.basename(series.source)}, which has ` +
        `${series.rows} rows. Choose 0 <= start < end <= ${series.rows}.`,
      { file: series.source },
    );
  }
  const C = series.channels.length;
  return withParts(series, {
    rows: end - start,
    values: series.values.slice(start * C, end * C),
    observed: series.observed?.slice(start * C, end * C),
    timestamps: series.timestamps?.slice(start, end),
    labels: series.labels?.slice(start, end),
  });
}

/**
 * A new series with the given arrays and copies of the original's lists. The observed mask
 * is dropped when no cell of the part was filled, and the imputation count is the part's own.
 */
function withParts(series: Series, parts: Partial<Series> & Pick<Series, 'values'>): Series {
  const result: Series = {
    ...series,
    channels: [...series.channels],
    skippedColumns: [...series.skippedColumns],
    notes: series.notes ? [...series.notes] : undefined,
    ...parts,
  };
  let filled = 0;
  const observed = result.observed;
  if (observed) for (let i = 0; i < observed.length; i++) filled += observed[i] ? 0 : 1;
  if (filled === 0) delete result.observed;
  result.imputation =
    filled > 0 ? { method: series.imputation.method, cells: filled } : { method: 'none', cells: 0 };
  return result;
}
