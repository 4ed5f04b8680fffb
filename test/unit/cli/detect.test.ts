/**
 * `post-ad detect` end to end, spawned as a user runs it, on small files the test writes
 * ('tiny' preset, cpu backend): --json output, the default results folder, reuse of a saved
 * model with each label and channel-label form, and Ctrl-C (exit 130, earlier results intact).
 */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { RunSummary } from '../../../src/engine/io/resultFiles';
import { FixtureFiles, TEST_ROWS, writeFixtures } from '../jobFixture';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');
const FAST = ['--preset', 'tiny', '--backend', 'cpu', '--seed', '3', '--set', 'epochs=1'];

function postAd(args: string[], cwd: string) {
  return spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

describe('post-ad detect', function () {
  this.timeout(180_000);
  let root: string;
  let files: FixtureFiles;
  let first: RunSummary;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-detect-'));
    files = await writeFixtures(root);
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('prints only the summary as JSON on stdout with --json', async () => {
    const out = path.join(root, 'json');
    const args = ['detect', files.test, '--train', files.train, ...FAST, '--json', '--out', out];
    const run = postAd(args, root);

    assert.strictEqual(run.status, 0, run.stderr);
    first = JSON.parse(run.stdout) as RunSummary;
    assert.strictEqual(first.input.rows, TEST_ROWS);
    assert.strictEqual(first.training.how, 'file');
    assert.match(run.stderr, /Backend: cpu/);
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
    const onDisk = JSON.parse(await fs.readFile(path.join(out, 'summary.json'), 'utf8'));
    assert.strictEqual(onDisk.threshold.value, first.threshold.value);
  });

  it('writes into ./post-results/<name> by default and prints a readable summary', async () => {
    const cwd = await fs.mkdtemp(path.join(root, 'cwd-'));
    const run = postAd(['detect', files.test, '--train', files.train, ...FAST], cwd);

    assert.strictEqual(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Input: {5}.*test\.csv \(200 rows, 3 channels\)$/m);
    assert.match(run.stdout, /^Backend: {3}cpu/m);
    assert.match(run.stdout, /^Events: {4}\d+ /m);
    assert.match(run.stdout, /AUC-PR/);
    const summary = path.join(cwd, 'post-results', 'test', 'summary.json');
    assert.ok((await fs.stat(summary)).isFile());
  });

  it('reuses a saved model with its threshold, a label file and ASD segment labels', () => {
    const out = path.join(root, 'reuse');
    const run = postAd(
      [
        'detect',
        files.testFault,
        '--model',
        path.join(root, 'json', 'model'),
        '--labels',
        files.labels,
        '--channel-labels',
        files.channelAsd,
        '--segments',
        'asd',
        '--backend',
        'cpu',
        '--json',
        '--out',
        out,
      ],
      root,
    );

    assert.strictEqual(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as RunSummary;
    assert.strictEqual(summary.threshold.value, first.threshold.value);
    assert.strictEqual(summary.threshold.origin, 'model');
    assert.strictEqual(summary.labels?.rows, files.labels);
    assert.strictEqual(summary.metrics?.localization?.labelledSegments, 2);
  });

  it('takes labels from a named column and channel labels from a matrix file', () => {
    const model = path.join(root, 'json', 'model');
    const out = path.join(root, 'column');
    const run = postAd(
      [
        'detect',
        files.testFault,
        '--model',
        model,
        '--labels',
        'fault',
        '--channel-labels',
        files.channelMatrix,
        '--backend',
        'cpu',
        '--json',
        '--out',
        out,
      ],
      root,
    );

    assert.strictEqual(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as RunSummary;
    assert.strictEqual(summary.labels?.rows, 'fault');
    assert.deepStrictEqual(summary.channels, ['a', 'b', 'c']);
    assert.strictEqual(summary.metrics?.timewise?.labelledRows, 23);
    assert.strictEqual(summary.metrics?.localization?.labelledSegments, 2);
  });

  it('cancels on Ctrl-C with exit status 130, leaving earlier results intact', async () => {
    const out = path.join(root, 'json');
    const before = await fs.readFile(path.join(out, 'summary.json'), 'utf8');
    const args = ['detect', files.test, '--train', files.train, ...FAST, '--set', 'epochs=1000'];
    const child = spawn(process.execPath, [MAIN, ...args, '--out', out], { cwd: root });
    let stderr = '';
    let interrupted = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      // Once only: a second Ctrl-C quits at once, without the clean cancellation.
      if (!interrupted && /training/.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));

    assert.strictEqual(status, 130, stderr);
    assert.match(stderr.trimEnd().split('\n').pop() ?? '', /^error: The run was cancelled/);
    assert.strictEqual(await fs.readFile(path.join(out, 'summary.json'), 'utf8'), before);
    const strays = (await fs.readdir(root)).filter((name) => name.startsWith('.'));
    assert.deepStrictEqual(strays, []);
  });
});
