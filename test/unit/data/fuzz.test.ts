/**
 * Property-based fuzzing of the readers with fast-check: valid CSV files are mutated (cut,
 * doubled delimiters, random bytes, stray quotes, huge fields, empty lines, random text) and
 * every outcome must be a well-formed Series or a PostError, never another exception and
 * never a hang. Seeded, with a bounded number of runs, so a failure reproduces.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { readChannelLabels, readRowLabels } from '../../../src/engine/data/labels';
import { readSeries } from '../../../src/engine/data/readSeries';
import { isPostError } from '../../../src/engine/errors';
import { Series } from '../../../src/engine/types';
import { TempFiles } from './tempFiles';

/** Longest time one read may take before the case counts as a hang. */
const CASE_TIMEOUT_MS = 10_000;

const BASES = [
  'time,a,b,label\n2020-01-01 00:00:00,1.5,2,0\n' +
    '2020-01-01 00:01:00,2.5,,1\n2020-01-01 00:02:00,3,4,0\n',
  'a;b;c\n1,5;2,25;3\n4,5;NaN;6\n7,5;8;9\n',
  '0.1,0.2,0.3\n0.4,0.5,0.6\n0.7,0.8,0.9\n',
  '"x, quoted","y\nnewline"\n1,2\n3,4\n',
  'timestamp\tv1\tv2\n1583748873\t1\t2\n1583748874\t3\t4\n',
];

type Mutation =
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'huge'; at: number; size: number; fill: string };

const position = fc.nat({ max: 10_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      fc
        .constantFrom(',', ',,', ';;', '\t', '"', '""', '\n\n\n', '\r', '\uFEFF', 'NaN', '1e400')
        .map((text) => new Uint8Array(Buffer.from(text))),
      fc.constant(new Uint8Array(Buffer.from('é'))),
      fc.string({ maxLength: 12 }).map((text) => new Uint8Array(Buffer.from(text))),
    ),
  }),
  fc.record({
    kind: fc.constant('huge' as const),
    at: position,
    size: fc.integer({ min: 1_000, max: 100_000 }),
    fill: fc.constantFrom('9', 'x', ',', '"', '\n', '1,'),
  }),
);

function mutate(base: string, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(base);
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else {
      const inserted = Buffer.from(m.kind === 'insert' ? m.bytes : m.fill.repeat(m.size));
      bytes = Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
    }
  }
  return bytes;
}

/** Resolves to the outcome, or rejects after CASE_TIMEOUT_MS. */
async function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the read did not finish: a hang')), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A Series or a PostError; anything else fails the property. */
async function outcome<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await bounded(work);
  } catch (error) {
    if (isPostError(error)) {
      assert.ok(error.message.length > 0 && error.place.file !== undefined, error.message);
      return undefined;
    }
    throw error;
  }
}

function checkSeries(series: Series): void {
  const C = series.channels.length;
  assert.ok(series.rows >= 1 && C >= 1);
  assert.strictEqual(series.values.length, series.rows * C);
  assert.ok(series.values.every(Number.isFinite), 'every value is finite');
  assert.strictEqual(new Set(series.channels).size, C, 'channel names are unique');
  if (series.observed) {
    assert.strictEqual(series.observed.length, series.rows * C);
    assert.strictEqual(series.observed.filter((v) => v === 0).length, series.imputation.cells);
  } else {
    assert.strictEqual(series.imputation.cells, 0);
  }
  if (series.timestamps) {
    assert.strictEqual(series.timestamps.length, series.rows);
    assert.ok(series.timestamps.every((t, i, all) => i === 0 || t >= all[i - 1]));
  }
  if (series.labels) {
    assert.strictEqual(series.labels.length, series.rows);
    assert.ok(series.labels.every((v) => v === 0 || v === 1));
  }
}

describe('fuzzed files', function () {
  this.timeout(240_000);
  const files = new TempFiles();
  after(() => files.cleanup());

  it('readSeries gives a valid Series or a PostError', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BASES),
        fc.array(mutation, { maxLength: 4 }),
        async (base, mutations) => {
          const file = files.write(`fuzz-${run++ % 8}.csv`, mutate(base, mutations));
          const series = await outcome(readSeries(file));
          if (series) checkSeries(series);
        },
      ),
      { numRuns: 200, seed: 20_240_101 },
    );
  });

  it('the label readers give labels of the right size or a PostError', async () => {
    let run = 0;
    const bases = [
      '0\n1\n0\n',
      'timestamp,label\n1,0\n2,1\n3,0\n',
      '0-1:1\n2-2:2\n',
      'a,b\n0,1\n1,0\n0,0\n',
    ];
    const zeroOne = (v: number) => v === 0 || v === 1;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases),
        fc.array(mutation, { maxLength: 3 }),
        async (base, mutations) => {
          const file = files.write(`labels-${run++ % 8}.txt`, mutate(base, mutations));
          const rows = await outcome(readRowLabels(file, 3));
          if (rows) assert.ok(rows.length === 3 && rows.every(zeroOne));
          const cells = await outcome(readChannelLabels(file, 3, 2));
          if (cells) assert.ok(cells.cells.length === 6 && cells.cells.every(zeroOne));
        },
      ),
      { numRuns: 100, seed: 20_240_102 },
    );
  });
});
