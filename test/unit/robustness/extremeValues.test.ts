/**
 * Values that read fine but strain the model: a finite spike far outside the training range
 * (1e30, which would overflow float32 inside the model were inputs not clipped), channels
 * constant throughout, and a file of one usable channel. Each run must finish with finite
 * scores, and the spike must be found and blamed on its channel rather than lost as NaN.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { RESULT_FILES } from '../../../src/engine/io/resultFiles';
import { scoreUnscorableRows, unscorableNote } from '../../../src/engine/io/unscorableRows';
import { runDetection } from '../../../src/engine/job';
import { ScoreResult, Series } from '../../../src/engine/types';
import { ROWS, sensorCsv } from './sensorData';

const BASE = { preset: 'tiny', backend: 'cpu', seed: 3, overrides: { epochs: 1 } } as const;

describe('rows the model cannot score', () => {
  it('get a score above every row and the threshold, and channel scores from |z|', () => {
    const scores: ScoreResult = {
      rows: 3,
      channels: 2,
      timeScore: Float32Array.from([0.5, NaN, 2]),
      channelScore: Float32Array.from([0.1, 0.2, NaN, NaN, 0.3, 0.4]),
    };
    const series = { values: Float32Array.from([0, 0, 7, -1e30, 0, 0]) } as Series;
    const stats = { mean: Float32Array.from([1, 0]), std: Float32Array.from([2, 1]) };

    const rows = scoreUnscorableRows(scores, series, stats, 1.5);

    assert.deepStrictEqual(rows, [1]);
    // The largest finite score is 2 (above the threshold 1.5): 2 + max(|2|, 1) = 4.
    assert.deepStrictEqual(Array.from(scores.timeScore), [0.5, 4, 2]);
    const expected = [3, 1e30].map(Math.fround);
    assert.deepStrictEqual(Array.from(scores.channelScore.subarray(2, 4)), expected);
    assert.match(unscorableNote(rows), /^1 row \(the first is row 1, counting from 0 like/);
  });
});

describe('extreme but valid values in a run', function () {
  this.timeout(120_000);
  let root: string;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-extreme-'));
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function detectIn(name: string, content: string) {
    const input = path.join(root, name);
    await fs.writeFile(input, content);
    const result = await runDetection({ ...BASE, input, out: path.join(root, `${name}-out`) });
    const scores = await fs.readFile(path.join(result.outDir, RESULT_FILES.scores), 'utf8');
    assert.ok(!/NaN|Infinity/i.test(scores), 'scores.csv holds a non-finite score');
    return result;
  }

  it('finds a 1e30 spike in the scored rows and names its channel', async () => {
    const spike = sensorCsv({ cell: (t, c) => (t === 180 && c === 0 ? '1e30' : undefined) });

    const result = await detectIn('spike.csv', spike);

    const hit = result.events.find((e) => e.start <= 180 && e.end >= 180);
    assert.ok(hit, `no event at row 180: ${JSON.stringify(result.events.map((e) => e.start))}`);
    assert.strictEqual(hit.topChannels[0].name, 'a');
    // Standardised inputs are clipped, so the model itself scores the spike: no fallback.
    assert.ok(!result.summary.notes.some((n) => /could not score them/.test(n)), 'fallback used');
  });

  it('runs on channels that never change', async () => {
    const result = await detectIn('constant.csv', sensorCsv({ cell: (t, c) => String(c + 1) }));
    assert.strictEqual(result.summary.input.rows, ROWS);
  });

  it('runs on a file with one usable channel', async () => {
    const one = sensorCsv({ extra: { note: () => 'text' } })
      .split('\n')
      .map((line) => line.split(',').filter((_, i) => i === 1 || i === 3).join(','))
      .join('\n');

    const result = await detectIn('one-channel.csv', one);

    assert.deepStrictEqual(result.summary.channels, ['b']);
    assert.deepStrictEqual(result.summary.input.skippedColumns.map((c) => c.name), ['note']);
  });
});
