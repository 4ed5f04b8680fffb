/**
 * `post-ad` argument errors, run as a user would (spawning `node out/src/cli/main.js`): each
 * ends with exit status 1 and one line on stderr naming the option or file; nothing is
 * written to stdout; --help succeeds.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { packageResolves } from '../packageResolves';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function postAd(args: string[], cwd: string): Run {
  const options = { cwd, encoding: 'utf8' as const, timeout: 60_000 };
  const run = spawnSync(process.execPath, [MAIN, ...args], options);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Exit 1, nothing on stdout, exactly one line on stderr that matches every pattern. */
function assertOneLineError(run: Run, ...patterns: RegExp[]): void {
  assert.strictEqual(run.status, 1, `exit status; stderr: ${run.stderr}`);
  assert.strictEqual(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.strictEqual(lines.length, 1, `one line, got:\n${run.stderr}`);
  assert.ok(lines[0].startsWith('error: '), lines[0]);
  for (const pattern of patterns) assert.match(lines[0], pattern);
}

describe('post-ad arguments', function () {
  this.timeout(60_000);
  let dir: string;
  let csv: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'post-cli-'));
    csv = path.join(dir, 'data.csv');
    const rows = ['a,b'];
    for (let t = 0; t < 40; t++) rows.push(`${Math.sin(t)},${Math.cos(t)}`);
    await fs.writeFile(csv, rows.join('\n') + '\n');
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints help listing the three commands', () => {
    const run = postAd(['--help'], dir);
    assert.strictEqual(run.status, 0);
    for (const command of ['detect', 'synth', 'demo']) {
      assert.match(run.stdout, new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('names an unknown preset and the known ones', () => {
    const run = postAd(['detect', csv, '--preset', 'huge'], dir);
    assertOneLineError(run, /--preset/, /'huge'/, /default, paper, tiny/);
  });

  it('names a --set that is not key=value', () => {
    const run = postAd(['detect', csv, '--set', 'epochs'], dir);
    assertOneLineError(run, /'--set epochs' is not of the form key=value/);
  });

  it('names a --set value out of range with its bounds', () => {
    const run = postAd(['detect', csv, '--set', 'epochs=0'], dir);
    assertOneLineError(run, /Setting 'epochs' is "0"; it must be an integer from 1 to 1000/);
  });

  it('names an unknown --set key', () => {
    const run = postAd(['detect', csv, '--set', 'epoch=3'], dir);
    assertOneLineError(run, /Unknown setting 'epoch'/);
  });

  it('names a missing input file by its full path', () => {
    const run = postAd(['detect', 'nope.csv'], dir);
    assertOneLineError(run, new RegExp(`'${escape(path.join(dir, 'nope.csv'))}' does not exist`));
  });

  it('names a missing label file', () => {
    const run = postAd(['detect', csv, '--labels', 'missing_labels.csv'], dir);
    assertOneLineError(run, /label file '.*missing_labels\.csv' does not exist/);
  });

  it('refuses --train together with --model', async () => {
    const modelDir = path.join(dir, 'model');
    await fs.mkdir(modelDir, { recursive: true });
    const run = postAd(['detect', csv, '--train', csv, '--model', modelDir], dir);
    assertOneLineError(run, /--train.*--model.*not both/);
  });

  it('refuses to replace a folder that holds other files', async () => {
    const precious = path.join(dir, 'thesis');
    await fs.mkdir(precious, { recursive: true });
    await fs.writeFile(path.join(precious, 'draft.tex'), 'keep me');

    const run = postAd(['detect', csv, '--out', precious], dir);

    assertOneLineError(run, /is not empty and holds no earlier results/);
    assert.deepStrictEqual(await fs.readdir(precious), ['draft.tex']);
  });

  it('rejects a training fraction outside (0, 1)', () => {
    const run = postAd(['detect', csv, '--train-fraction', '1.5'], dir);
    assertOneLineError(run, /--train-fraction/, /'1.5' is not a number between 0 and 1/);
  });

  it('rejects an unknown segment format and names the known words', () => {
    const run = postAd(['detect', csv, '--segments', 'smd,sideways'], dir);
    assertOneLineError(run, /--segments/, /'sideways' is not a segment format/);
  });

  it('rejects segment words that contradict each other', () => {
    const run = postAd(['detect', csv, '--segments', 'smd,asd'], dir);
    assertOneLineError(run, /--segments/, /names 2 conventions \(smd, asd\); give one/);
    const twice = postAd(['detect', csv, '--segments', 'end-inclusive,end-exclusive'], dir);
    assertOneLineError(twice, /two different things about whether the end row is included/);
  });

  it('points from an editor run setting given to --set to its option', () => {
    const run = postAd(['detect', csv, '--set', 'backend=cpu'], dir);
    assertOneLineError(run, /'backend' is not a --set key on the command line; use --backend/);
  });

  it('refuses __proto__ as a setting like any unknown key', () => {
    const run = postAd(['detect', csv, '--set', '__proto__=1'], dir);
    assertOneLineError(run, /Unknown setting '__proto__'/);
  });

  it('rejects an unknown backend', () => {
    const run = postAd(['detect', csv, '--backend', 'tpu'], dir);
    assertOneLineError(run, /--backend/, /'tpu' is not a backend/);
  });

  it('names the backend setting when a forced backend does not load', function () {
    if (packageResolves('@tensorflow/tfjs-node')) this.skip(); // it loads here: nothing to report
    const run = postAd(['detect', csv, '--backend', 'tensorflow'], dir);
    assertOneLineError(run, /'backend' is 'tensorflow'/, /@tensorflow\/tfjs-node/);
  });

  it('rejects an empty --out instead of falling back to the default folder', () => {
    const run = postAd(['detect', csv, '--out', ''], dir);
    assertOneLineError(run, /--out/, /the folder name is empty/);
  });

  it('rejects an unknown option', () => {
    const run = postAd(['detect', csv, '--colour'], dir);
    assertOneLineError(run, /unknown option '--colour'/);
  });

  it('requires --out for synth', () => {
    const run = postAd(['synth'], dir);
    assertOneLineError(run, /--out/);
  });

  it('leaves no results folder behind when the input or a setting is bad', async () => {
    const cwd = await fs.mkdtemp(path.join(dir, 'cwd-'));
    assert.strictEqual(postAd(['detect', 'absent.csv'], cwd).status, 1);
    assert.strictEqual(postAd(['detect', csv, '--set', 'epochs=0'], cwd).status, 1);
    assert.deepStrictEqual(await fs.readdir(cwd), []);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
