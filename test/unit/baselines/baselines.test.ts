import { strict as assert } from 'assert';
import { BASELINES, pcaBaseline, zScoreBaseline } from '../../../src/engine/baselines';
import { randomScores } from '../../../src/engine/baselines/random';
import { isPostError } from '../../../src/engine/errors';
import { assertClose } from '../eval/close';

const series = (rows: number[][], source?: string) => ({
  values: Float32Array.from(rows.flat()),
  rows: rows.length,
  channels: rows[0].map((_, c) => `c${c}`),
  source,
});

describe('baselines', () => {
  it('z-score: |z| per channel with the training mean and population std', () => {
    // Channel 0: mean 2, std 1. Channel 1 constant 5: std taken as 1.
    const train = series([
      [1, 5],
      [3, 5],
    ]);
    const test = series([
      [4, 7],
      [0, 5],
    ]);
    const r = zScoreBaseline(train, test);
    assert.deepEqual(Array.from(r.channelScore), [2, 2, 2, 0]);
    assert.deepEqual(Array.from(r.timeScore), [2, 2]);
  });

  it('PCA: zero error on the training subspace, the off-subspace part elsewhere', () => {
    // Two identical channels (mean 0, std 1): one component along (1, 1)/√2.
    const train = series([
      [-1, -1],
      [1, 1],
      [-1, -1],
      [1, 1],
    ]);
    const test = series([
      [2, 2],
      [1, -1],
    ]);
    const r = pcaBaseline(train, test, { components: 1 });
    assertClose(r.timeScore[0], 0, 1e-12);
    // (1, −1) is orthogonal to the component: reconstructed as 0, squared errors 1 and 1.
    assertClose(r.channelScore[2], 1, 1e-6);
    assertClose(r.channelScore[3], 1, 1e-6);
    assertClose(r.timeScore[1], 1, 1e-6);
  });

  it('random: uniform, seeded, reproducible', () => {
    const a = randomScores(50, 3, 7);
    const b = randomScores(50, 3, 7);
    const c = randomScores(50, 3, 8);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.timeScore, c.timeScore);
    assert.ok(a.channelScore.every((v) => v >= 0 && v < 1));
    assert.equal(a.channelScore.length, 150);
  });

  it('every baseline rejects a test file with other columns, naming it', () => {
    const train = series([[1, 2]], 'train.csv');
    const test = series([[1, 2, 3]], 'test.csv');
    for (const [name, { run }] of Object.entries(BASELINES)) {
      assert.throws(
        () => run(train, test),
        (error: unknown) =>
          isPostError(error) &&
          error.place.file === 'test.csv' &&
          /test\.csv has 3 channels .* has 2/.test(error.message),
        name,
      );
    }
  });
});
