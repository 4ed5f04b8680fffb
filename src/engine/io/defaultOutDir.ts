/**
 * The results folder of a run given no `--out`: `<cwd>/post-results/<input name>`, never
 * beside the input. Inputs of the same name from different folders (SMD's and PSM's
 * test.txt, SKAB's many `9.csv`) must not replace each other's results, so a folder that
 * holds anything other than this input's earlier results is passed over for
 * `<parent folder>-<name>`, then `<name>-2`, `<name>-3`, ...
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

import { RESULTS_MARKER } from './atomicDir';

/** Candidates tried before giving up and returning the last (the run then says why). */
const MAX_CANDIDATES = 100;

export function defaultOutDir(input: string, cwd: string): string {
  const file = path.resolve(cwd, input);
  const name = path.basename(file, path.extname(file)) || 'results';
  const parent = path.basename(path.dirname(file));
  const root = path.join(cwd, 'post-results');

  const names = [name, ...(parent ? [`${parent}-${name}`] : [])];
  for (let n = 2; names.length < MAX_CANDIDATES; n++) names.push(`${name}-${n}`);
  const folders = names.map((candidate) => path.join(root, candidate));
  return folders.find((folder) => isFreeFor(folder, file)) ?? folders[folders.length - 1];
}

/** Missing, empty, or holding the results of a run on this same input file. */
function isFreeFor(folder: string, input: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  if (entries.length === 0) return true;
  try {
    const summary = JSON.parse(readFileSync(path.join(folder, RESULTS_MARKER), 'utf8'));
    return path.resolve(String(summary?.input?.path)) === input;
  } catch {
    return false;
  }
}
