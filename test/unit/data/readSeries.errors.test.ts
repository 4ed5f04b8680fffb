/**
 * readSeries on unusable input: each case must end in a PostError whose message names the
 * file and, where there is one, the line and column, and says what to do.
 */
import * as assert from 'assert';
import { readSeries } from '../../../src/engine/data/readSeries';
import { rejection, TempFiles } from './tempFiles';

describe('readSeries: errors', () => {
  const files = new TempFiles();
  after(() => files.cleanup());

  /** Reads `content` from `name` and returns the error, checking the file name leads it. */
  async function errorFor(name: string, content: string | Uint8Array, options = {}) {
    const error = await rejection(readSeries(files.write(name, content), options));
    assert.ok(error.message.startsWith(name), `should start with ${name}: ${error.message}`);
    assert.ok(error.place.file?.endsWith(name));
    return error;
  }

  it('refuses an empty file', async () => {
    assert.match((await errorFor('empty.csv', '')).message, /empty/);
  });

  it('refuses a file of blank lines', async () => {
    assert.match((await errorFor('blank.csv', '\n \n\r\n')).message, /no data/);
  });

  it('refuses a header without rows', async () => {
    assert.match((await errorFor('header.csv', 'a,b,c\n')).message, /header but no data rows/);
  });

  it('refuses binary content', async () => {
    const error = await errorFor('binary.csv', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0x0a, 0]));
    assert.match(error.message, /not a UTF-8 text file/);
  });

  it('refuses text in another encoding, with the line of the first bad byte', async () => {
    const parts = [Buffer.from('a,b\n1,2\ncaf'), Buffer.from([0xe9]), Buffer.from(',3\n')];
    const latin1 = Buffer.concat(parts);
    const error = await errorFor('latin1.csv', latin1);
    assert.match(error.message, /^latin1\.csv, line 3: this is not a UTF-8 text file/);
  });

  it('refuses a bad byte far beyond the sniffed start', async () => {
    const start = Buffer.from('a,b\n' + '1,2\n'.repeat(80_000));
    const error = await errorFor('late.csv', Buffer.concat([start, Buffer.from([0xff, 0x0a])]));
    assert.match(error.message, /not a UTF-8 text file/);
  });

  it('names the line and the counts of a row with too few fields', async () => {
    const error = await errorFor('few.csv', 'a,b,c\n1,2,3\n4,5\n');
    assert.match(error.message, /^few\.csv, line 3: this row has 2 fields but the header has 3/);
    assert.strictEqual(error.place.line, 3);
  });

  it('names the line and the counts of a row with too many fields', async () => {
    const error = await errorFor('many.csv', 'a,b\n1,2\n3,4\n5,6,7,8\n');
    assert.match(error.message, /line 4: this row has 4 fields but the header has 2/);
  });

  it('names the line of a quote that is never closed', async () => {
    const error = await errorFor('quote.csv', 'a,b\n1,2\n3,"4\n5,6\n');
    assert.match(error.message, /^quote\.csv, line 3: a quoted field is never closed/);
  });

  it('ends a 1 MB line of digits with an error, not a hang', async () => {
    const error = await errorFor('digits.csv', '9'.repeat(1 << 20));
    assert.ok(error.kind === 'input');
  });

  it('ends a 1 MB line of text with an error, not a hang', async () => {
    const error = await errorFor('longtext.csv', 'x'.repeat(1 << 20) + '\n');
    assert.match(error.message, /header but no data rows/);
  });

  it('reads a very long line of numbers as one very wide row', async () => {
    const series = await readSeries(files.write('wide.csv', Array(50_000).fill('1.5').join(',')));
    assert.strictEqual(series.rows, 1);
    assert.strictEqual(series.channels.length, 50_000);
    assert.strictEqual(series.values[49_999], 1.5);
  });

  it('refuses a file without numeric column, listing what it found', async () => {
    const error = await errorFor('words.csv', 'name,city\nAnn,Oslo\nBob,Rome\n');
    assert.match(error.message, /no numeric column.*'name': text/);
  });

  it('refuses a file whose only numeric column is all missing', async () => {
    const error = await errorFor('allmissing.csv', 'a,label\n,0\nNaN,1\n');
    assert.match(error.message, /no numeric column.*'a': no values/);
  });

  for (const cell of ['1e400', 'Infinity', '-inf', '5e38']) {
    it(`names the row and column of an overflow (${cell})`, async () => {
      const error = await errorFor('overflow.csv', `a,b\n1,2\n3,${cell}\n`);
      assert.match(error.message, /^overflow\.csv, line 3, column 'b': .*too large/);
      assert.deepStrictEqual([error.place.line, error.place.column], [3, 'b']);
    });
  }

  it('names the row and column of a number in another format', async () => {
    const error = await errorFor('mixed.csv', 'a;b\n1,5;2,5\n3,5;4.5\n');
    const start = /^mixed\.csv, line 3, column 'b': "4\.5" is written in another number format/;
    assert.match(error.message, start);
  });

  it('names the row and column of text among numbers', async () => {
    const error = await errorFor('typo.csv', 'a,b\n1,2\n3,4\n5,4..2\n');
    assert.match(error.message, /^typo\.csv, line 4, column 'b': "4\.\.2" is not a number/);
  });

  it('names the line where time goes back', async () => {
    const text = 'time,a\n2020-01-01 00:00,1\n2020-01-01 00:02,2\n2020-01-01 00:01,3\n';
    const error = await errorFor('order.csv', text);
    const start = /^order\.csv, line 4, column 'time': the time goes back.*line 3.*Sort/;
    assert.match(error.message, start);
  });

  it('names the line of a missing or malformed time', async () => {
    const missing = await errorFor('notime.csv', 'time,a\n2020-01-01,1\n,2\n');
    assert.match(missing.message, /line 3, column 'time': the time is missing/);
    const bad = await errorFor('badtime.csv', 'time,a\n2020-01-01,1\n2020-02-30,2\n');
    assert.match(bad.message, /line 3, column 'time': "2020-02-30" is not a date/);
  });

  it('names the line of a missing label', async () => {
    const error = await errorFor('nolabel.csv', 'a,label\n1,0\n2,\n');
    assert.match(error.message, /line 3, column 'label': the label is missing/);
  });

  it('refuses a label column with many values', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i}`).join('\n');
    const error = await errorFor('class.csv', `a,class\n${rows}\n`);
    assert.match(error.message, /column 'class': this column has more than 16 different values/);
  });

  it('lists the columns when a named label or time column does not exist', async () => {
    const label = await errorFor('named.csv', 'a,b\n1,2\n', { labelColumn: 'target' });
    assert.match(label.message, /no label column 'target'\. The columns are: a, b/);
    const time = await errorFor('named2.csv', 'a,b\n1,2\n', { timeColumn: 'when' });
    assert.match(time.message, /no time column 'when'/);
  });

  it('refuses a named time column of text', async () => {
    const error = await errorFor('texttime.csv', 'a,b\nx,2\n', { timeColumn: 'a' });
    assert.match(error.message, /column 'a': the time column holds values that are not dates/);
  });

  it('says when the file does not exist or is a folder', async () => {
    const missing = await rejection(readSeries(files.folder() + '/nothing.csv'));
    assert.match(missing.message, /nothing\.csv: the file does not exist/);
    const folder = await rejection(readSeries(files.folder()));
    assert.match(folder.message, /folder/);
  });
});
