/**
 * Where a data file's results go: `<output folder>/<file's path in its workspace folder,
 * without extension>`, the output folder being the `postAnomaly.outputFolder` setting resolved
 * against the workspace folder (default `post-results` there; a relative one may not climb out
 * of it), never beside the data unless the user sets it so. The engine replaces that folder
 * as a whole, so it is checked not to hold the data file; its parent folders are created
 * before the run (`makeParent`). Imports no
 * `vscode`; called by the run controller with paths it has looked up.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PostError } from '../../engine/errors';
import { settingName } from '../settings/runSettings';

export const DEFAULT_RESULTS_FOLDER = 'post-results';

export interface FolderContext {
  /** The workspace folder holding the data file, if any. */
  workspaceFolder?: string;
  /** Where results go when the file is in no workspace folder (the extension's storage). */
  fallbackRoot: string;
}

const isInside = (parent: string, child: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

function outputRoot(outputFolder: string, context: FolderContext): string {
  const setting = settingName('outputFolder');
  if (outputFolder === '') {
    return path.join(context.workspaceFolder ?? context.fallbackRoot, DEFAULT_RESULTS_FOLDER);
  }
  const expanded = outputFolder.replace(/^~(?=$|[\\/])/, os.homedir());
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  if (!context.workspaceFolder) {
    throw new PostError(
      'setting',
      `Setting '${setting}' is the relative path '${outputFolder}', but the data file is in no ` +
        'workspace folder to resolve it from. Use an absolute path or open the folder.',
      { setting },
    );
  }
  return path.resolve(context.workspaceFolder, expanded);
}

/** The results folder for `input` (an absolute path); PostError when it would hold the input. */
export function resultsFolderFor(
  input: string,
  outputFolder: string,
  context: FolderContext,
): string {
  const root = outputRoot(outputFolder, context);
  const parsed = path.parse(input);

  // A file inside the workspace keeps its folders, so a/data.csv and b/data.csv do not collide.
  const inWorkspace = context.workspaceFolder && isInside(context.workspaceFolder, input);
  const relativeDir = inWorkspace ? path.relative(context.workspaceFolder!, parsed.dir) : '';
  const outDir = path.join(root, relativeDir, parsed.name || 'results');

  if (isInside(outDir, input)) {
    const setting = settingName('outputFolder');
    throw new PostError(
      'setting',
      `The results folder '${outDir}' would contain the data file '${input}', and it is ` +
        `replaced on every run. Choose another '${setting}' or move the file.`,
      { setting, file: input },
    );
  }
  checkStaysInside(outputFolder, root, context);
  return outDir;
}

/**
 * A relative output folder must stay inside the workspace folder: a setting shared with the
 * project (`.vscode/settings.json`) that climbs out with `..` would write where nobody looks.
 * An absolute path (or `~`) is the user's explicit choice and is kept; VS Code ignores the
 * workspace's value of this setting in an untrusted workspace.
 */
function checkStaysInside(outputFolder: string, root: string, context: FolderContext): void {
  const absolute = path.isAbsolute(outputFolder) || /^~(?=$|[\\/])/.test(outputFolder);
  if (outputFolder === '' || absolute || !context.workspaceFolder) return;
  if (isInside(context.workspaceFolder, root)) return;
  const setting = settingName('outputFolder');
  throw new PostError(
    'setting',
    `Setting '${setting}' is the relative path '${outputFolder}', which leads out of the ` +
      `workspace folder '${context.workspaceFolder}' (to '${root}'). Use a folder inside the ` +
      'workspace, or an absolute path to write elsewhere.',
    { setting },
  );
}

/** The engine replaces the results folder but wants its parent (`post-results/...`) to exist. */
export async function makeParent(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  try {
    await fs.mkdir(parent, { recursive: true });
  } catch (error) {
    const setting = settingName('outputFolder');
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PostError(
      'resource',
      `Cannot create the results folder '${parent}' (${code}). ` +
        `Choose a folder you can write to in '${setting}'.`,
      { file: parent, setting },
    );
  }
}
