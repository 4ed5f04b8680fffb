/**
 * Small data files for the detection-job and command-line tests, written by the tests into a
 * temporary folder: three correlated sine channels, a clean training file, and a test file
 * with a level shift in channel b (rows 120..139) and a spike in channel c (rows 60..62).
 */
import { promises as fs } from 'fs';
import * as path from 'path';

export const CHANNELS = ['a', 'b', 'c'];
export const TRAIN_ROWS = 300;
export const TEST_ROWS = 200;
/** Injected anomalies: rows inclusive, 0-based channel indices. */
export const INJECTED = [
  { start: 60, end: 62, channel: 2 },
  { start: 120, end: 139, channel: 1 },
];

/** A tiny seeded generator (LCG) so the files are the same on every run. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

function values(rows: number, seed: number, anomalous: boolean): number[][] {
  const next = noise(seed);
  const out: number[][] = [];
  for (let t = 0; t < rows; t++) {
    const base = Math.sin((2 * Math.PI * t) / 25);
    const row = [base, 0.8 * base + 0.2 * Math.cos((2 * Math.PI * t) / 10), -base];
    for (let c = 0; c < 3; c++) row[c] += 0.05 * next();
    out.push(row);
  }
  if (anomalous) {
    for (let t = 60; t <= 62; t++) out[t][2] += 6;
    for (let t = 120; t <= 139; t++) out[t][1] += 3;
  }
  return out;
}

export function rowLabels(): number[] {
  const labels = new Array<number>(TEST_ROWS).fill(0);
  for (const a of INJECTED) for (let t = a.start; t <= a.end; t++) labels[t] = 1;
  return labels;
}

const iso = (t: number): string => new Date(Date.UTC(2024, 0, 1) + t * 60_000).toISOString();
const num = (v: number): string => v.toFixed(5);

export interface FixtureFiles {
  dir: string;
  /** No labels, with a timestamp column. */
  train: string;
  /** A timestamp column and a `label` column (found by its name). */
  test: string;
  /** The same values with the labels in a column named `fault` (found only when named). */
  testFault: string;
  /** One 0/1 label per line with a header. */
  labels: string;
  /** Row × channel 0/1 with a header of channel names. */
  channelMatrix: string;
  /** `start-end:ch` lines, SMD style (end exclusive, 1-based channels). */
  channelSmd: string;
  /** The same, ASD style (end inclusive). */
  channelAsd: string;
}

export async function writeFixtures(dir: string): Promise<FixtureFiles> {
  const file = (name: string) => path.join(dir, name);
  const train = values(TRAIN_ROWS, 7, false);
  const test = values(TEST_ROWS, 11, true);
  const labels = rowLabels();

  const csv = (header: string[], rows: string[][]) =>
    [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
  const trainRows = train.map((r, t) => [iso(t), ...r.map(num)]);
  await fs.writeFile(file('train.csv'), csv(['timestamp', ...CHANNELS], trainRows));
  const testRows = test.map((r, t) => [iso(TRAIN_ROWS + t), ...r.map(num), String(labels[t])]);
  await fs.writeFile(file('test.csv'), csv(['timestamp', ...CHANNELS, 'label'], testRows));
  await fs.writeFile(file('test_fault.csv'), csv(['timestamp', ...CHANNELS, 'fault'], testRows));
  await fs.writeFile(file('labels.csv'), csv(['label'], labels.map((l) => [String(l)])));

  const inside = (t: number, c: number) =>
    INJECTED.some((a) => a.channel === c && t >= a.start && t <= a.end);
  const matrix = labels.map((_, t) => CHANNELS.map((__, c) => (inside(t, c) ? '1' : '0')));
  await fs.writeFile(file('channel_labels.csv'), csv(CHANNELS, matrix));
  const smd = INJECTED.map((a) => `${a.start}-${a.end + 1}:${a.channel + 1}`).join('\n') + '\n';
  await fs.writeFile(file('interpretation_smd.txt'), smd);
  const asd = INJECTED.map((a) => `${a.start}-${a.end}:${a.channel + 1}`).join('\n') + '\n';
  await fs.writeFile(file('interpretation_asd.txt'), asd);

  return {
    dir,
    train: file('train.csv'),
    test: file('test.csv'),
    testFault: file('test_fault.csv'),
    labels: file('labels.csv'),
    channelMatrix: file('channel_labels.csv'),
    channelSmd: file('interpretation_smd.txt'),
    channelAsd: file('interpretation_asd.txt'),
  };
}
