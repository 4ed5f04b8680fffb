/**
 * Copies a results folder (scores, events, graph, model, report.html...) into a folder the
 * user chooses, as `<target>/<results folder name>`. Used by the Export Results command and
 * the panel's Export button. Imports no `vscode`.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { PostError } from '../engine/errors';

const isInside = (parent: string, child: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Copies `source` into `targetFolder`; returns the copy's path. Replaces an earlier copy. */
export async function exportResults(source: string, targetFolder: string): Promise<string> {
  const from = path.resolve(source);
  const destination = path.join(path.resolve(targetFolder), path.basename(from));
  if (isInside(from, destination)) {
    throw new PostError(
      'setting',
      `Cannot export '${from}' into itself ('${targetFolder}'); choose a folder outside it.`,
      { file: targetFolder },
    );
  }
  try {
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.rm(destination, { recursive: true, force: true });
    await fs.cp(from, destination, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PostError(
      'resource',
      `Could not copy the results to '${destination}' (${reason}). ` +
        'Choose a folder you can write to.',
      { file: destination },
    );
  }
  return destination;
}
