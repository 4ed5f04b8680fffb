/**
 * The lock that makes two runs writing the same results folder swap it one after the other
 * (src/engine/io/atomicDir.ts): a run waits while another live process holds the lock, takes
 * over a lock whose process has died, and removes its own lock when done.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { replaceDirAtomically } from '../../../src/engine/io/atomicDir';

/** A process id that no running process has: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const writeMarker = (text: string) => async (dir: string) => {
  await fs.writeFile(path.join(dir, 'summary.json'), JSON.stringify({ formatVersion: 1, text }));
};

describe('the swap lock of a results folder', () => {
  let root: string;
  let target: string;
  let lock: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'post-lock-'));
    target = path.join(root, 'results');
    lock = path.join(root, '.results.lock');
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    await fs.writeFile(lock, String(deadPid()));

    await replaceDirAtomically(target, writeMarker('new'));

    const summary = JSON.parse(await fs.readFile(path.join(target, 'summary.json'), 'utf8'));
    assert.strictEqual(summary.text, 'new');
    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });

  it('waits while a live process holds the lock, then swaps', async () => {
    await fs.writeFile(lock, String(process.pid));
    let swapped = false;
    const run = replaceDirAtomically(target, writeMarker('after')).then(() => (swapped = true));
    // Let the run reach the lock: its fill has finished once the temporary folder holds it.
    for (let i = 0; i < 100 && !(await tempFilled(root)); i++) await sleep(20);

    assert.ok(await tempFilled(root), 'the run did not get to the swap');
    assert.strictEqual(swapped, false, 'swapped although the lock was held');
    await fs.rm(lock);
    await run;

    assert.ok(swapped);
    assert.deepStrictEqual(await fs.readdir(root), ['results']);
  });
});

async function tempFilled(root: string): Promise<boolean> {
  const temps = (await fs.readdir(root)).filter((name) => name.startsWith('.results.tmp-'));
  if (temps.length !== 1) return false;
  return (await fs.readdir(path.join(root, temps[0]))).includes('summary.json');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
