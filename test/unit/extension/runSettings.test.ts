/**
 * From `postAnomaly.*` settings to a run's options: empty model settings mean "the preset's
 * value", set ones override it, and every bad value is a ConfigError whose key is the full
 * setting name and whose message gives the bounds.
 */
import * as assert from 'assert';
import { ConfigError, PRESETS } from '../../../src/engine/config';
import { readRunSettings } from '../../../src/extension/settings/runSettings';

/** A getter over plain values, as VS Code returns them (null for unset model settings). */
const settings = (values: Record<string, unknown>) => (key: string) => values[key];

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('readRunSettings', () => {
  it('uses the preset when every model setting is empty', () => {
    const run = readRunSettings(settings({ preset: 'tiny', window: null, epochs: null }));
    assert.strictEqual(run.preset, 'tiny');
    assert.deepStrictEqual(run.overrides, {});
    assert.strictEqual(run.seed, undefined);
    assert.deepStrictEqual(run.config, PRESETS.tiny);
  });

  it('defaults to the default preset, auto backend, half the file for training, ask', () => {
    const run = readRunSettings(settings({}));
    assert.strictEqual(run.preset, 'default');
    assert.strictEqual(run.backend, 'auto');
    assert.strictEqual(run.trainFraction, 0.5);
    assert.strictEqual(run.sameFileRun, 'ask');
    assert.strictEqual(run.labelColumn, undefined);
    assert.strictEqual(run.timeColumn, undefined);
    assert.strictEqual(run.outputFolder, '');
  });

  it('applies set values over the preset, keeping the seed apart', () => {
    const run = readRunSettings(
      settings({ preset: 'tiny', window: 24, learningRate: 0.01, scoring: 'paper', seed: 7 }),
    );
    assert.deepStrictEqual(run.overrides, { window: 24, learningRate: 0.01, scoring: 'paper' });
    assert.strictEqual(run.seed, 7);
    assert.strictEqual(run.config.window, 24);
    assert.strictEqual(run.config.seed, 7);
    assert.strictEqual(run.config.dModel, PRESETS.tiny.dModel);
  });

  it('names the setting and its bounds when a value is out of range', () => {
    const error = configError(() => readRunSettings(settings({ window: 2 })));
    assert.strictEqual(error.key, 'postAnomaly.window');
    assert.match(error.message, /'postAnomaly\.window' is 2/);
    assert.match(error.message, /an integer from 4 to 1000/);
  });

  it('rejects a fractional integer and a wrong enum value by name', () => {
    const epochs = configError(() => readRunSettings(settings({ epochs: 2.5 })));
    assert.strictEqual(epochs.key, 'postAnomaly.epochs');
    const scoring = configError(() => readRunSettings(settings({ scoring: 'fast' })));
    assert.strictEqual(scoring.key, 'postAnomaly.scoring');
    assert.match(scoring.message, /one of 'product', 'paper'/);
  });

  it('reports a relation between settings by their full names', () => {
    const values = { preset: 'tiny', dModel: 18, heads: 4 };
    const error = configError(() => readRunSettings(settings(values)));
    assert.strictEqual(error.key, 'postAnomaly.dModel');
    assert.match(error.message, /'postAnomaly\.dModel'.*'postAnomaly\.heads'/);
  });

  it('checks the other settings too', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ preset: 'huge' }, 'postAnomaly.preset'],
      [{ trainFraction: 1 }, 'postAnomaly.trainFraction'],
      [{ trainFraction: 'half' }, 'postAnomaly.trainFraction'],
      [{ backend: 'cuda' }, 'postAnomaly.backend'],
      [{ sameFileRun: 'never' }, 'postAnomaly.sameFileRun'],
      [{ outputFolder: 3 }, 'postAnomaly.outputFolder'],
    ];
    for (const [values, key] of cases) {
      const error = configError(() => readRunSettings(settings(values)));
      assert.strictEqual(error.key, key, JSON.stringify(values));
    }
  });

  it('trims column names and treats empty as "find it"', () => {
    const run = readRunSettings(settings({ labelColumn: '  attack ', timeColumn: '   ' }));
    assert.strictEqual(run.labelColumn, 'attack');
    assert.strictEqual(run.timeColumn, undefined);
  });
});
