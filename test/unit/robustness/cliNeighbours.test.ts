/**
 * The good neighbours of the bad-input corpus on the command line: the same data written in
 * the other valid ways users' files come in (byte-order mark, CRLF, quoted fields holding the
 * delimiter or a newline, thousands separators, missing-value markers, labels in other
 * encodings). Each must be read to the same rows and channels and scored with a saved model,
 * exit status 0. The unit tests of src/engine/data/ check the values in detail.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { RunSummary } from '../../../src/engine/io/resultFiles';
import { CliRun, FAST, postAd, runAll } from './cli';
import { CHANNELS, labelLines, ROWS, rowLabel, sensorCsv } from './sensorData';

/** Rows labelled 1 by rowLabel(). */
const LABELLED = Array.from({ length: ROWS }, (_, t) => rowLabel(t)).reduce((a, b) => a + b, 0);

interface GoodCase {
  title: string;
  /** The data file to score (name, content); the clean good.csv when absent. */
  name?: string;
  content?: string;
  /** A label file given with --labels. */
  labels?: { name: string; content: string };
  check(summary: RunSummary): void;
}

const NORMAL_ATTACK: [string, string] = ['Normal', 'Attack'];
/** A value ×1000 written with a thousands separator, quoted: "1,999.7". */
const thousands = (v: number) =>
  `"${(v * 1000).toLocaleString('en', { minimumFractionDigits: 1 })}"`;
const quotedNote = (t: number) => (t % 50 === 7 ? '"valve, left\nopen"' : '"ok, closed"');
const withMissing = (marker: string) => (t: number, c: number) =>
  t === 30 && c === 0 ? marker : t === 31 && c === 2 ? marker : undefined;

const sameShape = (summary: RunSummary): void => {
  assert.strictEqual(summary.input.rows, ROWS);
  assert.deepStrictEqual(summary.channels, CHANNELS);
};

const CASES: GoodCase[] = [
  {
    title: 'a UTF-8 byte-order mark and CRLF line ends',
    name: 'bom-crlf.csv',
    content: '\uFEFF' + sensorCsv({ eol: '\r\n' }),
    check: sameShape,
  },
  {
    title: 'a quoted text column holding the delimiter and a newline',
    name: 'quoted.csv',
    content: sensorCsv({ extra: { note: quotedNote } }),
    check: (summary) => {
      sameShape(summary);
      assert.deepStrictEqual(summary.input.skippedColumns.map((c) => c.name), ['note']);
    },
  },
  {
    title: 'thousands separators in quoted values',
    name: 'thousands.csv',
    content: sensorCsv({ cell: (t, c, v) => (c === 2 ? thousands(v) : undefined) }),
    check: sameShape,
  },
  ...(
    [
      ['-', 'missing-dash.csv'],
      ['N/A', 'missing-na.csv'],
      ['NaN', 'missing-nan.csv'],
      ['', 'missing-empty.csv'],
    ] as const
  ).map(
    ([marker, name]): GoodCase => ({
      title: `missing values written as ${JSON.stringify(marker)}`,
      name,
      content: sensorCsv({ cell: withMissing(marker) }),
      check: (summary) => {
        sameShape(summary);
        assert.strictEqual(summary.input.imputation.cells, 2);
      },
    }),
  ),
  ...(
    [
      ['-1/1 in a file', 'labels-pm1.txt', labelLines(['-1', '1'])],
      ['Normal/Attack under a header', 'labels.csv', labelLines(NORMAL_ATTACK, ROWS, 'label')],
      ['true/false without a header', 'labels-bool.txt', labelLines(['false', 'true'])],
    ] as const
  ).map(
    ([what, name, content]): GoodCase => ({
      title: `labels written as ${what}`,
      labels: { name, content },
      check: (summary) => {
        sameShape(summary);
        assert.strictEqual(summary.metrics?.timewise?.labelledRows, LABELLED);
      },
    }),
  ),
];

describe('post-ad detect on the valid neighbours of the corpus', function () {
  this.timeout(300_000);
  let root: string;
  const runs = new Map<string, CliRun>();

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-neighbours-'));
    const good = path.join(root, 'good.csv');
    await fs.writeFile(good, sensorCsv());
    const baseline = path.join(root, 'baseline');
    const first = await postAd(['detect', good, ...FAST, '--quiet', '--out', baseline], root);
    assert.strictEqual(first.status, 0, first.stderr);

    const model = path.join(baseline, 'model');
    const jobs = CASES.map((goodCase, i) => async () => {
      let file = good;
      if (goodCase.name !== undefined) {
        file = path.join(root, goodCase.name);
        await fs.writeFile(file, goodCase.content ?? '');
      }
      const args = ['detect', file, '--model', model, '--backend', 'cpu', '--json', '--quiet'];
      if (goodCase.labels) {
        const labels = path.join(root, goodCase.labels.name);
        await fs.writeFile(labels, goodCase.labels.content);
        args.push('--labels', labels);
      }
      const out = path.join(root, `out-${i}`);
      runs.set(goodCase.title, await postAd([...args, '--out', out], root));
    });
    await runAll(jobs);
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  for (const goodCase of CASES) {
    it(`reads and scores ${goodCase.title}`, () => {
      const run = runs.get(goodCase.title);
      assert.ok(run, 'the case did not run');
      assert.strictEqual(run.status, 0, run.stderr);
      goodCase.check(JSON.parse(run.stdout) as RunSummary);
    });
  }
});
