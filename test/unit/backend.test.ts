/**
 * Backend selection: the fastest that loads here, skips with reasons, idempotence, forcing.
 */
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs-core';
import { BackendPreference, currentBackend, initBackend } from '../../src/engine/backend';
import { PostError } from '../../src/engine/errors';
import { packageResolves } from './packageResolves';

describe('initBackend', () => {
  after(() => initBackend('cpu'));

  it('loads the fastest backend that works, saying why others were skipped', async function () {
    const native = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
    if (native.some(packageResolves)) {
      this.skip(); // the expectations below are for a machine without the native packages
    }
    const info = await initBackend('auto');
    assert.strictEqual(info.name, 'wasm');
    assert.strictEqual(info.gpu, false);
    assert.match(info.description, /^wasm \(WebAssembly, (SIMD|no SIMD), \d+ threads?\)$/);
    assert.deepStrictEqual(info.skipped.map((s) => s.name), ['tensorflow-gpu', 'tensorflow']);
    assert.ok(info.skipped.every((s) => /tfjs-node/.test(s.reason)));
    assert.strictEqual(tf.getBackend(), 'wasm');
    assert.strictEqual(currentBackend(), info);
  });

  it('returns the same info for the same preference', async () => {
    const first = await initBackend('cpu');
    const second = await initBackend('cpu');
    assert.strictEqual(second, first);
    assert.strictEqual(first.description, 'cpu (plain JavaScript)');
    assert.strictEqual(tf.getBackend(), 'cpu');
  });

  it('switches between loaded backends on request', async () => {
    await initBackend('wasm');
    assert.strictEqual(tf.getBackend(), 'wasm');
    await initBackend('cpu');
    assert.strictEqual(tf.getBackend(), 'cpu');
  });

  it('turns a forced backend that does not load into a setting error', async function () {
    if (packageResolves('@tensorflow/tfjs-node')) this.skip();
    await assert.rejects(initBackend('tensorflow'), (error: unknown) => {
      assert.ok(error instanceof PostError);
      assert.strictEqual(error.kind, 'setting');
      assert.strictEqual(error.place.setting, 'backend');
      assert.match(error.message, /'backend' is 'tensorflow'.*tfjs-node/);
      return true;
    });
    await assert.rejects(initBackend('metal' as BackendPreference), /must be one of auto/);
  });
});
