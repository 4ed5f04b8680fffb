/**
 * Bad and hostile input on the command line, run as a user runs it: `post-ad detect --quiet`
 * spawned on every case of the corpus (inputCorpus.ts, modelCorpus.ts) with the results folder
 * of an earlier good run as --out. Each must end with exit status 1 and exactly one line on
 * stderr that names the file, line, column or setting and says what to do; no case may touch
 * the earlier results or leave a temporary folder beside them.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { RunSummary } from '../../../src/engine/io/resultFiles';
import { assertOneLineError, CliRun, FAST, postAd, runAll, snapshot, strays } from './cli';
import { BadCase, CorpusPaths, INPUT_CASES } from './inputCorpus';
import { MODEL_CASES } from './modelCorpus';
import { CHANNELS, ROWS, sensorCsv } from './sensorData';

const CASES: BadCase[] = [...INPUT_CASES, ...MODEL_CASES];

describe('post-ad detect on the bad-input corpus', function () {
  this.timeout(300_000);
  let root: string;
  let paths: CorpusPaths;
  let baseline: string;
  let earlier: Record<string, string>;
  const runs = new Map<string, CliRun>();

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-corpus-'));
    const dir = path.join(root, 'corpus');
    await fs.mkdir(dir);
    const good = path.join(dir, 'good.csv');
    await fs.writeFile(good, sensorCsv());
    baseline = path.join(root, 'baseline');

    const first = await postAd(['detect', good, ...FAST, '--quiet', '--out', baseline], root);
    assert.strictEqual(first.status, 0, first.stderr);
    paths = { dir, good, model: path.join(baseline, 'model') };
    earlier = await snapshot(baseline);

    for (const badCase of CASES) {
      for (const [name, content] of Object.entries(badCase.files ?? {})) {
        await fs.writeFile(path.join(dir, name), content);
      }
      await badCase.prepare?.(paths);
    }
    const jobs = CASES.map((badCase) => async () => {
      const args = ['detect', '--quiet', '--out', baseline, ...badCase.args(paths)];
      runs.set(badCase.title, await postAd(args, root));
    });
    await runAll(jobs);
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('the earlier good run read the data as written', async () => {
    const summary = JSON.parse(await fs.readFile(path.join(baseline, 'summary.json'), 'utf8'));
    assert.strictEqual((summary as RunSummary).input.rows, ROWS);
    assert.deepStrictEqual((summary as RunSummary).channels, CHANNELS);
  });

  for (const badCase of CASES) {
    it(`ends with one line naming the problem: ${badCase.title}`, () => {
      const run = runs.get(badCase.title);
      assert.ok(run, 'the case did not run');
      assertOneLineError(run, badCase.expect);
      assert.strictEqual(run.stdout, '', 'nothing on stdout');
    });
  }

  it('leaves the earlier results byte for byte as they were, and nothing beside them', async () => {
    assert.deepStrictEqual(await snapshot(baseline), earlier);
    assert.deepStrictEqual(await strays(root), []);
  });
});
