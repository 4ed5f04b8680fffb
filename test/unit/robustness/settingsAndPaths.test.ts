/**
 * Settings the extension reads, each out of range and of the wrong type (every one must be
 * refused by its full name, with its bounds); the results path from `postAnomaly.outputFolder`
 * resolved and checked before use (a relative path may not climb out of the workspace); and
 * what the extension says about Workspace Trust.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

import { ConfigError, describeBounds, PARAMETERS } from '../../../src/engine/config';
import { PostError } from '../../../src/engine/errors';
import { resultsFolderFor } from '../../../src/extension/run/resultsFolder';
import { readRunSettings } from '../../../src/extension/settings/runSettings';
import {
  MODEL_SETTING_KEYS,
  RESTRICTED_SETTINGS,
} from '../../../src/extension/settings/settingsCatalog';
import {
  ignoredNotice,
  ignoredSettings,
  UNTRUSTED_LIMITS,
} from '../../../src/extension/settings/trust';

// Read from the source tree: the test runs from out/test/unit/robustness.
const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'),
) as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };

/** The error readRunSettings throws with `key` set to `value` (all else unset). */
function settingError(key: string, value: unknown): ConfigError {
  try {
    readRunSettings((k) => (k === key ? value : undefined));
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${key} = ${JSON.stringify(value)} was accepted`);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('settings out of range or of the wrong type', () => {
  for (const key of MODEL_SETTING_KEYS) {
    const spec = PARAMETERS[key];
    const bad: unknown[] =
      spec.kind === 'enum' ? ['sometimes', 3] : [spec.maximum * 2 + 1, 'a lot', true, [1]];
    if (spec.kind !== 'enum') bad.push(spec.minimum - 1);

    it(`refuses postAnomaly.${key} by name, with its bounds`, () => {
      for (const value of bad) {
        const error = settingError(key, value);
        assert.strictEqual(error.key, `postAnomaly.${key}`, JSON.stringify(value));
        assert.match(error.message, new RegExp(`'postAnomaly\\.${key}' is `));
        assert.match(error.message, new RegExp(escape(describeBounds(key))));
        assert.match(error.message, /Change it in Settings/);
      }
    });
  }

  const others: [string, unknown, RegExp][] = [
    ['trainFraction', 1.5, /a number from 0\.05 to 0\.95/],
    ['trainFraction', '0.5', /a number from 0\.05 to 0\.95/],
    ['backend', 'gpu', /one of 'auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'/],
    ['sameFileRun', true, /one of 'ask', 'replace', 'wait'/],
    ['preset', 'huge', /one of 'default', 'paper', 'tiny'/],
    ['outputFolder', 42, /a text \(or empty\)/],
    ['labelColumn', { name: 'x' }, /a text \(or empty\)/],
    ['timeColumn', ['t'], /a text \(or empty\)/],
  ];
  for (const [key, value, bounds] of others) {
    it(`refuses postAnomaly.${key} = ${JSON.stringify(value)}, saying what it accepts`, () => {
      const error = settingError(key, value);
      assert.strictEqual(error.key, `postAnomaly.${key}`);
      assert.match(error.message, bounds);
    });
  }
});

describe('the results path from the outputFolder setting', () => {
  const ws = path.resolve('/work/project');
  const context = { workspaceFolder: ws, fallbackRoot: path.resolve('/storage') };
  const input = path.join(ws, 'data', 'plant.csv');

  it('refuses a relative path that climbs out of the workspace folder', () => {
    assert.throws(
      () => resultsFolderFor(input, '../elsewhere', context),
      (error: unknown) =>
        error instanceof PostError &&
        error.kind === 'setting' &&
        error.place.setting === 'postAnomaly.outputFolder' &&
        error.message.includes(`'../elsewhere', which leads out of the workspace folder`),
    );
    assert.throws(() => resultsFolderFor(input, 'a/../../b', context), PostError);
  });

  it('keeps a relative path that stays inside, even through ..', () => {
    const folder = resultsFolderFor(input, 'runs/../results', context);
    assert.strictEqual(folder, path.join(ws, 'results', 'data', 'plant'));
  });

  it('keeps an absolute path and one from the home folder: the user chose them', () => {
    const outside = path.resolve('/srv/post');
    const absolute = resultsFolderFor(input, outside, context);
    assert.strictEqual(absolute, path.join(outside, 'data', 'plant'));
    const home = resultsFolderFor(input, '~/post', context);
    assert.ok(home.endsWith(path.join('post', 'data', 'plant')), home);
  });
});

describe('Workspace Trust', () => {
  it('ignores nothing in a trusted workspace', () => {
    const inspect = (key: string) => (key === 'outputFolder' ? { workspaceValue: '/x' } : {});
    assert.deepStrictEqual(ignoredSettings(true, inspect), []);
  });

  it('names the restricted settings an untrusted workspace set, not the user’s own', () => {
    const inspect = (key: string) =>
      ({
        outputFolder: { workspaceValue: '../out' },
        backend: { workspaceFolderValue: 'wasm' },
        timeColumn: { globalValue: 'when' },
      })[key];

    const ignored = ignoredSettings(false, inspect);

    assert.deepStrictEqual(ignored, ['postAnomaly.outputFolder', 'postAnomaly.backend']);
    assert.strictEqual(
      ignoredNotice(ignored),
      'The workspace sets postAnomaly.outputFolder, postAnomaly.backend, which are not used ' +
        'because the workspace is not trusted. Trust the workspace to use them.',
    );
    assert.strictEqual(ignoredNotice([]), undefined);
  });

  it('declares the limits for exactly the settings package.json restricts', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepStrictEqual(
      restricted,
      RESTRICTED_SETTINGS.map((key) => `postAnomaly.${key}`),
    );
    for (const setting of restricted) assert.ok(UNTRUSTED_LIMITS.includes(setting), setting);
    assert.match(UNTRUSTED_LIMITS, /no model or path named by the workspace is loaded/);
  });
});
