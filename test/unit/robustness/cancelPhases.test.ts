/**
 * Cancelling a detection run in each of its phases (reading, training, scoring, writing), with
 * an AbortSignal fired from the progress hook the moment the phase is first reported. The run
 * must end in the 'cancelled' PostError at its next check (at most one more batch or file),
 * free every tensor it made, write nothing, and leave the earlier results byte-identical.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { isPostError } from '../../../src/engine/errors';
import { DetectionRequest, runDetection } from '../../../src/engine/job';
import type { Progress } from '../../../src/engine/types';
import { snapshot, strays } from './cli';
import { sensorCsv } from './sensorData';

const BASE = { preset: 'tiny', backend: 'cpu', seed: 3 } as const;

interface Observed {
  error: unknown;
  /** Progress reports of the cancelled phase after the abort. */
  laterInPhase: Progress[];
  /** Phases reported after the abort other than the cancelled one. */
  laterPhases: string[];
  /** Training steps reported after the abort. */
  laterSteps: number;
}

/** Runs `request`, aborting when `phase` is first reported (and `when` holds). */
async function cancelAt(
  request: DetectionRequest,
  phase: Progress['phase'],
  when: (p: Progress) => boolean = () => true,
): Promise<Observed> {
  const abort = new AbortController();
  const observed: Observed = { error: undefined, laterInPhase: [], laterPhases: [], laterSteps: 0 };
  try {
    await runDetection(request, {
      signal: abort.signal,
      onProgress: (p) => {
        if (abort.signal.aborted) {
          if (p.phase === phase) observed.laterInPhase.push(p);
          else observed.laterPhases.push(p.phase);
        } else if (p.phase === phase && when(p)) {
          abort.abort();
        }
      },
      onLoss: () => {
        if (abort.signal.aborted) observed.laterSteps++;
      },
    });
  } catch (error) {
    observed.error = error;
  }
  return observed;
}

describe('cancelling a run in each phase', function () {
  this.timeout(180_000);
  let root: string;
  let small: string;
  let large: string;
  let results: string;
  let earlier: Record<string, string>;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-cancel-'));
    small = path.join(root, 'small.csv');
    large = path.join(root, 'large.csv');
    await fs.writeFile(small, sensorCsv());
    // About 1.5 MB: read in many chunks, each reported as reading progress.
    await fs.writeFile(large, sensorCsv({ rows: 60_000 }));
    results = path.join(root, 'results');
    await runDetection({ ...BASE, input: small, overrides: { epochs: 1 }, out: results });
    earlier = await snapshot(results);
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** The checks every phase shares: the error, the tensors, the earlier results. */
  async function assertCleanCancel(observed: Observed, tensorsBefore: number): Promise<void> {
    const { error } = observed;
    assert.ok(isPostError(error) && error.kind === 'cancelled', `not cancelled: ${String(error)}`);
    assert.match(error.message, /earlier results are unchanged/);
    assert.strictEqual(tf.memory().numTensors, tensorsBefore, 'tensors left after the run');
    assert.deepStrictEqual(await snapshot(results), earlier, 'the earlier results changed');
    assert.deepStrictEqual(await strays(root), [], 'a temporary folder was left');
  }

  it('stops while reading, before the file is read to the end', async () => {
    const tensors = tf.memory().numTensors;
    const request = { ...BASE, input: large, out: results };

    const observed = await cancelAt(request, 'reading', (p) => p.fraction < 0.5);

    await assertCleanCancel(observed, tensors);
    assert.ok(observed.laterInPhase.every((p) => p.fraction < 1), 'reading went on to the end');
    assert.deepStrictEqual(observed.laterPhases, []);
  });

  it('stops while training, within one step', async () => {
    const tensors = tf.memory().numTensors;
    const request = { ...BASE, input: small, overrides: { epochs: 200 }, out: results };

    const observed = await cancelAt(request, 'training', (p) => p.batch !== undefined);

    await assertCleanCancel(observed, tensors);
    assert.ok(observed.laterSteps <= 1, `${observed.laterSteps} steps after the cancel`);
    assert.deepStrictEqual(observed.laterPhases, []);
  });

  it('stops while scoring, within one batch', async () => {
    const tensors = tf.memory().numTensors;
    const request = { ...BASE, input: small, overrides: { epochs: 1 }, out: results };

    const observed = await cancelAt(request, 'scoring');

    await assertCleanCancel(observed, tensors);
    assert.ok(observed.laterInPhase.length <= 1, `${observed.laterInPhase.length} more batches`);
    assert.deepStrictEqual(observed.laterPhases, []);
  });

  it('stops while writing, within one file, and keeps the earlier folder', async () => {
    const tensors = tf.memory().numTensors;
    const request = { ...BASE, input: small, overrides: { epochs: 1 }, out: results };

    const observed = await cancelAt(request, 'writing');

    await assertCleanCancel(observed, tensors);
    assert.ok(observed.laterInPhase.length <= 1, `${observed.laterInPhase.length} more files`);
  });

  it('runs to the end afterwards, replacing the earlier results', async () => {
    const tensors = tf.memory().numTensors;

    const request = { ...BASE, input: small, overrides: { epochs: 1 }, out: results };
    const result = await runDetection(request);

    assert.strictEqual(result.summary.input.rows, 240);
    assert.notDeepStrictEqual(await snapshot(results), earlier);
    assert.strictEqual(tf.memory().numTensors, tensors);
  });
});
