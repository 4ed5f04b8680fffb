/**
 * The batch checks before training (src/engine/io/trainingBatch.ts, used by the detection
 * job): a batch over the memory budget is shrunk with a warning that names the setting, a
 * model that does not fit one window per batch is refused before anything runs, the budget
 * follows the backend, and a batch larger than the training windows is shrunk to them.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { makeConfig } from '../../../src/engine/config';
import { isPostError } from '../../../src/engine/errors';
import {
  fitBatchToMemory,
  fitBatchToWindows,
  trainingBudget,
} from '../../../src/engine/io/trainingBatch';
import { runDetection } from '../../../src/engine/job';
import { estimateTrainingBytes } from '../../../src/engine/train/memory';
import { sensorCsv } from './sensorData';

const GIB = 1024 ** 3;

describe('the batch checks before training', function () {
  this.timeout(120_000);
  const tiny = makeConfig('tiny');
  const bytesAt = (batchSize: number, channels = 3) =>
    estimateTrainingBytes({ ...tiny, batchSize }, channels);

  it('keeps a batch that fits', () => {
    const fit = fitBatchToMemory(tiny, 3, bytesAt(tiny.batchSize), 'cpu');
    assert.strictEqual(fit.config.batchSize, tiny.batchSize);
    assert.strictEqual(fit.warning, undefined);
  });

  it('shrinks a batch over the budget to the largest that fits, and says so', () => {
    const fit = fitBatchToMemory(tiny, 3, bytesAt(3) + 1, 'wasm');

    assert.strictEqual(fit.config.batchSize, 3);
    assert.match(fit.warning ?? '', /batch 8 needs about .* GiB, over the .* GiB the wasm backend/);
    assert.match(fit.warning ?? '', /batches of 3 instead \(setting 'batchSize'\)/);
  });

  it('refuses a model that does not fit one window, naming the settings to lower', () => {
    const paper = makeConfig('paper', { window: 1000 });
    assert.throws(
      () => fitBatchToMemory(paper, 500, 2 * GIB, 'wasm'),
      (error: unknown) =>
        isPostError(error) &&
        error.kind === 'resource' &&
        error.place.setting === 'window' &&
        /even with batches of one window \(window 1000, width 512, 3 layers, 500 channels\)/.test(
          error.message,
        ) &&
        /over the 2\.00 GiB the wasm backend can use\. Lower the 'window'/.test(error.message),
    );
  });

  it('budgets by backend', () => {
    assert.strictEqual(trainingBudget('wasm', 64 * GIB), 2 * GIB);
    assert.strictEqual(trainingBudget('cpu', 64 * GIB), 16 * GIB);
    assert.strictEqual(trainingBudget('tensorflow', 64 * GIB), 32 * GIB);
    assert.strictEqual(trainingBudget('tensorflow-gpu', 64 * GIB), 4 * GIB);
  });

  it('shrinks a batch larger than the training windows to them, and says so', () => {
    const big = makeConfig('tiny', { batchSize: 4096 });

    const fit = fitBatchToWindows(big, 27, 'data.csv');

    assert.strictEqual(fit.config.batchSize, 27);
    assert.strictEqual(
      fit.warning,
      "Setting 'batchSize' (4096) is larger than the 27 training windows of data.csv; " +
        'training with batches of 27.',
    );
    assert.deepStrictEqual(fitBatchToWindows(big, 5000, 'data.csv'), { config: big });

    // One window: the setting keeps its floor of 2 (it is validated); the detector trains on 1.
    const one = fitBatchToWindows(big, 1, 'short.csv');
    assert.strictEqual(one.config.batchSize, 2);
    assert.match(one.warning!, /1 training windows of short\.csv; training with batches of 1\./);
  });

  describe('in a detection run', () => {
    let root: string;
    let input: string;

    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-memory-'));
      input = path.join(root, 'data.csv');
      await fs.writeFile(input, sensorCsv());
    });

    after(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    const request = (out: string) => ({
      input,
      out: path.join(root, out),
      preset: 'tiny',
      backend: 'cpu' as const,
      overrides: { epochs: 1 },
    });

    it('trains with the shrunk batch, warns, and records the batch used', async () => {
      const warnings: string[] = [];
      const onLog = (level: string, message: string) => {
        if (level === 'warn') warnings.push(message);
      };

      const result = await runDetection(request('shrunk'), { maxBytes: bytesAt(2) + 1, onLog });

      assert.strictEqual(result.summary.config.batchSize, 2);
      assert.ok(warnings.some((w) => /training with batches of 2 instead/.test(w)), `${warnings}`);
    });

    it('trains a batch larger than the data with batches of all its windows', async () => {
      const warnings: string[] = [];
      const onLog = (level: string, message: string) => {
        if (level === 'warn') warnings.push(message);
      };
      const big = { ...request('big-batch'), overrides: { epochs: 1, batchSize: 4096 } };

      const result = await runDetection(big, { onLog });

      // The first half of 240 rows, windows of 16 every 4 rows: (120 - 16) / 4 + 1 = 27.
      assert.strictEqual(result.summary.config.batchSize, 27);
      assert.ok(warnings.some((w) => /larger than the 27 training windows/.test(w)), `${warnings}`);
    });

    it('trains on a training part of exactly one window', async () => {
      const short = path.join(root, 'short.csv');
      await fs.writeFile(short, sensorCsv().split('\n').slice(0, 33).join('\n') + '\n');

      const result = await runDetection({ ...request('one-window'), input: short });

      assert.strictEqual(result.summary.training.rows, 16);
      assert.strictEqual(result.summary.input.rows, 32);
    });

    it('refuses before training when one window does not fit', async () => {
      const phases = new Set<string>();
      const run = runDetection(request('refused'), {
        maxBytes: bytesAt(1) - 1,
        onProgress: (p) => phases.add(p.phase),
      });

      await assert.rejects(run, (e: unknown) => isPostError(e) && e.kind === 'resource');
      assert.deepStrictEqual([...phases], ['reading']);
      assert.ok(!(await fs.readdir(root)).includes('refused'), 'results were written');
    });
  });
});
