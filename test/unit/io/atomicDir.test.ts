/**
 * The atomic replacement of a results folder: success, a failure midway, a cancellation, a
 * missing or read-only parent, and refusing to replace a folder that is not ours.
 */
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { PostError } from '../../../src/engine/errors';
import { replaceDirAtomically } from '../../../src/engine/io/atomicDir';

async function summaryOf(dir: string): Promise<string> {
  return fs.readFile(path.join(dir, 'summary.json'), 'utf8');
}

const OLD = '{"formatVersion":1,"old":true}';
const NEW = '{"formatVersion":1,"new":true}';

async function writeOld(dir: string): Promise<void> {
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, 'summary.json'), OLD);
}

describe('replaceDirAtomically', () => {
  let root: string;
  let target: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-atomic-'));
    target = path.join(root, 'results');
  });

  afterEach(async () => {
    await fs.chmod(root, 0o755).catch(() => undefined);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('creates a new folder with what fill wrote, and nothing else beside it', async () => {
    await replaceDirAtomically(target, async (dir) => {
      await fs.writeFile(path.join(dir, 'summary.json'), NEW);
    });

    assert.strictEqual(await summaryOf(target), NEW);
    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });

  it('replaces earlier results completely (no stale file survives)', async () => {
    await writeOld(target);
    await fs.writeFile(path.join(target, 'stale.txt'), 'x');

    await replaceDirAtomically(target, async (dir) => {
      await fs.writeFile(path.join(dir, 'summary.json'), NEW);
    });

    assert.deepStrictEqual(await fs.readdir(target), ['summary.json']);
    assert.strictEqual(await summaryOf(target), NEW);
    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });

  it('leaves earlier results intact and no temporary folder when fill fails midway', async () => {
    await writeOld(target);
    let tempSeen = '';

    await assert.rejects(
      replaceDirAtomically(target, async (dir) => {
        tempSeen = dir;
        await fs.writeFile(path.join(dir, 'scores.csv'), 'half');
        throw new Error('disk full');
      }),
      /disk full/,
    );

    assert.strictEqual(path.dirname(tempSeen), root, 'the temporary folder is a sibling');
    assert.strictEqual(await summaryOf(target), OLD);
    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });

  it('leaves earlier results intact when cancelled during fill', async () => {
    await writeOld(target);
    const abort = new AbortController();

    await assert.rejects(
      replaceDirAtomically(
        target,
        async (dir) => {
          await fs.writeFile(path.join(dir, 'summary.json'), NEW);
          abort.abort();
        },
        abort.signal,
      ),
      (error: unknown) => error instanceof PostError && error.kind === 'cancelled',
    );

    assert.strictEqual(await summaryOf(target), OLD);
    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });

  it('names the folder when the parent does not exist', async () => {
    const missing = path.join(root, 'nope', 'results');
    await assert.rejects(
      replaceDirAtomically(missing, async () => undefined),
      (error: unknown) =>
        error instanceof PostError &&
        error.kind === 'resource' &&
        error.message.includes(path.join(root, 'nope')) &&
        error.message.includes('does not exist'),
    );
  });

  it('names the folder when the parent is read-only', async function () {
    // Root ignores permission bits, so as root a read-only file system stands in.
    let parent = path.join(root, 'locked');
    if (process.getuid?.() === 0) {
      parent = '/sys';
      const probe = path.join(parent, `post-probe-${process.pid}`);
      const writable = await fs.mkdir(probe).then(
        () => true,
        () => false,
      );
      if (writable) {
        await fs.rmdir(probe);
        this.skip();
      }
    } else {
      await fs.mkdir(parent);
      await fs.chmod(parent, 0o555);
    }

    await assert.rejects(
      replaceDirAtomically(path.join(parent, 'results'), async () => undefined),
      (error: unknown) =>
        error instanceof PostError &&
        error.kind === 'resource' &&
        error.message.includes(`'${parent}'`) &&
        error.place.file === parent,
    );
  });

  it('refuses to replace a non-empty folder that holds no results', async () => {
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'thesis.tex'), 'precious');
    // Another program's summary.json is no results marker either.
    await fs.writeFile(path.join(target, 'summary.json'), '{"chapters":3}');

    await assert.rejects(
      replaceDirAtomically(target, async () => undefined),
      (error: unknown) => error instanceof PostError && error.message.includes('not empty'),
    );
    assert.strictEqual(await fs.readFile(path.join(target, 'thesis.tex'), 'utf8'), 'precious');
  });

  it('removes a temporary folder left by a process that no longer exists', async () => {
    // PID 2^22 + 1 is above Linux's pid_max ceiling, so no process can hold it.
    const stale = path.join(root, `.results.tmp-${2 ** 22 + 1}-abcd`);
    await fs.mkdir(stale);

    await replaceDirAtomically(target, async (dir) => {
      await fs.writeFile(path.join(dir, 'summary.json'), '{}');
    });

    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });
});
