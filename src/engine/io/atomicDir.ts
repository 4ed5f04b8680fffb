/**
 * Replaces a results folder atomically: everything is written into a temporary sibling folder,
 * which then takes the old folder's place by renames, under a lock file so that two runs on
 * the same folder swap one after the other. A failed or cancelled run leaves the earlier
 * results as they were and no temporary folder behind.
 *
 * Called by the result writer (io/writeResults.ts) on behalf of the detection job.
 */
import { randomBytes } from 'crypto';
import { constants as fsConstants, promises as fs } from 'fs';
import * as path from 'path';

import { cancelled, isPostError, PostError } from '../errors';

/** A folder that may be replaced: absent, empty, or holding this file from an earlier run. */
export const RESULTS_MARKER = 'summary.json';

const TEMP_TAG = '.tmp-';
const OLD_TAG = '.old-';
const LOCK_TAG = '.lock';
/** How long a run waits for another one to finish swapping the same folder (a few renames). */
const LOCK_WAIT_MS = 50;
const LOCK_ATTEMPTS = 200;

/**
 * Runs `fill` on a fresh temporary folder beside `target`, then swaps it in for `target`.
 * On any error (cancellation included) the temporary folder is removed and `target` is
 * untouched. Refuses to replace an existing folder that does not look like results, so a
 * mistyped `--out` never deletes a user's folder.
 */
export async function replaceDirAtomically(
  target: string,
  fill: (tempDir: string) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  const base = path.basename(absolute);

  await checkParent(parent);
  await checkReplaceable(absolute);
  await removeStaleSiblings(parent, base);
  if (signal?.aborted) throw cancelled();

  const temp = path.join(parent, `.${base}${TEMP_TAG}${process.pid}-${suffix()}`);
  await mkdirOrExplain(temp, parent);
  try {
    await fill(temp);
    if (signal?.aborted) throw cancelled();
    await withSwapLock(absolute, () => swapIn(temp, absolute));
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The checks `replaceDirAtomically` makes first, for callers that want to fail before a long
 * run rather than after it: the parent exists and the target is absent, empty or results.
 */
export async function checkTarget(target: string): Promise<void> {
  const absolute = path.resolve(target);
  await checkParent(path.dirname(absolute));
  await checkReplaceable(absolute);
}

async function checkParent(parent: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(parent);
  } catch {
    throw new PostError(
      'resource',
      `The folder '${parent}' does not exist; create it or choose another results folder.`,
      { file: parent, setting: 'out' },
    );
  }
  if (!stat.isDirectory()) {
    throw new PostError(
      'resource',
      `'${parent}' is not a folder; choose another results folder.`,
      { file: parent, setting: 'out' },
    );
  }
  try {
    await fs.access(parent, fsConstants.W_OK);
  } catch {
    throw new PostError(
      'resource',
      `The folder '${parent}' is read-only; change its permissions or choose another ` +
        'results folder.',
      { file: parent, setting: 'out' },
    );
  }
}

async function checkReplaceable(target: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    return;
  }
  if (!stat.isDirectory()) {
    throw new PostError(
      'resource',
      `'${target}' is a file, not a results folder; choose another results folder.`,
      { file: target, setting: 'out' },
    );
  }
  const entries = await fs.readdir(target);
  if (entries.length > 0 && !(await holdsResults(target))) {
    throw new PostError(
      'resource',
      `The folder '${target}' is not empty and holds no earlier results (no ${RESULTS_MARKER}); ` +
        'it would be replaced, so choose an empty or new results folder.',
      { file: target, setting: 'out' },
    );
  }
}

/** True when the folder's marker file is a results summary (JSON with a format version). */
async function holdsResults(dir: string): Promise<boolean> {
  try {
    const summary = JSON.parse(await fs.readFile(path.join(dir, RESULTS_MARKER), 'utf8'));
    return typeof summary === 'object' && summary !== null && 'formatVersion' in summary;
  } catch {
    return false;
  }
}

/**
 * Removes temporary folders left by a run of this target that was killed (the process no
 * longer exists). Folders of a live process, possibly another run, are left alone.
 */
async function removeStaleSiblings(parent: string, base: string): Promise<void> {
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = ownerPid(name, base);
    if (pid !== undefined && !processAlive(pid)) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

function ownerPid(name: string, base: string): number | undefined {
  for (const tag of [TEMP_TAG, OLD_TAG]) {
    const prefix = `.${base}${tag}`;
    if (name.startsWith(prefix)) {
      const pid = Number(name.slice(prefix.length).split('-')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    }
  }
  return undefined;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function mkdirOrExplain(dir: string, parent: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new PostError(
      'resource',
      `Cannot write results into the folder '${parent}' (${code}); check its permissions ` +
        'or choose another results folder.',
      { file: parent, setting: 'out' },
    );
  }
}

/**
 * Runs `swap` holding `.<name>.lock` beside the target, so that two runs writing the same
 * results folder at once (two terminals, the command line beside the editor) swap one after
 * the other instead of moving each other's folders away. A lock whose process no longer
 * exists is taken over.
 *
 * Limitation: the lock is advisory and local: on a network share another machine's process
 * cannot be checked, so its stale lock makes a run wait ten seconds and then fail, naming the
 * lock file to remove.
 */
async function withSwapLock(target: string, swap: () => Promise<void>): Promise<void> {
  const lock = path.join(path.dirname(target), `.${path.basename(target)}${LOCK_TAG}`);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw asResourceError(error, target);
    }
    const owner = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
    if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
      await fs.rm(lock, { force: true });
    } else if (attempt >= LOCK_ATTEMPTS) {
      throw new PostError(
        'resource',
        `Another run is writing the results folder '${target}'; wait for it to finish or ` +
          `choose another results folder (remove '${lock}' if no run is going).`,
        { file: target, setting: 'out' },
      );
    } else {
      await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
    }
  }
  try {
    await swap();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/**
 * Moves the old folder aside, renames the new one into place, then deletes the old one. If
 * the second rename fails the old folder is moved back, so the target never goes missing.
 * A plain rename over a non-empty folder is not possible on every platform, hence the aside.
 *
 * Limitation: a process killed between the two renames leaves no target; the earlier results
 * then sit in `.<name>.old-<pid>-*` until the next run for the same target removes them.
 */
async function swapIn(temp: string, target: string): Promise<void> {
  const asideName = `.${path.basename(target)}${OLD_TAG}${process.pid}-${suffix()}`;
  const aside = path.join(path.dirname(target), asideName);
  const hadOld = await exists(target);
  if (hadOld) {
    try {
      await fs.rename(target, aside);
    } catch (error) {
      throw asResourceError(error, target);
    }
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    if (hadOld) await fs.rename(aside, target);
    throw asResourceError(error, target);
  }
  if (hadOld) await fs.rm(aside, { recursive: true, force: true });
}

function asResourceError(error: unknown, target: string): unknown {
  if (isPostError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new PostError(
    'resource',
    `Cannot replace the results folder '${target}' (${code}); close programs using it and retry.`,
    { file: target, setting: 'out' },
  );
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

function suffix(): string {
  return randomBytes(4).toString('hex');
}
