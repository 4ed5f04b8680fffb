/**
 * readSeries on the columns that are not features: time columns of each layout, label
 * columns by each usual name and encoding, annotations, and missing values with their mask.
 */
import * as assert from 'assert';
import { readSeries } from '../../../src/engine/data/readSeries';
import { IMPUTATION_METHOD } from '../../../src/engine/data/impute';
import { rejection, rowsOf, TempFiles } from './tempFiles';

describe('readSeries: time, labels and missing values', () => {
  const files = new TempFiles();
  after(() => files.cleanup());

  const march9 = Date.UTC(2020, 2, 9, 10, 14, 33);
  const march13 = march9 + 4 * 86_400_000;
  const timeCases: [string, string, string, number][] = [
    ['ISO with Z', '2020-03-09T10:14:33Z', '2020-03-09T10:14:34Z', march9],
    ['ISO with an offset', '2020-03-09T12:14:33+02:00', '2020-03-09T12:14:34+02:00', march9],
    ['ISO with milliseconds', '2020-03-09T10:14:33.250', '2020-03-09T10:14:34.250', march9 + 250],
    ['date and time without zone', '2020-03-09 10:14:33', '2020-03-09 10:14:34', march9],
    ['day/month/year', '09/03/2020 10:14:33', '09/03/2020 10:14:34', march9],
    ['day.month.year', '09.03.2020 10:14:33', '09.03.2020 10:14:34', march9],
    ['month/day/year (a day over 12)', '03/13/2020 10:14:33', '03/13/2020 10:14:34', march13],
    ['12-hour clock', '03/13/2020 10:14:33 AM', '03/13/2020 10:14:34 AM', march13],
    ['epoch seconds', '1583748873', '1583748874', march9],
    ['epoch milliseconds', '1583748873000', '1583748874000', march9],
  ];
  for (const [layout, first, second, expected] of timeCases) {
    it(`finds a time column written as ${layout}`, async () => {
      // Numbers are a time only under a time-like name.
      const name = /^\d+$/.test(first) ? 'timestamp' : 'when';
      const text = `${name},x\n${first},1\n${second},2\n`;
      const series = await readSeries(files.write('time.csv', text));
      assert.deepStrictEqual(series.channels, ['x']);
      assert.strictEqual(series.timestamps?.[0], expected);
      assert.strictEqual(series.timestamps![1] - series.timestamps![0], 1000);
      assert.ok(series.skippedColumns.some((s) => s.reason === 'time axis'));
    });
  }

  it('orders rows by a time counter that holds no dates, and says it is no time axis', async () => {
    const text = 'timestamp_(min),x\n132480.0,1\n132481.0,2\n132482.0,3\n';
    const series = await readSeries(files.write('psm.csv', text));
    assert.deepStrictEqual(series.channels, ['x']);
    assert.strictEqual(series.timestamps, undefined);
    const skipped = series.skippedColumns.find((c) => c.name === 'timestamp_(min)');
    assert.match(skipped!.reason, /^a counter, not dates: it orders the rows; no time axis$/);
    assert.ok(series.notes?.some((n) => /counts from 132480 to 132482/.test(n)), `${series.notes}`);
  });

  it('reads a date-only column and a minutes-only time', async () => {
    const text = 'day,x\n2020-03-09,1\n2020-03-10 00:30,2\n';
    const series = await readSeries(files.write('d.csv', text));
    const expected = [Date.UTC(2020, 2, 9), Date.UTC(2020, 2, 10, 0, 30)];
    assert.deepStrictEqual(Array.from(series.timestamps!), expected);
  });

  it('notes that ambiguous dates are read day first', async () => {
    const text = 't,x\n09/03/2020 10:14,1\n09/03/2020 10:15,2\n';
    const series = await readSeries(files.write('amb.csv', text));
    assert.strictEqual(series.timestamps?.[0], Date.UTC(2020, 2, 9, 10, 14));
    assert.ok(series.notes?.some((note) => note.includes('day first')));
  });

  it('treats an integer index named timestamp as time (GDN), not as dates', async () => {
    const series = await readSeries(files.write('idx.csv', 'timestamp,a\n0,1\n1,2\n2,3\n'));
    assert.strictEqual(series.timeColumn, 'timestamp');
    assert.deepStrictEqual(series.channels, ['a']);
    assert.strictEqual(series.timestamps, undefined);
  });

  it('reads a numeric time in the unit its name states', async () => {
    const text = 'time_s,a\n1583748873,1\n1583748874,2\n';
    const series = await readSeries(files.write('ms.csv', text));
    assert.strictEqual(series.timestamps?.[0], march9);
  });

  it('does not take a numeric column without a time-like name as time', async () => {
    const text = 'runtime,a\n1583748873,1\n1583748874,2\n';
    const series = await readSeries(files.write('num.csv', text));
    assert.deepStrictEqual(series.channels, ['runtime', 'a']);
    assert.strictEqual(series.timeColumn, undefined);
  });

  it('uses the time column the user names, and none when told so', async () => {
    const text = 'x,y\n1583748873,1\n1583748874,2\n';
    const named = await readSeries(files.write('named.csv', text), { timeColumn: 'x' });
    assert.strictEqual(named.timestamps?.[0], march9);
    assert.deepStrictEqual(named.channels, ['y']);
    const noneFile = files.write('none.csv', 'time,y\n2020-03-09,1\n');
    const none = await readSeries(noneFile, { timeColumn: null });
    assert.strictEqual(none.timeColumn, undefined);
    assert.match(none.skippedColumns[0].reason, /dates/);
  });

  it('leaves a second date column out with the reason', async () => {
    const series = await readSeries(files.write('2d.csv', 'a,b,x\n2020-03-09,2020-03-10,1\n'));
    assert.strictEqual(series.timeColumn, 'a');
    assert.match(series.skippedColumns.find((s) => s.name === 'b')!.reason, /'a' is the time axis/);
  });

  for (const name of ['label', 'Labels', 'anomaly', 'is_anomaly', 'attack', 'Class', 'outlier']) {
    it(`finds the label column '${name}'`, async () => {
      const series = await readSeries(files.write('l.csv', `a,${name}\n1,0\n2,1\n3,0\n`));
      assert.deepStrictEqual(series.channels, ['a']);
      assert.deepStrictEqual(Array.from(series.labels!), [0, 1, 0]);
      assert.strictEqual(series.labelSource, name);
    });
  }

  const encodings: [string, string[], number[]][] = [
    ['-1/1', ['-1', '1', '-1'], [0, 1, 0]],
    ['Normal/Attack', ['Normal', 'Attack', 'Normal'], [0, 1, 0]],
    ['true/false', ['false', 'TRUE', 'false'], [0, 1, 0]],
    ['0.0/1.0', ['0.0', '1.0', '1.0'], [0, 1, 1]],
    ['normal/anomaly', ['normal', 'normal', 'anomaly'], [0, 0, 1]],
  ];
  for (const [encoding, cells, expected] of encodings) {
    it(`maps labels written as ${encoding}`, async () => {
      const text = 'a,label\n' + cells.map((cell, i) => `${i},${cell}`).join('\n');
      const series = await readSeries(files.write('enc.csv', text));
      assert.deepStrictEqual(Array.from(series.labels!), expected);
    });
  }

  it('refuses labels it cannot map, naming the column and the values', async () => {
    const file = files.write('badlabels.csv', 'a,label\n1,0\n2,1\n3,2\n');
    const error = await rejection(readSeries(file));
    assert.match(error.message, /badlabels\.csv, line 4, column 'label': .*"0", "1", "2"/);
    assert.match(error.message, /\("2" first here\)/);
  });

  it('uses a label column named by the user, and no labels when told so', async () => {
    const text = 'a,target\n1,0\n2,1\n';
    const named = await readSeries(files.write('target.csv', text), { labelColumn: 'target' });
    assert.deepStrictEqual(Array.from(named.labels!), [0, 1]);
    const noneFile = files.write('nolabel.csv', 'a,label\n1,0\n');
    const none = await readSeries(noneFile, { labelColumn: null });
    assert.deepStrictEqual(none.channels, ['a', 'label']);
    assert.strictEqual(none.labels, undefined);
  });

  it("leaves SKAB's changepoint column out with a reason", async () => {
    const text = 'a,anomaly,changepoint\n1,0.0,0.0\n2,1.0,1.0\n';
    const series = await readSeries(files.write('cp.csv', text));
    assert.deepStrictEqual(series.channels, ['a']);
    const reason = series.skippedColumns.find((s) => s.name === 'changepoint')!.reason;
    assert.match(reason, /change-point/);
  });

  it('imputes missing values linearly, carries the ends, and masks them', async () => {
    const text = 'a,b\nNaN,1\n2,\n,null\nNA,N/A\n8,-\n?,11\n';
    const series = await readSeries(files.write('miss.csv', text));
    const expected = [[2, 1], [2, 3], [4, 5], [6, 7], [8, 9], [8, 11]];
    assert.deepStrictEqual(rowsOf(series.values, 2), expected);
    assert.deepStrictEqual(Array.from(series.observed!), [0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1]);
    assert.deepStrictEqual(series.imputation, { method: IMPUTATION_METHOD, cells: 8 });
  });

  it('leaves out a column with no value at all, with the reason', async () => {
    const series = await readSeries(files.write('empty-col.csv', 'a,b\n1,\n2,NaN\n'));
    assert.deepStrictEqual(series.channels, ['a']);
    assert.match(series.skippedColumns.find((s) => s.name === 'b')!.reason, /no values/);
    assert.strictEqual(series.observed, undefined);
  });
});
