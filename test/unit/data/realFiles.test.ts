/**
 * The readers on the real datasets in /work/shared/datasets (read in place, never copied).
 * Each case is skipped where its files are absent, so the suite also runs without them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readChannelLabels, readRowLabels } from '../../../src/engine/data/labels';
import { readSeries } from '../../../src/engine/data/readSeries';

const DATASETS = '/work/shared/datasets';

type Check = (...files: string[]) => Promise<void>;

/** `it` when every file exists, `it.skip` otherwise. */
function withFiles(title: string, names: string[], run: Check): void {
  const files = names.map((name) => path.join(DATASETS, name));
  (files.every((f) => fs.existsSync(f)) ? it : it.skip)(title, () => run(...files));
}

/** Row labels implied by channel labels: a row is anomalous when any of its channels is. */
function anyChannel(cells: Uint8Array, rows: number, channels: number): number[] {
  const rowHas = (t: number) => cells.subarray(t * channels, (t + 1) * channels).includes(1);
  return Array.from({ length: rows }, (_, t) => (rowHas(t) ? 1 : 0));
}

describe('real datasets', () => {
  withFiles('SMD train.txt: 23,693 × 38, no header', ['smd-machine-2-1/train.txt'], async (f) => {
    const series = await readSeries(f);
    assert.deepStrictEqual([series.rows, series.channels.length], [23_693, 38]);
    assert.strictEqual(series.channels[37], 'ch38');
    assert.strictEqual(series.timestamps, undefined);
  });

  withFiles(
    'SMD labels: interpretation segments (end exclusive) agree with test_label.txt',
    ['smd-machine-2-1/test_label.txt', 'smd-machine-2-1/interpretation_label.txt'],
    async (rowFile, segmentFile) => {
      const rows = await readRowLabels(rowFile, 23_694);
      const channels = await readChannelLabels(segmentFile, 23_694, 38);
      assert.deepStrictEqual(anyChannel(channels.cells, 23_694, 38), Array.from(rows));
      assert.strictEqual(channels.cells[6506 * 38 + 22], 1);
      assert.strictEqual(channels.cells[6528 * 38 + 22], 0);
    },
  );

  withFiles(
    'ASD omi-1: interpretation segments (end inclusive) agree with the row labels',
    ['asd/omi-1_test_label.txt', 'asd/omi-1_interpretation_label.txt'],
    async (rowFile, segmentFile) => {
      const rows = await readRowLabels(rowFile, 4320);
      const channels = await readChannelLabels(segmentFile, 4320, 19, { endInclusive: true });
      assert.deepStrictEqual(anyChannel(channels.cells, 4320, 19), Array.from(rows));
    },
  );

  withFiles(
    'SKAB valve1/0.csv: 8 channels, datetime as time, anomaly as labels',
    ['skab/valve1/0.csv'],
    async (file) => {
      const series = await readSeries(file);
      assert.strictEqual(series.channels.length, 8);
      assert.ok(series.channels.includes('Volume Flow RateRMS'));
      assert.strictEqual(series.timeColumn, 'datetime');
      assert.ok(series.timestamps!.every((t, i, all) => i === 0 || t >= all[i - 1]));
      assert.strictEqual(series.labelSource, 'anomaly');
      assert.ok(series.labels!.includes(1) && series.labels!.includes(0));
      assert.ok(series.skippedColumns.some((s) => s.name === 'changepoint'));
    },
  );

  withFiles(
    'PSM test.csv: 8,386 × 25 with time, and its label file',
    ['psm-test-prefix/test.csv', 'psm-test-prefix/test_label.csv'],
    async (file, labelFile) => {
      const series = await readSeries(file);
      assert.deepStrictEqual([series.rows, series.channels.length], [8386, 25]);
      assert.strictEqual(series.timeColumn, 'timestamp_(min)');
      const labels = await readRowLabels(labelFile, series.rows);
      assert.deepStrictEqual([labels[88], labels[89]], [0, 1]);
    },
  );

  withFiles(
    'GDN-MSL test.csv: 27 channels and attack labels; train.csv has no labels',
    ['gdn-msl-demo/test.csv', 'gdn-msl-demo/train.csv'],
    async (testFile, trainFile) => {
      const test = await readSeries(testFile);
      assert.strictEqual(test.channels.length, 27);
      assert.strictEqual(test.labelSource, 'attack');
      assert.strictEqual(test.timeColumn, 'timestamp');
      assert.deepStrictEqual([test.labels![289], test.labels![290]], [0, 1]);
      const train = await readSeries(trainFile);
      assert.deepStrictEqual(train.channels, test.channels);
      assert.strictEqual(train.labels, undefined);
    },
  );

  withFiles(
    'TSB-AD-M: a Label column under numeric column names',
    ['tsb-ad-m-smap-e9/107_SMAP_E-9_2075_5550.csv'],
    async (file) => {
      const series = await readSeries(file);
      assert.deepStrictEqual([series.rows, series.channels.length], [8302, 25]);
      assert.strictEqual(series.channels[0], '0');
      assert.strictEqual(series.labels!.reduce((a, b) => a + b, 0), 351);
    },
  );
});
