/**
 * What the panel is sent for a results folder: channels ranked by total localization score,
 * label runs, events, the graph layers, the file's channels matched by name, and zoomed
 * ranges at full resolution. Built from a small hand-made results folder in memory.
 */
import * as assert from 'assert';
import type { Results } from '../../../src/engine/io/resultFiles';
import {
  buildRangeView,
  buildResultsView,
  prepareResults,
  runsOfOnes,
} from '../../../src/extension/panel/viewModel';

const channels = ['a', 'b', 'c'];

/** 6 rows × 3 channels; channel c contributes most (total 9), then a (3), then b (0.6). */
function results(): Results {
  // prettier-ignore
  const channelScore = Float32Array.from([
    1, 0.1, 0,
    1, 0.1, 0,
    1, 0.1, 4,
    0, 0.1, 5,
    0, 0.1, 0,
    0, 0.1, NaN,
  ]);
  const identity = channels.map((_, i) => channels.map((__, j) => (i === j ? 1 : 0)));
  return {
    dir: '/results/data',
    modelDir: null,
    reportPath: null,
    summary: {
      input: {
        path: '/data/data.csv',
        rows: 6,
        skippedColumns: [],
        imputation: { method: 'linear', cells: 0 },
      },
      channels,
      training: { how: 'fraction', path: '/data/data.csv', description: 'the first half' },
      backend: { name: 'cpu', gpu: false, description: 'cpu' },
      preset: 'tiny',
      seed: 1,
      threshold: { value: 2.5, method: 'quantile', description: 'q', origin: 'fitted' },
      eventCount: 1,
      detectedRows: 2,
      timings: { reading: 0, training: 1, scoring: 0, total: 1 },
      notes: [],
    } as unknown as Results['summary'],
    events: [
      {
        start: 2,
        end: 3,
        peakScore: 5,
        peakRow: 3,
        topChannels: [
          { name: 'c', index: 2, score: 9 },
          { name: 'a', index: 0, score: 1 },
        ],
      },
    ],
    scores: {
      channels,
      rows: 6,
      score: Float32Array.from([0, 1, 3, 5, 1, 0]),
      detected: Uint8Array.from([0, 0, 1, 1, 0, 0]),
      labels: Uint8Array.from([0, 1, 1, 0, 0, 1]),
      channelScore,
    },
    graph: { channels, initial: identity, layers: [identity, identity] },
    training: {
      epochs: [],
      steps: [{ epoch: 0, batch: 0, step: 0, phase: 'adam', terms: { total: 2 } as never }],
    },
  };
}

/** The file's columns in another order (c, x, a): b is missing, x is not a results channel. */
function fileValues() {
  // prettier-ignore
  const values = Float32Array.from([
    10, 0, 1,
    20, 0, 1,
    30, 0, 1,
    40, 0, 1,
    50, 0, 1,
    60, 0, 1,
  ]);
  return { values, rows: 6, width: 3, columnOf: [2, -1, 0] };
}

describe('results view', () => {
  it('ranks channels by total localization score, ignoring missing cells', () => {
    const loaded = prepareResults(results());
    assert.deepStrictEqual(loaded.channelOrder, [2, 0, 1]);
  });

  it('finds the runs of labelled rows', () => {
    assert.deepStrictEqual(runsOfOnes([0, 1, 1, 0, 0, 1]), [
      { start: 1, end: 2 },
      { start: 5, end: 5 },
    ]);
    assert.deepStrictEqual(runsOfOnes([]), []);
  });

  it('sends score, labels, events, heatmap order and graph layers', () => {
    const view = buildResultsView(prepareResults(results(), fileValues()));
    assert.strictEqual(view.title, 'data.csv');
    assert.strictEqual(view.full, true);
    assert.deepStrictEqual(view.score, { rows: [0, 1, 2, 3, 4, 5], values: [0, 1, 3, 5, 1, 0] });
    assert.deepStrictEqual(view.labels, [
      { start: 1, end: 2 },
      { start: 5, end: 5 },
    ]);
    assert.deepStrictEqual(view.events[0].topChannels, [
      { name: 'c', score: 9 },
      { name: 'a', score: 1 },
    ]);
    assert.deepStrictEqual(view.heatmap.channels, [2, 0, 1]);
    assert.deepStrictEqual(view.heatmap.z[0].slice(2, 4), [4, 5]);
    const finite = view.heatmap.z.flat().filter(Number.isFinite);
    assert.strictEqual(view.heatmap.zmax, Math.max(...finite), 'few cells: the largest');
    assert.deepStrictEqual(
      view.graph?.layers.map((l) => l.name),
      ['initial (k-NN)', 'layer 1', 'layer 2'],
    );
    const step = { step: 0, epoch: 0, phase: 'adam', terms: { total: 2 } };
    assert.deepStrictEqual(view.training, [step]);
  });

  it('draws the file\'s channels matched by name, with their mean and spread', () => {
    const view = buildResultsView(prepareResults(results(), fileValues()));
    // Default channels in rank order: c, a, b; b is not in the file, so it is left out.
    assert.deepStrictEqual(view.channelLines.map((l) => l.name), ['c', 'a']);
    const c = view.channelLines[0];
    assert.deepStrictEqual(c.values, [10, 20, 30, 40, 50, 60]);
    assert.strictEqual(c.mean, 35);
    assert.ok(Math.abs(c.std - Math.sqrt(291.6666666)) < 1e-6);
    const a = view.channelLines[1];
    assert.deepStrictEqual(a.values, [1, 1, 1, 1, 1, 1]);
    assert.strictEqual(a.mean, 1);
    assert.strictEqual(a.std, 1, 'a constant channel is only centred');
  });

  it('leaves the channels empty, with the reason, when the file cannot be read', () => {
    const view = buildResultsView(prepareResults(results(), undefined, 'gone'));
    assert.deepStrictEqual(view.channelLines, []);
    assert.strictEqual(view.channelsNote, 'gone');
  });

  it('answers a zoomed range at full resolution, clamped to the file', () => {
    const loaded = prepareResults(results(), fileValues());
    const range = buildRangeView(loaded, 2, 99, [2]);
    assert.deepStrictEqual([range.start, range.end, range.full], [2, 5, true]);
    assert.deepStrictEqual(range.score, { rows: [2, 3, 4, 5], values: [3, 5, 1, 0] });
    const lines = range.channelLines.map((l) => [l.name, l.values]);
    assert.deepStrictEqual(lines, [['c', [30, 40, 50, 60]]]);
    assert.deepStrictEqual(range.heatmap.columnRows, [2, 3, 4, 5]);
    assert.deepStrictEqual(range.heatmap.z[0].slice(0, 3), [4, 5, 0]);
  });
});
