/**
 * Label columns and label values: which column names hold labels, and how the values found
 * in them (`0/1`, `-1/1`, `true/false`, `Normal/Attack`, ...) become 0/1.
 *
 * Called by columnPlan.ts (names), readSeries.ts and labels.ts (values).
 */
import { inputError, listForMessage, quoteCell } from './inputError';
import { isMissing } from './numberFormat';

/** Usual names of a label column, compared lower-cased with spaces and dashes as `_`. */
const LABEL_NAMES = [
  'label',
  'labels',
  'anomaly',
  'anomalies',
  'is_anomaly',
  'attack',
  'is_attack',
  'class',
  'outlier',
  'is_outlier',
];

/** Columns that are annotations, not sensors, and never features (SKAB marks change points). */
const ANNOTATION_NAMES = new Map([
  ['changepoint', 'change-point marker (an annotation, not a measurement)'],
  ['change_point', 'change-point marker (an annotation, not a measurement)'],
]);

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Rank of a name among the usual label names (lower is preferred), or -1 when it is not one. */
export function labelNameRank(name: string): number {
  return LABEL_NAMES.indexOf(normalizeName(name));
}

/** The reason an annotation column is left out, or undefined for other columns. */
export function annotationReason(name: string): string | undefined {
  return ANNOTATION_NAMES.get(normalizeName(name));
}

const NORMAL_WORDS = new Set([
  'normal',
  'benign',
  'nominal',
  'ok',
  'inlier',
  'negative',
  'false',
  'no',
]);
const ANOMALY_WORDS = new Set([
  'anomaly',
  'anomalous',
  'abnormal',
  'attack',
  'outlier',
  'fault',
  'faulty',
  'failure',
  'malicious',
  'positive',
  'true',
  'yes',
]);

/** Distinct values tolerated in a label column before it is judged not to hold labels. */
export const MAX_LABEL_VALUES = 16;

/** A label value as compared: trimmed and lower-cased. */
export function labelKey(cell: string): string {
  return cell.trim().toLowerCase();
}

/** True for a key that reads as a label on its own: a number or a normal/anomaly word. */
export function isLabelValue(key: string): boolean {
  if (key === '') return false;
  return Number.isFinite(Number(key)) || NORMAL_WORDS.has(key) || ANOMALY_WORDS.has(key);
}

export interface LabelMapping {
  /** 0 or 1 for each distinct key. */
  values: Map<string, 0 | 1>;
  /** A sentence for the user when the encoding was not plain 0/1. */
  note?: string;
}

/**
 * Maps the distinct values of a label column to 0/1 when that is unambiguous: numbers in
 * {0, 1}; numbers in {-1, 1}, read with 1 as the anomaly like 0/1; or words that each mean
 * normal or anomalous. Anything else is a PostError naming the column, the values found and,
 * when `lines` gives the line each key was first met on, the line of the first value that no
 * encoding knows. `column` is undefined for a file whose only column has no name.
 *
 * Limitation: scikit-learn's outlier detectors write -1 for an outlier and 1 for an inlier;
 * a -1/1 column from such a tool is read inverted. The note says which reading was used.
 */
export function mapLabelValues(
  file: string,
  column: string | undefined,
  keys: readonly string[],
  lines?: readonly number[],
): LabelMapping {
  const labelsIn = column === undefined ? 'Labels' : `Labels in '${column}'`;
  const values = new Map<string, 0 | 1>();
  const numbers = keys.map((key) => (key === '' ? NaN : Number(key)));

  if (numbers.every((n) => n === 0 || n === 1)) {
    keys.forEach((key, i) => values.set(key, numbers[i] as 0 | 1));
    return { values };
  }
  if (numbers.every((n) => n === -1 || n === 1)) {
    keys.forEach((key, i) => values.set(key, numbers[i] === 1 ? 1 : 0));
    const note = `${labelsIn} are -1/1: 1 is read as anomalous, -1 as normal.`;
    return { values, note };
  }
  const known = (key: string, i: number): boolean =>
    numbers[i] === 0 || numbers[i] === 1 || NORMAL_WORDS.has(key) || ANOMALY_WORDS.has(key);
  const words = keys.every(known);
  if (words && keys.length > 0) {
    keys.forEach((key, i) => {
      values.set(key, numbers[i] === 1 || ANOMALY_WORDS.has(key) ? 1 : 0);
    });
    const anomalous = keys.filter((key) => values.get(key) === 1);
    const normal = keys.filter((key) => values.get(key) === 0);
    const note =
      `${labelsIn}: ${anomalous.join(', ') || '(none)'} read as anomalous, ` +
      `${normal.join(', ') || '(none)'} as normal.`;
    return { values, note };
  }

  // Every encoding above failed, so some key is neither 0/1 nor a known word: name the first.
  const culprit = keys.findIndex((key, i) => !known(key, i));
  const line = culprit >= 0 ? lines?.[culprit] : undefined;
  const first = line === undefined ? '' : ` (${quoteCell(keys[culprit], 20)} first here)`;
  const found = listForMessage(keys.map((key) => quoteCell(key, 20)));
  throw inputError(
    file,
    `the labels must be 0/1 (or -1/1, true/false, normal/anomaly); found ${found}${first}. ` +
      'Fix the values, or choose another label column or none.',
    { line, column },
  );
}

/**
 * The distinct values of a label column met while reading, each given a small code, so a
 * column is stored as one byte per row and mapped to 0/1 once at the end.
 */
export class LabelCodes {
  readonly keys: string[] = [];
  /** The line each key was first met on, for the message about a value that is no label. */
  private readonly firstLines: number[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly column: string | undefined,
  ) {}

  /** The code of a cell; a PostError for a missing label or one value too many. */
  codeOf(cell: string, line: number): number {
    if (isMissing(cell)) {
      throw inputError(this.file, 'the label is missing. Fill in 0 or 1.', {
        line,
        column: this.column,
      });
    }
    const key = labelKey(cell);
    const known = this.index.get(key);
    if (known !== undefined) return known;

    const code = this.keys.push(key) - 1;
    this.firstLines.push(line);
    this.index.set(key, code);
    if (this.keys.length > MAX_LABEL_VALUES) {
      const found = listForMessage(this.keys.map((k) => quoteCell(k, 20)));
      throw inputError(
        this.file,
        `this column has more than ${MAX_LABEL_VALUES} different values (${found}), so it ` +
          'does not hold 0/1 labels. Choose another label column, or none.',
        { line, column: this.column },
      );
    }
    return code;
  }

  /** 0/1 labels for a row of codes (see mapLabelValues), with the note on the encoding. */
  labels(codes: Uint8Array): { labels: Uint8Array; note?: string } {
    const mapping = mapLabelValues(this.file, this.column, this.keys, this.firstLines);
    const byCode = this.keys.map((key) => mapping.values.get(key) ?? 0);
    return { labels: codes.map((code) => byCode[code]), note: mapping.note };
  }
}
