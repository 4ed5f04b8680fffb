import { strict as assert } from 'assert';
import {
  labelledSegments,
  rankScores,
  rankSegment,
  topCount,
} from '../../../src/engine/eval/localization';
import { channelPointAdjustedScorer } from '../../../src/engine/eval/channelwise';
import { assertClose } from './close';

describe('localization metrics', () => {
  // 5 rows × 3 channels: rows 1-2 label channels {0, 2}, row 3 channel {0}.
  const cells = Uint8Array.from([0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0]);
  const channelLabels = { rows: 5, channels: 3, cells };

  it('splits segments where the labelled channel set changes', () => {
    assert.deepEqual(labelledSegments(channelLabels), [
      { first: 1, last: 2, channels: [0, 2] },
      { first: 3, last: 3, channels: [0] },
    ]);
    // Row labels limit the segments to anomalous rows.
    assert.deepEqual(labelledSegments(channelLabels, [0, 0, 1, 1, 1]), [
      { first: 2, last: 2, channels: [0, 2] },
      { first: 3, last: 3, channels: [0] },
    ]);
  });

  it('looks at the top ⌊P % × |G|⌋ channels, at least one, at most all', () => {
    assert.equal(topCount(100, 3, 38), 3);
    assert.equal(topCount(150, 3, 38), 4);
    assert.equal(topCount(150, 1, 38), 1);
    assert.equal(topCount(150, 30, 38), 38);
  });

  it('HitRate and NDCG of a ranking', () => {
    // Ranking 1, 3, 0, 2 against labelled {3, 2}; k = 2 finds 3 only.
    const r = rankScores([5, 9, 1, 7], [3, 2], 2);
    assertClose(r.hitRate, 0.5);
    assertClose(r.ndcg, 1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
  });

  it('ties count their expected value, not column order', () => {
    // Channel 0 first, then a three-way tie holding the labelled channel 2.
    const r = rankScores([3, 1, 1, 1], [2], 2);
    assertClose(r.hitRate, 1 / 3);
    assertClose(r.ndcg, 1 / 3 / Math.log2(3));
    // A constant score gets the chance level |G| / C at k = |G|.
    assertClose(rankScores([0, 0, 0, 0], [1], 1).hitRate, 0.25);
  });

  it('sums over the segment, or over its flagged rows only', () => {
    const score = Float32Array.from([0, 0, 0, 1, 5, 2, 0, 0, 9, 0, 0, 0, 0, 0, 0]);
    const segment = { first: 1, last: 2, channels: [0, 2] };
    // Totals over rows 1-2: [1, 5, 11] → top 2 = {2, 1}: one of two labelled channels.
    assert.equal(rankSegment(score, 3, segment).hitRate100, 0.5);
    // Row 2 only: [0, 0, 9] → top 2 = {2, then a tie of 0 and 1}: 1 + ½ of 2.
    assert.equal(rankSegment(score, 3, segment, (t) => t === 2).hitRate100, 0.75);
    // No flagged row: 0.
    assert.equal(rankSegment(score, 3, segment, () => false).hitRate150, 0);
  });
});

describe('channel-wise point-adjusted F1', () => {
  it('adjusts each labelled column run, then scores all cells flattened', () => {
    // 4 rows × 2 channels; channel 0 labelled on rows 1-2, channel 1 never.
    const cells = Uint8Array.from([0, 0, 1, 0, 1, 0, 0, 0]);
    const score = Float32Array.from([0, 0, 0.9, 0, 0, 0, 0, 0.8]);
    const at = channelPointAdjustedScorer(score, { rows: 4, channels: 2, cells });
    // At 0.5: cell (1,0) hits → run fully flagged (TP 2), cell (3,1) a false positive.
    const r = at(0.5);
    assertClose(r.precision, 2 / 3);
    assertClose(r.recall, 1);
    assertClose(r.f1, 0.8);
    // At 0.85: only the true hit, adjusted to its run → perfect.
    assert.equal(at(0.85).f1, 1);
    assert.equal(at(0.95).f1, 0);
  });
});
