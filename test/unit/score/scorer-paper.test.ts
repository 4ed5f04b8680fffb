/**
 * The paper's scoring (sections 3.1 and 3.3 of the method) on tiny hand-made tensors, and
 * the assembly of window scores into one score per row, the tail included.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { windowStarts } from '../../../src/engine/data/windows';
import {
  PaperStats,
  paperScores,
  paperStarts,
  scorePaperWindow,
} from '../../../src/engine/score/paper-scoring';
import { WindowBatch, runBatch } from '../../../src/engine/score/scorer';
import { assertClose, smallConfig, smallModel, useBackend } from '../model/fixtures';

describe('paper scoring', () => {
  before(() => useBackend('cpu'));

  it('weights the squared error by softmax(−AD·t_t) and the spatial sigmoid', () => {
    const config = smallConfig({ window: 3, temperature: 1000, spatialTemperature: 0.1 });
    const batch: WindowBatch = {
      starts: [0],
      residual: Float32Array.from([1, 0, 0, 2, 1, 1]), // [L=3, C=2]
      temporal: Float32Array.from([0.001, 0.002, 0.0005]), // AD before t_t
      spatial: Float32Array.from([0.3, 0.1]), // Σ_u sym per channel row
    };
    const stats: PaperStats = {
      kind: 'paper',
      spatialMean: Float32Array.from([-0.2, -0.2]),
      spatialStd: Float32Array.from([0.1, 0.2]),
    };
    const { time, channel } = scorePaperWindow(batch, 0, config, stats, 2);

    // w = softmax(−[1, 2, 0.5]); m = −spatial; ws = sigmoid(0.1·(m − μ)/σ).
    const e = [Math.exp(-1), Math.exp(-2), Math.exp(-0.5)];
    const w = e.map((v) => v / (e[0] + e[1] + e[2]));
    const ws = [(-0.3 + 0.2) / (0.1 + 1e-8), (-0.1 + 0.2) / (0.2 + 1e-8)].map(
      (z) => 1 / (1 + Math.exp(-0.1 * z)),
    );
    assertClose(time, [w[0] * (1 / 2), w[1] * (4 / 2), w[2] * (2 / 2)], 1e-6, 'time');
    assertClose(
      channel,
      [1 * w[0] * ws[0], 0, 0, 4 * w[1] * ws[1], w[2] * ws[0], w[2] * ws[1]],
      1e-6,
      'channel',
    );
  });

  it('keeps one row per window at t_t = 1000 (the others underflow to 0)', () => {
    const config = smallConfig({ window: 4, temperature: 1000 });
    const batch: WindowBatch = {
      starts: [0],
      residual: new Float32Array(4).fill(1),
      temporal: Float32Array.from([0.3, 0.05, 0.5, 0.9]),
      spatial: Float32Array.from([0]),
    };
    const stats: PaperStats = {
      kind: 'paper',
      spatialMean: new Float32Array(1),
      spatialStd: new Float32Array(1).fill(1),
    };
    const { time } = scorePaperWindow(batch, 0, config, stats, 1);
    assert.deepStrictEqual(Array.from(time), [0, 1, 0, 0]);
  });

  it('covers every row: windows every L rows plus one aligned to the end', async () => {
    assert.deepStrictEqual(paperStarts(10, 4), [0, 4, 6]);
    assert.deepStrictEqual(paperStarts(8, 4), [0, 4]);
    assert.deepStrictEqual(windowStarts(10, 4, 3), [0, 3, 6]);

    // Rows 0-7 come from the windows at 0 and 4; rows 8-9 from the one at 6.
    const config = smallConfig({ window: 4, dModel: 8, heads: 2, layers: 1 });
    const C = 2;
    const model = smallModel(config, C);
    const rows = 10;
    const values = Float32Array.from({ length: rows * C }, (_, i) => Math.sin(i * 0.7));
    const stats: PaperStats = {
      kind: 'paper',
      spatialMean: Float32Array.from([0.1, -0.1]),
      spatialStd: Float32Array.from([1, 2]),
    };
    const result = await paperScores(model, { values, rows, channels: C }, config, stats, 2);

    const expected = new Float32Array(rows);
    for (const [start, from, to] of [[0, 0, 4], [4, 0, 4], [6, 2, 4]]) {
      const x = tf.tensor3d(values.slice(start * C, (start + 4) * C), [1, 4, C]);
      const out = await runBatch(model, x);
      x.dispose();
      const { time } = scorePaperWindow({ starts: [start], ...out }, 0, config, stats, C);
      for (let t = from; t < to; t++) expected[start + t] = time[t];
    }
    assertClose(result.timeScore, expected, 1e-6);
    assert.strictEqual(result.channelScore.length, rows * C);
    model.dispose();
  });
});
