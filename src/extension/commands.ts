/**
 * The POST commands. Each takes optional arguments, so that menus pass the clicked file and
 * tests can run without dialogs; what is missing is asked for with a dialog. Each runs inside
 * one wrapper that logs an unexpected error in full and shows it once: commands resolve to a
 * value or undefined, they do not throw.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { RESULT_FILES } from '../engine/io/resultFiles';
import { exportResults } from './exportResults';
import { Log } from './logger';
import { RunController, RunResult } from './run/runController';
import { reportError } from './userErrors';

export interface CommandHost {
  runs: RunController;
  log: Log;
  /** Opens the panel on a results folder (PostError when it is not one). */
  openPanel(outDir: string): Promise<void>;
  /** The results folder the panel shows, if any. */
  shownResults(): string | undefined;
  showLog(): void;
}

const t = vscode.l10n.t;
const DATA_FILTERS = { [t('Data files')]: ['csv', 'tsv', 'txt'] };
const DATA_FILE = /\.(csv|tsv|txt)$/i;

/** Menus pass (uri, selectedUris) or (uri, editor context): keep only a real Uri. */
const asUri = (value: unknown): vscode.Uri | undefined =>
  value instanceof vscode.Uri ? value : undefined;

async function pickFile(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    filters: DATA_FILTERS,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

const inform = (message: string): void => void vscode.window.showInformationMessage(message);

async function pickFolder(title: string, openLabel: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    openLabel,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** The data file: the argument, else the active editor's file when it is data, else a dialog. */
async function dataFile(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = asUri(arg);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && DATA_FILE.test(active.fsPath)) return active;
  return pickFile(t('Choose the data file to scan for anomalies'));
}

/** A saved model: a model folder, or a results folder that holds one in `model/`. */
async function modelFolder(folder: vscode.Uri): Promise<string> {
  const inner = path.join(folder.fsPath, RESULT_FILES.model);
  const exists = (file: string, isDir: boolean) =>
    fs.stat(file).then((stat) => stat.isDirectory() === isDir, () => false);
  const isResults = await exists(path.join(folder.fsPath, RESULT_FILES.summary), false);
  const hasModel = await exists(inner, true);
  return isResults && hasModel ? inner : folder.fsPath;
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  const { runs, log } = host;

  /** Runs a handler; an unexpected error is logged and shown, and the command returns undefined. */
  const guarded =
    <A extends unknown[], R>(name: string, handler: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      log.debug(`command ${name}`);
      try {
        return await handler(...args);
      } catch (error) {
        reportError(error, name, log);
        return undefined;
      }
    };

  const detect = async (uri?: unknown): Promise<RunResult | undefined> => {
    const input = await dataFile(uri);
    return input ? runs.detect(input) : undefined;
  };

  const detectWithTraining = async (uri?: unknown, trainUri?: unknown) => {
    const input = await dataFile(uri);
    if (!input) return undefined;
    const title = t('Choose a file of normal data to train on');
    const train = asUri(trainUri) ?? (await pickFile(title));
    return train ? runs.detect(input, { train: train.fsPath }) : undefined;
  };

  const scoreWithModel = async (uri?: unknown, modelUri?: unknown) => {
    const input = await dataFile(uri);
    if (!input) return undefined;
    const title = t('Choose a saved model (or results) folder');
    const folder = asUri(modelUri) ?? (await pickFolder(title, t('Use Model')));
    return folder ? runs.detect(input, { model: await modelFolder(folder) }) : undefined;
  };

  const openResults = async (folderUri?: unknown): Promise<{ outDir: string } | undefined> => {
    const title = t('Choose a results folder');
    const folder = asUri(folderUri) ?? (await pickFolder(title, t('Open Results')));
    if (!folder) return undefined;
    await host.openPanel(folder.fsPath);
    return { outDir: folder.fsPath };
  };

  const exportCommand = async (targetUri?: unknown): Promise<string | undefined> => {
    const source = host.shownResults() ?? runs.lastRun?.outDir;
    if (!source) {
      inform(t('POST: there are no results to export yet.'));
      return undefined;
    }
    const title = t('Export the results into…');
    const target = asUri(targetUri) ?? (await pickFolder(title, t('Export Here')));
    if (!target) return undefined;
    const copy = await exportResults(source, target.fsPath);
    log.info(`exported ${source} to ${copy}`);
    inform(t('POST: results exported to {0}.', copy));
    return copy;
  };

  const cancel = async (): Promise<number> => {
    const inputs = runs.runningInputs();
    if (inputs.length === 0) {
      inform(t('POST: no run is in progress.'));
      return 0;
    }
    if (inputs.length === 1) return runs.cancel(inputs[0]);
    const all = t('All runs');
    const choice = await vscode.window.showQuickPick([all, ...inputs], {
      placeHolder: t('Which run should stop?'),
    });
    if (!choice) return 0;
    return choice === all ? runs.cancel() : runs.cancel(choice);
  };

  const register = <A extends unknown[], R>(id: string, handler: (...args: A) => Promise<R>) =>
    vscode.commands.registerCommand(id, guarded(id, handler));

  return [
    register('postAnomaly.detect', detect),
    register('postAnomaly.detectWithTraining', detectWithTraining),
    register('postAnomaly.scoreWithModel', scoreWithModel),
    register('postAnomaly.openResults', openResults),
    register('postAnomaly.exportResults', exportCommand),
    register('postAnomaly.cancel', cancel),
    register('postAnomaly.showLog', async () => host.showLog()),
  ];
}
