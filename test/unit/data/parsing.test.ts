/**
 * The small parsers under readSeries, on hand-made cells: number formats and their detection,
 * missing-value spellings, date layouts and zones, numeric time units, label encodings, and
 * the linear imputation.
 */
import * as assert from 'assert';
import { imputeLinear, keepColumns, observedPerColumn } from '../../../src/engine/data/impute';
import { mapLabelValues } from '../../../src/engine/data/labelValues';
import {
  detectNumberFormat,
  isMissing,
  looksNumeric,
  parseNumber,
  PLAIN_FORMAT,
} from '../../../src/engine/data/numberFormat';
import {
  detectTextLayout,
  epochFactor,
  isTimeLikeName,
  parseDate,
} from '../../../src/engine/data/timeParse';
import { thrown } from './tempFiles';

describe('numbers', () => {
  it('parses plain numbers and refuses what is not one', () => {
    assert.deepStrictEqual(
      ['1', '-2.5', '+.5', '3.', '1e3', '-1.5E-2', ' 7 '].map((c) => parseNumber(c, PLAIN_FORMAT)),
      [1, -2.5, 0.5, 3, 1000, -0.015, 7],
    );
    for (const cell of ['0x10', '1_000', '1.2.3', 'abc', '1,5', '--1', '1e']) {
      assert.strictEqual(parseNumber(cell, PLAIN_FORMAT), undefined, cell);
    }
  });

  it('reads missing spellings as NaN and overflow as infinity', () => {
    for (const cell of ['', ' ', 'NaN', 'nan', 'NULL', 'NA', 'n/a', '#N/A', '-', '?', 'None']) {
      assert.ok(isMissing(cell) && Number.isNaN(parseNumber(cell, PLAIN_FORMAT)), cell);
    }
    assert.strictEqual(parseNumber('1e400', PLAIN_FORMAT), Infinity);
    assert.strictEqual(parseNumber('-4e38', PLAIN_FORMAT), -Infinity);
    assert.strictEqual(parseNumber('-inf', PLAIN_FORMAT), -Infinity);
    assert.strictEqual(parseNumber('3e38', PLAIN_FORMAT), 3e38);
  });

  it('reads a decimal comma and thousands separators only in their format', () => {
    const comma = { decimal: ',', thousands: '.' } as const;
    const cells = ['1,5', '-0,25', '1.234,5', '12'];
    assert.deepStrictEqual(cells.map((c) => parseNumber(c, comma)), [1.5, -0.25, 1234.5, 12]);
    assert.strictEqual(parseNumber('1.5', comma), undefined);
    const grouped = { decimal: '.', thousands: ',' } as const;
    const values = ['1,234.5', '1,234,567'].map((c) => parseNumber(c, grouped));
    assert.deepStrictEqual(values, [1234.5, 1234567]);
    assert.strictEqual(parseNumber('1,23', grouped), undefined);
  });

  it('detects the format from a sample', () => {
    const detect = detectNumberFormat;
    assert.deepStrictEqual(detect(['1.5', '2', '0.25'], ','), PLAIN_FORMAT);
    assert.deepStrictEqual(detect(['1,5', '2', '0,25'], ';'), { decimal: ',', thousands: null });
    assert.deepStrictEqual(detect(['1.234,5', '0,5'], ';'), { decimal: ',', thousands: '.' });
    assert.deepStrictEqual(detect(['1,234.5', '0.5'], ';'), { decimal: '.', thousands: ',' });
    // `1,234` alone: a decimal comma in a ; file, thousands in a , file (quoted there).
    assert.deepStrictEqual(detectNumberFormat(['1,234'], ';'), { decimal: ',', thousands: null });
    assert.deepStrictEqual(detectNumberFormat(['1,234'], ','), { decimal: '.', thousands: ',' });
  });

  it('fails fast on a long run of digits that is not a number', () => {
    // A backtracking pattern would take minutes here; the suite timeout catches that.
    const cell = '9'.repeat(200_000) + 'x';
    assert.strictEqual(looksNumeric(cell), false);
    assert.strictEqual(parseNumber(cell, PLAIN_FORMAT), undefined);
  });
});

describe('dates and times', () => {
  it('parses layouts, zones and fractions to epoch milliseconds', () => {
    const at = Date.UTC(2021, 11, 31, 23, 59, 58);
    assert.strictEqual(parseDate('2021-12-31T23:59:58Z', 'ymd'), at);
    assert.strictEqual(parseDate('2022-01-01T01:29:58+0130', 'ymd'), at);
    assert.strictEqual(parseDate('2021/12/31 23:59:58.5', 'ymd'), at + 500);
    assert.strictEqual(parseDate('31.12.2021 23:59:58', 'dmy'), at);
    assert.strictEqual(parseDate('12/31/2021 11:59:58 PM', 'mdy'), at);
    assert.strictEqual(parseDate('12/31/2021 12:00 AM', 'mdy'), Date.UTC(2021, 11, 31));
  });

  it('refuses impossible dates', () => {
    const impossible = ['2021-02-29', '2021-13-01', '2021-01-01 24:00', '2021-01-01 10:60'];
    for (const text of [...impossible, '31/04/2021']) {
      const layout = text.startsWith('2021') ? 'ymd' : 'dmy';
      assert.strictEqual(parseDate(text, layout), undefined, text);
    }
  });

  it('detects the day/month order from the sample', () => {
    assert.strictEqual(detectTextLayout(['2020-03-09', '2020-03-10']), 'ymd');
    assert.strictEqual(detectTextLayout(['13/03/2020', '01/03/2020']), 'dmy');
    assert.strictEqual(detectTextLayout(['03/13/2020', '03/01/2020']), 'mdy');
    assert.strictEqual(detectTextLayout(['01/02/2020']), 'dmy');
    assert.strictEqual(detectTextLayout(['13/01/2020', '01/13/2020']), undefined);
    assert.strictEqual(detectTextLayout(['2020-03-09', 'soon']), undefined);
  });

  it('recognises time-like names and numeric units', () => {
    for (const name of ['timestamp', 'Date Time', 'eventTime', 'timestamp_(min)', 'ts', 'DATE']) {
      assert.ok(isTimeLikeName(name), name);
    }
    for (const name of ['runtime', 'uptime_s', 'value', 'stamps']) {
      assert.ok(!isTimeLikeName(name), name);
    }
    assert.strictEqual(epochFactor('t', 1.6e9, 1.7e9), 1000);
    assert.strictEqual(epochFactor('t', 1.6e12, 1.7e12), 1);
    assert.strictEqual(epochFactor('time_ms', 1.6e12, 1.7e12), 1);
    assert.strictEqual(epochFactor('timestamp', 0, 2048), undefined);
    assert.strictEqual(epochFactor('timestamp_(min)', 132480, 140865), undefined);
    assert.strictEqual(epochFactor('time_min', 2.7e7, 2.8e7), 60_000);
  });
});

describe('label values', () => {
  it('maps unambiguous encodings and says how', () => {
    const pm = mapLabelValues('f.csv', 'y', ['-1', '1']);
    assert.deepStrictEqual([pm.values.get('-1'), pm.values.get('1')], [0, 1]);
    assert.match(pm.note!, /1 is read as anomalous/);
    const words = mapLabelValues('f.csv', 'y', ['normal', 'attack', 'anomaly']);
    assert.deepStrictEqual([...words.values.values()], [0, 1, 1]);
    assert.strictEqual(mapLabelValues('f.csv', 'y', ['0', '1']).note, undefined);
  });

  it('refuses the rest, naming the column and the values', () => {
    const error = thrown(() => mapLabelValues('f.csv', 'y', ['0', '1', 'maybe']));
    assert.match(error.message, /^f\.csv, column 'y': .*found "0", "1", "maybe"/);
    assert.ok(thrown(() => mapLabelValues('f.csv', 'y', ['-1', '0', '1'])));
  });
});

describe('imputation', () => {
  it('interpolates inside gaps, carries the ends and returns the mask', () => {
    const values = Float32Array.from([NaN, 0, 1, NaN, NaN, NaN, 7, 3, NaN, NaN]);
    const observed = imputeLinear(values, 5, 2);
    assert.deepStrictEqual(Array.from(values), [1, 0, 1, 1, 4, 2, 7, 3, 7, 3]);
    assert.deepStrictEqual(Array.from(observed), [0, 1, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('counts observed cells per column and keeps chosen columns in place', () => {
    const values = Float32Array.from([1, NaN, 2, 3, NaN, 4]);
    assert.deepStrictEqual(Array.from(observedPerColumn(values, 2, 3)), [2, 0, 2]);
    assert.deepStrictEqual(Array.from(keepColumns(values, 2, 3, [0, 2])), [1, 2, 3, 4]);
  });
});
