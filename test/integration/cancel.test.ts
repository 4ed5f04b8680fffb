/**
 * Host tests of "Cancel Run": it stops a training run, the detect command then resolves to
 * undefined, earlier results stay as they were, and the extension runs again afterwards.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

import {
  activateExtension,
  COMMANDS,
  detect,
  detectOk,
  listDir,
  PostApi,
  recordMessages,
  resultsDir,
  setWorkspaceSetting,
  waitFor,
  workspaceUri,
} from './support/host';

const DATA_FILE = 'sensors.csv';

describe('Cancel Run', () => {
  let api: PostApi;
  let summaryPath: string;

  before(async () => {
    api = await activateExtension();
    summaryPath = path.join(resultsDir(DATA_FILE), 'summary.json');
    // Earlier results to protect; this file may run before or after the detect tests.
    if (!fs.existsSync(summaryPath)) {
      await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));
    }
  });

  it('stops a training run, which returns undefined and keeps earlier results', async () => {
    const earlier = fs.readFileSync(summaryPath, 'utf8');
    const restoreEpochs = await setWorkspaceSetting('epochs', 500);
    try {
      const run = detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      await waitFor('the run to start', () => api.isRunning());

      await vscode.commands.executeCommand(COMMANDS.cancel);

      assert.strictEqual(await run, undefined);
    } finally {
      await restoreEpochs();
    }
    await waitFor('the run to end', () => !api.isRunning());
    assert.strictEqual(fs.readFileSync(summaryPath, 'utf8'), earlier, 'results were changed');
    const resultsRoot = path.dirname(path.dirname(summaryPath));
    const leftovers = listDir(resultsRoot).filter((name) => name.startsWith('.'));
    assert.deepStrictEqual(leftovers, [], 'temporary folders left behind');
  });

  it('runs again after a cancelled run', async () => {
    await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));

    assert.strictEqual(api.isRunning(), false);
  });

  it('does nothing, and shows no error, when nothing runs', async () => {
    const shown = recordMessages();
    try {
      await vscode.commands.executeCommand(COMMANDS.cancel);
    } finally {
      shown.restore();
    }
    assert.deepStrictEqual(shown.errors, []);
    assert.strictEqual(api.isRunning(), false);
  });
});
