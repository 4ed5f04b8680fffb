/**
 * Model folders: a save/load round trip gives identical scores, and every kind of unusable
 * folder gives a PostError naming the folder and what is wrong.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Detector, ENGINE_VERSION } from '../../src/engine/detector';
import { PostError } from '../../src/engine/errors';
import { MODEL_FILE, WEIGHTS_FILE } from '../../src/engine/store/model-files';
import { seriesOf, sineSeries, smallConfig, useBackend } from './model/fixtures';

async function expectModelError(dir: string, pattern: RegExp): Promise<void> {
  await assert.rejects(Detector.load(dir), (error: unknown) => {
    assert.ok(error instanceof PostError, String(error));
    assert.strictEqual(error.kind, 'model');
    assert.ok(error.message.includes(dir), `the message names the folder: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('model folders', () => {
  let detector: Detector;
  let root: string;
  let saved: string;
  const test = sineSeries(45, 3, 9);

  before(async () => {
    await useBackend('cpu');
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-store-'));
    detector = await Detector.train(sineSeries(80, 3, 8), smallConfig({ epochs: 1 }));
    detector.threshold = { value: 1.5, method: 'quantile', description: '99th percentile' };
    detector.meta = { input: 'train.csv', seconds: 1.25, nested: { ok: true } };
    saved = path.join(root, 'saved');
    await fs.mkdir(saved);
    await detector.save(saved);
  });
  after(async () => {
    detector.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A copy of the saved folder, changed by `damage`. */
  async function damagedCopy(
    name: string,
    damage: (dir: string) => Promise<void>,
  ): Promise<string> {
    const dir = path.join(root, name);
    await fs.cp(saved, dir, { recursive: true });
    await damage(dir);
    return dir;
  }

  it('round-trips weights, statistics, threshold and meta to identical scores', async () => {
    const loaded = await Detector.load(saved);
    const [a, b] = await Promise.all([detector.score(test), loaded.score(test)]);
    assert.deepStrictEqual(Array.from(b.timeScore), Array.from(a.timeScore));
    assert.deepStrictEqual(Array.from(b.channelScore), Array.from(a.channelScore));
    assert.deepStrictEqual(Array.from(loaded.trainingScores), Array.from(detector.trainingScores));
    assert.deepStrictEqual(loaded.config, detector.config);
    assert.deepStrictEqual(loaded.channels, detector.channels);
    assert.deepStrictEqual(loaded.threshold, detector.threshold);
    assert.deepStrictEqual(loaded.meta, detector.meta);
    assert.deepStrictEqual(loaded.history, detector.history);
    assert.deepStrictEqual(Array.from(loaded.stats.std), Array.from(detector.stats.std));
    const graphs = (d: Detector) =>
      [...d.adjacency(), d.initialAdjacency()].map((a) => Array.from(a));
    assert.deepStrictEqual(graphs(loaded), graphs(detector));
    loaded.dispose();
  });

  it('refuses a model saved by another engine version, naming both versions', async () => {
    const dir = await damagedCopy('version', async (d) => {
      const json = JSON.parse(await fs.readFile(path.join(d, MODEL_FILE), 'utf8'));
      json.engineVersion = '0.9';
      await fs.writeFile(path.join(d, MODEL_FILE), JSON.stringify(json));
    });
    await expectModelError(dir, new RegExp(`version 0\\.9.*${ENGINE_VERSION.replace('.', '\\.')}`));
  });

  it('refuses to score a series with other channels, naming them', async () => {
    const loaded = await Detector.load(saved);
    const other = seriesOf(new Float32Array(45 * 3), ['ch0', 'ch1', 'load'], '/data/other.csv');
    assert.throws(
      () => loaded.checkChannels(other),
      (error: unknown) =>
        error instanceof PostError &&
        error.kind === 'model' &&
        /'ch2'/.test(error.message) &&
        /'load'/.test(error.message),
    );
    loaded.dispose();
  });

  it('reports a missing file, a truncated or corrupted binary and bad JSON as damage', async () => {
    const noWeights = await damagedCopy('no-weights', (d) => fs.rm(path.join(d, WEIGHTS_FILE)));
    await expectModelError(noWeights, /weights\.bin is missing/);
    const noJson = await damagedCopy('no-json', (d) => fs.rm(path.join(d, MODEL_FILE)));
    await expectModelError(noJson, /post-model\.json is missing/);
    await expectModelError(
      await damagedCopy('truncated', async (d) => {
        const bytes = await fs.readFile(path.join(d, WEIGHTS_FILE));
        await fs.writeFile(path.join(d, WEIGHTS_FILE), bytes.subarray(0, bytes.length - 8));
      }),
      /bytes instead of/,
    );
    await expectModelError(
      await damagedCopy('flipped', async (d) => {
        const bytes = await fs.readFile(path.join(d, WEIGHTS_FILE));
        bytes[100] ^= 0xff;
        await fs.writeFile(path.join(d, WEIGHTS_FILE), bytes);
      }),
      /checksum/,
    );
    await expectModelError(
      await damagedCopy('bad-json', (d) => fs.writeFile(path.join(d, MODEL_FILE), '{"form')),
      /not valid JSON/,
    );
    await expectModelError(
      await damagedCopy('bad-config', async (d) => {
        const json = JSON.parse(await fs.readFile(path.join(d, MODEL_FILE), 'utf8'));
        json.config.heads = 3;
        await fs.writeFile(path.join(d, MODEL_FILE), JSON.stringify(json));
      }),
      /settings.*dModel/,
    );
  });

  it('saves only into an existing empty folder', async () => {
    await assert.rejects(detector.save(saved), /not empty/);
    await assert.rejects(detector.save(path.join(root, 'absent')), /does not exist/);
  });
});
