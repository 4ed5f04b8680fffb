/**
 * The per-epoch loss lines of the log: means of each term over an epoch's steps, graph-phase
 * steps apart, a line as soon as the next epoch starts and one for the last epoch at the end.
 */
import * as assert from 'assert';
import type { LossEntry } from '../../../src/engine/detector';
import { EpochLosses } from '../../../src/extension/run/epochLosses';

const step = (epoch: number, phase: LossEntry['phase'], total: number): LossEntry =>
  ({ epoch, batch: 0, step: 0, phase, terms: { total } }) as unknown as LossEntry;

describe('EpochLosses', () => {
  it('averages each term per epoch and phase', () => {
    const losses = new EpochLosses();
    const first = [step(0, 'adam', 1), step(0, 'adam', 3), step(0, 'graph', 8)];
    assert.deepStrictEqual(losses.add(first), []);
    const lines = losses.add([step(1, 'adam', 0.5)]);
    assert.deepStrictEqual(lines, ['epoch 1: adam (2 steps): total 2; graph (1 steps): total 8']);
    assert.deepStrictEqual(losses.flush(), ['epoch 2: adam (1 steps): total 0.5']);
    assert.deepStrictEqual(losses.flush(), []);
  });

  it('says nothing when no step came', () => {
    assert.deepStrictEqual(new EpochLosses().flush(), []);
  });
});
