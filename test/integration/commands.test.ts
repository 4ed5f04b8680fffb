/**
 * Host tests of the commands besides plain detect and cancel, each called with the arguments
 * that replace its dialogs: training on a separate file, scoring with a saved model (its
 * threshold reused as is), opening a results folder in the panel, exporting results, and
 * showing the log.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

import { RESULT_FILES } from '../../src/engine/io/resultFiles';
import type { AnomalyEvent } from '../../src/engine/types';
import {
  activateExtension,
  COMMANDS,
  detectOk,
  PostApi,
  readJson,
  readSummary,
  recordMessages,
  resultsDir,
  resultsTabs,
  waitFor,
  waitForReport,
  workspaceUri,
} from './support/host';

const DATA_FILE = 'sensors.csv';
const TRAINING_FILE = 'normal.csv';

describe('Commands', () => {
  let api: PostApi;
  /** A copy of a finished run's folder, out of the way of the runs below. */
  let savedRun: string;
  let scratch: string;

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'post-commands-'));
    api = await activateExtension();
    if (!fs.existsSync(path.join(resultsDir(DATA_FILE), 'summary.json'))) {
      await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));
    }
    savedRun = path.join(scratch, 'saved-run');
    fs.cpSync(resultsDir(DATA_FILE), savedRun, { recursive: true });
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('Detect Anomalies with Training File trains on that file and scores every row', async () => {
    const outcome = await detectOk(
      COMMANDS.detectWithTraining,
      workspaceUri(DATA_FILE),
      workspaceUri(TRAINING_FILE),
    );

    const summary = readSummary(outcome.outDir);
    assert.strictEqual(summary.training.how, 'file');
    assert.strictEqual(path.basename(summary.training.path), TRAINING_FILE);
    assert.strictEqual(summary.training.rows, 400);
    assert.deepStrictEqual(summary.evaluatedRows, { start: 0, end: 800 });
  });

  it('Score with Saved Model reuses the model and its threshold unchanged', async () => {
    const saved = readSummary(savedRun);
    const modelDir = path.join(savedRun, RESULT_FILES.model);

    const outcome = await detectOk(
      COMMANDS.scoreWithModel,
      workspaceUri(DATA_FILE),
      vscode.Uri.file(modelDir),
    );

    const summary = readSummary(outcome.outDir);
    assert.strictEqual(summary.training.how, 'model');
    assert.strictEqual(summary.threshold.origin, 'model');
    assert.strictEqual(summary.threshold.value, saved.threshold.value);
    assert.deepStrictEqual(summary.config, saved.config);
  });

  it('Open Results shows a results folder in the panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to close', () => resultsTabs().length === 0);
    const events = readJson<AnomalyEvent[]>(path.join(savedRun, RESULT_FILES.events));

    await vscode.commands.executeCommand(COMMANDS.openResults, vscode.Uri.file(savedRun));

    const report = await waitForReport(api, savedRun);
    assert.strictEqual(resultsTabs().length, 1);
    assert.strictEqual(report.eventRows, events.length);
    assert.ok(report.plots.some((p) => p.id === 'score-plot' && p.points > 0));
  });

  it('Export Results copies the results folder to the chosen folder', async () => {
    const target = path.join(scratch, 'export');
    fs.mkdirSync(target);

    await vscode.commands.executeCommand(COMMANDS.exportResults, vscode.Uri.file(target));

    // The export is the folder itself or one folder inside the target.
    const candidates = [target, ...fs.readdirSync(target).map((n) => path.join(target, n))];
    const exported = candidates.find((dir) => fs.existsSync(path.join(dir, 'summary.json')));
    assert.ok(exported, `no summary.json in ${target}: ${fs.readdirSync(target)}`);
    for (const name of [RESULT_FILES.scores, RESULT_FILES.events, RESULT_FILES.report]) {
      assert.ok(fs.existsSync(path.join(exported, name)), `${name} was not exported`);
    }
    assert.strictEqual(path.basename(readSummary(exported).input.path), DATA_FILE);
  });

  // Limitation: the API cannot see which view is open, so this only checks that the command
  // exists and runs without an error; the UI test does not open the log either.
  it('Show Log opens the log without an error', async () => {
    const shown = recordMessages();
    try {
      await vscode.commands.executeCommand(COMMANDS.showLog);
    } finally {
      shown.restore();
    }
    assert.deepStrictEqual(shown.errors, []);
  });
});
