/**
 * The synthetic benchmark: determinism per seed, labels that match the injected list, a clean
 * training part, every anomaly kind, and files that read back to the same data.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readChannelLabels } from '../../../src/engine/data/labels';
import { readSeries } from '../../../src/engine/data/readSeries';
import { ANOMALY_KINDS } from '../../../src/engine/data/injectAnomalies';
import {
  cleanSynthetic,
  generateSynthetic,
  SYNTHETIC_START,
  writeSynthetic,
} from '../../../src/engine/data/synthetic';
import { rejection, TempFiles, thrown } from './tempFiles';

describe('synthetic benchmark', () => {
  const files = new TempFiles();
  after(() => files.cleanup());
  const data = generateSynthetic();

  it('has the default sizes', () => {
    const sizes = [data.train.rows, data.test.rows, data.test.channels.length];
    assert.deepStrictEqual(sizes, [3000, 3000, 8]);
    assert.strictEqual(data.train.values.length, 3000 * 8);
    assert.strictEqual(data.anomalies.length, 10);
  });

  it('is the same for the same seed and differs for another', () => {
    const again = generateSynthetic({ seed: 1 });
    assert.deepStrictEqual(again.test.values, data.test.values);
    assert.deepStrictEqual(again.anomalies, data.anomalies);
    const other = generateSynthetic({ seed: 2 });
    assert.notDeepStrictEqual(other.test.values, data.test.values);
  });

  it('injects every kind, with 1-3 channels and the stated lengths, without overlap', () => {
    assert.deepStrictEqual(new Set(data.anomalies.map((a) => a.kind)), new Set(ANOMALY_KINDS));
    let previousEnd = -1;
    for (const a of data.anomalies) {
      const length = a.end - a.start + 1;
      const [low, high] = a.kind === 'spike' ? [1, 5] : [20, 120];
      assert.ok(length >= low && length <= high, `${a.kind} is ${length} rows`);
      assert.ok(a.channels.length >= 1 && a.channels.length <= 3);
      if (a.kind === 'correlationBreak') assert.strictEqual(a.channels.length, 1);
      assert.ok(a.start > previousEnd);
      previousEnd = a.end;
    }
  });

  it('labels exactly the injected cells, and rows where any channel is labelled', () => {
    const C = 8;
    const expected = new Uint8Array(3000 * C);
    for (const a of data.anomalies) {
      for (let t = a.start; t <= a.end; t++) for (const c of a.channels) expected[t * C + c] = 1;
    }
    assert.deepStrictEqual(data.channelLabels.cells, expected);
    for (let t = 0; t < 3000; t++) {
      const any = expected.subarray(t * C, (t + 1) * C).some((v) => v === 1) ? 1 : 0;
      assert.strictEqual(data.test.labels![t], any);
    }
  });

  it('leaves the training part clean and unlabelled, and unlabelled test cells untouched', () => {
    const clean = cleanSynthetic();
    assert.ok(data.train.labels!.every((v) => v === 0));
    assert.deepStrictEqual(data.train.values, clean.subarray(0, 3000 * 8));
    const test = clean.subarray(3000 * 8);
    data.test.values.forEach((v, i) => {
      if (data.channelLabels.cells[i] === 0) assert.strictEqual(v, test[i]);
    });
  });

  for (const seed of [1, 2, 3]) {
    it(`gives each kind the size and shape it documents (seed ${seed})`, () => {
      checkSeed(seed);
    });
  }

  it('stamps one row per minute, the test part after the training part', () => {
    assert.strictEqual(data.train.timestamps![0], SYNTHETIC_START);
    assert.strictEqual(data.test.timestamps![0], SYNTHETIC_START + 3000 * 60_000);
  });

  it('refuses options out of range, naming the setting', () => {
    const error = thrown(() => generateSynthetic({ channels: 1 }));
    assert.strictEqual(error.place.setting, 'channels');
    assert.match(thrown(() => generateSynthetic({ length: 10 })).message, /'length' is 10/);
  });

  it('writes files that read back to the same values, labels and times', async () => {
    const written = await writeSynthetic(path.join(files.folder(), 'bench'), data);
    assert.deepStrictEqual(written.map((f) => path.basename(f)), [
      'train.csv',
      'test.csv',
      'channel_labels.csv',
      'anomalies.json',
      'README.md',
    ]);
    const test = await readSeries(written[1]);
    assert.deepStrictEqual(test.channels, data.test.channels);
    assert.deepStrictEqual(test.values, data.test.values);
    assert.deepStrictEqual(test.labels, data.test.labels);
    assert.deepStrictEqual(test.timestamps, data.test.timestamps);
    const train = await readSeries(written[0]);
    assert.deepStrictEqual(train.values, data.train.values);
    const cells = await readChannelLabels(written[2], 3000, 8);
    assert.deepStrictEqual(cells.cells, data.channelLabels.cells);
    const listed = JSON.parse(fs.readFileSync(written[3], 'utf8'));
    assert.deepStrictEqual(listed.anomalies[0].channels, data.anomalies[0].channels);

    const again = await writeSynthetic(path.join(files.folder(), 'bench'), data);
    assert.deepStrictEqual(again, written, 'an earlier benchmark is written over');
  });

  it('refuses a folder holding other files, and a file, leaving both untouched', async () => {
    fs.mkdirSync(path.join(files.folder(), 'mine'));
    const own = files.write('mine/train.csv', 'my precious data\n');
    const error = await rejection(writeSynthetic(path.dirname(own), data));
    assert.match(error.message, /mine is not empty and holds no synthetic benchmark/);
    assert.strictEqual(fs.readFileSync(own, 'utf8'), 'my precious data\n');
    assert.deepStrictEqual(fs.readdirSync(path.dirname(own)), ['train.csv']);

    const file = files.write('afile', 'x');
    assert.match((await rejection(writeSynthetic(file, data))).message, /afile is a file/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'x');
  });
});

interface Segment {
  sigma: number;
  after: number[];
  before: number[];
  diff: number[];
  channelTrain(t: number): number;
}

/** Checks one injected segment against the kind's description (README of the benchmark). */
function checkKind(kind: string, s: Segment): void {
  const largest = Math.max(...s.diff.map(Math.abs)) / s.sigma;
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-3 * (1 + Math.abs(b));
  switch (kind) {
    case 'spike':
      assert.ok(largest >= 5 * 0.5 && largest <= 8.01, `spike of ${largest} std`);
      break;
    case 'levelShift':
      assert.ok(s.diff.every((d) => near(d, s.diff[0])), 'a level shift adds one constant');
      assert.ok(largest >= 1.99 && largest <= 3.51, `shift of ${largest} std`);
      break;
    case 'trend':
      assert.ok(Math.abs(s.diff[s.diff.length - 1]) / s.sigma >= 2.99 && largest <= 5.01);
      assert.ok(Math.abs(s.diff[0]) < Math.abs(s.diff[s.diff.length - 1]), 'a trend grows');
      break;
    case 'amplitude': {
      const spread = std(s.after) / std(s.before);
      assert.ok(spread >= 2.49 && spread <= 4.01, `amplitude gain ${spread}`);
      break;
    }
    case 'noiseBurst':
      assert.ok(std(s.diff) / s.sigma > 0.4 && std(s.diff) / s.sigma < 2.5);
      break;
    case 'shapeChange':
      assert.strictEqual(new Set(s.after.map((v) => v.toFixed(3))).size, 2, 'a square wave');
      break;
    case 'correlationBreak': {
      const train = Array.from({ length: 3000 }, (_, t) => s.channelTrain(t));
      const [low, high] = [Math.min(...train), Math.max(...train)];
      const margin = 0.1 * (high - low);
      assert.ok(s.after.every((v) => v >= low - margin && v <= high + margin), 'stays in range');
      assert.ok(largest > 0, 'the segment changed');
      break;
    }
    default:
      assert.fail(`unknown kind ${kind}`);
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function std(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

/** Checks every anomaly of one seed against the clean series it was injected into. */
function checkSeed(seed: number): void {
  const data = generateSynthetic({ seed });
  const clean = cleanSynthetic({ seed }).subarray(3000 * 8);
  const train = data.train.values;
  for (const a of data.anomalies) {
    for (const c of a.channels) {
      const sigma = std(Array.from({ length: 3000 }, (_, t) => train[t * 8 + c]));
      const rows = range(a.start, a.end);
      const after = rows.map((t) => data.test.values[t * 8 + c]);
      const before = rows.map((t) => clean[t * 8 + c]);
      const diff = after.map((v, i) => v - before[i]);
      checkKind(a.kind, { sigma, after, before, diff, channelTrain: (t) => train[t * 8 + c] });
    }
  }
}
