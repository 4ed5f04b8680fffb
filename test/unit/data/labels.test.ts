/**
 * Label files: one 0/1 label per row (plain, with header, with a timestamp column, other
 * encodings) and channel labels (row × channel matrix, SMD/ASD segments), with their errors.
 */
import * as assert from 'assert';
import { readChannelLabels, readRowLabels } from '../../../src/engine/data/labels';
import { rejection, TempFiles } from './tempFiles';

/** Cells of channel labels as rows of 0/1. */
function grid(cells: Uint8Array, channels: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t * channels < cells.length; t++) {
    rows.push(Array.from(cells.subarray(t * channels, (t + 1) * channels)));
  }
  return rows;
}

describe('row labels', () => {
  const files = new TempFiles();
  after(() => files.cleanup());

  it('reads one 0/1 per line', async () => {
    const labels = await readRowLabels(files.write('l.txt', '0\n1\n1\n0\n'), 4);
    assert.deepStrictEqual(Array.from(labels), [0, 1, 1, 0]);
  });

  it('reads a header and a leading timestamp column (PSM)', async () => {
    const text = 'timestamp_(min),label\n132480.0,0\n132481.0,1.0\n132482.0,0\n';
    const labels = await readRowLabels(files.write('psm.csv', text), 3);
    assert.deepStrictEqual(Array.from(labels), [0, 1, 0]);
  });

  it('reads words under a label header', async () => {
    const labels = await readRowLabels(files.write('w.csv', 'label\nNormal\nAttack\n'), 2);
    assert.deepStrictEqual(Array.from(labels), [0, 1]);
  });

  it('reads words without a header', async () => {
    const labels = await readRowLabels(files.write('tf.txt', 'true\nfalse\nfalse\n'), 3);
    assert.deepStrictEqual(Array.from(labels), [1, 0, 0]);
  });

  it('refuses an empty line between labels, naming it; not empty lines at the end', async () => {
    const gap = await rejection(readRowLabels(files.write('gap.txt', '0\n1\n\n0\n'), 3));
    assert.match(gap.message, /^gap\.txt, line 3: this line is empty, so every label below/);
    const crlf = await rejection(readRowLabels(files.write('gapw.txt', '0\r\n\r\n1\r\n'), 2));
    assert.match(crlf.message, /^gapw\.txt, line 2: this line is empty/);
    const tail = await readRowLabels(files.write('tail.txt', '0\n1\n\n\n'), 2);
    assert.deepStrictEqual(Array.from(tail), [0, 1]);
  });

  it('refuses a count that differs from the rows, naming both', async () => {
    const error = await rejection(readRowLabels(files.write('short.txt', '0\n1\n'), 3));
    assert.match(error.message, /^short\.txt: the file has 2 labels but the series has 3 rows/);
  });

  it('names the line of a missing label and of an unmappable set', async () => {
    const missing = await rejection(readRowLabels(files.write('m.csv', 'a,label\n1,0\n2,\n'), 2));
    assert.match(missing.message, /^m\.csv, line 3, column 'label': the label is missing/);
    const bad = await rejection(readRowLabels(files.write('b.txt', '0\n1\n5\n'), 3));
    assert.match(bad.message, /^b\.txt, line 3: the labels must be 0\/1.*\("5" first here\)/);
    const timed = files.write('t.csv', 'timestamp,y\n1,0\n2,x\n3,1\n');
    const two = await rejection(readRowLabels(timed, 3));
    assert.match(two.message, /^t\.csv, line 3, column 'y': .*\("x" first here\)/);
  });

  it('refuses several columns none of which is named as labels, unless time leads', async () => {
    const text = 'a,b\n0,1\n1,0\n';
    const error = await rejection(readRowLabels(files.write('ab.csv', text), 2));
    assert.match(error.message, /^ab\.csv: the file has 2 columns and none is named as a label/);
    const bare = await rejection(readRowLabels(files.write('ab.txt', '0,1\n1,0\n'), 2));
    assert.match(bare.message, /^ab\.txt: the file has 2 columns/);
    const timed = await readRowLabels(files.write('ty.csv', 'time,y\n1,0\n2,1\n'), 2);
    assert.deepStrictEqual(Array.from(timed), [0, 1]);
  });
});

describe('channel labels', () => {
  const files = new TempFiles();
  after(() => files.cleanup());

  it('reads SMD segments: end exclusive, channels from 1, lines unsorted', async () => {
    const labels = await readChannelLabels(files.write('smd.txt', '3-5:2\n1-2:1,3\n'), 6, 3);
    assert.deepStrictEqual(grid(labels.cells, 3), [
      [0, 0, 0],
      [1, 0, 1],
      [0, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('reads ASD segments with inclusive ends, and 0-based channels when told', async () => {
    const text = files.write('asd.txt', '1-2:0\n');
    const labels = await readChannelLabels(text, 4, 2, { endInclusive: true, oneBased: false });
    assert.deepStrictEqual(grid(labels.cells, 2), [[0, 0], [1, 0], [1, 0], [0, 0]]);
  });

  it('refuses segments past the last row or channel, naming the line', async () => {
    const row = await rejection(readChannelLabels(files.write('r.txt', '0-1:1\n4-7:1\n'), 6, 2));
    assert.match(row.message, /^r\.txt, line 2: the segment 4-7 reaches row 6 but the series has/);
    const channel = await rejection(readChannelLabels(files.write('c.txt', '0-1:3\n'), 6, 2));
    assert.match(channel.message, /^c\.txt, line 1: channel 3 does not exist/);
    const zero = await rejection(readChannelLabels(files.write('z.txt', '0-1:0\n'), 6, 2));
    assert.match(zero.message, /channel 0 does not exist.*numbered 1 to 2 \(1-based\)/);
  });

  it('refuses an empty segment and a malformed line', async () => {
    const emptyFile = files.write('e.txt', '0-1:1\n\n3-3:1\n');
    const empty = await rejection(readChannelLabels(emptyFile, 6, 2));
    assert.match(empty.message, /^e\.txt, line 3: the segment 3-3 holds no row\. If ends are incl/);
    const back = await rejection(readChannelLabels(files.write('b.txt', '0-1:1\n5-2:1\n'), 6, 2));
    assert.match(back.message, /^b\.txt, line 2: the segment 5-2 holds no row\. It ends before/);
    for (const line of ['100-110', '-5-10:1', '1.5-10:1']) {
      const near = await rejection(readChannelLabels(files.write('s.txt', `\n${line}\n`), 200, 2));
      assert.match(near.message, /^s\.txt, line 2: ".*" is not a segment line: write start-end/);
    }
    const bad = await rejection(readChannelLabels(files.write('x.txt', '0-1:1\n2-3 1\n'), 6, 2));
    assert.match(bad.message, /^x\.txt, line 2: "2-3 1" is not a segment/);
  });

  it('reads a row × channel matrix with a header', async () => {
    const labels = await readChannelLabels(files.write('m.csv', 'a,b\n0,1\n1,0\n0,0\n'), 3, 2);
    assert.deepStrictEqual(grid(labels.cells, 2), [[0, 1], [1, 0], [0, 0]]);
  });

  it('reads a matrix without header, and one with a leading time column', async () => {
    const plain = await readChannelLabels(files.write('p.csv', '0,1\n1,1\n'), 2, 2);
    assert.deepStrictEqual(grid(plain.cells, 2), [[0, 1], [1, 1]]);
    const text = 'timestamp,a,b\n2024-01-01T00:00:00Z,1,0\n2024-01-01T00:01:00Z,0,1\n';
    const timed = await readChannelLabels(files.write('t.csv', text), 2, 2);
    assert.deepStrictEqual(grid(timed.cells, 2), [[1, 0], [0, 1]]);
  });

  it('refuses a matrix of the wrong size or with other values', async () => {
    const width = await rejection(readChannelLabels(files.write('w.csv', 'a,b,c\n0,1,0\n'), 1, 2));
    assert.match(width.message, /^w\.csv, line 1: the file has 3 columns but the series has 2/);
    const rows = await rejection(readChannelLabels(files.write('n.csv', 'a,b\n0,1\n'), 2, 2));
    assert.match(rows.message, /has 1 rows of channel labels but the series has 2 rows/);
    const value = await rejection(readChannelLabels(files.write('v.csv', 'a,b\n0,1\n0,2\n'), 2, 2));
    assert.match(value.message, /^v\.csv, line 3, column 'b': "2" is not 0 or 1/);
    const bare = await rejection(readChannelLabels(files.write('v.txt', '0,1\n0,2\n'), 2, 2));
    assert.match(bare.message, /^v\.txt, line 2, column '2': "2" is not 0 or 1/);
  });
});
