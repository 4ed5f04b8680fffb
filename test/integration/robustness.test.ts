/**
 * Host tests of bad input and faults in the editor: a malformed file, a file shorter than the
 * window, a bad setting and a damaged model each end in one error notification that names the
 * file, line or setting and offers "Show Log"; a worker killed mid-run is reported as such;
 * after each, earlier results are intact and the next run works. Also: a cancelled run's
 * worker process ends, a second run on the same file waits when told to, two files run at
 * once, and closing the panel mid-run loses nothing.
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
  PostApi,
  readSummary,
  recordMessages,
  resultsDir,
  resultsTabs,
  setWorkspaceSetting,
  waitFor,
  waitForReport,
  workspaceDir,
  workspaceUri,
} from './support/host';

const DATA_FILE = 'sensors.csv';
const OTHER_FILE = 'normal.csv';

/** Process ids of this extension host's detection workers (Linux: read from /proc). */
function workerPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes(`worker${path.sep}worker.js`)) {
        pids.push(Number(entry));
      }
    } catch {
      // The process ended while it was being read.
    }
  }
  return pids;
}

describe('Bad input and faults in the editor', () => {
  let api: PostApi;
  let summaryPath: string;

  before(async () => {
    api = await activateExtension();
    summaryPath = path.join(resultsDir(DATA_FILE), 'summary.json');
    if (!fs.existsSync(summaryPath)) await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));
  });

  /**
   * Runs a command that must fail and returns the one error shown with its buttons; checks
   * that nothing runs afterwards and that the earlier results were not touched.
   */
  async function failingRun(command: string, ...args: unknown[]) {
    const earlier = fs.readFileSync(summaryPath, 'utf8');
    const shown = recordMessages();
    try {
      assert.strictEqual(await detect(command, ...args), undefined, 'the run gave results');
    } finally {
      shown.restore();
    }
    assert.strictEqual(shown.errors.length, 1, `errors shown: ${JSON.stringify(shown.errors)}`);
    assert.ok(shown.errorActions[0].includes('Show Log'), `buttons: ${shown.errorActions[0]}`);
    assert.strictEqual(api.isRunning(), false);
    assert.strictEqual(fs.readFileSync(summaryPath, 'utf8'), earlier, 'earlier results changed');
    return { message: shown.errors[0], actions: shown.errorActions[0] };
  }

  function writeData(name: string, text: string): vscode.Uri {
    fs.writeFileSync(path.join(workspaceDir(), name), text);
    return workspaceUri(name);
  }

  it('names the file and line of a malformed row, with Show Log and Open File', async () => {
    const bad = writeData('ragged.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8\n');

    const { message, actions } = await failingRun(COMMANDS.detect, bad);

    assert.match(message, /^ragged\.csv, line 4: this row has 2 fields but the header has 3/);
    assert.deepStrictEqual(actions, ['Show Log', 'Open File']);
  });

  it('names a file shorter than the window and the minimum', async () => {
    const rows = Array.from({ length: 10 }, (_, t) => `${t},${t % 3}`).join('\n');
    const short = writeData('short.csv', `a,b\n${rows}\n`);

    const { message } = await failingRun(COMMANDS.detect, short);

    assert.match(message, /short\.csv/);
    assert.match(message, /at least 16/);
  });

  it('names a bad setting and its bounds, with Show Log and Open Settings', async () => {
    const restore = await setWorkspaceSetting('window', 2);
    try {
      const { message, actions } = await failingRun(COMMANDS.detect, workspaceUri(DATA_FILE));

      assert.match(message, /'postAnomaly\.window' is 2; it must be an integer from 4 to 1000/);
      assert.deepStrictEqual(actions, ['Show Log', 'Open Settings']);
    } finally {
      await restore();
    }
  });

  it('names a damaged model folder and what to do', async () => {
    const damaged = path.join(workspaceDir(), 'damaged-model');
    fs.cpSync(path.join(resultsDir(DATA_FILE), 'model'), damaged, { recursive: true });
    const weights = path.join(damaged, 'weights.bin');
    fs.truncateSync(weights, Math.floor(fs.statSync(weights).size / 2));

    const { message } = await failingRun(
      COMMANDS.scoreWithModel,
      workspaceUri(DATA_FILE),
      vscode.Uri.file(damaged),
    );

    assert.match(message, /damaged-model is damaged: weights\.bin has \d+ bytes instead of/);
    assert.match(message, /Train and save the model again/);
  });

  it('says a killed worker probably ran out of memory, and runs again afterwards', async () => {
    const restore = await setWorkspaceSetting('epochs', 500);
    const shown = recordMessages();
    let outcome;
    try {
      const run = detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      const found = () => workerPids().length === 1 && workerPids();
      const [pid] = await waitFor('a worker process', found);
      process.kill(pid, 'SIGKILL');
      outcome = await run;
    } finally {
      shown.restore();
      await restore();
    }

    assert.strictEqual(outcome, undefined);
    assert.strictEqual(shown.errors.length, 1, JSON.stringify(shown.errors));
    assert.match(shown.errors[0], /stopped: the worker was stopped by signal SIGKILL/);
    assert.match(shown.errors[0], /ran out of memory/);
    assert.ok(shown.errorActions[0].includes('Show Log'));
    await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));
  });

  it('ends the worker process of a cancelled run', async () => {
    const restore = await setWorkspaceSetting('epochs', 500);
    let outcome;
    try {
      const run = detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      await waitFor('a worker process', () => workerPids().length === 1);
      await vscode.commands.executeCommand(COMMANDS.cancel);
      outcome = await run;
    } finally {
      await restore();
    }

    assert.strictEqual(outcome, undefined);
    await waitFor('the worker to exit', () => workerPids().length === 0);
    assert.strictEqual(api.isRunning(), false);
  });

  it('waits for the running run on the same file when sameFileRun is wait', async () => {
    const restorePolicy = await setWorkspaceSetting('sameFileRun', 'wait');
    const restoreEpochs = await setWorkspaceSetting('epochs', 4);
    let first;
    try {
      first = detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      await waitFor('the first run to start', () => api.isRunning());
      await restoreEpochs();
      const second = await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));

      const firstOutcome = await first;
      assert.ok(firstOutcome, 'the first run did not finish');
      // The second started after the first had finished, with the epochs set back to 2.
      assert.strictEqual(readSummary(second.outDir).config.epochs, 2);
    } finally {
      await restorePolicy();
    }
  });

  it('runs two files at once, each into its own results', async () => {
    const [a, b] = await Promise.all([
      detectOk(COMMANDS.detect, workspaceUri(DATA_FILE)),
      detectOk(COMMANDS.detect, workspaceUri(OTHER_FILE)),
    ]);

    assert.strictEqual(path.basename(readSummary(a.outDir).input.path), DATA_FILE);
    assert.strictEqual(path.basename(readSummary(b.outDir).input.path), OTHER_FILE);
    assert.strictEqual(api.isRunning(), false);
  });

  it('finishes a run whose panel was closed midway, and shows it again', async () => {
    const restore = await setWorkspaceSetting('epochs', 4);
    let run;
    try {
      run = detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      await waitFor('the run to start', () => api.isRunning());
    } finally {
      await restore();
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to close', () => resultsTabs().length === 0);
    // A closed panel draws nothing more, so a report after this one is the new panel's.
    const previous = api.panelReport();

    const outcome = await run;

    assert.ok(outcome, 'the run gave no results');
    await waitForReport(api, outcome.outDir, previous);
    assert.strictEqual(resultsTabs().length, 1);
  });

  it('reports the workspace as trusted, with no setting ignored', () => {
    assert.deepStrictEqual(api.trust(), { trusted: true, ignored: [] });
  });
});
