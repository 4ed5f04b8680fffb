/**
 * Where results go: `post-results` in the workspace folder by default, the data file's
 * folders kept so equal names do not collide, relative settings resolved against the
 * workspace folder, and a folder that would hold (and so replace) the data file refused.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PostError } from '../../../src/engine/errors';
import { makeParent, resultsFolderFor } from '../../../src/extension/run/resultsFolder';

const ws = path.resolve('/work/project');
const context = { workspaceFolder: ws, fallbackRoot: path.resolve('/storage') };

describe('resultsFolderFor', () => {
  it('uses post-results in the workspace folder by default', () => {
    const folder = resultsFolderFor(path.join(ws, 'data.csv'), '', context);
    assert.strictEqual(folder, path.join(ws, 'post-results', 'data'));
  });

  it('keeps the file\'s folders inside the workspace', () => {
    const a = resultsFolderFor(path.join(ws, 'a', 'data.csv'), '', context);
    const b = resultsFolderFor(path.join(ws, 'b', 'data.csv'), '', context);
    assert.strictEqual(a, path.join(ws, 'post-results', 'a', 'data'));
    assert.notStrictEqual(a, b);
  });

  it('uses the extension storage for files outside any workspace folder', () => {
    const noWorkspace = { fallbackRoot: context.fallbackRoot };
    const outside = resultsFolderFor(path.resolve('/tmp/x/m.csv'), '', noWorkspace);
    assert.strictEqual(outside, path.join(context.fallbackRoot, 'post-results', 'm'));
  });

  it('resolves a relative setting against the workspace folder, keeps an absolute one', () => {
    const input = path.join(ws, 'd.csv');
    const relative = resultsFolderFor(input, 'out/runs', context);
    assert.strictEqual(relative, path.join(ws, 'out', 'runs', 'd'));
    const absolute = path.resolve('/results');
    assert.strictEqual(resultsFolderFor(input, absolute, context), path.join(absolute, 'd'));
  });

  it('refuses a relative setting when there is no workspace folder', () => {
    assert.throws(
      () => resultsFolderFor(path.resolve('/tmp/d.csv'), 'out', { fallbackRoot: '/s' }),
      (e: unknown) => e instanceof PostError && e.place.setting === 'postAnomaly.outputFolder',
    );
  });

  it('refuses a results folder that would contain the data file', () => {
    // '..' from /work/project, for project.csv, is /work/project: the whole workspace.
    const input = path.join(ws, 'project.csv');
    assert.throws(
      () => resultsFolderFor(input, '..', context),
      (e: unknown) =>
        e instanceof PostError &&
        e.kind === 'setting' &&
        /would contain the data file/.test(e.message),
    );
  });
});

describe('makeParent', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'post-parent-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the missing folders above the results folder, not the folder itself', async () => {
    const outDir = path.join(dir, 'post-results', 'a', 'data');
    await makeParent(outDir);
    assert.ok(fs.statSync(path.dirname(outDir)).isDirectory());
    assert.strictEqual(fs.existsSync(outDir), false);
  });

  it('names the folder and the setting when it cannot be created', async () => {
    const file = path.join(dir, 'taken');
    fs.writeFileSync(file, 'not a folder');
    await assert.rejects(
      makeParent(path.join(file, 'sub', 'data')),
      (e: unknown) =>
        e instanceof PostError &&
        e.place.setting === 'postAnomaly.outputFolder' &&
        e.message.includes(path.join(file, 'sub')),
    );
  });
});
