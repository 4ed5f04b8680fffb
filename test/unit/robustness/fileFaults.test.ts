/**
 * Faults of the files around a run, at the engine level: the input file growing or removed
 * while it is read, removed during training, a results folder that cannot be written (read-
 * only, disk full: simulated by failing the file-system call, since root ignores permission
 * bits), and two runs writing the same results folder at once. Each ends in a completed run or
 * a PostError that says what to do, never a half-written folder or a lost earlier result.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { isPostError, PostError } from '../../../src/engine/errors';
import { readResults } from '../../../src/engine/io/resultFiles';
import { DetectionRequest, runDetection } from '../../../src/engine/job';
import { loadResults } from '../../../src/extension/panel/loadResults';
import { snapshot, strays } from './cli';
import { ROWS, sensorCsv } from './sensorData';

const BASE = { preset: 'tiny', backend: 'cpu', seed: 3, overrides: { epochs: 1 } } as const;

async function rejection(run: Promise<unknown>): Promise<PostError> {
  try {
    await run;
  } catch (error) {
    if (isPostError(error)) return error;
    throw error;
  }
  throw new Error('the run succeeded');
}

/** Makes `fs.promises[name]` fail with `code` for paths inside `under`, until restored. */
function failCalls(name: 'mkdir' | 'writeFile', under: string, code: string): () => void {
  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = promises[name];
  promises[name] = (file: unknown, ...rest: unknown[]) => {
    if (String(file).startsWith(under)) {
      const error: NodeJS.ErrnoException = new Error(`${code}: simulated, ${name} '${file}'`);
      error.code = code;
      return Promise.reject(error);
    }
    return original.call(fs.promises, file, ...rest);
  };
  return () => {
    promises[name] = original;
  };
}

describe('faults of the files around a run', function () {
  this.timeout(180_000);
  let root: string;
  let input: string;
  let results: string;
  let earlier: Record<string, string>;
  const request = (change: Partial<DetectionRequest> = {}): DetectionRequest => ({
    ...BASE,
    input,
    out: results,
    ...change,
  });

  before(async () => {
    root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'post-faults-'));
    input = path.join(root, 'input.csv');
    fs.writeFileSync(input, sensorCsv());
    results = path.join(root, 'results');
    await runDetection(request());
    earlier = await snapshot(results);
  });

  after(async () => {
    await fs.promises.rm(root, { recursive: true, force: true });
  });

  async function assertEarlierIntact(): Promise<void> {
    assert.deepStrictEqual(await snapshot(results), earlier, 'the earlier results changed');
    assert.deepStrictEqual(await strays(root), [], 'a temporary folder was left');
  }

  it('refuses an input file that grows while it is read, and says to run again', async () => {
    const growing = path.join(root, 'growing.csv');
    fs.writeFileSync(growing, sensorCsv({ rows: 60_000 }));
    let appended = false;
    const onProgress = () => {
      if (appended) return;
      appended = true;
      fs.appendFileSync(growing, '0.5,0.5,0.5\n'.repeat(100));
    };

    const error = await rejection(runDetection(request({ input: growing }), { onProgress }));

    assert.strictEqual(error.kind, 'input');
    assert.match(error.message, /^growing\.csv changed while it was being read\. Run again/);
    assert.strictEqual(error.place.file, growing);
    await assertEarlierIntact();
  });

  it('refuses an input file removed while it is read', async () => {
    const removed = path.join(root, 'removed.csv');
    fs.writeFileSync(removed, sensorCsv({ rows: 60_000 }));
    const onProgress = () => fs.rmSync(removed, { force: true });

    const error = await rejection(runDetection(request({ input: removed }), { onProgress }));

    assert.match(error.message, /^removed\.csv was removed while it was being read/);
    await assertEarlierIntact();
  });

  it('finishes a run whose input is removed during training; the panel says why', async () => {
    const gone = path.join(root, 'gone.csv');
    fs.writeFileSync(gone, sensorCsv());
    const out = path.join(root, 'gone-results');
    const onProgress = (p: { phase: string }) => {
      if (p.phase === 'training') fs.rmSync(gone, { force: true });
    };

    const result = await runDetection(request({ input: gone, out }), { onProgress });

    assert.strictEqual(result.summary.input.rows, ROWS);
    assert.strictEqual((await readResults(out)).summary.input.path, gone);
    const loaded = await loadResults(out);
    assert.match(loaded.dataNote ?? '', /channels of gone\.csv cannot be shown: .*does not exist/);
  });

  it('names the folder of a read-only results location and keeps the earlier results', async () => {
    const restore = failCalls('mkdir', path.join(root, '.results'), 'EROFS');
    let error: PostError;
    try {
      error = await rejection(runDetection(request()));
    } finally {
      restore();
    }

    assert.strictEqual(error.kind, 'resource');
    assert.match(error.message, new RegExp(`'${root}' \\(EROFS\\); check its permissions`));
    assert.strictEqual(error.place.setting, 'out');
    await assertEarlierIntact();
  });

  it('says the disk is full, naming the folder, and keeps the earlier results', async () => {
    const restore = failCalls('writeFile', path.join(root, '.results'), 'ENOSPC');
    let error: PostError;
    try {
      error = await rejection(runDetection(request()));
    } finally {
      restore();
    }

    assert.strictEqual(error.kind, 'resource');
    assert.match(error.message, /Cannot write events\.json into the results folder '.*results'/);
    assert.match(error.message, /\(ENOSPC\); free some disk space or choose another/);
    assert.deepStrictEqual(error.place, { file: results, setting: 'out' });
    await assertEarlierIntact();
  });

  it('leaves one complete results folder when two runs write it at once', async () => {
    const other = path.join(root, 'other.csv');
    fs.writeFileSync(other, sensorCsv({ rows: 200 }));

    const outcomes = await Promise.allSettled([
      runDetection(request()),
      runDetection(request({ input: other })),
    ]);

    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        assert.ok(isPostError(outcome.reason), `not a PostError: ${String(outcome.reason)}`);
      }
    }
    assert.ok(outcomes.some((o) => o.status === 'fulfilled'), 'neither run finished');
    const summary = (await readResults(results)).summary;
    assert.ok([input, other].includes(summary.input.path));
    assert.deepStrictEqual(await strays(root), [], 'a temporary folder was left');
  });
});
