/**
 * Checks the training-memory estimate (src/engine/train/memory.ts) against measurement: for a
 * few model and data sizes, one Adam step is run in a fresh process and its peak is measured
 * twice, as TensorFlow.js counts it (tensor bytes at the step's peak) and as the system sees
 * it (growth of the resident set's high-water mark over the step). Prints a table and writes
 * it to bench/memory-estimate.md. The detection job refuses or shrinks a batch by this
 * estimate (src/engine/io/trainingBatch.ts), so it must not fall below what a step uses.
 *
 *   node out/bench/memoryEstimate.js            all sizes, then the report
 *   node out/bench/memoryEstimate.js --probe J  one size (JSON), prints its figures (internal)
 */
import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { initBackend } from '../src/engine/backend';
import { makeConfig } from '../src/engine/config';
import { estimateTrainingBytes } from '../src/engine/train/memory';
import { markdownTable } from './markdown';
import { peakRssBytes, rssBytes } from './processFigures';
import { probeSteps } from './stepProbe';

interface Size {
  label: string;
  preset: 'tiny' | 'default';
  overrides: Record<string, number>;
  channels: number;
}

interface Measured {
  estimateBytes: number;
  tensorPeakBytes: number;
  rssGrowthBytes: number;
  secondsPerStep: number;
}

const SIZES: Size[] = [
  { label: 'tiny', preset: 'tiny', overrides: {}, channels: 8 },
  { label: 'tiny, 64 channels', preset: 'tiny', overrides: {}, channels: 64 },
  { label: 'default, batch 8', preset: 'default', overrides: { batchSize: 8 }, channels: 25 },
  { label: 'default', preset: 'default', overrides: {}, channels: 25 },
  { label: 'default, window 100', preset: 'default', overrides: { window: 100 }, channels: 38 },
  { label: 'default, width 128', preset: 'default', overrides: { dModel: 128 }, channels: 38 },
];

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'memory-estimate.md');
const MIB = 1024 ** 2;

/** One size in this process: backend, then the measured step. */
async function probe(size: Size): Promise<Measured> {
  await initBackend('cpu');
  const config = makeConfig(size.preset, size.overrides);
  const before = rssBytes();
  const step = await probeSteps(config, size.channels, config.batchSize, 1);
  return {
    estimateBytes: estimateTrainingBytes(config, size.channels),
    tensorPeakBytes: step.stepTensorPeakBytes,
    rssGrowthBytes: Math.max(0, peakRssBytes() - before),
    secondsPerStep: step.secondsPerStep ?? 0,
  };
}

/** Runs one size in a child process, so that each starts from a fresh resident set. */
function probeInChild(size: Size): Measured {
  const output = execFileSync(process.execPath, [__filename, '--probe', JSON.stringify(size)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as Measured;
}

function report(rows: { size: Size; measured: Measured }[]): string {
  const mib = (bytes: number) => (bytes / MIB).toFixed(1);
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');
  const headers = ['size', 'channels', 'estimate MiB', 'tensor peak MiB', 'estimate ÷ peak'];
  headers.push('RSS growth MiB', 'estimate ÷ RSS growth', 's / step');
  const table = markdownTable(
    headers,
    rows.map(({ size, measured: m }) => [
      size.label,
      String(size.channels),
      mib(m.estimateBytes),
      mib(m.tensorPeakBytes),
      ratio(m.estimateBytes, m.tensorPeakBytes),
      mib(m.rssGrowthBytes),
      ratio(m.estimateBytes, m.rssGrowthBytes),
      m.secondsPerStep.toFixed(2),
    ]),
  );
  const under = rows.filter((r) => r.measured.estimateBytes < r.measured.tensorPeakBytes);
  const verdict =
    under.length === 0
      ? 'The estimate is at or above the tensor peak for every size.'
      : `The estimate is BELOW the tensor peak for: ${under.map((r) => r.size.label).join(', ')}.`;
  return [
    '# Training memory: estimate against measurement',
    '',
    `Written by \`node out/bench/memoryEstimate.js\` on ${today()}, ${machine()}, cpu ` +
      'backend. The model is built and one Adam step run per size, each in a fresh process; ' +
      'sizes are the preset with the changes named.',
    '',
    table,
    '',
    verdict,
    '',
    'The tensor peak is what TensorFlow.js holds at the top of the step (tf.profile); the ' +
      'RSS growth is the rise of the process high-water mark over building the model and ' +
      'the step. For small models the growth is mostly the fixed cost of a process that ' +
      'computes (compiled code, the JavaScript heap: some 35 MiB), which the estimate does ' +
      'not count; for large ones it stays below the tensor peak, because the system maps ' +
      'memory only when it is first written and the backend reuses freed buffers. The ' +
      'estimate is meant to stay above the tensor peak and below twice it (checked for ' +
      'small sizes by test/unit/train/memory.test.ts). The detection job compares it with a ' +
      'budget of a quarter of RAM on cpu, half on native TensorFlow, 2 GiB on wasm and 4 GiB ' +
      'on a GPU, shrinks the batch to fit, and refuses a model that does not fit one window ' +
      '(src/engine/io/trainingBatch.ts).',
    '',
  ].join('\n');
}

const today = () => new Date().toISOString().slice(0, 10);
const machine = () => `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`;

async function main(): Promise<void> {
  const at = process.argv.indexOf('--probe');
  if (at >= 0) {
    const measured = await probe(JSON.parse(process.argv[at + 1]) as Size);
    process.stdout.write(JSON.stringify(measured) + '\n');
    return;
  }
  const rows = [];
  for (const size of SIZES) {
    const measured = probeInChild(size);
    rows.push({ size, measured });
    process.stderr.write(`${size.label}: ${JSON.stringify(measured)}\n`);
  }
  const text = report(rows);
  writeFileSync(OUT, text);
  process.stdout.write(text);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`memoryEstimate: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
