/**
 * A run's worker process as the extension sees it, with a stand-in worker script (written by
 * the test) in place of the real one: relayed reports, a clean finish, an engine error, a
 * crash, an out-of-memory abort, a cancel the worker honours and one it ignores (killed).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DetectionRequest } from '../../../src/engine/job';
import { JobListener, WorkerJob } from '../../../src/extension/run/workerJob';

/** The stand-in: its behaviour is chosen by the request's `input`. */
const FAKE_WORKER = `
const send = (m) => new Promise((resolve) => process.send(m, resolve));
process.on('message', async (m) => {
  if (m.type === 'cancel') {
    if (process.env.IGNORE_CANCEL) return;
    await send({ type: 'failed', error: { kind: 'cancelled', message: 'cancelled', place: {} } });
    process.exit(1);
  }
  if (m.type !== 'start') return;
  const how = m.request.input;
  if (how === 'done') {
    const info = { name: 'cpu', gpu: false, description: 'cpu', skipped: [] };
    await send({ type: 'backend', info });
    await send({ type: 'progress', progress: { phase: 'training', fraction: 0.5 } });
    const entry = { epoch: 1, batch: 0, step: 0, phase: 'adam', terms: { total: 1 } };
    await send({ type: 'loss', entries: [entry] });
    await send({ type: 'log', level: 'info', message: 'hello' });
    await send({ not: 'a message' });
    await send({ type: 'done', result: { outDir: m.request.out, events: 4, seconds: 1.5 } });
    process.exit(0);
  }
  if (how === 'fail') {
    const place = { file: '/d/x.csv', line: 12, column: 'temp' };
    const error = { kind: 'input', message: 'Bad cell at line 12.', place };
    await send({ type: 'failed', error });
    process.exit(1);
  }
  if (how === 'crash') {
    process.stderr.write('something native broke\\n');
    process.exit(3);
  }
  if (how === 'oom') {
    process.stderr.write('FATAL ERROR: Reached heap limit Allocation failed - ');
    process.stderr.write('JavaScript heap out of memory\\n');
    process.exit(134);
  }
  if (how === 'wait') setInterval(() => {}, 1000);
});
`;

let dir: string;
let workerPath: string;

const request = (input: string): DetectionRequest => ({ input, out: '/results/x' });

function recorder(): { listener: JobListener; seen: string[] } {
  const seen: string[] = [];
  const listener: JobListener = {
    onBackend: (info) => seen.push(`backend ${info.name}`),
    onProgress: (p) => seen.push(`progress ${p.phase} ${p.fraction}`),
    onLoss: (entries) => seen.push(`loss ${entries.length}`),
    onLog: (level, message) => seen.push(`log ${level} ${message}`),
  };
  return { listener, seen };
}

describe('WorkerJob', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'post-worker-'));
    workerPath = path.join(dir, 'fake-worker.js');
    fs.writeFileSync(workerPath, FAKE_WORKER);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('relays what the worker reports and ends with its result', async () => {
    const { listener, seen } = recorder();
    const job = new WorkerJob(workerPath, request('done'), listener);
    const outcome = await job.finished;

    const expected = { kind: 'done', outDir: '/results/x', events: 4, seconds: 1.5 };
    assert.deepStrictEqual(outcome, expected);
    assert.strictEqual(job.running, false);
    const relayed = ['backend cpu', 'progress training 0.5', 'loss 1', 'log info hello'];
    assert.deepStrictEqual(seen.slice(0, 4), relayed);
    const dropped = seen.some((line) => line.startsWith('log warn dropped'));
    assert.ok(dropped, 'an unknown message is logged');
  });

  it('passes an engine error on with its place', async () => {
    const outcome = await new WorkerJob(workerPath, request('fail')).finished;
    const place = { file: '/d/x.csv', line: 12, column: 'temp' };
    const error = { kind: 'input', message: 'Bad cell at line 12.', place };
    assert.deepStrictEqual(outcome, { kind: 'failed', error });
  });

  it('reports a crash with the exit code and the last error line', async () => {
    const outcome = await new WorkerJob(workerPath, request('crash')).finished;
    assert.strictEqual(outcome.kind, 'crashed');
    const reason = outcome.kind === 'crashed' ? outcome.reason : '';
    assert.match(reason, /exited with code 3: something native broke/);
  });

  it('recognises an out-of-memory abort and says what to change', async () => {
    const outcome = await new WorkerJob(workerPath, request('oom')).finished;
    assert.strictEqual(outcome.kind, 'crashed');
    const reason = outcome.kind === 'crashed' ? outcome.reason : '';
    assert.match(reason, /ran out of memory/);
    assert.match(reason, /postAnomaly\.batchSize/);
  });

  it('cancels a worker that stops when asked', async () => {
    const job = new WorkerJob(workerPath, request('wait'));
    job.cancel();
    assert.deepStrictEqual(await job.finished, { kind: 'cancelled' });
  });

  it('kills a worker that ignores the cancel, and still reports it cancelled', async () => {
    process.env.IGNORE_CANCEL = '1';
    try {
      const job = new WorkerJob(workerPath, request('wait'), {}, { exitGraceMs: 300 });
      job.cancel();
      assert.deepStrictEqual(await job.finished, { kind: 'cancelled' });
      assert.strictEqual(job.running, false);
    } finally {
      delete process.env.IGNORE_CANCEL;
    }
  });

  it('reports a worker script that cannot be loaded', async () => {
    const outcome = await new WorkerJob(path.join(dir, 'missing.js'), request('done')).finished;
    assert.strictEqual(outcome.kind, 'crashed');
    assert.match(outcome.kind === 'crashed' ? outcome.reason : '', /Cannot find module/);
  });
});
