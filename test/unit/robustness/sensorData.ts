/**
 * The clean data the robustness tests start from: three smooth, correlated channels `a`, `b`,
 * `c` (rows of plain decimals), the same on every run. Each bad file of the corpus is this
 * data with one thing wrong; each good neighbour is this data written another valid way.
 */

export const CHANNELS = ['a', 'b', 'c'];
/** Rows of the clean file: enough for the tiny preset (window 16) to train on half of it. */
export const ROWS = 240;

/** Row `t` of the clean data as three numbers. */
export function rowValues(t: number): number[] {
  const base = Math.sin((2 * Math.PI * t) / 24);
  return [base, 0.7 * base + 0.3 * Math.cos((2 * Math.PI * t) / 9), 2 - base];
}

export interface CsvOptions {
  rows?: number;
  header?: string[];
  /** Line end, '\n' by default. */
  eol?: string;
  /** Text of the cell at row `t`, column `c` (0-based data rows); undefined: the number. */
  cell?: (t: number, c: number, value: number) => string | undefined;
  /** Extra columns after the channels, by name, with their cell text per row. */
  extra?: Record<string, (t: number) => string>;
  delimiter?: string;
}

/** The clean data as CSV text, with the changes `options` asks for. */
export function sensorCsv(options: CsvOptions = {}): string {
  const rows = options.rows ?? ROWS;
  const eol = options.eol ?? '\n';
  const sep = options.delimiter ?? ',';
  const extra = Object.entries(options.extra ?? {});
  const header = [...(options.header ?? CHANNELS), ...extra.map(([name]) => name)];
  const lines = [header.join(sep)];
  for (let t = 0; t < rows; t++) {
    const cells = rowValues(t).map((v, c) => options.cell?.(t, c, v) ?? v.toFixed(4));
    lines.push([...cells, ...extra.map(([, cell]) => cell(t))].join(sep));
  }
  return lines.join(eol) + eol;
}

/** One label per row: 1 in rows 100..104 and 180..183, else 0. */
export function rowLabel(t: number): number {
  return (t >= 100 && t <= 104) || (t >= 180 && t <= 183) ? 1 : 0;
}

/** Row labels written one per line, each label as `words[label]`. */
export function labelLines(words: [string, string], rows = ROWS, header?: string): string {
  const lines = Array.from({ length: rows }, (_, t) => words[rowLabel(t)]);
  return [...(header === undefined ? [] : [header]), ...lines].join('\n') + '\n';
}
