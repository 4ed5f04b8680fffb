/**
 * The soak benchmark: what a long-lived process (the command line in a loop, a worker reused
 * by a caller) does to memory. Part one runs the whole detection job 20 times in one process
 * (read, train, score, write) and records after each run the tensors alive, their bytes and
 * the resident memory: none may grow. Part two scores a generated file of 500,000 rows, far
 * longer than the 2,000 rows the tiny model trains on, and records the peak resident memory
 * against the size of the data. Prints the tables and writes bench/soak.md.
 *
 *   node --expose-gc out/bench/soak.js [--runs 20] [--rows 500000] [--backend wasm]
 *
 * Figures, not a test: nothing fails on a number, the verdict lines say what was seen.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createWriteStream, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { BackendPreference } from '../src/engine/backend';
import { runDetection } from '../src/engine/job';
import { markdownTable } from './markdown';
import { peakRssBytes, rssBytes } from './processFigures';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'soak.md');
const MIB = 1024 ** 2;
const CHANNELS = 4;

interface Options {
  runs: number;
  rows: number;
  backend: BackendPreference;
}

interface Cycle {
  run: number;
  tensors: number;
  tensorBytes: number;
  rssBytes: number;
  heapBytes: number;
  seconds: number;
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

/** Row `t` of a smooth, correlated four-channel series with a little deterministic noise. */
function row(t: number): string {
  const base = Math.sin((2 * Math.PI * t) / 48);
  const wobble = Math.sin(t * 12.9898) * 0.02;
  const values = [base, 0.6 * base + 0.4 * Math.cos((2 * Math.PI * t) / 17), -base, wobble];
  return values.map((v) => (v + wobble).toFixed(4)).join(',');
}

/** Writes `rows` rows with a header, streaming, so the generator itself stays small. */
async function writeSeries(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('a,b,c,d\n');
  for (let t = 0; t < rows; t += 10_000) {
    const lines: string[] = [];
    for (let k = t; k < Math.min(rows, t + 10_000); k++) lines.push(row(k));
    if (!out.write(lines.join('\n') + '\n')) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(() => resolve());
  });
}

/** Collects garbage when Node was started with --expose-gc, so that RSS is comparable. */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function soak(dir: string, options: Options): Promise<Cycle[]> {
  const input = path.join(dir, 'soak.csv');
  await writeSeries(input, 1_000);
  const cycles: Cycle[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const began = performance.now();
    await runDetection({
      input,
      out: path.join(dir, 'soak-results'),
      preset: 'tiny',
      backend: options.backend,
      overrides: { epochs: 1 },
    });
    settle();
    const memory = tf.memory();
    cycles.push({
      run,
      tensors: memory.numTensors,
      tensorBytes: memory.numBytes,
      rssBytes: rssBytes(),
      heapBytes: process.memoryUsage().heapUsed,
      seconds: (performance.now() - began) / 1000,
    });
    process.stderr.write(`run ${run}: ${JSON.stringify(cycles[cycles.length - 1])}\n`);
  }
  return cycles;
}

interface LongRun {
  rows: number;
  fileBytes: number;
  seconds: number;
  peakRss: number;
  rssBefore: number;
  tensorsAfter: number;
  events: number;
}

async function scoreLong(dir: string, options: Options): Promise<LongRun> {
  const train = path.join(dir, 'train.csv');
  const long = path.join(dir, 'long.csv');
  await writeSeries(train, 2_000);
  await writeSeries(long, options.rows);
  settle();
  const rssBefore = rssBytes();

  const began = performance.now();
  const result = await runDetection({
    input: long,
    train,
    out: path.join(dir, 'long-results'),
    preset: 'tiny',
    backend: options.backend,
    overrides: { epochs: 1 },
  });
  return {
    rows: result.summary.input.rows,
    fileBytes: (await fs.stat(long)).size,
    seconds: (performance.now() - began) / 1000,
    peakRss: peakRssBytes(),
    rssBefore,
    tensorsAfter: tf.memory().numTensors,
    events: result.events.length,
  };
}

function report(options: Options, cycles: Cycle[], long: LongRun, backend: string): string {
  const mib = (bytes: number) => (bytes / MIB).toFixed(1);
  const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mib(bytes)}`;
  const first = cycles[0];
  const last = cycles[cycles.length - 1];
  // From the fifth run on: the first runs warm the backend, the JIT and the heap up.
  const settled = cycles[Math.min(4, cycles.length - 1)];
  const tensorsFlat = cycles.every((c) => c.tensors === first.tensors);
  const rssGrowth = last.rssBytes - settled.rssBytes;
  const cycleTable = markdownTable(
    ['run', 'tensors', 'tensor MiB', 'RSS MiB', 'JS heap MiB', 'seconds'],
    cycles.map((c) => [
      String(c.run),
      String(c.tensors),
      mib(c.tensorBytes),
      mib(c.rssBytes),
      mib(c.heapBytes),
      c.seconds.toFixed(1),
    ]),
  );
  const dataBytes = long.rows * CHANNELS * 4;
  const headers = ['rows scored', 'file MiB', 'values MiB (float32)', 'RSS before MiB'];
  headers.push('peak RSS MiB', 'tensors after', 'seconds', 'events');
  const longTable = markdownTable(headers, [
    [
      long.rows.toLocaleString('en'),
      mib(long.fileBytes),
      mib(dataBytes),
      mib(long.rssBefore),
      mib(long.peakRss),
      String(long.tensorsAfter),
      long.seconds.toFixed(0),
      String(long.events),
    ],
  ]);
  const gc = (globalThis as { gc?: unknown }).gc ? 'with' : 'without';
  const today = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`;
  return [
    '# Soak: memory over repeated runs and over a long file',
    '',
    `Written by \`node --expose-gc out/bench/soak.js\` on ${today}: ${machine}, backend ` +
      `${backend}, Node ${process.version}, ${gc} a garbage collection before each reading. ` +
      'Peak RSS is the high-water mark of the whole process.',
    '',
    `## ${options.runs} detection runs in one process`,
    '',
    'Each run reads a 1,000-row, 4-channel file, trains the tiny preset for one epoch, scores ' +
      'every row and replaces its results folder.',
    '',
    cycleTable,
    '',
    tensorsFlat
      ? `Tensors alive after every run: ${first.tensors}, unchanged.`
      : `Tensors alive GREW: ${first.tensors} after run 1, ${last.tensors} after run ${last.run}.`,
    `From run ${settled.run} to run ${last.run}: resident memory ${signed(rssGrowth)} MiB, ` +
      `JavaScript heap ${signed(last.heapBytes - settled.heapBytes)} MiB. Compiled code ` +
      'and caches grow the heap over the first runs; `--runs 80` shows whether it levels off.',
    '',
    `## Scoring ${long.rows.toLocaleString('en')} rows with a model trained on 2,000`,
    '',
    longTable,
    '',
    'The file is read in a stream into one float32 array (rows × channels), scored window ' +
      'batch by window batch (the tensors alive stay those of one batch), and its scores are ' +
      'written in chunks. Memory grows with the rows only through the arrays of values and ' +
      'scores (a few float32 per row and channel), not through tensors.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options: Options = {
    runs: Number(option('runs', '20')),
    rows: Number(option('rows', '500000')),
    backend: option('backend', 'wasm') as BackendPreference,
  };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'post-soak-'));
  try {
    const cycles = await soak(dir, options);
    const long = await scoreLong(dir, options);
    const text = report(options, cycles, long, tf.getBackend());
    await fs.writeFile(OUT, text);
    process.stdout.write(text);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
