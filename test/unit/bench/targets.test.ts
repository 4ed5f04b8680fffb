import { strict as assert } from 'assert';
import { qualityRecords, speedRows } from '../../../bench/aggregate';
import { checkTargets } from '../../../bench/targets';
import { evaluation, modelOutcome, speed } from './outcomes';

describe('bench: targets', () => {
  it('says what is not measured when the runs are missing', () => {
    const checks = checkTargets([], [], []);
    assert.equal(checks.length, 9);
    assert.ok(checks.every((c) => c.met === undefined && c.measured === 'not measured'));
  });

  it('says which targets are met and by how much the others miss', () => {
    const outcomes = [
      modelOutcome('smd', [['machine-2-1', 'tuning', evaluation(0.3, 0.75)]], 1, {
        speed: speed(240, 150),
        memory: { estimateBytes: 1e8, rssBeforeTrainingBytes: 2e8, runPeakRssBytes: 4e8 },
      }),
      modelOutcome('asd', [['omi-1', 'tuning', evaluation(0.6, 0.95)]], 1),
      modelOutcome('smd', [['machine-2-1', 'tuning', evaluation(0.05, 0.3, 0.88)]], 1, {
        preset: 'paper',
        speed: speed(3000, 2000, 11),
      }),
    ];
    const checks = checkTargets(qualityRecords(outcomes, 50), speedRows(outcomes), outcomes);
    const by = (start: string) => checks.filter((c) => c.target.startsWith(start));

    const [smdAuc, smdHit] = by('SMD machine-2-1, default preset');
    assert.equal(smdAuc.met, false);
    assert.equal(smdAuc.gap, 'short by 0.100');
    assert.equal(smdHit.met, true);
    const [asdAuc, asdHit] = by('ASD mean');
    assert.equal(asdAuc.met, true);
    assert.match(asdAuc.measured, /1 of 12 entities/);
    assert.equal(asdHit.met, true);

    const [wall, cpu] = by('SMD machine-2-1 end to end');
    assert.equal(wall.met, false);
    assert.equal(wall.gap, 'over by 60 s (×1.33)');
    assert.equal(cpu.met, true);
    const [memory] = by('SMD machine-2-1, wasm: peak');
    assert.equal(memory.met, true);
    assert.match(memory.measured, /^0\.40 GB/);

    const [completes, f1] = by('paper preset');
    assert.equal(completes.met, true);
    assert.match(completes.measured, /1 of 1 runs completed at batch 11/);
    assert.equal(f1.met, true);
  });

  it('counts a failed paper run as a missed target, with its reason', () => {
    const failed = {
      ...modelOutcome('smd', [['machine-2-1', 'tuning', evaluation(0.05)]], 1, { preset: 'paper' }),
      ok: false,
      error: 'wasm heap exhausted',
      entities: [],
    };
    const checks = checkTargets([], [], [failed]);
    const completes = checks.find((c) => c.target.includes('runs to the end'));
    assert.equal(completes?.met, false);
    assert.equal(completes?.gap, 'wasm heap exhausted');
  });
});
