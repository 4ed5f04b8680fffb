/**
 * Host tests of settings validation in the editor: a bad workspace setting stops the run
 * before anything starts and the error names the setting (postAnomaly.<key>) and what is
 * allowed; a valid change applies to the next run.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

import type { TrainingFile } from '../../src/engine/io/resultFiles';
import {
  activateExtension,
  COMMANDS,
  detect,
  detectOk,
  PostApi,
  readJson,
  readSummary,
  recordMessages,
  resultsDir,
  setWorkspaceSetting,
  workspaceUri,
} from './support/host';

const DATA_FILE = 'sensors.csv';

describe('Settings validation', () => {
  let api: PostApi;

  before(async () => {
    api = await activateExtension();
  });

  /**
   * Runs detect with one workspace setting changed and returns the error notifications. Also
   * checks that nothing ran: no result, no run in progress, results folder untouched.
   */
  async function detectWith(key: string, value: unknown): Promise<string[]> {
    const summary = path.join(resultsDir(DATA_FILE), 'summary.json');
    const before = fs.existsSync(summary) ? fs.statSync(summary).mtimeMs : undefined;
    const restore = await setWorkspaceSetting(key, value);
    const shown = recordMessages();
    try {
      const outcome = await detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      assert.strictEqual(outcome, undefined, `the run went ahead with ${key} = ${value}`);
    } finally {
      shown.restore();
      await restore();
    }
    assert.strictEqual(api.isRunning(), false);
    const after = fs.existsSync(summary) ? fs.statSync(summary).mtimeMs : undefined;
    assert.strictEqual(after, before, 'the results folder was written');
    return shown.errors;
  }

  it('rejects an out-of-range number, naming the setting and its bounds', async () => {
    const errors = await detectWith('epochs', 0);

    assert.strictEqual(errors.length, 1, `errors shown: ${JSON.stringify(errors)}`);
    assert.match(errors[0], /postAnomaly\.epochs/);
    assert.match(errors[0], /\b1\b.*\b1000\b/, 'the message does not give the bounds 1 to 1000');
  });

  it('rejects a value of the wrong kind, naming the setting', async () => {
    const errors = await detectWith('learningRate', 'fast');

    assert.strictEqual(errors.length, 1, `errors shown: ${JSON.stringify(errors)}`);
    assert.match(errors[0], /postAnomaly\.learningRate/);
  });

  it('rejects an unknown preset, naming the setting', async () => {
    const errors = await detectWith('preset', 'huge');

    assert.strictEqual(errors.length, 1, `errors shown: ${JSON.stringify(errors)}`);
    assert.match(errors[0], /postAnomaly\.preset/);
  });

  it('rejects settings that do not fit together (dModel not divisible by heads)', async () => {
    const restoreHeads = await setWorkspaceSetting('heads', 3);
    try {
      const errors = await detectWith('dModel', 16);

      assert.strictEqual(errors.length, 1, `errors shown: ${JSON.stringify(errors)}`);
      assert.match(errors[0], /dModel/);
      assert.match(errors[0], /heads/);
    } finally {
      await restoreHeads();
    }
  });

  it('applies a changed setting to the next run', async () => {
    const restore = await setWorkspaceSetting('epochs', 1);
    try {
      const outcome = await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));

      assert.strictEqual(readSummary(outcome.outDir).config.epochs, 1);
      const training = readJson<TrainingFile>(path.join(outcome.outDir, 'training.json'));
      assert.strictEqual(training.epochs.length, 1, 'training.json does not hold one epoch');
    } finally {
      await restore();
    }
  });
});
