/**
 * Host tests: the extension loads from this repository, activates, hands out its API,
 * registers every command under the fixed ids and titles, and reads the fixture workspace's
 * settings. Runs first (file order), before any run has happened.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

import { activateExtension, COMMANDS, EXTENSION_ID, PostApi } from './support/host';

/** The titles users see in menus and the palette (the UI test clicks the first). */
const TITLES: Record<string, string> = {
  [COMMANDS.detect]: 'Detect Anomalies',
  [COMMANDS.detectWithTraining]: 'Detect Anomalies with Training File...',
  [COMMANDS.scoreWithModel]: 'Score with Saved Model...',
  [COMMANDS.openResults]: 'Open Results...',
  [COMMANDS.cancel]: 'Cancel Run',
  [COMMANDS.exportResults]: 'Export Results...',
  [COMMANDS.showLog]: 'Show Log',
};

describe('Activation', () => {
  let api: PostApi;

  before(async () => {
    api = await activateExtension();
  });

  it('loads the extension under development from this repository', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'the extension is not active after activate()');
    const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
    assert.strictEqual(path.resolve(extension.extensionPath), repositoryRoot);
  });

  it('returns the API with no run and no panel yet', () => {
    assert.strictEqual(typeof api.lastRun, 'function');
    assert.strictEqual(typeof api.panelReport, 'function');
    assert.strictEqual(api.isRunning(), false);
    assert.strictEqual(api.lastRun(), undefined);
    assert.strictEqual(api.panelReport(), undefined);
  });

  it('registers every command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(COMMANDS).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
  });

  it('contributes each command with its title in the POST category', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; title: string; category?: string }[] };
    };
    const contributed = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
    for (const [id, title] of Object.entries(TITLES)) {
      assert.strictEqual(contributed.get(id)?.title, title, `title of ${id}`);
      assert.strictEqual(contributed.get(id)?.category, 'POST', `category of ${id}`);
    }
  });

  it('offers Detect Anomalies on csv, tsv and txt files in the explorer', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const entry = manifest.contributes.menus['explorer/context'].find(
      (item) => item.command === COMMANDS.detect,
    );
    assert.ok(entry?.when, 'no explorer/context entry with a when clause');
    for (const extension of ['csv', 'tsv', 'txt']) {
      assert.match(entry.when, new RegExp(extension), `when clause misses .${extension}`);
    }
  });

  it('reads the fixture workspace settings over the defaults', () => {
    const config = vscode.workspace.getConfiguration('postAnomaly');
    const epochs = config.inspect<number | null>('epochs');
    assert.strictEqual(epochs?.defaultValue, null, 'model settings default to null (preset)');
    assert.strictEqual(epochs?.workspaceValue, 2);
    assert.strictEqual(config.get('preset'), 'tiny');
    assert.strictEqual(config.get('backend'), 'cpu');
  });
});
