/**
 * Label files kept apart from the data: one 0/1 label per row (SMD's test_label.txt, PSM's
 * test_label.csv), and channel labels, either a row × channel 0/1 matrix or the
 * `start-end:ch,ch` segment lines of SMD and ASD interpretation labels.
 *
 * Called by the detection job (engine/io/jobInputs.ts) and the benchmarks; used for
 * evaluation only, never for training or thresholds.
 */
import * as path from 'path';
import { ChannelLabels } from '../types';
import { inputError, rethrowAsPostError } from './inputError';
import { isLabelValue, LabelCodes, labelKey, labelNameRank } from './labelValues';
import { parseSegments } from './segments';
import { sniff } from './sniff';
import { readHead, readWholeText, streamRecords } from './textFile';
import { isTimeLikeName } from './timeParse';

export interface SegmentFormat {
  endInclusive: boolean;
  oneBased: boolean;
}

/** SMD's convention: `end` exclusive, channels numbered from 1. ASD has inclusive ends. */
export const SMD_SEGMENTS: SegmentFormat = { endInclusive: false, oneBased: true };

/**
 * A file of one 0/1 label per row (optionally with a header and/or a leading timestamp
 * column, like PSM's test_label.csv). Must have exactly `rows` labels. With several columns
 * the one with a label name (`label`, `attack`, ...) is used; without one, only a file of a
 * named time column and one more column is read (its last column), any other is refused.
 */
export async function readRowLabels(filePath: string, rows: number): Promise<Uint8Array> {
  const file = path.resolve(filePath);
  return withPostErrors(file, async () => {
    const sniffed = sniff(file, await readHead(file));
    const first = sniffed.header ?? sniffed.rows[0].fields;
    const named = first.findIndex((name) => labelNameRank(name) >= 0);
    const column = named >= 0 ? named : first.length - 1;
    if (named < 0) checkUnnamedColumns(file, first, sniffed.header !== undefined);
    // A label name on top marks a header even above words (`label` over `Normal`); a label
    // value on top (`true` over `false`) is data, whatever the sniffer thought.
    const topIsValue = isLabelValue(labelKey(first[column]));
    let skipFirst = named >= 0 || (sniffed.header !== undefined && !topIsValue);
    // A headerless file of one column needs no column named in messages.
    const unnamed = first.length === 1 ? undefined : String(column + 1);
    const columnName = skipFirst ? first[column].trim() : unnamed;

    const values = new LabelCodes(file, columnName);
    const codes = new Uint8Array(rows);
    const gaps = new GapCheck(file);
    let count = 0;
    await streamRecords(file, sniffed, (fields, line) => {
      gaps.check(line);
      if (skipFirst) {
        skipFirst = false;
        return;
      }
      checkWidth(file, fields, first.length, line);
      const code = values.codeOf(fields[column], line);
      if (count < rows) codes[count] = code;
      count++;
    });

    if (count !== rows) {
      throw inputError(
        file,
        `the file has ${count} labels but the series has ${rows} rows. ` +
          'Give one label per row of the file that is analysed.',
      );
    }
    return values.labels(codes).labels;
  });
}

/**
 * Channel labels: a row × channel 0/1 matrix file (CSV, with or without header) or the
 * `start-end:ch,ch` segment format of SMD/ASD (format detected). Segment conventions default
 * to SMD's (end exclusive, 1-based channels); ASD needs `{ endInclusive: true }`.
 *
 * Limitation: the columns of a matrix are taken in order; header names are not matched to
 * the series' channel names.
 */
export async function readChannelLabels(
  filePath: string,
  rows: number,
  channels: number,
  format?: Partial<SegmentFormat>,
): Promise<ChannelLabels> {
  const file = path.resolve(filePath);
  return withPostErrors(file, async () => {
    const head = await readHead(file);
    const lines = head.text.split('\n');
    const firstIndex = lines.findIndex((line) => line.trim() !== '');
    const firstLine = lines[firstIndex] ?? '';
    if (/^\s*\d+\s*-\s*\d+\s*:/.test(firstLine)) {
      const text = await readWholeText(file);
      return parseSegments(file, text, rows, channels, { ...SMD_SEGMENTS, ...format });
    }
    // A first line like `100-110`, `-5-10:1` or `1.5-10:1` was meant as a segment line.
    const segmentLike = /^\s*-?[\d.]+\s*-\s*-?[\d.]+\s*(:|$)/.test(firstLine);
    if (segmentLike) {
      throw inputError(
        file,
        `"${firstLine.trim().slice(0, 40)}" is not a segment line: write start-end:channel,` +
          'channel with whole numbers (e.g. 6506-6528:23,25), or give a 0/1 matrix instead.',
        { line: firstIndex + 1 },
      );
    }
    return readMatrix(file, head, rows, channels);
  });
}

async function readMatrix(
  file: string,
  head: Awaited<ReturnType<typeof readHead>>,
  rows: number,
  channels: number,
): Promise<ChannelLabels> {
  const sniffed = sniff(file, head);
  const first = sniffed.header ?? sniffed.rows[0].fields;
  // A leading time column (as in a data file) is tolerated and ignored.
  const timeFirst = first.length === channels + 1 && isTimeLikeName(first[0]);
  const offset = sniffed.header && timeFirst ? 1 : 0;
  if (first.length - offset !== channels) {
    throw inputError(
      file,
      `the file has ${first.length - offset} columns but the series has ${channels} channels. ` +
        'Give one 0/1 column per channel, in the order of the data file.',
      { line: sniffed.header ? sniffed.fromLine : undefined },
    );
  }

  const cells = new Uint8Array(rows * channels);
  const gaps = new GapCheck(file);
  let skipHeader = sniffed.header !== undefined;
  let count = 0;
  await streamRecords(file, sniffed, (fields, line) => {
    gaps.check(line);
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    checkWidth(file, fields, first.length, line);
    if (count < rows) {
      for (let c = 0; c < channels; c++) {
        // Without a header a column is named by its 1-based number: "column '38'".
        const column = sniffed.header ? first[c + offset].trim() : String(c + offset + 1);
        cells[count * channels + c] = zeroOrOne(file, fields[c + offset], line, column);
      }
    }
    count++;
  });

  if (count !== rows) {
    throw inputError(
      file,
      `the file has ${count} rows of channel labels but the series has ${rows} rows. ` +
        'Give one row of 0/1 per row of the file that is analysed.',
    );
  }
  return { rows, channels, cells };
}

function zeroOrOne(file: string, cell: string, line: number, column: string): 0 | 1 {
  const key = labelKey(cell);
  if (key === '1' || key === '1.0' || key === 'true') return 1;
  if (key === '0' || key === '0.0' || key === 'false') return 0;
  throw inputError(file, `${JSON.stringify(cell.slice(0, 20))} is not 0 or 1. Fix the cell.`, {
    line,
    column,
  });
}

/**
 * Without a label-named column, the last column is the label only in a plain one-column file
 * or behind a named time column (`timestamp,y`): any other guess could read a wrong column.
 */
function checkUnnamedColumns(file: string, first: string[], header: boolean): void {
  if (first.length === 1) return;
  if (first.length === 2 && header && isTimeLikeName(first[0])) return;
  throw inputError(
    file,
    `the file has ${first.length} columns and none is named as a label column (label, ` +
      'anomaly, attack, ...), so which one holds the labels is unclear. Name the label ' +
      "column 'label' in a header, or give a file of one column.",
  );
}

/**
 * Refuses an empty line between two rows. The reader skips empty lines, which is harmless in a
 * data file but shifts every later label of a label file by one row against the data.
 * Empty lines after the last row are fine.
 */
class GapCheck {
  private previous?: number;

  constructor(private readonly file: string) {}

  check(line: number): void {
    const previous = this.previous;
    this.previous = line;
    if (previous === undefined || line === previous + 1) return;
    throw inputError(
      this.file,
      'this line is empty, so every label below it would move up by one row. Write the ' +
        "row's label (0 or 1) on it, or remove the row from the data file too.",
      { line: previous + 1 },
    );
  }
}

function checkWidth(file: string, fields: string[], width: number, line: number): void {
  if (fields.length === width) return;
  if (fields.length === width + 1 && fields[width].trim() === '') return;
  throw inputError(
    file,
    `this row has ${fields.length} fields but the first row has ${width}. Fix this row.`,
    { line },
  );
}

async function withPostErrors<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    rethrowAsPostError(file, error);
  }
}
