/**
 * The corpus of bad input files for the command-line robustness test (cliCorpus.test.ts): one
 * case per kind of problem a user's CSV can have, each with the file the test writes, the
 * `post-ad detect` arguments, and what the one error line must say (file, line, column or
 * setting, and what to do). Model, setting and results-folder cases are in modelCorpus.ts.
 */
import { FAST } from './cli';
import { labelLines, ROWS, sensorCsv } from './sensorData';

/** Paths the cases refer to, known once the corpus folder and the baseline run exist. */
export interface CorpusPaths {
  /** The folder holding the corpus files. */
  dir: string;
  /** The clean data file. */
  good: string;
  /** The model folder of the baseline run. */
  model: string;
}

export interface BadCase {
  title: string;
  /** Files to write into the corpus folder before the run: name → content. */
  files?: Record<string, string | Buffer>;
  /** Anything else to make before the run (e.g. a damaged copy of the baseline's model). */
  prepare?(paths: CorpusPaths): Promise<void>;
  /** Arguments after `detect`, without --out and --quiet (the test adds them). */
  args(paths: CorpusPaths): string[];
  /** Every pattern must match the error line. */
  expect: RegExp[];
}

const f = (paths: CorpusPaths, name: string): string => `${paths.dir}/${name}`;

/** Detect on one corpus file, training on its first half. */
const onFile = (name: string) => (paths: CorpusPaths) => [f(paths, name), ...FAST];

/** Score the clean file with the baseline model, plus the given options. */
const scoreGood = (...extra: string[]) => (paths: CorpusPaths) => [
  paths.good,
  '--model',
  paths.model,
  '--backend',
  'cpu',
  ...extra.map((arg) => arg.replace(/^@/, `${paths.dir}/`)),
];

const latin1 = Buffer.concat([
  Buffer.from('a,b,c\n1,2,3\n'),
  Buffer.from('caf'),
  Buffer.from([0xe9]),
  Buffer.from(',2,3\n'),
]);
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sensorCsv(), 'utf16le')]);
const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0]);

/** The clean data with the cell of data row 9 (line 11), column b, replaced. */
const badCell = (text: string) =>
  sensorCsv({ cell: (t, c) => (t === 9 && c === 1 ? text : undefined) });

const minutes = Array.from({ length: 40 }, (_, t) => `2024-01-01 00:${String(t).padStart(2, '0')}`);

export const INPUT_CASES: BadCase[] = [
  {
    title: 'an empty file',
    files: { 'empty.csv': '' },
    args: onFile('empty.csv'),
    expect: [/^error: empty\.csv: the file is empty/],
  },
  {
    title: 'a header without rows',
    files: { 'header-only.csv': 'a,b,c\n' },
    args: onFile('header-only.csv'),
    expect: [/header-only\.csv: .*no data rows/],
  },
  {
    title: 'one data row (too short to train on, minimum stated)',
    files: { 'one-row.csv': 'a,b,c\n1,2,3\n' },
    args: onFile('one-row.csv'),
    expect: [/one-row\.csv/, /0 of 1 rows/, /at least 16/, /--train-fraction|window/],
  },
  {
    title: 'binary bytes',
    files: { 'binary.csv': binary },
    args: onFile('binary.csv'),
    expect: [/binary\.csv.*not a UTF-8 text file/, /Export the data as CSV in UTF-8/],
  },
  {
    title: 'Latin-1 text (not UTF-8), with the line',
    files: { 'latin1.csv': latin1 },
    args: onFile('latin1.csv'),
    expect: [/latin1\.csv, line 3: .*not a UTF-8 text file/],
  },
  {
    title: 'UTF-16 text with its byte-order mark',
    files: { 'utf16.csv': utf16 },
    args: onFile('utf16.csv'),
    expect: [/utf16\.csv, line 1: .*not a UTF-8 text file/],
  },
  {
    title: 'a row with too few fields',
    files: { 'few-fields.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8\n' },
    args: onFile('few-fields.csv'),
    expect: [/few-fields\.csv, line 4: this row has 2 fields but the header has 3/, /fix this row/],
  },
  {
    title: 'a row with too many fields',
    files: { 'many-fields.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,2,3,4\n' },
    args: onFile('many-fields.csv'),
    expect: [/many-fields\.csv, line 5: this row has 4 fields but the header has 3/],
  },
  {
    title: 'a quoted field that is never closed',
    files: { 'open-quote.csv': 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n' },
    args: onFile('open-quote.csv'),
    expect: [/open-quote\.csv, line \d: a quoted field is never closed/],
  },
  {
    title: 'a 1 MB single line of text',
    files: { 'long-line.csv': 'x'.repeat(1 << 20) + '\n' },
    args: onFile('long-line.csv'),
    expect: [/long-line\.csv: .*no data rows/],
  },
  {
    title: 'a 1 MB single line of digits',
    files: { 'long-number.csv': '9'.repeat(1 << 20) },
    args: onFile('long-number.csv'),
    expect: [/long-number\.csv, line 1, column 'ch1': "9{40}…" is infinite or too large/],
  },
  {
    title: 'no numeric column',
    files: { 'words.csv': 'name,city\nAnn,Oslo\nBob,Rome\n' },
    args: onFile('words.csv'),
    expect: [/words\.csv: the file has no numeric column/, /'name': text/],
  },
  {
    title: 'an all-missing column as the only channel',
    files: { 'all-missing.csv': 'a,label\n' + 'NaN,0\n'.repeat(40) },
    args: onFile('all-missing.csv'),
    expect: [/all-missing\.csv: the file has no numeric column/, /'a': no values/],
  },
  {
    title: 'zero usable channels: only time and labels',
    files: { 'time-and-labels.csv': `time,label\n${minutes.map((m) => `${m},0`).join('\n')}\n` },
    args: onFile('time-and-labels.csv'),
    expect: [/time-and-labels\.csv: the file has no numeric column/],
  },
  {
    title: 'a value of 1e400',
    files: { 'e400.csv': badCell('1e400') },
    args: onFile('e400.csv'),
    expect: [/e400\.csv, line 11, column 'b': "1e400" is infinite or too large/, /empty/],
  },
  {
    title: 'a value of Infinity',
    files: { 'infinity.csv': badCell('Infinity') },
    args: onFile('infinity.csv'),
    expect: [/infinity\.csv, line 11, column 'b': "Infinity"/],
  },
  {
    title: 'two number formats in one column',
    files: { 'mixed.csv': 'a;b\n1,5;2,5\n3,5;4.5\n' },
    args: onFile('mixed.csv'),
    expect: [/mixed\.csv, line 3, column 'b': "4\.5" is written in another number format/],
  },
  {
    title: 'text among the numbers',
    files: { 'typo.csv': badCell('4..2') },
    args: onFile('typo.csv'),
    expect: [/typo\.csv, line 11, column 'b': "4\.\.2" is not a number/],
  },
  {
    title: 'a training file shorter than the window',
    files: { 'short-train.csv': sensorCsv({ rows: 10 }) },
    args: (p) => [p.good, '--train', f(p, 'short-train.csv'), ...FAST],
    expect: [/short-train\.csv has 10 rows, fewer than the 16/, /window=/],
  },
  {
    title: 'a scored file shorter than the window of a saved model',
    files: { 'short-score.csv': sensorCsv({ rows: 12 }) },
    args: (p) => [f(p, 'short-score.csv'), '--model', p.model, '--backend', 'cpu'],
    expect: [/short-score\.csv has 12 rows, fewer than the 16/],
  },
  {
    title: 'a window larger than the data',
    args: (p) => [p.good, '--train', p.good, ...FAST, '--set', 'window=300'],
    expect: [/good\.csv has 240 rows, fewer than the 300/, /window=/],
  },
  {
    title: 'a training fraction shorter than the window',
    args: (p) => [p.good, ...FAST, '--train-fraction', '0.05'],
    expect: [/first 5% of .*good\.csv' is 12 of 240 rows; training needs at least 16/],
  },
  {
    title: 'a label column with three values',
    files: { 'labels-012.csv': sensorCsv({ extra: { label: (t) => String(t % 3) } }) },
    args: onFile('labels-012.csv'),
    expect: [/labels-012\.csv, line 4, column 'label': the labels must be 0\/1/, /"2" first/],
  },
  {
    title: 'a label file with three values',
    files: { 'labels-012.txt': labelLines(['0', '2']).replace(/^0$/m, '1') },
    args: scoreGood('--labels', '@labels-012.txt'),
    expect: [/labels-012\.txt.*the labels must be 0\/1/],
  },
  {
    title: 'a label file one row short',
    files: { 'labels-short.txt': labelLines(['0', '1'], ROWS - 1) },
    args: scoreGood('--labels', '@labels-short.txt'),
    expect: [/labels-short\.txt: the file has 239 labels but the series has 240 rows/],
  },
  {
    title: 'a label column that does not exist',
    args: scoreGood('--labels', 'attack'),
    expect: [/good\.csv, column 'attack': there is no label column 'attack'/, /a, b, c/],
  },
  {
    title: 'channel labels past the last row',
    files: { 'segments-rows.txt': '10-20:1\n230-300:2\n' },
    args: scoreGood('--channel-labels', '@segments-rows.txt'),
    expect: [/segments-rows\.txt, line 2: the segment 230-300 reaches row \d+/, /has 240 rows/],
  },
  {
    title: 'channel labels past the last channel',
    files: { 'segments-channels.txt': '10-20:1\n30-40:9\n' },
    args: scoreGood('--channel-labels', '@segments-channels.txt'),
    expect: [/segments-channels\.txt, line 2: channel 9 does not exist/, /1 to 3/],
  },
  {
    title: 'a channel-label matrix of the wrong width',
    files: { 'matrix.csv': 'a,b\n0,1\n1,0\n' },
    args: scoreGood('--channel-labels', '@matrix.csv'),
    expect: [/matrix\.csv, line 1: the file has 2 columns but the series has 3 channels/],
  },
];
