/**
 * Guesses how a delimited text file is written from a sample of its start: the delimiter
 * (`,` `;` tab `|`, or Excel's `sep=` first line), whether the first record is a header, and
 * the number format. The sample is parsed by csv-parse with each candidate delimiter; the
 * one that gives a steady field count and the most numeric-looking fields wins.
 *
 * Called by readSeries.ts and labels.ts before the streaming pass.
 *
 * Limitation: a header made only of numbers (`1,2,3` above numbers) cannot be told from data
 * and is read as the first data row.
 */
import { parse as parseSync } from 'csv-parse/sync';
import { inputError } from './inputError';
import { detectNumberFormat, isMissing, looksNumeric, NumberFormat } from './numberFormat';
import { csvError, csvOptions, lineEndsOf, TextHead } from './textFile';
import { parseDate } from './timeParse';

/** One record of the sample with its 1-based line. */
export interface SampleRow {
  fields: string[];
  line: number;
}

export interface Sniffed {
  delimiter: string;
  /** Record delimiters for csv-parse (see textFile.ts `lineEndsOf`). */
  lineEnds: string[];
  /** First line to parse: 2 after a `sep=` line, else 1. */
  fromLine: number;
  /** The header's fields, or undefined for a file without header. */
  header?: string[];
  /** Data records of the sample (header excluded). */
  rows: SampleRow[];
  format: NumberFormat;
  /** Average bytes per line in the sample, to size buffers before streaming. */
  bytesPerLine: number;
}

const CANDIDATES = ['\t', ';', '|', ','];
/** Records read for choosing the delimiter, and for classifying columns. */
const DELIMITER_ROWS = 100;
/** Characters tried with each candidate delimiter (enough for 100 rows of most files). */
const DELIMITER_CHARS = 64 * 1024;
const SAMPLE_LINES = 1000;
const SAMPLE_CELLS = 100_000;
const MIN_SAMPLE_ROWS = 20;
/** Share of records that must have the most common field count to call a delimiter steady. */
const STEADY = 0.9;

type CellKind = 'missing' | 'number' | 'date' | 'text';

export function cellKind(cell: string): CellKind {
  if (isMissing(cell)) return 'missing';
  if (looksNumeric(cell)) return 'number';
  const isDate = (['ymd', 'dmy', 'mdy'] as const).some((l) => parseDate(cell, l) !== undefined);
  return isDate ? 'date' : 'text';
}

/** Reads the sample's format; throws when the sample holds no record at all. */
export function sniff(file: string, head: TextHead): Sniffed {
  let text = head.text;
  let fromLine = 1;
  let forced: string | undefined;
  const sepLine = /^sep=(.)\r?\n/i.exec(text);
  if (sepLine !== null) {
    forced = sepLine[1];
    fromLine = 2;
    text = text.slice(sepLine[0].length);
  }
  if (text.trim().length === 0) {
    throw inputError(file, 'the file has no data. Choose a file with a header and data rows.');
  }

  const lineEnds = lineEndsOf(text);
  const delimiter = forced ?? chooseDelimiter(text.slice(0, DELIMITER_CHARS), lineEnds);
  const { records, error } = parseSample(text, delimiter, lineEnds, SAMPLE_LINES, fromLine - 1);
  if (records.length === 0) {
    if (error !== undefined) throw csvError(file, error, fromLine);
    throw inputError(file, 'the file has no data.');
  }

  const linesRead = records[records.length - 1].line - fromLine + 1;
  // Wide files get fewer sample rows, so that sniffing stays fast at any width.
  const width = Math.max(1, records[0].fields.length);
  records.splice(Math.max(MIN_SAMPLE_ROWS, Math.floor(SAMPLE_CELLS / width)));
  const hasHeader = looksLikeHeader(records);
  const rows = hasHeader ? records.slice(1) : records;
  const cells = (function* () {
    for (const row of rows) yield* row.fields;
  })();
  return {
    delimiter,
    lineEnds,
    fromLine,
    header: hasHeader ? records[0].fields : undefined,
    rows,
    format: detectNumberFormat(cells, delimiter),
    bytesPerLine: Math.max(1, text.length / Math.max(1, linesRead)),
  };
}

/**
 * Parses the start of the sample with csv-parse. Records parsed before an error (a quote cut
 * by the sample's end, or a real one that the streaming pass will report) are kept.
 */
function parseSample(
  text: string,
  delimiter: string,
  lineEnds: string[],
  maxLines: number,
  lineOffset: number,
): { records: SampleRow[]; error?: unknown } {
  const records: SampleRow[] = [];
  try {
    parseSync(text, {
      ...csvOptions(delimiter, lineEnds),
      to_line: maxLines,
      on_record: (fields: string[], info: { lines: number }) => {
        records.push({ fields, line: info.lines + lineOffset });
        return null;
      },
    });
    return { records };
  } catch (error) {
    if (error instanceof Error && 'lines' in error) {
      (error as { lines: number }).lines += lineOffset;
    }
    return { records, error };
  }
}

interface DelimiterScore {
  delimiter: string;
  steady: boolean;
  numeric: number;
  consistency: number;
  fields: number;
}

function chooseDelimiter(text: string, lineEnds: string[]): string {
  const scores: DelimiterScore[] = [];
  for (const delimiter of CANDIDATES) {
    const { records } = parseSample(text, delimiter, lineEnds, DELIMITER_ROWS, 0);
    const score = scoreDelimiter(delimiter, records);
    if (score.fields >= 2) scores.push(score);
  }
  if (scores.length === 0) return ',';

  // Steady field counts first, then numeric-looking fields, then the candidates' order.
  scores.sort(
    (a, b) =>
      Number(b.steady) - Number(a.steady) ||
      b.numeric - a.numeric ||
      b.consistency - a.consistency ||
      CANDIDATES.indexOf(a.delimiter) - CANDIDATES.indexOf(b.delimiter),
  );
  return scores[0].delimiter;
}

function scoreDelimiter(delimiter: string, records: SampleRow[]): DelimiterScore {
  const counts = new Map<number, number>();
  for (const record of records) {
    counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
  }
  let fields = 0;
  let most = 0;
  for (const [count, times] of counts) {
    if (times > most || (times === most && count > fields)) [fields, most] = [count, times];
  }
  const consistency = records.length > 0 ? most / records.length : 0;

  const body = records.length > 1 ? records.slice(1) : records;
  let numericCells = 0;
  let allCells = 0;
  for (const record of body) {
    for (const cell of record.fields) {
      allCells++;
      if (cellKind(cell) !== 'text') numericCells++;
    }
  }
  const numeric = allCells > 0 ? Math.round((100 * numericCells) / allCells) / 100 : 0;
  return { delimiter, steady: consistency >= STEADY, numeric, consistency, fields };
}

/**
 * The first record is a header when it has text where the data have values: every filled cell
 * is text (`time,a,b`), or a column has text on top of numbers or dates below (`0,1,Label`
 * above `0.1,0,1`). Text on top of text (a category column) is data.
 */
function looksLikeHeader(records: SampleRow[]): boolean {
  const first = records[0].fields.map(cellKind);
  const textColumns = first.flatMap((kind, j) => (kind === 'text' ? [j] : []));
  if (textColumns.length === 0) return false;
  if (first.every((kind) => kind === 'text' || kind === 'missing')) return true;

  const rest = records.slice(1);
  return textColumns.some((j) => {
    const below = rest.map((record) => record.fields[j]);
    const kinds = below.filter((cell) => cell !== undefined).map(cellKind);
    return kinds.some((kind) => kind !== 'missing') && !kinds.includes('text');
  });
}
