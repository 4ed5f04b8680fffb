/**
 * Parsing of `post-ad` option values: segment formats, numbers, --set pairs, and how options
 * become a DetectionRequest (paths resolved, default results folder).
 */
import * as assert from 'assert';
import * as path from 'path';

import {
  fraction,
  overridesFrom,
  parseSegmentFormat,
  positiveInteger,
  seedValue,
} from '../../../src/cli/options';
import { alignColumns } from '../../../src/cli/printResult';
import { describeProgress, formatSeconds } from '../../../src/cli/progress';
import { PostError } from '../../../src/engine/errors';

describe('segment formats', () => {
  it('knows SMD (end exclusive) and ASD (end inclusive), both with 1-based channels', () => {
    assert.deepStrictEqual(parseSegmentFormat('smd'), { endInclusive: false, oneBased: true });
    assert.deepStrictEqual(parseSegmentFormat('asd'), { endInclusive: true, oneBased: true });
  });

  it('combines a convention with words that change one aspect of it', () => {
    assert.deepStrictEqual(parseSegmentFormat('end-inclusive,zero-based'), {
      endInclusive: true,
      oneBased: false,
    });
    assert.deepStrictEqual(parseSegmentFormat('smd, zero-based'), {
      endInclusive: false,
      oneBased: false,
    });
    assert.deepStrictEqual(parseSegmentFormat('zero-based,asd'), {
      endInclusive: true,
      oneBased: false,
    });
    assert.deepStrictEqual(parseSegmentFormat('end-exclusive'), { endInclusive: false });
    assert.throws(() => parseSegmentFormat('asd,smd'), /names 2 conventions/);
    assert.throws(() => parseSegmentFormat('one-based,zero-based'), /two different things/);
  });

  it('names an unknown word', () => {
    assert.throws(() => parseSegmentFormat('smd,diagonal'), /'diagonal' is not a segment format/);
  });
});

describe('number options', () => {
  it('accepts what it should and names what it refuses', () => {
    assert.strictEqual(positiveInteger('12'), 12);
    assert.throws(() => positiveInteger('0'), /'0' is not a positive integer/);
    assert.throws(() => positiveInteger('2.5'), /not a positive integer/);
    assert.strictEqual(seedValue('0'), 0);
    assert.throws(() => seedValue('-1'), /'-1' is not an integer from 0/);
    assert.strictEqual(fraction('0.25'), 0.25);
    assert.throws(() => fraction('1'), /between 0 and 1/);
    assert.throws(() => fraction(''), /between 0 and 1/);
  });
});

describe('--set pairs', () => {
  it('parses key=value pairs, last one winning', () => {
    assert.deepStrictEqual(overridesFrom(['epochs=3', 'window = 20', 'epochs=4']), {
      epochs: '4',
      window: '20',
    });
    assert.deepStrictEqual(overridesFrom(undefined), {});
  });

  it('turns a malformed pair into a setting error naming it', () => {
    assert.throws(
      () => overridesFrom(['=3']),
      (error: unknown) =>
        error instanceof PostError && error.kind === 'setting' && /'--set =3'/.test(error.message),
    );
  });
});

describe('terminal output helpers', () => {
  it('describes training progress in one line', () => {
    const progress = { epoch: 1, epochs: 5, batch: 9, batches: 40, fraction: 0.3 };
    const line = describeProgress({ phase: 'training', ...progress, secondsLeft: 125 }, 0.12345);
    assert.strictEqual(line, 'training epoch 2/5 batch 10/40 loss 0.1235 about 2 min 5 s left');
  });

  it('formats durations', () => {
    assert.strictEqual(formatSeconds(42.4), '42 s');
    assert.strictEqual(formatSeconds(3600 * 2 + 60 * 3), '2 h 3 min');
  });

  it('aligns table columns and drops empty ones', () => {
    assert.deepStrictEqual(
      alignColumns([
        ['#', 'rows', 'time'],
        ['1', '2-30', ''],
        ['10', '400-401', ''],
      ]),
      ['#   rows', '1   2-30', '10  400-401'],
    );
  });

  it('resolves request paths against the working folder', async () => {
    const { requestFrom } = await import('../../../src/cli/detectCommand');
    const cwd = path.resolve('/work/project');
    const request = requestFrom('data/plant.csv', { labels: 'fault', set: ['epochs=2'] }, cwd);

    assert.strictEqual(request.input, path.join(cwd, 'data', 'plant.csv'));
    assert.strictEqual(request.labels, 'fault', 'a bare name stays a column name');
    assert.strictEqual(request.out, path.join(cwd, 'post-results', 'plant'));
    assert.deepStrictEqual(request.overrides, { epochs: '2' });
  });
});
