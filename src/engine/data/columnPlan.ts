/**
 * Decides what each column of a file is, from its name and a sample of its values: a feature
 * (numeric channel), the time axis, the labels, or a column left out with a reason. Also makes
 * the column names unique and non-empty.
 *
 * Called by readSeries.ts between sniffing and streaming; rowSink.ts follows the plan.
 *
 * Limitation: roles come from the sample (up to 1,000 rows): a column that is text there but
 * numbers later stays out, and a numeric column with text later stops the read at that cell.
 */
import { SkippedColumn } from '../types';
import { inputError, listForMessage, quoteCell } from './inputError';
import { annotationReason, labelNameRank } from './labelValues';
import { describeFormat, NumberFormat, parseNumber } from './numberFormat';
import { cellKind, Sniffed } from './sniff';
import { detectTextLayout, isTimeLikeName, TimeLayout } from './timeParse';

export type ColumnRole = 'feature' | 'time' | 'label' | 'skip';

export interface ColumnPlan {
  /** Unique names, one per column of the file. */
  names: string[];
  roles: ColumnRole[];
  /** File columns of the features, in file order. */
  features: number[];
  time?: { column: number; layout: TimeLayout };
  label?: number;
  /** Columns left out before reading (text, annotations, extra dates) with the reason. */
  skipped: SkippedColumn[];
  notes: string[];
  format: NumberFormat;
}

export interface PlanOptions {
  labelColumn?: string | null;
  timeColumn?: string | null;
}

/** Share of a column's sample that must be dates for it to be found as the time axis. */
const MOSTLY = 0.9;
const MOSTLY_NAMED = 0.5;

interface ColumnSample {
  values: string[];
  numbers: number;
  dates: number;
  texts: number;
  firstText?: { cell: string; line: number };
}

export function planColumns(file: string, sniffed: Sniffed, options: PlanOptions): ColumnPlan {
  const notes: string[] = [];
  const width = sniffed.header?.length ?? sniffed.rows[0]?.fields.length ?? 0;
  const names = sniffed.header ? uniqueNames(sniffed.header, notes) : headerlessNames(width, notes);
  const samples = names.map((_, j) => sampleColumn(sniffed, j));
  const roles: ColumnRole[] = names.map(() => 'feature');
  const skipped: SkippedColumn[] = [];
  const skip = (j: number, reason: string): void => {
    roles[j] = 'skip';
    skipped.push({ name: names[j], reason });
  };

  const label = findLabel(file, names, options.labelColumn);
  if (label !== undefined) {
    roles[label] = 'label';
    skipped.push({ name: names[label], reason: 'labels (used for evaluation only)' });
    names.forEach((name, j) => {
      if (j !== label && labelNameRank(name) >= 0) {
        skip(j, `label-like name; '${names[label]}' holds the labels`);
      }
    });
  }
  names.forEach((name, j) => {
    const reason = annotationReason(name);
    if (reason !== undefined && roles[j] === 'feature') skip(j, reason);
  });

  const time = findTime(file, names, samples, roles, options.timeColumn);
  if (time !== undefined) {
    roles[time.column] = 'time';
    skipped.push({ name: names[time.column], reason: 'time axis' });
    const values = samples[time.column].values;
    if (time.layout === 'dmy' && values.every((v) => dayFirstAmbiguous(v))) {
      notes.push(`Dates in '${names[time.column]}' such as ${values[0]} are read day first.`);
    }
  }

  roles.forEach((role, j) => {
    if (role !== 'feature') return;
    const sample = samples[j];
    if (sniffed.header && isRowIndex(sniffed.header[j], sample.values)) {
      skip(j, 'row index (0, 1, 2, ... under an empty name, as pandas writes it)');
    } else if (sample.dates > 0 && sample.dates + sample.numbers === sample.values.length) {
      skip(j, time ? `dates; '${names[time.column]}' is the time axis` : 'dates, not numbers');
    } else if (sample.texts > sample.numbers) {
      const example = sample.firstText!;
      skip(j, `text, not numbers (${quoteCell(example.cell)} at line ${example.line})`);
    }
  });

  if (sniffed.format.decimal === ',' || sniffed.format.thousands !== null) {
    notes.push(`Numbers are read with ${describeFormat(sniffed.format)}.`);
  }
  const features = roles.flatMap((role, j) => (role === 'feature' ? [j] : []));
  return { names, roles, features, time, label, skipped, notes, format: sniffed.format };
}

/** Trimmed header names; empty ones become `column N`, repeated ones get `_2`, `_3`, ... */
function uniqueNames(header: string[], notes: string[]): string[] {
  const given = new Set(header.map((h) => h.trim()));
  const seen = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const renamed: string[] = [];
  const names = header.map((raw, j) => {
    let name = raw.trim();
    if (name === '') {
      name = `column ${j + 1}`;
      renamed.push(`column ${j + 1} has no name and is called '${name}'`);
    }
    if (seen.has(name)) {
      // The first free suffix, skipping names the header itself uses.
      let k = nextSuffix.get(name) ?? 2;
      while (seen.has(`${name}_${k}`) || given.has(`${name}_${k}`)) k++;
      nextSuffix.set(name, k + 1);
      renamed.push(`the repeated '${name}' in column ${j + 1} is called '${name}_${k}'`);
      name = `${name}_${k}`;
    }
    seen.add(name);
    return name;
  });
  if (renamed.length > 0) notes.push(`Column names were changed: ${listForMessage(renamed)}.`);
  return names;
}

/**
 * Columns of a file without header are named `ch1`..`chN` by position. 1-based because the
 * channel numbers in SMD and ASD interpretation labels start at 1: `ch5` there is `ch5` here.
 */
function headerlessNames(width: number, notes: string[]): string[] {
  notes.push(`The file has no header; its columns are named ch1 to ch${width}.`);
  return Array.from({ length: width }, (_, j) => `ch${j + 1}`);
}

function sampleColumn(sniffed: Sniffed, j: number): ColumnSample {
  const sample: ColumnSample = { values: [], numbers: 0, dates: 0, texts: 0 };
  for (const row of sniffed.rows) {
    const cell = row.fields[j];
    if (cell === undefined) continue;
    const kind = cellKind(cell);
    if (kind === 'missing') continue;
    sample.values.push(cell.trim());
    if (kind === 'number') sample.numbers++;
    else if (kind === 'date') sample.dates++;
    else {
      sample.texts++;
      sample.firstText ??= { cell, line: row.line };
    }
  }
  return sample;
}

function findColumn(file: string, names: string[], wanted: string, what: string): number {
  let j = names.indexOf(wanted.trim());
  if (j < 0) j = names.findIndex((name) => name.toLowerCase() === wanted.trim().toLowerCase());
  if (j < 0) {
    throw inputError(
      file,
      `there is no ${what} column '${wanted}'. The columns are: ${listForMessage(names, 30)}.`,
      { column: wanted },
    );
  }
  return j;
}

function findLabel(
  file: string,
  names: string[],
  wanted: string | null | undefined,
): number | undefined {
  if (wanted === null) return undefined;
  if (wanted !== undefined) return findColumn(file, names, wanted, 'label');

  let best: number | undefined;
  names.forEach((name, j) => {
    const rank = labelNameRank(name);
    if (rank >= 0 && (best === undefined || rank < labelNameRank(names[best]))) best = j;
  });
  return best;
}

function findTime(
  file: string,
  names: string[],
  samples: ColumnSample[],
  roles: ColumnRole[],
  wanted: string | null | undefined,
): { column: number; layout: TimeLayout } | undefined {
  if (wanted === null) return undefined;
  if (wanted !== undefined) {
    const column = findColumn(file, names, wanted, 'time');
    const layout = layoutOf(samples[column]);
    if (layout === undefined) {
      const example = samples[column].values.find((v) => cellKind(v) !== 'date') ?? '';
      throw inputError(
        file,
        'the time column holds values that are not dates or numbers, such as ' +
          `${quoteCell(example)}. Use dates like 2020-03-09 10:14:33, epoch seconds, ` +
          'or choose no time column.',
        { column: names[column] },
      );
    }
    return { column, layout };
  }

  // Mostly dates is enough (half, under a time-like name): a malformed cell is then
  // reported at its line while reading instead of hiding the time axis.
  const free = (j: number): boolean => roles[j] === 'feature' && samples[j].values.length > 0;
  for (let j = 0; j < names.length; j++) {
    if (!free(j) || samples[j].dates === 0) continue;
    const share = isTimeLikeName(names[j]) ? MOSTLY_NAMED : MOSTLY;
    if (samples[j].dates < share * samples[j].values.length) continue;
    const layout = detectTextLayout(samples[j].values.filter((v) => cellKind(v) === 'date'));
    if (layout !== undefined) return { column: j, layout };
  }
  for (let j = 0; j < names.length; j++) {
    if (free(j) && samples[j].numbers === samples[j].values.length && isTimeLikeName(names[j])) {
      return { column: j, layout: 'number' };
    }
  }
  return undefined;
}

function layoutOf(sample: ColumnSample): TimeLayout | undefined {
  const format: NumberFormat = { decimal: '.', thousands: null };
  if (sample.values.every((v) => Number.isFinite(parseNumber(v, format)))) return 'number';
  return detectTextLayout(sample.values);
}

/**
 * An unnamed column (or one named `index` / `Unnamed: 0`) counting 0, 1, 2, ... or 1, 2, 3,
 * ...: the row index that pandas' `to_csv` writes by default, not a measurement.
 */
function isRowIndex(header: string, values: string[]): boolean {
  const name = header.trim().toLowerCase();
  if (name !== '' && name !== 'index' && name !== 'unnamed: 0') return false;
  const first = Number(values[0]);
  if (values.length < 2 || (first !== 0 && first !== 1)) return false;
  return values.every((value, i) => /^\d+$/.test(value) && Number(value) === first + i);
}

function dayFirstAmbiguous(value: string): boolean {
  const match = /^(\d{1,2})[-/.](\d{1,2})[-/.]/.exec(value);
  return match !== null && Number(match[1]) <= 12;
}
