import { strict as assert } from 'assert';
import { failedOutcome, OUTCOME_MARKER, parseOutcome } from '../../../bench/childProcess';
import { markdownTable } from '../../../bench/markdown';
import { batchUsed } from '../../../bench/modelRun';
import { renderMarkdown, ResultsFile, scalingSvg, targetsOf } from '../../../bench/report';
import type { ScalingAxis, ScalingOutcome, ScalingSpec } from '../../../bench/spec';
import { makeConfig } from '../../../src/engine/config';
import { baselineOutcome, evaluation, modelOutcome, speed } from './outcomes';

function resultsFile(outcomes: ResultsFile['outcomes']): ResultsFile {
  return {
    formatVersion: 1,
    mode: 'full',
    command: 'npm run bench --',
    startedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T01:00:00.000Z',
    finished: false,
    machine: {
      cpuModel: 'Test CPU', cores: 2, memoryBytes: 8 * 1024 ** 3, platform: 'linux', node: 'v20',
      packages: { '@tensorflow/tfjs-core': '4.22.0' },
      projectVersion: '0.1.0',
      loadAtStart: [1, 1, 1],
    },
    loadAtEnd: [2, 2, 2],
    backends: [{ name: 'wasm', description: 'wasm (WebAssembly, SIMD, 1 thread)' }],
    backendsSkipped: [],
    settings: {
      seeds: 3,
      presets: ['default'],
      overrides: {},
      timeoutMinutes: 60,
      datasetsRoot: '/d',
      scope: ['all'],
    },
    planned: [{ key: 'model|paper|wasm|smd|machine-2-1|seed1', tier: 6, status: 'not run' }],
    outcomes,
    targets: targetsOf(outcomes),
  };
}

describe('bench: child answers', () => {
  it('finds the outcome on the marked line among other output', () => {
    const outcome = { kind: 'baselines', key: 'k', ok: true };
    const stdout = `noise\n${OUTCOME_MARKER}${JSON.stringify(outcome)}\nmore\n`;
    assert.deepEqual(parseOutcome(stdout), outcome);
    assert.equal(parseOutcome('no answer\n'), undefined);
    assert.equal(parseOutcome(`${OUTCOME_MARKER}{broken`), undefined);
  });

  it('records a run without an answer as failed, keeping what it was', () => {
    const spec: ScalingSpec = {
      kind: 'scaling', key: 's', axis: 'rows', rows: 10, channels: 2, window: 4, preset: 'tiny',
      backend: 'wasm', steps: 1, scoreWindows: 1, workDir: '/tmp/x',
    };
    const failed = failedOutcome(spec, 'killed') as ScalingOutcome;
    assert.equal(failed.ok, false);
    assert.equal(failed.error, 'killed');
    assert.equal(failed.rows, 10);
  });

  it('knows the batch a run trained with from the detector\'s message', () => {
    const config = makeConfig('paper');
    // 23,693 rows, window 100, stride 100: 236 windows, more than the batch of 64.
    assert.equal(batchUsed([], config, 23_693), 64);
    const message = '... over the 2.0 GiB budget of the wasm backend; using batches of 11.';
    assert.equal(batchUsed([message], config, 23_693), 11);
    const now = '... the wasm backend can use; training with batches of 12 instead.';
    assert.equal(batchUsed([now], config, 23_693), 12);
    const refusal = 'Training needs about 3 GiB even with batches of one window';
    assert.equal(batchUsed([refusal], config, 23_693), 64);
    // 1,000 rows: windows start at 0, 100, ..., 900 (900 + 100 ≤ 1,000): 10 windows, batch 10.
    assert.equal(batchUsed([], config, 1000), 10);
  });
});

describe('bench: RESULTS.md', () => {
  it('writes markdown tables with escaped cells', () => {
    const table = markdownTable(['a', 'b'], [['|z|', 'x\ny']]);
    assert.equal(table, '| a | b |\n| --- | --- |\n| \\|z\\| | x y |');
  });

  it('shows targets, quality beside the baselines, speed, and what was not run', () => {
    const outcomes = [
      baselineOutcome('smd', [['machine-2-1', 'tuning', 'pca', 1, evaluation(0.193, 0.38)]]),
      modelOutcome('smd', [['machine-2-1', 'tuning', evaluation(0.3, 0.75)]], 1, {
        speed: speed(240, 150),
        memory: {
          estimateBytes: 1e8,
          rssBeforeTrainingBytes: 2e8,
          runPeakRssBytes: 4e8,
          stepTensorPeakBytes: 8e7,
        },
      }),
    ];
    const file = resultsFile(outcomes);
    file.earlierSittings = [
      {
        command: 'npm run bench -- --quick',
        startedAt: '2024-12-31T23:00:00.000Z',
        updatedAt: '2024-12-31T23:10:00.000Z',
        loadAtStart: [3, 2, 1],
        loadAtEnd: [1, 1, 1],
      },
    ];
    const text = renderMarkdown(file, '## Findings\n\nHand-written.');
    const kept = /\| runs kept from \| `npm run bench -- --quick`, 2024-12-31T23:00:00.000Z to /;
    assert.match(text, kept);
    assert.match(
      text,
      new RegExp(
        String.raw`\| SMD machine-2-1, default preset: AUC-PR \| ≥ 0.4 \| 0.300 \(1 seed\) ` +
          String.raw`\| MISSED \| short by 0.100 \|`,
      ),
    );
    assert.match(text, /\| PCA \| 1 \| 1 \| 0.193 \|/);
    assert.match(text, /\| POST default \(wasm\) \| 1 \| 1 \| 0.300 \|/);
    const speedRow = /\| POST default \(wasm\) \| SMD machine-2-1 \| 1 \| 32 \| 240.0 \| 150.0 \|/;
    assert.match(text, speedRow);
    // Estimate 1e8 bytes against a measured tensor peak of 8e7: ratio 1.25.
    assert.match(text, /\| 95 MiB \| 76 MiB \| 1.25 \|/);
    assert.match(text, /## Planned but not run\n\n- model\|paper\|wasm\|smd\|machine-2-1\|seed1/);
    assert.ok(text.trimEnd().endsWith('Hand-written.'));
  });

  it('plots the growth study, one chart per axis for time and for memory', () => {
    const point = (axis: ScalingAxis, rows: number, channels: number): ScalingOutcome => ({
      kind: 'scaling',
      key: `${axis}${rows}${channels}`,
      ok: true,
      axis,
      rows,
      channels,
      window: 50,
      preset: 'default',
      backend: 'wasm',
      batchSize: 32,
      readSeconds: rows / 1e4,
      secondsPerStep: 0.3,
      windowsPerSecond: 500,
      projectedEndToEndSeconds: rows / 100,
      rssAfterReadBytes: 1e8,
      estimateBytes: 5e7,
      stepTensorPeakBytes: 4e7,
      process: { peakRssBytes: 3e8, cpuSeconds: 1, wallSeconds: 1 },
    });
    const points = [point('rows', 1e4, 38), point('rows', 1e5, 38), point('channels', 1e4, 8)];
    const svg = scalingSvg(points);
    assert.equal((svg.match(/<svg x=/g) ?? []).length, 6);
    assert.match(svg, /Time against rows/);
    assert.match(svg, /Memory against window/);
  });
});
