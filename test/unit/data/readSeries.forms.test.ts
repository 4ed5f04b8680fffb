/**
 * readSeries on every input form users bring: header or not, each delimiter, decimal comma,
 * thousands separators, BOM, CRLF, quoted fields, `sep=` lines, trailing delimiters, skipped
 * text columns, renamed columns, progress and cancellation.
 */
import * as assert from 'assert';
import { readSeries } from '../../../src/engine/data/readSeries';
import { rejection, rowsOf, TempFiles } from './tempFiles';

describe('readSeries: input forms', () => {
  const files = new TempFiles();
  after(() => files.cleanup());

  it('reads a comma file with a header', async () => {
    const series = await readSeries(files.write('a.csv', 'a,b\n1,2.5\n3,-4\n'));
    assert.deepStrictEqual(series.channels, ['a', 'b']);
    assert.strictEqual(series.rows, 2);
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1, 2.5], [3, -4]]);
    assert.strictEqual(series.observed, undefined);
    assert.deepStrictEqual(series.imputation, { method: 'none', cells: 0 });
    assert.deepStrictEqual(series.skippedColumns, []);
  });

  it('names the columns of a headerless file ch1..chN (1-based like SMD labels)', async () => {
    const series = await readSeries(files.write('smd.txt', '0.5,1,2\n0.25,3,4\n'));
    assert.deepStrictEqual(series.channels, ['ch1', 'ch2', 'ch3']);
    assert.deepStrictEqual(rowsOf(series.values, 3), [[0.5, 1, 2], [0.25, 3, 4]]);
    assert.ok(series.notes?.some((note) => note.includes('no header')));
  });

  for (const [name, delimiter] of [['semicolon', ';'], ['tab', '\t'], ['pipe', '|']]) {
    it(`detects the ${name} delimiter`, async () => {
      const row = ['1', '2', '3'].join(delimiter);
      const text = `${['x', 'y', 'z'].join(delimiter)}\n${row}\n${row}\n`;
      const series = await readSeries(files.write(`${name}.csv`, text));
      assert.deepStrictEqual(series.channels, ['x', 'y', 'z']);
      assert.deepStrictEqual(rowsOf(series.values, 3), [[1, 2, 3], [1, 2, 3]]);
    });
  }

  it('reads a decimal comma in a semicolon file and says so', async () => {
    const series = await readSeries(files.write('dc.csv', 'a;b\n1,5;-0,25\n2,75;3\n'));
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1.5, -0.25], [2.75, 3]]);
    assert.ok(series.notes?.some((note) => note.includes('decimal comma')));
  });

  it('reads thousands separators with a decimal point (1,234.5 in a ; file)', async () => {
    const series = await readSeries(files.write('k1.csv', 'a;b\n1,234.5;0.5\n12,000;1.25\n'));
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1234.5, 0.5], [12000, 1.25]]);
  });

  it('reads thousands separators with a decimal comma (1.234,5)', async () => {
    const series = await readSeries(files.write('k2.csv', 'a;b\n1.234,5;0,5\n2.000,25;1\n'));
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1234.5, 0.5], [2000.25, 1]]);
  });

  it('reads quoted thousands in a comma file', async () => {
    const series = await readSeries(files.write('k3.csv', 'a,b\n"1,234.5",1\n"2,000,000",2\n'));
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1234.5, 1], [2000000, 2]]);
  });

  it('strips a UTF-8 BOM from the first column name', async () => {
    const series = await readSeries(files.write('bom.csv', '\uFEFFa,b\n1,2\n'));
    assert.deepStrictEqual(series.channels, ['a', 'b']);
  });

  it('reads CRLF line ends', async () => {
    const series = await readSeries(files.write('crlf.csv', 'a,b\r\n1,2\r\n3,4\r\n'));
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1, 2], [3, 4]]);
  });

  it('reads quoted fields holding the delimiter or a newline', async () => {
    const text = '"a,1","b\nsecond line",c\n1,2,"3"\n4,5,6\n';
    const series = await readSeries(files.write('quoted.csv', text));
    assert.deepStrictEqual(series.channels, ['a,1', 'b\nsecond line', 'c']);
    assert.deepStrictEqual(rowsOf(series.values, 3), [[1, 2, 3], [4, 5, 6]]);
  });

  it("follows Excel's sep= first line", async () => {
    const series = await readSeries(files.write('sep.csv', 'sep=;\na;b\n1,5;2\n'));
    assert.deepStrictEqual(series.channels, ['a', 'b']);
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1.5, 2]]);
  });

  it('accepts a delimiter at the end of every data row', async () => {
    const series = await readSeries(files.write('trail.csv', 'a,b\n1,2,\n3,4,\n'));
    assert.deepStrictEqual(rowsOf(series.values, 2), [[1, 2], [3, 4]]);
  });

  it('skips empty lines and rows of empty fields', async () => {
    const series = await readSeries(files.write('gaps.csv', 'a,b\n1,2\n\n,\n3,4\n\n'));
    assert.strictEqual(series.rows, 2);
  });

  it('reads a file of one data row and says it has one row', async () => {
    const series = await readSeries(files.write('one.csv', 'a,b\n1,2\n'));
    assert.strictEqual(series.rows, 1);
  });

  it('leaves text columns out with the reason and the line of an example', async () => {
    const text = 'host,a,status\nweb1,1,ok\nweb2,2,ok\n';
    const series = await readSeries(files.write('text.csv', text));
    assert.deepStrictEqual(series.channels, ['a']);
    const reasons = new Map(series.skippedColumns.map((s) => [s.name, s.reason]));
    assert.match(reasons.get('host')!, /text.*"web1".*line 2/);
    assert.match(reasons.get('status')!, /text/);
  });

  it("leaves out pandas' unnamed row index", async () => {
    const series = await readSeries(files.write('pandas.csv', ',a,b\n0,1.5,2\n1,2.5,3\n2,3.5,4\n'));
    assert.deepStrictEqual(series.channels, ['a', 'b']);
    assert.match(series.skippedColumns[0].reason, /row index/);
  });

  it('makes duplicate names unique and names empty ones, and says so', async () => {
    const series = await readSeries(files.write('dup.csv', 'a,a,,b\n1,2,3,4\n'));
    assert.deepStrictEqual(series.channels, ['a', 'a_2', 'column 3', 'b']);
    assert.ok(series.notes?.some((note) => note.includes("'a_2'")));
  });

  it('keeps constant channels', async () => {
    const series = await readSeries(files.write('const.csv', 'a,b\n7,1\n7,2\n7,3\n'));
    assert.deepStrictEqual(series.channels, ['a', 'b']);
    assert.deepStrictEqual(Array.from(series.values.filter((_, i) => i % 2 === 0)), [7, 7, 7]);
  });

  it('reports progress ending at 1', async () => {
    const seen: number[] = [];
    await readSeries(files.write('progress.csv', 'a\n1\n2\n'), { onProgress: (f) => seen.push(f) });
    assert.ok(seen.length >= 1);
    assert.strictEqual(seen[seen.length - 1], 1);
    assert.ok(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])));
  });

  it('throws the cancelled error when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const file = files.write('c.csv', 'a\n1\n');
    const error = await rejection(readSeries(file, { signal: controller.signal }));
    assert.strictEqual(error.kind, 'cancelled');
  });

  it('stops streaming when cancelled while reading', async () => {
    const lines = ['a,b'];
    for (let t = 0; t < 200_000; t++) lines.push(`${t},${t % 7}`);
    const file = files.write('long.csv', lines.join('\n'));
    const controller = new AbortController();
    const reading = readSeries(file, {
      signal: controller.signal,
      onProgress: (fraction) => {
        if (fraction > 0 && fraction < 1) controller.abort();
      },
    });
    assert.strictEqual((await rejection(reading)).kind, 'cancelled');
  });

  it('reads more rows than its first estimate (buffers grow)', async () => {
    // Long lines in the sniffed start make the row estimate low for the short lines after.
    const padding = ' '.repeat(180);
    const lines = ['a,b'];
    for (let t = 0; t < 1500; t++) lines.push(`${padding}1000000.125,2000000.25`);
    for (let t = 0; t < 30_000; t++) lines.push('1,2');
    const series = await readSeries(files.write('grow.csv', lines.join('\n')));
    assert.strictEqual(series.rows, 31_500);
    assert.deepStrictEqual(rowsOf(series.values, 2)[1499], [1000000.125, 2000000.25]);
    assert.deepStrictEqual(rowsOf(series.values, 2)[31_499], [1, 2]);
  });
});
