/**
 * The detection job end to end on small files written by the test ('tiny' preset, cpu
 * backend): every output file, each input form (training file, fraction, saved model with its
 * threshold unchanged, labels as a column and as a file, channel labels as a matrix and as
 * SMD/ASD segment lines), cancellation, and the input left untouched.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { PostError } from '../../src/engine/errors';
import { readResults } from '../../src/engine/io/resultFiles';
import {
  defaultOutDir,
  DetectionRequest,
  DetectionResult,
  runDetection,
} from '../../src/engine/job';
import { EVENT_GAP_ROWS } from '../../src/engine/score/events';
import {
  CHANNELS,
  FixtureFiles,
  rowLabels,
  TEST_ROWS,
  TRAIN_ROWS,
  writeFixtures,
} from './jobFixture';

const BASE: Partial<DetectionRequest> = { preset: 'tiny', backend: 'cpu', seed: 3 };

async function sha(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}

describe('runDetection', function () {
  this.timeout(120_000);
  let root: string;
  let files: FixtureFiles;
  let base: DetectionResult;
  let inputHash: string;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-job-'));
    files = await writeFixtures(root);
    inputHash = await sha(files.test);
    base = await runDetection({
      ...BASE,
      input: files.test,
      train: files.train,
      channelLabels: files.channelMatrix,
      out: path.join(root, 'base'),
    });
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('writes every result file, consistent with one another', async () => {
    const out = path.join(root, 'base');
    const entries = (await fs.readdir(out)).sort();
    assert.deepStrictEqual(entries, [
      'events.json',
      'graph.json',
      'model',
      'report.html',
      'scores.csv',
      'summary.json',
      'training.json',
    ]);
    assert.ok((await fs.readdir(path.join(out, 'model'))).length > 0, 'the model was saved');

    const results = await readResults(out);
    const { summary, scores, graph, training } = results;
    assert.strictEqual(summary.input.path, files.test);
    assert.strictEqual(summary.input.rows, TEST_ROWS);
    assert.strictEqual(summary.input.timeColumn, 'timestamp');
    assert.deepStrictEqual(summary.channels, CHANNELS);
    assert.strictEqual(summary.training.how, 'file');
    assert.strictEqual(summary.training.rows, TRAIN_ROWS);
    assert.strictEqual(summary.threshold.origin, 'fitted');
    assert.strictEqual(summary.preset, 'tiny');
    assert.strictEqual(summary.seed, 3);
    assert.strictEqual(summary.backend.name, 'cpu');
    assert.deepStrictEqual(summary.evaluatedRows, { start: 0, end: TEST_ROWS });
    assert.ok(summary.memory.peakRssBytes > 0);

    // scores.csv: one row per input row, times from the input, detected = score > threshold.
    assert.strictEqual(scores.rows, TEST_ROWS);
    assert.strictEqual(scores.timestamps?.[0], Date.UTC(2024, 0, 1) + TRAIN_ROWS * 60_000);
    assert.deepStrictEqual(Array.from(scores.labels ?? []), rowLabels());
    let detected = 0;
    for (let t = 0; t < TEST_ROWS; t++) {
      assert.strictEqual(scores.detected[t], scores.score[t] > summary.threshold.value ? 1 : 0);
      detected += scores.detected[t];
    }
    assert.strictEqual(summary.detectedRows, detected);

    // events.json: the runs of detected rows in order, gaps of up to EVENT_GAP_ROWS bridged.
    assert.strictEqual(summary.eventCount, results.events.length);
    const inEvent = new Uint8Array(TEST_ROWS);
    results.events.forEach((e, i) => {
      assert.strictEqual(scores.detected[e.start], 1);
      assert.strictEqual(scores.detected[e.end], 1);
      const previous = results.events[i - 1];
      if (previous) assert.ok(e.start - previous.end - 1 > EVENT_GAP_ROWS, 'gap not bridged');
      for (let t = e.start; t <= e.end; t++) inEvent[t] = 1;
      assert.ok(e.startTime?.startsWith('2024-01-01T'));
    });
    for (let t = 0; t < TEST_ROWS; t++) {
      if (scores.detected[t] === 1) assert.strictEqual(inEvent[t], 1, `row ${t} in no event`);
    }

    assert.strictEqual(graph.layers.length, summary.config.layers);
    assert.strictEqual(graph.initial.length, 3);
    assert.strictEqual(training.epochs.length, summary.config.epochs);
    assert.ok(training.steps.length >= summary.config.epochs, 'per-step losses were kept');

    const report = await fs.readFile(path.join(out, 'report.html'), 'utf8');
    assert.ok(report.includes('<h2>Events ('));
  });

  it('evaluates with the labels found in the input and the channel labels', () => {
    assert.strictEqual(base.summary.labels?.rows, 'label');
    assert.strictEqual(base.evaluation?.timewise?.labelledRows, 23);
    assert.strictEqual(base.evaluation?.timewise?.labelledSegments, 2);
    assert.strictEqual(base.evaluation?.localization?.labelledSegments, 2);
  });

  it('never changes the input file', async () => {
    assert.strictEqual(await sha(files.test), inputHash);
  });

  it('reuses a saved model with its threshold unchanged', async () => {
    const reuse = await runDetection({
      ...BASE,
      input: files.test,
      model: path.join(root, 'base', 'model'),
      out: path.join(root, 'reuse'),
    });

    assert.strictEqual(reuse.summary.threshold.value, base.summary.threshold.value);
    assert.strictEqual(reuse.summary.threshold.origin, 'model');
    assert.strictEqual(reuse.summary.training.how, 'model');
    assert.strictEqual(reuse.summary.preset, null);
    const [first, second] = await Promise.all([
      readResults(path.join(root, 'base')),
      readResults(path.join(root, 'reuse')),
    ]);
    assert.deepStrictEqual(second.scores.score, first.scores.score, 'same model, same scores');
    assert.deepStrictEqual(second.training.steps, [], 'nothing was trained');
  });

  it('reads labels from a named column, which then is no channel', async () => {
    const result = await runDetection({
      ...BASE,
      input: files.testFault,
      model: path.join(root, 'base', 'model'),
      labels: 'fault',
      out: path.join(root, 'fault'),
    });

    assert.strictEqual(result.summary.labels?.rows, 'fault');
    assert.deepStrictEqual(result.summary.channels, CHANNELS);
    assert.strictEqual(result.evaluation?.timewise?.labelledRows, 23);
  });

  it('reads labels from a file', async () => {
    const result = await runDetection({
      ...BASE,
      input: files.testFault,
      model: path.join(root, 'base', 'model'),
      labels: files.labels,
      out: path.join(root, 'label-file'),
    });

    assert.strictEqual(result.summary.labels?.rows, files.labels);
    const back = await readResults(result.outDir);
    assert.deepStrictEqual(Array.from(back.scores.labels ?? []), rowLabels());
  });

  it('gives the same localization figures for matrix, SMD and ASD channel labels', async () => {
    type Format = DetectionRequest['segmentFormat'];
    const run = (channelLabels: string, segmentFormat: Format, name: string) =>
      runDetection({
        ...BASE,
        input: files.test,
        model: path.join(root, 'base', 'model'),
        channelLabels,
        segmentFormat,
        out: path.join(root, name),
      });

    const smd = await run(files.channelSmd, { endInclusive: false, oneBased: true }, 'smd');
    const asd = await run(files.channelAsd, { endInclusive: true, oneBased: true }, 'asd');

    assert.ok(base.evaluation?.localization);
    assert.deepStrictEqual(smd.evaluation?.localization, base.evaluation?.localization);
    assert.deepStrictEqual(asd.evaluation?.localization, base.evaluation?.localization);
  });

  it('trains on the first half of the input when no training data is given', async () => {
    const result = await runDetection({ ...BASE, input: files.test, out: path.join(root, 'half') });

    assert.strictEqual(result.summary.training.how, 'fraction');
    assert.strictEqual(result.summary.training.fraction, 0.5);
    assert.strictEqual(result.summary.training.rows, TEST_ROWS / 2);
    assert.deepStrictEqual(result.summary.evaluatedRows, { start: TEST_ROWS / 2, end: TEST_ROWS });
    assert.strictEqual(result.evaluation?.timewise?.rows, TEST_ROWS / 2);
    assert.match(result.summary.training.description, /first 50%/);
  });

  it('leaves earlier results intact and no temporary folder when cancelled', async () => {
    const out = path.join(root, 'base');
    const before = await fs.readFile(path.join(out, 'summary.json'), 'utf8');
    const abort = new AbortController();

    await assert.rejects(
      runDetection(
        { ...BASE, input: files.test, train: files.train, out },
        {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.phase === 'training') abort.abort();
          },
        },
      ),
      (error: unknown) => error instanceof PostError && error.kind === 'cancelled',
    );

    assert.strictEqual(await fs.readFile(path.join(out, 'summary.json'), 'utf8'), before);
    const strays = (await fs.readdir(root)).filter((name) => name.startsWith('.'));
    assert.deepStrictEqual(strays, []);
  });

  it('names each bad option before any work starts', async () => {
    const cases: [Partial<DetectionRequest>, RegExp][] = [
      [{ preset: 'huge' }, /Unknown preset 'huge'/],
      [{ overrides: { window: 2 } }, /Setting 'window' is 2; it must be an integer from 4/],
      [{ overrides: { dModel: 30, heads: 4 } }, /'dModel' \(30\) must be divisible by 'heads'/],
      [{ trainFraction: 1 }, /training fraction is 1/],
      [{ train: files.train, trainFraction: 0.3 }, /only without --train or --model/],
      [{ labels: 'nothing/here.csv' }, /label file '.*here\.csv' does not exist/],
      [{ labels: os.tmpdir() }, /label file '.*' is not a file/],
      [{ channelLabels: path.join(root, 'none.txt') }, /none\.txt' does not exist/],
      [{ model: path.join(root, 'no-model') }, /model folder '.*no-model' does not exist/],
      [{ out: path.join(root, 'missing', 'out') }, /'.*missing' does not exist/],
      [{ out: root }, /holds the data file/],
    ];
    for (const [change, pattern] of cases) {
      await assert.rejects(
        runDetection({ ...BASE, input: files.test, out: path.join(root, 'never'), ...change }),
        (error: unknown) => error instanceof PostError && pattern.test(error.message),
        JSON.stringify(change),
      );
    }
    assert.ok(!(await fs.readdir(root)).includes('never'));
  });

  it('puts default results under the working folder, never beside the input', () => {
    const cwd = path.resolve('/home/user/project');
    assert.strictEqual(
      defaultOutDir('/data/plant 7.csv', cwd),
      path.join(cwd, 'post-results', 'plant 7'),
    );
    assert.strictEqual(
      defaultOutDir('machine-1.txt', cwd),
      path.join(cwd, 'post-results', 'machine-1'),
    );
  });

  it('passes over a default folder holding another input of the same name', async () => {
    const cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'post-default-out-'));
    const results = (name: string) => path.join(cwd, 'post-results', name);
    const holdResultsOf = async (name: string, input: string) => {
      await fs.mkdir(results(name), { recursive: true });
      const summary = JSON.stringify({ input: { path: input } });
      await fs.writeFile(path.join(results(name), 'summary.json'), summary);
    };
    const smd = '/data/smd/test.txt';
    const psm = '/data/psm/test.txt';

    await holdResultsOf('test', smd);
    assert.strictEqual(defaultOutDir(smd, cwd), results('test'), 'its own results are replaced');
    assert.strictEqual(defaultOutDir(psm, cwd), results('psm-test'));

    await holdResultsOf('psm-test', '/elsewhere/psm/test.txt');
    await fs.mkdir(results('test-2'));
    await fs.writeFile(path.join(results('test-2'), 'notes.md'), 'mine');
    assert.strictEqual(defaultOutDir(psm, cwd), results('test-3'));
    await fs.rm(cwd, { recursive: true, force: true });
  });
});
