/**
 * The real detection worker (out/src/worker/worker.js) as the extension runs it, through
 * WorkerJob: a cancel during training ends the process by itself (not killed) with nothing
 * written; a worker killed mid-run (SIGKILL, as the system's out-of-memory killer does) or
 * dying of a V8 heap overflow is reported with what to change, and a new run then works; two
 * runs on different files at once both finish.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { DetectionRequest } from '../../../src/engine/job';
import { JobOutcome, WorkerJob } from '../../../src/extension/run/workerJob';
import { snapshot, strays } from './cli';
import { sensorCsv } from './sensorData';

const WORKER = path.resolve(__dirname, '../../../src/worker/worker.js');

/** Whether a process with this id exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a job that calls `onTraining` once, at the first training step reported. */
function trainingJob(request: DetectionRequest, onTraining: (job: WorkerJob) => void): WorkerJob {
  let seen = false;
  // Long enough that the first step comes well before the end; exits are awaited, not timed.
  const job: WorkerJob = new WorkerJob(
    WORKER,
    request,
    {
      onProgress: (p) => {
        if (seen || p.phase !== 'training' || p.batch === undefined) return;
        seen = true;
        onTraining(job);
      },
    },
    { exitGraceMs: 120_000 },
  );
  return job;
}

const reasonOf = (outcome: JobOutcome): string =>
  outcome.kind === 'crashed' ? outcome.reason : '';

describe('the real detection worker under faults', function () {
  this.timeout(240_000);
  let root: string;
  let input: string;
  let results: string;
  let earlier: Record<string, string>;
  const request = (change: Partial<DetectionRequest> = {}): DetectionRequest => ({
    input,
    out: results,
    preset: 'tiny',
    backend: 'cpu',
    seed: 3,
    overrides: { epochs: 1 },
    ...change,
  });

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-worker-faults-'));
    input = path.join(root, 'input.csv');
    await fs.writeFile(input, sensorCsv());
    results = path.join(root, 'results');
    const first = await new WorkerJob(WORKER, request()).finished;
    assert.strictEqual(first.kind, 'done', JSON.stringify(first));
    earlier = await snapshot(results);
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('stops on cancel in training: the process exits by itself, writing nothing', async () => {
    const job = trainingJob(request({ overrides: { epochs: 500 } }), (j) => j.cancel());

    assert.deepStrictEqual(await job.finished, { kind: 'cancelled' });

    assert.deepStrictEqual(job.exit, { code: 1, signal: null, killed: false });
    assert.strictEqual(alive(job.pid ?? 0), false, 'the worker process is still there');
    assert.deepStrictEqual(await snapshot(results), earlier);
    assert.deepStrictEqual(await strays(root), []);
  });

  it('reports a worker killed mid-run as likely out of memory; the next run works', async () => {
    const job = trainingJob(request({ overrides: { epochs: 500 } }), (j) =>
      process.kill(j.pid ?? 0, 'SIGKILL'),
    );

    const outcome = await job.finished;

    assert.strictEqual(outcome.kind, 'crashed');
    assert.match(reasonOf(outcome), /stopped by signal SIGKILL.*ran out of memory/);
    assert.match(reasonOf(outcome), /postAnomaly\.batchSize/);
    assert.deepStrictEqual(await snapshot(results), earlier);
    const next = await new WorkerJob(WORKER, request({ out: path.join(root, 'next') })).finished;
    assert.strictEqual(next.kind, 'done', JSON.stringify(next));
  });

  it('reports a worker whose JavaScript heap overflows; the next run works', async () => {
    // A heap this small overflows while the worker loads the engine: a real V8 abort.
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--max-old-space-size=6';
    let job: WorkerJob;
    try {
      job = new WorkerJob(WORKER, request());
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }

    const outcome = await job.finished;

    assert.strictEqual(outcome.kind, 'crashed');
    assert.match(reasonOf(outcome), /ran out of memory\. Try a smaller window, batch size/);
    assert.deepStrictEqual(await snapshot(results), earlier);
    const retry = new WorkerJob(WORKER, request({ out: path.join(root, 'after-oom') }));
    const next = await retry.finished;
    assert.strictEqual(next.kind, 'done', JSON.stringify(next));
  });

  it('runs two files at once, each to its own results', async () => {
    const second = path.join(root, 'second.csv');
    await fs.writeFile(second, sensorCsv({ rows: 200 }));
    const outA = path.join(root, 'a');
    const outB = path.join(root, 'b');

    const [a, b] = await Promise.all([
      new WorkerJob(WORKER, request({ out: outA })).finished,
      new WorkerJob(WORKER, request({ input: second, out: outB })).finished,
    ]);

    assert.deepStrictEqual([a.kind, b.kind], ['done', 'done']);
    const rowsOf = async (dir: string) =>
      JSON.parse(await fs.readFile(path.join(dir, 'summary.json'), 'utf8')).input.rows;
    assert.deepStrictEqual([await rowsOf(outA), await rowsOf(outB)], [240, 200]);
  });
});
