/**
 * The progress line and the overall fraction shown in the notification and the status bar.
 */
import * as assert from 'assert';
import { overallFraction, progressLine, timeLeft } from '../../../src/extension/run/progressText';

describe('progress text', () => {
  it('weights the phases so the whole run goes from 0 to 1 in order', () => {
    assert.strictEqual(overallFraction({ phase: 'reading', fraction: 0 }), 0);
    assert.strictEqual(overallFraction({ phase: 'training', fraction: 0 }), 0.05);
    assert.strictEqual(overallFraction({ phase: 'training', fraction: 0.5 }), 0.45);
    assert.strictEqual(overallFraction({ phase: 'writing', fraction: 1 }), 1);
    const trained = overallFraction({ phase: 'training', fraction: 1 });
    assert.ok(Math.abs(overallFraction({ phase: 'scoring', fraction: 0 }) - trained) < 1e-9);
    assert.strictEqual(overallFraction({ phase: 'scoring', fraction: 7 }), 0.97);
    assert.strictEqual(overallFraction({ phase: 'scoring', fraction: NaN }), 0.85);
  });

  it('says phase, epoch, batch, loss and time left', () => {
    const progress = { epoch: 1, epochs: 5, batch: 29, batches: 120, secondsLeft: 130 };
    const line = progressLine({ phase: 'training', fraction: 0.3, ...progress }, 0.123456);
    // Training counts epochs and batches from 0; people count from 1.
    const expected = 'training · epoch 2/5 · batch 30/120 · loss 0.1235 · about 2 min left';
    assert.strictEqual(line, expected);
    const scoring = progressLine({ phase: 'scoring', fraction: 1, batch: 13, batches: 13 });
    assert.strictEqual(scoring, 'scoring · batch 13/13');
    const withMessage = progressLine({ phase: 'scoring', fraction: 0.1, message: 'batch shrunk' });
    assert.strictEqual(withMessage, 'scoring · batch shrunk');
  });

  it('rounds time left to what a person reads', () => {
    assert.strictEqual(timeLeft(0.2), 'about 1 s left');
    assert.strictEqual(timeLeft(42), 'about 42 s left');
    assert.strictEqual(timeLeft(5400), 'about 1.5 h left');
    assert.strictEqual(timeLeft(NaN), '');
  });
});
