/**
 * package.json's contributions against the code: every setting the catalogue defines is
 * declared with the same schema, model hyperparameters carry the bounds and descriptions of
 * PARAMETERS (src/engine/config.ts), and the commands, menus and trust settings the tests and
 * users rely on are there.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PARAMETERS } from '../../../src/engine/config';
import {
  configurationProperties,
  MODEL_SETTING_KEYS,
  RESTRICTED_SETTINGS,
  SETTING_KEYS,
} from '../../../src/extension/settings/settingsCatalog';

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { title: string; properties: Record<string, Record<string, unknown>> }[];
  };
}

// Read from the source tree: the test runs from out/test/unit/extension.
const manifestPath = path.resolve(__dirname, '../../../../package.json');
const manifest: Manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const declared: Record<string, Record<string, unknown>> = Object.assign(
  {},
  ...manifest.contributes.configuration.map((group) => group.properties),
);

describe('package.json configuration', () => {
  it('declares exactly the settings of the catalogue, with the same schema', () => {
    assert.deepStrictEqual(declared, configurationProperties());
  });

  it('gives model settings the bounds and descriptions of PARAMETERS, default null', () => {
    for (const key of MODEL_SETTING_KEYS) {
      const property = declared[`postAnomaly.${key}`];
      const spec = PARAMETERS[key];
      assert.ok(property, `postAnomaly.${key} is declared`);
      assert.strictEqual(property.default, null, key);
      assert.ok(String(property.markdownDescription).startsWith(spec.description), key);
      if (spec.kind === 'enum') {
        assert.deepStrictEqual(property.enum, [...spec.values, null], key);
      } else {
        assert.deepStrictEqual(property.type, [spec.kind, 'null'], key);
        assert.strictEqual(property.minimum, spec.minimum, key);
        assert.strictEqual(property.maximum, spec.maximum, key);
      }
    }
  });

  it('lists the settings in the documented order, each with type, default and description', () => {
    const expected = ['preset', ...MODEL_SETTING_KEYS, 'trainFraction', 'backend', 'labelColumn'];
    expected.push('timeColumn', 'outputFolder', 'sameFileRun');
    assert.deepStrictEqual(SETTING_KEYS, expected);
    SETTING_KEYS.forEach((key, order) => {
      const property = declared[`postAnomaly.${key}`];
      assert.strictEqual(property.order, order, key);
      for (const field of ['type', 'markdownDescription', 'default']) {
        assert.ok(field in property, `${key}.${field}`);
      }
      const bounded = 'enum' in property || 'minimum' in property || property.type === 'string';
      assert.ok(bounded, `${key} has bounds or choices`);
    });
    assert.strictEqual(declared['postAnomaly.outputFolder'].default, '');
    const backends = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
    assert.deepStrictEqual(declared['postAnomaly.backend'].enum, backends);
  });

  it('restricts path and backend settings in untrusted workspaces', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.strictEqual(trust.supported, 'limited');
    assert.deepStrictEqual(
      trust.restrictedConfigurations,
      RESTRICTED_SETTINGS.map((key) => `postAnomaly.${key}`),
    );
  });
});

describe('package.json commands and menus', () => {
  const titles: Record<string, string> = {
    'postAnomaly.detect': 'Detect Anomalies',
    'postAnomaly.detectWithTraining': 'Detect Anomalies with Training File...',
    'postAnomaly.scoreWithModel': 'Score with Saved Model...',
    'postAnomaly.openResults': 'Open Results...',
    'postAnomaly.cancel': 'Cancel Run',
    'postAnomaly.exportResults': 'Export Results...',
    'postAnomaly.showLog': 'Show Log',
  };

  it('declares each command with its title in the POST category', () => {
    const commands = manifest.contributes.commands;
    assert.deepStrictEqual(commands.map((c) => c.command).sort(), Object.keys(titles).sort());
    for (const c of commands) {
      assert.strictEqual(c.title, titles[c.command]);
      assert.strictEqual(c.category, 'POST');
    }
  });

  it('offers the detect commands on data files in the explorer and the editor title', () => {
    const detectIds = ['detect', 'detectWithTraining', 'scoreWithModel'].map(
      (command) => `postAnomaly.${command}`,
    );
    const dataFiles = 'resourceExtname =~ /\\.(csv|tsv|txt)$/i';
    for (const menu of ['explorer/context', 'editor/title']) {
      const items = manifest.contributes.menus[menu];
      for (const id of detectIds) {
        const item = items.find((i) => i.command === id);
        assert.ok(item, `${id} in ${menu}`);
        assert.ok(item.when?.includes(dataFiles), `${id} when in ${menu}`);
      }
    }
  });

  it('activates for the panel serializer', () => {
    assert.deepStrictEqual(manifest.activationEvents, ['onWebviewPanel:postAnomaly.results']);
  });
});
