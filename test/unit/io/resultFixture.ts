/**
 * A small, hand-made run's contents for the result-file and report tests: 6 rows, 3 channels
 * (one name needs CSV quoting, one looks like HTML), one event, labels, optional timestamps.
 */
import { PRESETS } from '../../../src/engine/config';
import { RESULTS_FORMAT_VERSION, RunSummary } from '../../../src/engine/io/resultFiles';
import { ResultsToWrite } from '../../../src/engine/io/writeResults';

export const CHANNELS = ['temp', 'flow, "main"', '<b>valve</b>'];

export function makeContent(options: { timestamps?: boolean } = {}): ResultsToWrite {
  const rows = 6;
  const C = CHANNELS.length;
  const timestamps = options.timestamps
    ? Float64Array.from({ length: rows }, (_, t) => Date.UTC(2024, 0, 1, 0, t))
    : undefined;
  const score = Float32Array.from([0.1, 0.2, 3.5, 4.25, 0.15, 1 / 3]);
  const channelScore = new Float32Array(rows * C);
  for (let i = 0; i < channelScore.length; i++) channelScore[i] = Math.fround((i % 7) / 7);
  const summary: RunSummary = {
    formatVersion: RESULTS_FORMAT_VERSION,
    engineVersion: '0.1.0',
    createdAt: '2024-01-01T00:00:00.000Z',
    input: {
      path: '/data/plant.csv',
      rows,
      timeColumn: timestamps ? 'timestamp' : undefined,
      skippedColumns: [{ name: 'note', reason: 'not numeric' }],
      imputation: { method: 'linear', cells: 0 },
    },
    channels: CHANNELS,
    training: { how: 'file', path: '/data/normal.csv', rows: 100, description: 'normal.csv' },
    evaluatedRows: { start: 0, end: rows },
    labels: { rows: 'label' },
    backend: { name: 'cpu', gpu: false, description: 'cpu (plain JavaScript)' },
    preset: 'tiny',
    config: PRESETS.tiny,
    seed: 1,
    threshold: { value: 1, method: 'quantile', description: '99.5th percentile', origin: 'fitted' },
    eventCount: 1,
    detectedRows: 2,
    timings: {
      backend: 0,
      reading: 0,
      training: 1,
      scoring: 1,
      evaluation: 0,
      writing: 0,
      total: 2,
    },
    memory: { peakRssBytes: 1e8 },
    notes: ['<script>alert(1)</script> is a note'],
  };
  return {
    summary,
    events: [
      {
        start: 2,
        end: 3,
        peakScore: 4.25,
        peakRow: 3,
        topChannels: [{ name: CHANNELS[2], index: 2, score: 1.5 }],
      },
    ],
    scores: {
      channels: CHANNELS,
      rows,
      timestamps,
      score,
      detected: Uint8Array.from([0, 0, 1, 1, 0, 0]),
      labels: Uint8Array.from([0, 0, 1, 1, 1, 0]),
      channelScore,
    },
    graph: {
      channels: CHANNELS,
      initial: [
        [1, 0.5, 0],
        [0.5, 1, 0],
        [0, 0, 1],
      ],
      layers: [
        [
          [0.9, 0.25, 0.125],
          [0.25, 0.9, 0],
          [0, 0.5, 0.9],
        ],
      ],
    },
    training: {
      epochs: [{ epoch: 0, terms: terms(1.5), seconds: 0.5 }],
      steps: [{ epoch: 0, batch: 0, step: 0, phase: 'adam', terms: terms(1.5) }],
    },
    values: Float32Array.from({ length: rows * C }, (_, i) => i * 0.5),
  };
}

function terms(total: number) {
  return {
    total,
    reconstruction: total,
    temporalSeries: 0,
    temporalPrior: 0,
    spatialSeries: 0,
    spatialPrior: 0,
    triplet: 0,
  };
}
