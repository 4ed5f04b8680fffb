/**
 * The PCA and largest-|z| baselines against the figures measured with the Python reference
 * on the same data (reference-figures.md): SMD machine-2-1 and the mean over ASD's 12
 * entities. Skipped when the shared data sets are not on this machine.
 *
 * HitRate@P% looks at the top ⌊P % × |G|⌋ channels: with ⌈·⌉ instead, @150% comes out at
 * 0.44 (PCA) and 0.52 (|z|) on SMD against the reference's 0.38 and 0.44, so floor is the
 * definition that reproduces them.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pcaBaseline, zScoreBaseline } from '../../../src/engine/baselines';
import { meanRanking, rankSegment } from '../../../src/engine/eval/localization';
import { aucRoc, averagePrecision } from '../../../src/engine/eval/ranking';
import { ScoreResult } from '../../../src/engine/types';

const DATASETS = path.resolve(__dirname, '../../../../../shared/datasets');

/** A headerless comma-separated matrix (the data sets' text files). */
function readMatrix(file: string) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const C = lines[0].split(',').length;
  const values = new Float32Array(lines.length * C);
  lines.forEach((line, t) => line.split(',').forEach((v, c) => (values[t * C + c] = Number(v))));
  const channels = Array.from({ length: C }, (_, c) => `${c + 1}`);
  return { values, rows: lines.length, channels };
}

/** `start-end:c1,c2,...` lines; channels 1-based; SMD's end exclusive, ASD's inclusive. */
function readInterpretation(file: string, endInclusive: boolean) {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [range, list] = line.split(':');
      const [start, end] = range.split('-').map(Number);
      const channels = list.split(',').map((c) => Number(c) - 1);
      return { first: start, last: endInclusive ? end : end - 1, channels };
    });
}

interface Figures {
  aucPr: number;
  aucRoc: number;
  hitRate100: number;
  hitRate150: number;
}

function figures(dir: string, prefix: string, endInclusive: boolean): Record<string, Figures> {
  const train = readMatrix(path.join(dir, `${prefix}train.txt`));
  const test = readMatrix(path.join(dir, `${prefix}test.txt`));
  const labelText = fs.readFileSync(path.join(dir, `${prefix}test_label.txt`), 'utf8');
  const labels = Uint8Array.from(labelText.trim().split('\n').map(Number));
  const segments = readInterpretation(
    path.join(dir, `${prefix}interpretation_label.txt`),
    endInclusive,
  );

  const measure = (scores: ScoreResult): Figures => {
    const ranking = meanRanking(
      segments.map((s) => rankSegment(scores.channelScore, scores.channels, s)),
    );
    return {
      aucPr: averagePrecision(scores.timeScore, labels),
      aucRoc: aucRoc(scores.timeScore, labels),
      hitRate100: ranking.hitRate100,
      hitRate150: ranking.hitRate150,
    };
  };
  return { pca: measure(pcaBaseline(train, test)), zscore: measure(zScoreBaseline(train, test)) };
}

function figuresOf(...[aucPr, aucRoc, hitRate100, hitRate150]: number[]): Figures {
  return { aucPr, aucRoc, hitRate100, hitRate150 };
}

function assertFigures(actual: Figures, expected: Figures, what: string): void {
  const check = (key: keyof Figures, tolerance: number) =>
    assert.ok(
      Math.abs(actual[key] - expected[key]) <= tolerance,
      `${what} ${key}: ${actual[key].toFixed(4)}, reference ${expected[key]}`,
    );
  check('aucPr', 0.02);
  check('aucRoc', 0.02);
  check('hitRate100', 0.05);
  check('hitRate150', 0.05);
}

describe('baselines reproduce the reference figures', function () {
  it('SMD machine-2-1', function () {
    const dir = path.join(DATASETS, 'smd-machine-2-1');
    if (!fs.existsSync(dir)) {
      console.log(`      skipped: ${dir} is absent (shared data sets not on this machine)`);
      this.skip();
    }
    const result = figures(dir, '', false);
    assertFigures(result.pca, figuresOf(0.193, 0.645, 0.32, 0.38), 'PCA');
    assertFigures(result.zscore, figuresOf(0.186, 0.698, 0.4, 0.44), '|z|');
  });

  it('ASD, mean over omi-1 ... omi-12', function () {
    const dir = path.join(DATASETS, 'asd');
    if (!fs.existsSync(dir)) {
      console.log(`      skipped: ${dir} is absent (shared data sets not on this machine)`);
      this.skip();
    }
    const sum = { pca: [0, 0, 0, 0], zscore: [0, 0, 0, 0] };
    for (let entity = 1; entity <= 12; entity++) {
      const result = figures(dir, `omi-${entity}_`, true);
      for (const name of ['pca', 'zscore'] as const) {
        const f = result[name];
        const values = [f.aucPr, f.aucRoc, f.hitRate100, f.hitRate150];
        values.forEach((v, i) => (sum[name][i] += v / 12));
      }
    }
    assertFigures(figuresOf(...sum.pca), figuresOf(0.332, 0.752, 0.62, 0.77), 'PCA');
    assertFigures(figuresOf(...sum.zscore), figuresOf(0.149, 0.651, 0.74, 0.85), '|z|');
  });
});
