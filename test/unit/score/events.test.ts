import { strict as assert } from 'assert';
import { isPostError } from '../../../src/engine/errors';
import { findEvents } from '../../../src/engine/score/events';
import { ScoreResult } from '../../../src/engine/types';

/** 7 rows × 3 channels: runs above 1 at rows 1-2 and row 5. */
function result(): ScoreResult {
  return {
    timeScore: Float32Array.from([0, 2, 3, 0, 0, 5, 0]),
    channelScore: Float32Array.from([
      [9, 9, 9],
      [1, 0, 4],
      [2, 3, 1],
      [9, 9, 9],
      [0, 0, 0],
      [1, 1, 0],
      [9, 9, 9],
    ].flat()),
    rows: 7,
    channels: 3,
  };
}

describe('findEvents', () => {
  const names = ['cpu', 'mem', 'disk'];

  it('one event per run above the threshold, with its peak', () => {
    const events = findEvents(result(), 1, names);
    assert.equal(events.length, 2);
    assert.deepEqual(
      events.map((e) => [e.start, e.end, e.peakRow, e.peakScore]),
      [
        [1, 2, 2, 3],
        [5, 5, 5, 5],
      ],
    );
  });

  it('ranks channels by their score summed over the run; ties by column', () => {
    const [first, second] = findEvents(result(), 1, names);
    // Rows 1-2: cpu 3, mem 3, disk 5.
    assert.deepEqual(first.topChannels, [
      { name: 'disk', index: 2, score: 5 },
      { name: 'cpu', index: 0, score: 3 },
      { name: 'mem', index: 1, score: 3 },
    ]);
    assert.deepEqual(
      second.topChannels.map((c) => c.name),
      ['cpu', 'mem', 'disk'],
    );
    const top1 = findEvents(result(), 1, names, undefined, { maxChannels: 1 });
    assert.deepEqual(
      top1.map((e) => e.topChannels.length),
      [1, 1],
    );
  });

  it('adds ISO times when the series has a time column', () => {
    const start = Date.UTC(2024, 0, 1);
    const timestamps = Float64Array.from({ length: 7 }, (_, t) => start + t * 60000);
    const [first] = findEvents(result(), 1, names, timestamps);
    assert.equal(first.startTime, '2024-01-01T00:01:00.000Z');
    assert.equal(first.endTime, '2024-01-01T00:02:00.000Z');
    assert.equal(findEvents(result(), 1, names)[0].startTime, undefined);
  });

  it('merges runs separated by at most minGap rows', () => {
    assert.equal(findEvents(result(), 1, names, undefined, { minGap: 1 }).length, 2);
    const merged = findEvents(result(), 1, names, undefined, { minGap: 2 });
    assert.deepEqual(
      merged.map((e) => [e.start, e.end, e.peakRow]),
      [[1, 5, 5]],
    );
    // Gap rows count towards the totals: cpu 3 + 9 + 0 + 1 = 13.
    assert.equal(merged[0].topChannels.find((c) => c.name === 'cpu')!.score, 13);
  });

  it('nothing above the threshold: no event', () => {
    assert.deepEqual(findEvents(result(), 5, names), []);
  });

  it('rejects mismatched names and bad options with PostErrors', () => {
    const rejects = (run: () => unknown, text: RegExp) =>
      assert.throws(run, (e: unknown) => isPostError(e) && text.test(e.message));
    rejects(() => findEvents(result(), 1, ['a', 'b']), /3 channels but 2 channel names/);
    rejects(() => findEvents(result(), 1, names, new Float64Array(3)), /time column has 3 rows/);
    rejects(() => findEvents(result(), NaN, names), /threshold is not a number/);
    rejects(() => findEvents(result(), 1, names, undefined, { maxChannels: 0 }), /maxChannels/);
    rejects(() => findEvents(result(), 1, names, undefined, { minGap: -1 }), /minGap/);
  });
});
