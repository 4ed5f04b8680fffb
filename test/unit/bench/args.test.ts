import { strict as assert } from 'assert';
import { parseBenchArgs } from '../../../bench/args';

describe('bench: command line', () => {
  it('defaults to the full run with 3 seeds and the growth study', () => {
    const o = parseBenchArgs([]);
    assert.equal(o.quick, false);
    assert.equal(o.seeds, 3);
    assert.equal(o.scaling, 'with');
    assert.equal(o.timeoutMinutes, 60);
    assert.deepEqual(o.overrides, {});
    assert.deepEqual(o.reuse, []);
  });

  it('quick mode means one seed and no growth study unless told otherwise', () => {
    const quick = parseBenchArgs(['--quick']);
    assert.equal(quick.seeds, 1);
    assert.equal(quick.scaling, 'skip');
    assert.equal(parseBenchArgs(['--quick', '--seeds', '2']).seeds, 2);
  });

  it('reads lists, overrides (validated and normalised) and numbers', () => {
    const o = parseBenchArgs([
      '--presets', 'default,tiny', '--backends', 'wasm', '--datasets', 'smd,asd',
      '--set', 'epochs=3.0', '--set', 'scoring=paper', '--budget-minutes', '0',
      '--reuse', 'a.json', '--reuse', 'b.json', '--scaling-only',
    ]);
    assert.deepEqual(o.presets, ['default', 'tiny']);
    assert.deepEqual(o.backends, ['wasm']);
    assert.deepEqual(o.datasets, ['smd', 'asd']);
    assert.deepEqual(o.overrides, { epochs: '3', scoring: 'paper' });
    assert.equal(o.budgetMinutes, 0);
    assert.deepEqual(o.reuse, ['a.json', 'b.json']);
    assert.equal(o.scaling, 'only');
  });

  it('names the bad option or value', () => {
    assert.throws(() => parseBenchArgs(['--fast']), /Unknown option '--fast'/);
    assert.throws(() => parseBenchArgs(['--presets', 'huge']), /unknown preset 'huge'/);
    assert.throws(() => parseBenchArgs(['--backends', 'gpu']), /unknown backend 'gpu'/);
    assert.throws(() => parseBenchArgs(['--datasets', 'nab']), /unknown data set 'nab'/);
    assert.throws(() => parseBenchArgs(['--seeds', '0']), /--seeds is '0'/);
    assert.throws(() => parseBenchArgs(['--seeds']), /--seeds needs a value/);
    assert.throws(() => parseBenchArgs(['--set', 'epochs=0']), /epochs/);
    assert.throws(() => parseBenchArgs(['--set', 'nonsense=1']), /Unknown setting 'nonsense'/);
    assert.throws(() => parseBenchArgs(['--budget-minutes', '-1']), /give a number ≥ 0/);
  });
});
