/**
 * Result files round trip (writeResults then readResults), the scores.csv format, and the
 * errors for a damaged results folder.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { PostError } from '../../../src/engine/errors';
import { readResults } from '../../../src/engine/io/resultFiles';
import { csvField, formatFloat32 } from '../../../src/engine/io/scoresCsv';
import { writeResults } from '../../../src/engine/io/writeResults';
import { CHANNELS, makeContent } from './resultFixture';

describe('result files', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-results-'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  for (const timestamps of [false, true]) {
    it(`round-trips every file ${timestamps ? 'with' : 'without'} timestamps`, async () => {
      const content = makeContent({ timestamps });
      const out = path.join(root, 'run');

      await writeResults(out, {
        ...content,
        saveModel: (dir) => fs.writeFile(path.join(dir, 'weights.bin'), 'w'),
      });
      const back = await readResults(out);

      assert.deepStrictEqual(back.summary, JSON.parse(JSON.stringify(content.summary)));
      assert.deepStrictEqual(back.events, content.events);
      assert.deepStrictEqual(back.graph, content.graph);
      assert.deepStrictEqual(back.training, content.training);
      assert.deepStrictEqual(back.scores, content.scores);
      assert.strictEqual(back.modelDir, path.join(out, 'model'));
      assert.strictEqual(back.reportPath, path.join(out, 'report.html'));
    });
  }

  it('writes scores.csv with a quoted header and one line per row', async () => {
    const content = makeContent({ timestamps: true });
    const out = path.join(root, 'run');
    await writeResults(out, content);

    const lines = (await fs.readFile(path.join(out, 'scores.csv'), 'utf8')).trimEnd().split('\n');

    assert.strictEqual(lines[0], 'time,score,detected,label,temp,"flow, ""main""",<b>valve</b>');
    assert.strictEqual(lines.length, 7);
    // Row 3: 00:03 UTC, score 4.25, detected, labelled; channel scores (9..11 % 7) / 7.
    assert.strictEqual(
      lines[4],
      `2024-01-01T00:03:00.000Z,4.25,1,1,${formatFloat32(2 / 7)},${formatFloat32(3 / 7)},` +
        formatFloat32(4 / 7),
    );
    assert.strictEqual(await fs.stat(path.join(out, 'model')).catch(() => null), null);
  });

  it('names the folder and file when a file is missing', async () => {
    const out = path.join(root, 'run');
    await writeResults(out, makeContent());
    await fs.rm(path.join(out, 'events.json'));

    await assert.rejects(readResults(out), (error: unknown) => {
      return (
        error instanceof PostError &&
        error.message.includes(out) &&
        error.message.includes('events.json is missing')
      );
    });
  });

  it('names the line of a damaged scores.csv row', async () => {
    const out = path.join(root, 'run');
    await writeResults(out, makeContent());
    const file = path.join(out, 'scores.csv');
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines[3] = lines[3].replace(/^2,[^,]*,/, '2,oops,');
    await fs.writeFile(file, lines.join('\n'));

    await assert.rejects(readResults(out), (error: unknown) => {
      const named = /'oops'.*'score'/.test(error instanceof Error ? error.message : '');
      return error instanceof PostError && error.place.line === 4 && named;
    });
  });

  it('reports a truncated scores.csv by its row count', async () => {
    const out = path.join(root, 'run');
    await writeResults(out, makeContent());
    const file = path.join(out, 'scores.csv');
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    await fs.writeFile(file, lines.slice(0, 4).join('\n') + '\n');

    await assert.rejects(readResults(out), /has 3 rows, summary.json says 6/);
  });

  it('refuses a summary of another format version', async () => {
    const out = path.join(root, 'run');
    await writeResults(out, makeContent());
    const file = path.join(out, 'summary.json');
    const summary = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...summary, formatVersion: 99 }));

    await assert.rejects(readResults(out), /format version 99/);
  });

  it('refuses a graph whose size does not match the channels', async () => {
    const out = path.join(root, 'run');
    await writeResults(out, makeContent());
    const file = path.join(out, 'graph.json');
    await fs.writeFile(file, JSON.stringify({ channels: CHANNELS, initial: [[1]], layers: [] }));

    await assert.rejects(readResults(out), /graph.json does not hold 3 × 3 matrices/);
  });
});

describe('scores.csv number and field format', () => {
  it('writes the shortest text that reads back as the same float32', () => {
    for (const v of [0, 1, -2.5, 1 / 3, 1e-7, 123456.789, 3.4e38, Math.PI]) {
      const text = formatFloat32(v);
      assert.strictEqual(Math.fround(Number(text)), Math.fround(v), `${v} -> ${text}`);
      assert.ok(text.replace(/[-.]|e.*$/g, '').length <= 9, text);
    }
    assert.strictEqual(formatFloat32(0.1), '0.1');
    assert.strictEqual(formatFloat32(1 / 3), '0.33333334');
  });

  it('quotes only fields that need it', () => {
    assert.strictEqual(csvField('plain'), 'plain');
    assert.strictEqual(csvField('a,b'), '"a,b"');
    assert.strictEqual(csvField('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvField(' edge'), '" edge"');
  });
});
