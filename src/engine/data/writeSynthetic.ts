/**
 * Writes the synthetic benchmark to a folder as ordinary files a user could have brought:
 * train.csv and test.csv (timestamp, channels, label), channel_labels.csv (row × channel 0/1),
 * anomalies.json (the injected list) and a README.md that explains them.
 *
 * Called by `post-ad synth`, `post-ad demo` (through synthetic.ts) and the benchmarks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PostError } from '../errors';
import { Series } from '../types';
import type { SyntheticData } from './synthetic';

/** Rows per write, so a long series never becomes one huge string. */
const ROWS_PER_WRITE = 10_000;

const FILE_NAMES = ['train.csv', 'test.csv', 'channel_labels.csv', 'anomalies.json', 'README.md'];
const README_TITLE = '# Synthetic benchmark (seed ';

/**
 * Writes the files into `dir` (created when missing); returns their absolute paths. A folder
 * that holds anything but an earlier synthetic benchmark is refused: a user's own train.csv
 * must not be overwritten by generated data.
 */
export async function writeSynthetic(dir: string, data: SyntheticData): Promise<string[]> {
  const folder = path.resolve(dir);
  const files = FILE_NAMES.map((name) => path.join(folder, name));
  await checkFolder(folder);
  try {
    await fs.promises.mkdir(folder, { recursive: true });
    await writeSeries(files[0], data.train);
    await writeSeries(files[1], data.test);
    const { cells, channels } = data.channelLabels;
    await writeRows(files[2], data.test.channels.join(','), data.channelLabels.rows, (t) =>
      Array.from(cells.subarray(t * channels, (t + 1) * channels)).join(','),
    );
    await fs.promises.writeFile(files[3], anomaliesJson(data) + '\n');
    await fs.promises.writeFile(files[4], readme(data));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = `Cannot write the synthetic benchmark to ${folder}: ${detail}.`;
    throw new PostError('resource', message, { file: folder });
  }
  return files;
}

/** Passes a missing or empty folder, or one holding only an earlier synthetic benchmark. */
async function checkFolder(folder: string): Promise<void> {
  const refuse = (why: string): PostError =>
    new PostError(
      'input',
      `${folder} ${why}; the synthetic benchmark is written only into a new or empty folder ` +
        'or over an earlier one. Choose another --out folder.',
      { file: folder },
    );
  let entries: string[];
  try {
    entries = await fs.promises.readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw refuse('is a file, not a folder');
    throw error;
  }
  if (entries.length === 0) return;

  const others = entries.filter((name) => !FILE_NAMES.includes(name));
  const readmePath = path.join(folder, 'README.md');
  const readme = entries.includes('README.md')
    ? (await fs.promises.readFile(readmePath, 'utf8')).slice(0, README_TITLE.length)
    : '';
  if (others.length > 0 || readme !== README_TITLE) {
    throw refuse('is not empty and holds no synthetic benchmark written earlier');
  }
}

function writeSeries(file: string, series: Series): Promise<void> {
  return writeRows(file, seriesHeader(series), series.rows, (t) => seriesRow(series, t));
}

async function writeRows(
  file: string,
  header: string,
  rows: number,
  row: (t: number) => string,
): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    await handle.write(header + '\n');
    for (let from = 0; from < rows; from += ROWS_PER_WRITE) {
      const lines: string[] = [];
      for (let t = from; t < Math.min(rows, from + ROWS_PER_WRITE); t++) lines.push(row(t));
      await handle.write(lines.join('\n') + '\n');
    }
  } finally {
    await handle.close();
  }
}

function seriesHeader(series: Series): string {
  return ['timestamp', ...series.channels, 'label'].join(',');
}

function seriesRow(series: Series, t: number): string {
  const C = series.channels.length;
  const time = new Date(series.timestamps![t]).toISOString().replace('.000Z', 'Z');
  const cells = [time];
  for (let c = 0; c < C; c++) cells.push(shortestFloat32(series.values[t * C + c]));
  cells.push(String(series.labels?.[t] ?? 0));
  return cells.join(',');
}

/** The shortest decimal text that reads back as exactly the same float32. */
export function shortestFloat32(value: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

function anomaliesJson(data: SyntheticData): string {
  const names = data.test.channels;
  const anomalies = data.anomalies.map((a) => ({
    ...a,
    channelNames: a.channels.map((c) => names[c]),
  }));
  return JSON.stringify({ options: data.options, channels: names, anomalies }, null, 2);
}

function readme(data: SyntheticData): string {
  const { seed, channels, length, trainLength } = data.options;
  const kinds = [...new Set(data.anomalies.map((a) => a.kind))].join(', ');
  return `${README_TITLE}${seed})

Generated by POST for VS Code. The same seed and options always give the same files.

- ${channels} channels (\`ch1\`..\`ch${channels}\`) that follow a few shared latent factors, with
  seasonal waves (periods of 1 to 24 hours), a slow drift and noise. One row per minute.
- \`train.csv\`: ${trainLength} rows of normal behaviour only (every \`label\` is 0).
- \`test.csv\`: the ${length} rows that follow, with ${data.anomalies.length} injected anomalies
  (${kinds}). \`label\` is 1 on every row where some channel is anomalous.
- \`channel_labels.csv\`: one row per row of \`test.csv\`, one 0/1 column per channel: 1 where
  that channel is anomalous.
- \`anomalies.json\`: the injected anomalies. \`start\` and \`end\` are 0-based rows of
  \`test.csv\` (not counting its header), \`end\` included; \`channels\` are 0-based column
  indices among the channels, \`channelNames\` their names.

## Anomaly kinds
- spike: a sharp peak of 5-8 training standard deviations over 1-5 rows.
- levelShift: the channel jumps by 2-3.5 std and stays there for the segment.
- trend: a ramp that grows to 3-5 std over the segment, then drops back.
- amplitude: the swing around the segment's mean grows 2.5-4 times.
- noiseBurst: extra noise of 1-1.5 std.
- shapeChange: the segment becomes a square wave with the same mean.
- correlationBreak: the channel replays its own normal values from another time, so it stays
  in range but stops following the channels that share its factor.

Try: \`post-ad detect test.csv --train train.csv --channel-labels channel_labels.csv\`
`;
}
