/**
 * Reads a user's CSV or TSV file into a Series: the numeric channels, the time axis and the
 * labels when the file has them, and the list of columns left out with the reason.
 *
 * Called by the command line, the extension worker and the benchmarks. The file is streamed
 * through csv-parse (never held as rows), after a sample of its start fixed the delimiter,
 * header, number format and column roles (sniff.ts, columnPlan.ts).
 */
import * as path from 'path';
import { PostError, throwIfCancelled } from '../errors';
import { Series, SkippedColumn } from '../types';
import { ColumnPlan, planColumns } from './columnPlan';
import { IMPUTATION_METHOD, imputeLinear, keepColumns, observedPerColumn } from './impute';
import { inputError, listForMessage, rethrowAsPostError } from './inputError';
import { RowSink, SinkResult } from './rowSink';
import { sniff } from './sniff';
import { readHead, streamRecords } from './textFile';
import { epochFactor } from './timeParse';

export interface ReadOptions {
  /** Label column by name; undefined = find by usual names; null = none. */
  labelColumn?: string | null;
  /** Time column by name; undefined = detect; null = none. */
  timeColumn?: string | null;
  signal?: AbortSignal;
  onProgress?(fraction: number): void;
}

const NO_VALUES = 'no values (every cell is empty or missing)';

/** Rows reserved before streaming are capped so a wrong estimate cannot exhaust memory. */
const MAX_RESERVED_VALUES = 64 * 1024 * 1024;

/**
 * Reads `path` into a Series. A file of one data row is read (training checks its own minimum
 * length); every unusable input is a PostError naming the file, line and column.
 */
export async function readSeries(filePath: string, options: ReadOptions = {}): Promise<Series> {
  const file = path.resolve(filePath);
  throwIfCancelled(options.signal);
  try {
    const head = await readHead(file);
    const sniffed = sniff(file, head);
    const plan = planColumns(file, sniffed, options);

    const estimatedRows = Math.ceil((head.size / sniffed.bytesPerLine) * 1.05) + 16;
    const perRow = Math.max(1, plan.features.length);
    const reserved = Math.min(estimatedRows, Math.floor(MAX_RESERVED_VALUES / perRow));
    const sink = new RowSink(file, plan, sniffed.header !== undefined, reserved);
    const streamOptions = { ...options, ...sniffed };
    await streamRecords(file, streamOptions, (fields, line) => sink.add(fields, line));

    const series = assemble(file, plan, sink.finish());
    options.onProgress?.(1);
    return series;
  } catch (error) {
    rethrowAsPostError(file, error);
  }
}

function assemble(file: string, plan: ColumnPlan, read: SinkResult): Series {
  const skipped: SkippedColumn[] = [...plan.skipped];
  const notes = [...plan.notes];
  if (read.rows === 0) {
    throw inputError(file, 'the file has a header but no data rows. Choose a file with data.');
  }

  // Columns without any observed value are left out: nothing can be learned from them.
  const F = plan.features.length;
  const counts = observedPerColumn(read.values, read.rows, F);
  const keep: number[] = [];
  for (let k = 0; k < F; k++) {
    if (counts[k] > 0) keep.push(k);
    else skipped.push({ name: plan.names[plan.features[k]], reason: NO_VALUES });
  }
  if (keep.length === 0) throw noNumericColumn(file, skipped);

  const C = keep.length;
  const values = keepColumns(read.values, read.rows, F, keep);
  const missing = read.rows * C - keep.reduce((sum, k) => sum + counts[k], 0);
  const observed = missing > 0 ? imputeLinear(values, read.rows, C) : undefined;

  const series: Series = {
    source: file,
    channels: keep.map((k) => plan.names[plan.features[k]]),
    rows: read.rows,
    values,
    observed,
    skippedColumns: skipped,
    imputation:
      missing > 0 ? { method: IMPUTATION_METHOD, cells: missing } : { method: 'none', cells: 0 },
    notes,
  };
  addTime(series, plan, read, notes);
  addLabels(series, plan, read, notes);
  return series;
}

function noNumericColumn(file: string, skipped: SkippedColumn[]): PostError {
  const reasons = skipped.map((column) => `'${column.name}': ${column.reason}`);
  return inputError(
    file,
    `the file has no numeric column to analyse (${listForMessage(reasons)}). ` +
      'Choose a file with at least one column of numbers.',
  );
}

function addTime(series: Series, plan: ColumnPlan, read: SinkResult, notes: string[]): void {
  if (plan.time === undefined || read.times === undefined) return;
  const name = plan.names[plan.time.column];
  series.timeColumn = name;
  if (plan.time.layout !== 'number') {
    series.timestamps = read.times;
    return;
  }

  // Rows are in time order, so the first and last values are the range.
  const first = read.times[0];
  const last = read.times[read.rows - 1];
  const factor = epochFactor(name, first, last);
  if (factor === undefined) {
    notes.push(
      `'${name}' counts from ${first} to ${last} rather than holding dates: ` +
        'it orders the rows, but the series has no timestamps.',
    );
    const skipped = series.skippedColumns.find((c) => c.name === name);
    if (skipped) skipped.reason = 'a counter, not dates: it orders the rows; no time axis';
    return;
  }
  const timestamps = read.times;
  for (let t = 0; t < timestamps.length; t++) timestamps[t] *= factor;
  series.timestamps = timestamps;
  const unit = { 1: 'milliseconds', 1000: 'seconds', 60000: 'minutes' }[factor] ?? 'hours';
  notes.push(`'${name}' is read as ${unit} since 1970-01-01 UTC.`);
}

function addLabels(series: Series, plan: ColumnPlan, read: SinkResult, notes: string[]): void {
  if (plan.label === undefined || !read.labelCodes || !read.labelValues) return;
  const { labels, note } = read.labelValues.labels(read.labelCodes);
  series.labels = labels;
  series.labelSource = plan.names[plan.label];
  if (note !== undefined) notes.push(note);
}
