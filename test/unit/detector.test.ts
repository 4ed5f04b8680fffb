/**
 * The Detector's contract: input checks, channel matching, progress and loss reports,
 * cancellation, batch shrinking, determinism and scores for every row.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { Detector, LossEntry, minimumRows } from '../../src/engine/detector';
import { PostError } from '../../src/engine/errors';
import { Progress } from '../../src/engine/types';
import { seriesOf, sineSeries, smallConfig, useBackend } from './model/fixtures';

const config = smallConfig({ epochs: 2, window: 12, trainStride: 6, batchSize: 6 });

async function rejectsWith(
  promise: Promise<unknown>,
  kind: string,
  pattern: RegExp,
): Promise<PostError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PostError, `not a PostError: ${error}`);
    assert.strictEqual(error.kind, kind);
    assert.match(error.message, pattern);
    return error;
  }
  throw new assert.AssertionError({ message: 'expected a rejection' });
}

describe('Detector', () => {
  let detector: Detector;
  const train = sineSeries(120, 4, 1, '/data/train.csv');

  before(async () => {
    await useBackend('cpu');
    detector = await Detector.train(train, config);
  });
  after(() => detector.dispose());

  it('keeps one training score per row, the channels and a history per epoch', () => {
    assert.strictEqual(detector.trainingScores.length, 120);
    assert.ok(detector.trainingScores.every((v) => Number.isFinite(v) && v >= 0));
    assert.deepStrictEqual(detector.channels, ['ch0', 'ch1', 'ch2', 'ch3']);
    assert.deepStrictEqual(detector.history.map((h) => h.epoch), [0, 1]);
    assert.ok(detector.history.every((h) => h.terms.reconstruction > 0));
    assert.strictEqual(detector.adjacency().length, config.layers);
    assert.strictEqual(detector.initialAdjacency().length, 16);
  });

  it('scores every row of a series whose length is not a multiple of the window', async () => {
    const result = await detector.score(sineSeries(50, 4, 2));
    assert.strictEqual(result.rows, 50);
    assert.strictEqual(result.timeScore.length, 50);
    assert.strictEqual(result.channelScore.length, 200);
    assert.ok(result.timeScore.every((v) => Number.isFinite(v)));
  });

  it('rejects a series shorter than a window, naming file, rows and minimum', async () => {
    assert.strictEqual(minimumRows(config), 12);
    const short = sineSeries(11, 4, 3, '/data/short.csv');
    const pattern = /short\.csv has 11 rows.*12.*smaller window/;
    const error = await rejectsWith(detector.score(short), 'input', pattern);
    assert.strictEqual(error.place.file, '/data/short.csv');
    await rejectsWith(Detector.train(short, config), 'input', /short\.csv has 11 rows/);
  });

  it('names the missing and extra channels of a series that does not fit', async () => {
    const other = seriesOf(new Float32Array(40 * 4), ['ch0', 'ch1', 'x', 'ch3'], '/data/other.csv');
    const error = await rejectsWith(detector.score(other), 'model', /other\.csv.*lacks 'ch2'.*'x'/);
    assert.strictEqual(error.place.file, '/data/other.csv');
    assert.throws(() => detector.checkChannels(other), PostError);
  });

  it('matches channels by name and returns channel scores in the series order', async () => {
    const series = sineSeries(40, 4, 4);
    const order = [2, 0, 3, 1];
    const values = new Float32Array(series.values.length);
    for (let t = 0; t < 40; t++) {
      order.forEach((c, j) => (values[t * 4 + j] = series.values[t * 4 + c]));
    }
    const shuffled = seriesOf(values, order.map((c) => `ch${c}`));

    const plain = await detector.score(series);
    const reordered = await detector.score(shuffled);
    assert.deepStrictEqual(Array.from(reordered.timeScore), Array.from(plain.timeScore));
    for (let t = 0; t < 40; t++) {
      order.forEach((c, j) =>
        assert.strictEqual(reordered.channelScore[t * 4 + j], plain.channelScore[t * 4 + c]),
      );
    }
  });

  it('reports progress and every step through the hooks', async () => {
    const progress: Progress[] = [];
    const losses: LossEntry[] = [];
    const tensors = tf.memory().numTensors;
    const run = await Detector.train(train, { ...config, graphEvery: 2, graphStartEpoch: 0 }, {
      onProgress: (p) => progress.push(p),
      onLoss: (entry) => losses.push(entry),
    });
    run.dispose();
    assert.strictEqual(tf.memory().numTensors, tensors, 'a disposed detector leaves no tensor');

    // 19 windows of 12 rows every 6 -> 4 batches of 6 per epoch, 2 epochs, a graph step every 2.
    assert.strictEqual(losses.filter((l) => l.phase === 'adam').length, 8);
    assert.strictEqual(losses.filter((l) => l.phase === 'graph').length, 4);
    const graphSteps = losses.filter((l) => l.phase === 'graph');
    assert.ok(graphSteps.every((l) => l.terms.smoothness !== undefined));
    assert.ok(progress.every((p) => p.phase === 'training' && p.fraction >= 0 && p.fraction <= 1));
    const fractions = progress.map((p) => p.fraction);
    const sorted = [...fractions].sort((a, b) => a - b);
    assert.deepStrictEqual(fractions, sorted, 'fraction never goes back');
    assert.ok(fractions[fractions.length - 1] > 0.99);
    assert.ok(progress.some((p) => p.epoch === 1 && p.epochs === 2 && p.batches === 4));
  });

  it('shrinks a batch larger than the windows or over the memory budget, saying so', async () => {
    const messages: string[] = [];
    const onProgress = (p: Progress) => p.message !== undefined && messages.push(p.message);
    const large = { ...config, batchSize: 64, epochs: 1 };
    const small = await Detector.train(sineSeries(30, 4, 5), large, { onProgress });
    small.dispose();
    const shrunk = /Batch size 64 is larger than the 4 training windows/;
    assert.ok(messages.some((m) => shrunk.test(m)), messages.join());

    messages.length = 0;
    const hooks = { onProgress, maxBytes: 6e5 };
    const tight = await Detector.train(train, { ...config, epochs: 1 }, hooks);
    tight.dispose();
    assert.ok(messages.some((m) => /budget; using batches of \d/.test(m)), messages.join());
  });

  it('cancels between batches, frees everything and leaves another model untouched', async () => {
    const before = await detector.score(sineSeries(40, 4, 6));
    const tensors = tf.memory().numTensors;
    const controller = new AbortController();
    const run = Detector.train(train, config, {
      signal: controller.signal,
      onLoss: (entry) => entry.step === 2 && controller.abort(),
    });
    await rejectsWith(run, 'cancelled', /cancelled/);
    assert.strictEqual(tf.memory().numTensors, tensors);
    const after = await detector.score(sineSeries(40, 4, 6));
    assert.deepStrictEqual(Array.from(after.timeScore), Array.from(before.timeScore));
  });

  it('gives identical weights and scores for the same seed, other ones for another', async () => {
    const test = sineSeries(60, 4, 7);
    const again = await Detector.train(train, config);
    const other = await Detector.train(train, { ...config, seed: 2 });
    const [a, b, c] = await Promise.all([detector, again, other].map((d) => d.score(test)));
    assert.deepStrictEqual(Array.from(b.timeScore), Array.from(a.timeScore));
    assert.deepStrictEqual(Array.from(b.channelScore), Array.from(a.channelScore));
    assert.deepStrictEqual(Array.from(again.trainingScores), Array.from(detector.trainingScores));
    assert.notDeepStrictEqual(Array.from(c.timeScore), Array.from(a.timeScore));
    again.dispose();
    other.dispose();
  });

  it("scores every row in 'paper' mode too, most of them exactly 0 at t_t = 1000", async () => {
    const paper = await Detector.train(train, { ...config, scoring: 'paper', epochs: 1 });
    const result = await paper.score(sineSeries(50, 4, 8));
    paper.dispose();
    assert.strictEqual(result.timeScore.length, 50);
    const zeros = result.timeScore.filter((v) => v === 0).length;
    assert.ok(zeros >= 30, `${zeros} of 50 rows are 0`);
    assert.ok(zeros < 50);
  });

  it('turns a bad setting into a PostError naming it', async () => {
    const bad = { ...config, dModel: 10, heads: 4 };
    const error = await rejectsWith(Detector.train(train, bad), 'setting', /dModel/);
    assert.strictEqual(error.place.setting, 'dModel');
  });
});
