/**
 * Host tests of "Detect Anomalies" on the fixture CSV, as the explorer menu runs it: the
 * results folder, the settings it ran with, what it found, the panel it opens, and a second
 * run replacing the first (one after the other, and one started while the first trains).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

import { PRESETS } from '../../src/engine/config';
import { RESULT_FILES } from '../../src/engine/io/resultFiles';
import type { AnomalyEvent } from '../../src/engine/types';
import {
  activateExtension,
  COMMANDS,
  detect,
  detectOk,
  injectedAnomalies,
  listDir,
  PostApi,
  readJson,
  readSummary,
  resultsDir,
  resultsTabs,
  samePath,
  setWorkspaceSetting,
  waitFor,
  waitForReport,
  workspaceDir,
  workspaceUri,
} from './support/host';

const DATA_FILE = 'sensors.csv';
const CHANNELS = ['temperature', 'pressure', 'flow', 'vibration'];
const DRAWN_VIEWS = ['channels-plot', 'score-plot', 'heatmap-plot', 'graph-plot', 'graph-network'];

describe('Detect Anomalies on a CSV', () => {
  let api: PostApi;
  let outDir: string | undefined;
  let eventCount: number;

  /** The results folder of the first test's run; later tests read it. */
  function firstRun(): string {
    assert.ok(outDir, 'the first run failed, so there is nothing to check');
    return outDir;
  }

  before(async () => {
    api = await activateExtension();
  });

  it('writes every result file to post-results/<file> and leaves the data untouched', async () => {
    const dataPath = path.join(workspaceDir(), DATA_FILE);
    const dataBefore = fs.readFileSync(dataPath);

    const outcome = await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));

    assert.ok(samePath(outcome.outDir, resultsDir(DATA_FILE)), `outDir ${outcome.outDir}`);
    for (const name of Object.values(RESULT_FILES)) {
      assert.ok(fs.existsSync(path.join(outcome.outDir, name)), `${name} missing`);
    }
    const events = readJson<AnomalyEvent[]>(path.join(outcome.outDir, RESULT_FILES.events));
    assert.strictEqual(events.length, outcome.events);
    assert.ok(fs.readFileSync(dataPath).equals(dataBefore), 'the data file was modified');
    assert.ok(samePath(api.lastRun()?.outDir ?? '', outcome.outDir), 'lastRun() is not this run');
    assert.strictEqual(api.isRunning(), false);
    outDir = outcome.outDir;
    eventCount = outcome.events;
  });

  it('runs with the workspace settings: tiny preset, 2 epochs, cpu backend', () => {
    const summary = readSummary(firstRun());
    assert.strictEqual(summary.preset, 'tiny');
    assert.strictEqual(summary.config.epochs, 2);
    assert.strictEqual(summary.config.window, PRESETS.tiny.window);
    assert.strictEqual(summary.config.dModel, PRESETS.tiny.dModel);
    assert.strictEqual(summary.backend.name, 'cpu');
    assert.strictEqual(summary.input.rows, 800);
    assert.deepStrictEqual(summary.channels, CHANNELS);
    assert.strictEqual(summary.training.how, 'fraction');
  });

  it('finds each injected anomaly and names a channel that carries it', () => {
    const events = readJson<AnomalyEvent[]>(path.join(firstRun(), RESULT_FILES.events));
    assert.ok(events.length > 0, 'no events found');
    for (const anomaly of injectedAnomalies()) {
      const hit = events.find((e) => e.start <= anomaly.end && e.end >= anomaly.start);
      const where = `the ${anomaly.kind} at rows ${anomaly.start}-${anomaly.end}`;
      assert.ok(hit, `no event overlaps ${where}`);
      const top = hit.topChannels.slice(0, 2).map((c) => c.name);
      assert.ok(
        top.some((name) => anomaly.channels.includes(name)),
        `the ${anomaly.kind} is in ${anomaly.channels.join(', ')}; the event names ${top}`,
      );
    }
  });

  it('opens the results panel and draws every view with data', async () => {
    const report = await waitForReport(api, firstRun());

    assert.strictEqual(resultsTabs().length, 1, 'expected one results panel tab');
    for (const id of DRAWN_VIEWS) {
      const plot = report.plots.find((p) => p.id === id);
      assert.ok(plot, `${id} was not drawn`);
      assert.ok(plot.points > 0, `${id} drew ${plot.points} points`);
    }
    assert.strictEqual(report.heatmap.rows, CHANNELS.length);
    assert.ok(report.heatmap.columns > 0, 'the heatmap has no columns');
    assert.strictEqual(report.eventRows, eventCount);
  });

  it('a second run replaces the first results and redraws the same panel', async () => {
    const firstSummary = readSummary(firstRun());
    const firstReport = api.panelReport();

    const outcome = await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));

    assert.ok(samePath(outcome.outDir, firstRun()), 'the second run wrote elsewhere');
    const summary = readSummary(outcome.outDir);
    assert.ok(summary.createdAt > firstSummary.createdAt, 'summary.json was not rewritten');
    // Same seed, same data, same settings: the same answer.
    assert.strictEqual(summary.threshold.value, firstSummary.threshold.value);
    assert.strictEqual(outcome.events, eventCount);
    await waitForReport(api, outcome.outDir, firstReport);
    assert.strictEqual(resultsTabs().length, 1, 'a second panel was opened');
    const leftovers = listDir(path.dirname(outcome.outDir)).filter((name) => name.startsWith('.'));
    assert.deepStrictEqual(leftovers, [], 'temporary folders left behind');
  });

  it('a run started while one trains on the same file replaces it', async () => {
    // Long enough to still be training when the second run starts (sameFileRun: replace).
    const restoreEpochs = await setWorkspaceSetting('epochs', 500);
    let first;
    try {
      first = detect(COMMANDS.detect, workspaceUri(DATA_FILE));
      await waitFor('the first run to start', () => api.isRunning());
    } finally {
      await restoreEpochs();
    }

    const second = await detectOk(COMMANDS.detect, workspaceUri(DATA_FILE));

    assert.strictEqual(await first, undefined, 'the replaced run still returned results');
    // The results are the second run's: it started after epochs went back to 2.
    assert.strictEqual(readSummary(second.outDir).config.epochs, 2);
    assert.strictEqual(api.isRunning(), false);
  });
});
