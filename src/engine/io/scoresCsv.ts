/**
 * scores.csv: one line per input row with the time (ISO 8601 when the input had a time column,
 * else the 0-based row index), the anomaly score, detected 0/1, the label when known, then one
 * localization column per channel, named by the channel. Written by io/writeResults.ts and read
 * back by io/resultFiles.ts (`readResults`).
 */
import { parse } from 'csv-parse';
import { createReadStream, createWriteStream } from 'fs';
import { once } from 'events';
import * as path from 'path';

import { PostError } from '../errors';
import { damaged, ScoreTable } from './resultFiles';

const ROWS_PER_CHUNK = 2000;

/** Writes `table` to `file`, streaming, so a long series never becomes one huge string. */
export async function writeScoresCsv(file: string, table: ScoreTable): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const C = table.channels.length;
  const header = ['time', 'score', 'detected'];
  if (table.labels) header.push('label');
  header.push(...table.channels);

  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(header.map(csvField).join(',') + '\n');
  for (let start = 0; start < table.rows; start += ROWS_PER_CHUNK) {
    const lines: string[] = [];
    const end = Math.min(table.rows, start + ROWS_PER_CHUNK);
    for (let t = start; t < end; t++) {
      const cells = [timeCell(table, t), formatFloat32(table.score[t]), String(table.detected[t])];
      if (table.labels) cells.push(String(table.labels[t]));
      for (let c = 0; c < C; c++) cells.push(formatFloat32(table.channelScore[t * C + c]));
      lines.push(cells.join(','));
    }
    await write(lines.join('\n') + '\n');
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

export interface ScoresLayout {
  channels: string[];
  rows: number;
  withTime: boolean;
  withLabels: boolean;
}

/**
 * Reads scores.csv back; the layout (from summary.json) says which columns to expect.
 * Limitation: the whole table is held in memory (rows × channels float32 values).
 */
export async function readScoresCsv(file: string, layout: ScoresLayout): Promise<ScoreTable> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const C = layout.channels.length;
  const expected = ['time', 'score', 'detected', ...(layout.withLabels ? ['label'] : [])];
  expected.push(...layout.channels);
  const table: ScoreTable = {
    channels: layout.channels,
    rows: layout.rows,
    timestamps: layout.withTime ? new Float64Array(layout.rows) : undefined,
    score: new Float32Array(layout.rows),
    detected: new Uint8Array(layout.rows),
    labels: layout.withLabels ? new Uint8Array(layout.rows) : undefined,
    channelScore: new Float32Array(layout.rows * C),
  };

  const source = createReadStream(file);
  const parser = source.pipe(parse({ relax_column_count: false }));
  // pipe() does not forward a read error (a missing file): hand it to the parser.
  source.once('error', (error) => parser.destroy(error));
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      if (line === 1) {
        if (record.join('\u0000') !== expected.join('\u0000')) {
          throw damaged(dir, name, 'has a header that does not match summary.json', 1);
        }
        continue;
      }
      const t = line - 2;
      if (t >= layout.rows) throw damaged(dir, name, `has more than ${layout.rows} rows`, line);
      storeRow(table, record, t, { dir, name, line });
    }
  } catch (error) {
    if (error instanceof PostError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw damaged(dir, name, 'is missing');
    throw damaged(dir, name, `cannot be parsed (${(error as Error).message})`);
  }
  if (line - 1 !== layout.rows) {
    throw damaged(dir, name, `has ${Math.max(line - 1, 0)} rows, summary.json says ${layout.rows}`);
  }
  return table;
}

function storeRow(
  table: ScoreTable,
  record: string[],
  t: number,
  where: { dir: string; name: string; line: number },
): void {
  const bad = (what: string): PostError => damaged(where.dir, where.name, what, where.line);
  const C = table.channels.length;
  if (table.timestamps) {
    const ms = Date.parse(record[0]);
    if (Number.isNaN(ms)) throw bad(`has a time '${record[0]}' that is not ISO 8601`);
    table.timestamps[t] = ms;
  } else if (Number(record[0]) !== t) {
    throw bad(`has row index '${record[0]}' where ${t} was expected`);
  }
  table.score[t] = numberCell(record[1], 'score', bad);
  table.detected[t] = flagCell(record[2], 'detected', bad);
  let next = 3;
  if (table.labels) table.labels[t] = flagCell(record[next++], 'label', bad);
  for (let c = 0; c < C; c++) {
    table.channelScore[t * C + c] = numberCell(record[next + c], table.channels[c], bad);
  }
}

function numberCell(cell: string, column: string, bad: (what: string) => PostError): number {
  const value = cell.trim() === '' ? NaN : Number(cell);
  if (Number.isNaN(value) && cell !== 'NaN') {
    throw bad(`has '${cell}' in column '${column}', not a number`);
  }
  return value;
}

function flagCell(cell: string, column: string, bad: (what: string) => PostError): number {
  if (cell !== '0' && cell !== '1') throw bad(`has '${cell}' in column '${column}', not 0 or 1`);
  return cell === '1' ? 1 : 0;
}

function timeCell(table: ScoreTable, t: number): string {
  return table.timestamps ? new Date(table.timestamps[t]).toISOString() : String(t);
}

/**
 * The shortest decimal that reads back as the same float32 (at most 9 significant digits,
 * which always suffice), so files stay small and round trips are exact.
 */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const target = Math.fround(value);
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(target.toPrecision(digits)));
    if (Math.fround(Number(text)) === target) return text;
  }
  return String(Number(target.toPrecision(9)));
}

/** Quotes a CSV field when it holds a delimiter, a quote, a line break or edge spaces. */
export function csvField(text: string): string {
  if (/[",\r\n]|^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
