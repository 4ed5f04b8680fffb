import { strict as assert } from 'assert';
import { evaluate, formatEvaluation } from '../../../src/engine/eval/evaluate';
import { isPostError } from '../../../src/engine/errors';
import { ChannelLabels, ScoreResult } from '../../../src/engine/types';

/**
 * 200 rows × 4 channels, segments at rows 50-59 (channel 2) and 120-129 (channels 0 and 3).
 * A perfect detector scores exactly the labelled rows and cells high.
 */
function fixture(): { scores: ScoreResult; labels: Uint8Array; channelLabels: ChannelLabels } {
  const rows = 200;
  const C = 4;
  const labels = new Uint8Array(rows);
  const cells = new Uint8Array(rows * C);
  const mark = (first: number, last: number, channels: number[]) => {
    for (let t = first; t <= last; t++) {
      labels[t] = 1;
      for (const c of channels) cells[t * C + c] = 1;
    }
  };
  mark(50, 59, [2]);
  mark(120, 129, [0, 3]);

  const timeScore = new Float32Array(rows);
  const channelScore = new Float32Array(rows * C);
  for (let t = 0; t < rows; t++) {
    timeScore[t] = labels[t] + ((t * 7) % 13) / 100;
    for (let c = 0; c < C; c++) channelScore[t * C + c] = cells[t * C + c] + ((t + c) % 5) / 100;
  }
  return {
    scores: { timeScore, channelScore, rows, channels: C },
    labels,
    channelLabels: { rows, channels: C, cells },
  };
}

describe('evaluate', () => {
  const { scores, labels, channelLabels } = fixture();

  it('a perfect detector gets 1 on every labelled figure', () => {
    // Anomaly ratio 10 %: the protocol's start lies between the normal and anomalous scores.
    const e = evaluate({ scores, threshold: 0.5, labels, channelLabels, anomalyRatio: 10 });
    const t = e.timewise!;
    assert.equal(t.flaggedRows, 20);
    assert.equal(t.labelledSegments, 2);
    for (const key of [
      'pointF1AtThreshold',
      'bestPointF1UpperBound',
      'aucRoc',
      'aucPr',
      'affiliationF1',
      'paKAuc',
      'pointAdjustedF1',
      'paperProtocolF1',
    ] as const) {
      assert.equal(t[key], 1, key);
    }
    const l = e.localization!;
    assert.equal(l.labelledSegments, 2);
    assert.equal(l.flaggedSegments, 2);
    const perfect = [
      'hitRate100',
      'ndcg150',
      'hitRate100Flagged',
      'channelAp',
      'channelPaperProtocolF1',
    ] as const;
    for (const key of perfect) {
      assert.equal(l[key], 1, key);
    }
    assert.equal(l.labelledCellShare, 30 / 800);
  });

  it('random orders of the same scores land near chance', () => {
    const e = evaluate({ scores, threshold: 0.5, labels, channelLabels }, { seed: 4 });
    const random = e.random!.timewise!;
    assert.ok(Math.abs(random.aucRoc - 0.5) < 0.15, `random AUC-ROC ${random.aucRoc}`);
    assert.ok(random.aucPr < 0.3, `random AUC-PR ${random.aucPr}`);
    // The shuffle keeps the score distribution: the same number of rows flagged.
    assert.equal(random.flaggedRows, 20);
    assert.ok(e.random!.localization!.hitRate100 < 0.7);
    // Seeded: the same seed gives the same figures.
    const again = evaluate({ scores, threshold: 0.5, labels, channelLabels }, { seed: 4 });
    assert.deepEqual(again.random, e.random);
  });

  it('a detector that flags nothing scores 0 at its threshold, keeps its ranking', () => {
    const e = evaluate({ scores, threshold: 10, labels }, { randomDraws: 0 });
    const t = e.timewise!;
    assert.equal(t.flaggedRows, 0);
    assert.equal(t.pointF1AtThreshold, 0);
    assert.ok(Number.isNaN(t.affiliationPrecision));
    assert.equal(t.aucRoc, 1);
    assert.equal(e.random, undefined);
  });

  it('takes row labels from the channel labels when none are given', () => {
    const e = evaluate({ scores, threshold: 0.5, channelLabels }, { randomDraws: 0 });
    assert.equal(e.timewise!.labelledRows, 20);
  });

  it('returns nothing to show without labels', () => {
    assert.deepEqual(evaluate({ scores, threshold: 0.5 }), {});
  });

  it('reports mismatched inputs as PostErrors that say what to do', () => {
    const expectError = (run: () => unknown, kind: string, text: RegExp) => {
      assert.throws(run, (error: unknown) => {
        assert.ok(isPostError(error));
        assert.equal(error.kind, kind);
        assert.match(error.message, text);
        return true;
      });
    };
    expectError(
      () => evaluate({ scores, threshold: 0.5, labels: new Uint8Array(10) }),
      'input',
      /labels cover 10 rows but the scored series has 200/,
    );
    expectError(
      () =>
        evaluate({
          scores,
          threshold: 0.5,
          channelLabels: { rows: 200, channels: 3, cells: new Uint8Array(600) },
        }),
      'input',
      /200 rows × 3 channels .* 200 × 4/,
    );
    expectError(() => evaluate({ scores, threshold: NaN, labels }), 'setting', /threshold/);
    expectError(
      () => evaluate({ scores, threshold: 0.5, labels, anomalyRatio: 80 }),
      'setting',
      /anomalyRatio/,
    );
  });

  it('formats a table with each figure and its random counterpart', () => {
    const text = formatEvaluation(evaluate({ scores, threshold: 0.5, labels, channelLabels }));
    const line = text.split('\n').find((l) => l.includes('AUC-ROC'));
    assert.match(line ?? '', /AUC-ROC\s+1\.000\s+0\.\d{3}$/);
    assert.match(text, /HitRate@150%, flagged rows only\s+1\.000/);
    assert.match(text, /2 labelled segments; 20 of 200 rows flagged/);
    assert.ok(text.split('\n').every((l) => l.length <= 100));
    assert.equal(formatEvaluation({}), '');
  });
});
