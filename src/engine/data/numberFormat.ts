/**
 * Numbers as users' files write them: `1.5`, `1,5` (decimal comma), `1,234.5` and `1.234,5`
 * (thousands separators), `1e-3`, and the usual spellings of a missing value.
 *
 * The sniffer (sniff.ts) calls `detectNumberFormat` once per file on a sample; the reader
 * (rowSink.ts) calls `parseNumber` on every cell, so that function stays small and fast.
 *
 * Limitation: spaces or apostrophes between thousands (`1 234,5`, `1'234.5`) are not read.
 */

export interface NumberFormat {
  decimal: '.' | ',';
  /** Thousands separator accepted in grouped numbers (`1,234.5`), or null for none. */
  thousands: ',' | '.' | null;
}

export const PLAIN_FORMAT: NumberFormat = { decimal: '.', thousands: null };

/** Largest finite float32: larger values cannot be stored in the series. */
export const FLOAT32_MAX = 3.4028234663852886e38;

// Written so that no two quantifiers compete for the same digits: a long run of digits that
// does not match fails in linear time (`\d+\.?\d*` would backtrack quadratically).
const DOT_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const DOT_GROUPED = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$/;
const INFINITE = /^[+-]?(?:inf|infinity)$/i;

/** `1,234` / `1.234`: a decimal or a thousands group; the file's other numbers decide. */
const AMBIGUOUS_COMMA = /^[+-]?[1-9]\d{0,2},\d{3}$/;
const AMBIGUOUS_DOT = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;
/** Two or more groups, or groups then a decimal part: a thousands separator for sure. */
const SURELY_COMMA_GROUPED = /^[+-]?\d{1,3}(?:(?:,\d{3}){2,}|(?:,\d{3})+\.\d+)$/;
const SURELY_DOT_GROUPED = /^[+-]?\d{1,3}(?:(?:\.\d{3}){2,}|(?:\.\d{3})+,\d+)$/;

/** Spellings of a missing value (compared trimmed and lower-cased; all 4 characters or less). */
const MISSING = new Set(['', 'nan', 'null', 'na', 'n/a', '#n/a', '-', '?', 'none']);

/** True for an empty cell or one of the usual missing-value spellings. */
export function isMissing(cell: string): boolean {
  const text = cell.trim();
  return text.length <= 4 && MISSING.has(text.toLowerCase());
}

/**
 * The value of a cell: a finite number; NaN for a missing value; ±Infinity for `inf` or a
 * value beyond the float32 range; undefined when the cell is not a number in this format.
 */
export function parseNumber(cell: string, format: NumberFormat): number | undefined {
  const text = cell.trim();
  if (text.length <= 4 && MISSING.has(text.toLowerCase())) return NaN;

  let value: number | undefined;
  if (format.decimal === '.') {
    if (DOT_DECIMAL.test(text)) value = Number(text);
    else if (format.thousands === ',' && COMMA_GROUPED.test(text)) {
      value = Number(text.replace(/,/g, ''));
    }
  } else if (COMMA_DECIMAL.test(text)) {
    value = Number(text.replace(',', '.'));
  } else if (format.thousands === '.' && DOT_GROUPED.test(text)) {
    value = Number(text.replace(/\./g, '').replace(',', '.'));
  }

  if (value === undefined) return INFINITE.test(text) ? signedInfinity(text) : undefined;
  if (value > FLOAT32_MAX) return Infinity;
  if (value < -FLOAT32_MAX) return -Infinity;
  return value;
}

function signedInfinity(text: string): number {
  return text.startsWith('-') ? -Infinity : Infinity;
}

/** True when the cell is a number in some format (used to tell mixed formats from text). */
export function looksNumeric(cell: string): boolean {
  const text = cell.trim();
  return (
    DOT_DECIMAL.test(text) ||
    COMMA_DECIMAL.test(text) ||
    COMMA_GROUPED.test(text) ||
    DOT_GROUPED.test(text) ||
    INFINITE.test(text)
  );
}

/** Describes a format for a note to the user. */
export function describeFormat(format: NumberFormat): string {
  const decimal = format.decimal === ',' ? 'a decimal comma' : 'a decimal point';
  if (format.thousands === null) return decimal;
  return `${decimal} and '${format.thousands}' between thousands`;
}

/**
 * Decides the decimal mark and thousands separator from a sample of cells.
 *
 * Unambiguous cells vote (`0.5`, `1.25e3`, `1,234.5` for a decimal point; `0,5`, `1.234,5`
 * for a decimal comma) and the majority wins; a cell of the losing kind is later reported as
 * a mixed format at its row and column. With no unambiguous cell, `1,234` in a file separated
 * by `;`, tab or `|` is read as a decimal comma (the reason such files avoid `,` as
 * separator), and `1.234` as a decimal point.
 */
export function detectNumberFormat(cells: Iterable<string>, delimiter: string): NumberFormat {
  let pointVotes = 0;
  let commaVotes = 0;
  let commaGroups = 0;
  let dotGroups = 0;
  let ambiguousComma = 0;
  let ambiguousDot = 0;

  for (const cell of cells) {
    const text = cell.trim();
    if (text.length === 0) continue;
    if (AMBIGUOUS_COMMA.test(text)) ambiguousComma++;
    else if (AMBIGUOUS_DOT.test(text)) ambiguousDot++;
    else if (SURELY_COMMA_GROUPED.test(text)) {
      pointVotes++;
      commaGroups++;
    } else if (SURELY_DOT_GROUPED.test(text)) {
      commaVotes++;
      dotGroups++;
    } else if (DOT_DECIMAL.test(text) && text.includes('.')) pointVotes++;
    else if (COMMA_DECIMAL.test(text) && text.includes(',')) commaVotes++;
  }

  let decimal: '.' | ',';
  if (pointVotes !== commaVotes) decimal = pointVotes > commaVotes ? '.' : ',';
  else decimal = ambiguousComma > 0 && delimiter !== ',' ? ',' : '.';

  if (decimal === '.') {
    const grouped = commaGroups > 0 || (ambiguousComma > 0 && commaVotes === 0);
    return { decimal, thousands: grouped ? ',' : null };
  }
  const grouped = dotGroups > 0 || (ambiguousDot > 0 && pointVotes === 0);
  return { decimal, thousands: grouped ? '.' : null };
}
