/**
 * How failures reach the user: one notification that names the file, row or setting and says
 * what to do, with "Show Log" (the full error is in the log) and "Open Settings" when a
 * setting is at fault, or "Open File" when a line of a file is. Called at every command
 * boundary and when a run fails.
 */
import * as vscode from 'vscode';
import { ConfigError } from '../engine/config';
import { ErrorPlace, isPostError } from '../engine/errors';
import { Log } from './logger';
import { SETTING_KEYS, SETTINGS_PREFIX } from './settings/settingsCatalog';

export interface UserFacingError {
  message: string;
  place: ErrorPlace;
}

const SHOW_LOG = vscode.l10n.t('Show Log');
const OPEN_SETTINGS = vscode.l10n.t('Open Settings');
const OPEN_FILE = vscode.l10n.t('Open File');

/** Request options of the engine that come from a setting of another name. */
const SETTING_OF_OPTION: Record<string, string> = { labels: 'labelColumn', out: 'outputFolder' };

/** The full setting name for an engine key ('window' -> 'postAnomaly.window'), if it is one. */
export function settingOf(place: ErrorPlace): string | undefined {
  const setting = place.setting;
  if (!setting) return undefined;
  if (setting.startsWith(`${SETTINGS_PREFIX}.`)) return setting;
  const key = SETTING_OF_OPTION[setting] ?? setting;
  return SETTING_KEYS.includes(key) ? `${SETTINGS_PREFIX}.${key}` : undefined;
}

/** Shows the error and runs the action the user picks; resolves when the notification closes. */
export async function showUserError(error: UserFacingError, log: Log): Promise<void> {
  const setting = settingOf(error.place);
  const file = error.place.file;
  const actions = [SHOW_LOG];
  if (setting) actions.push(OPEN_SETTINGS);
  else if (file && error.place.line) actions.push(OPEN_FILE);

  const choice = await vscode.window.showErrorMessage(error.message, ...actions);
  if (choice === SHOW_LOG) {
    log.info('opened from a notification');
    await vscode.commands.executeCommand('postAnomaly.showLog');
  } else if (choice === OPEN_SETTINGS && setting) {
    await vscode.commands.executeCommand('workbench.action.openSettings', setting);
  } else if (choice === OPEN_FILE && file) {
    const line = Math.max(0, (error.place.line ?? 1) - 1);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const selection = new vscode.Range(line, 0, line, 0);
    await vscode.window.showTextDocument(document, { selection });
  }
}

/**
 * Any error at a command boundary: PostError and ConfigError as they are (they say what to
 * do), anything else as an internal error with the full stack in the log.
 */
export function toUserError(error: unknown, what: string): UserFacingError {
  if (isPostError(error)) return { message: error.message, place: error.place };
  if (error instanceof ConfigError) {
    return { message: error.message, place: { setting: error.key } };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    message: vscode.l10n.t(
      'POST: {0} failed unexpectedly ({1}). The log has the details; please report it.',
      what,
      detail,
    ),
    place: {},
  };
}

/** Logs an error in full and shows it; never throws (notifications are not awaited by callers). */
export function reportError(error: unknown, what: string, log: Log): void {
  log.error(`${what} failed`, error);
  void showUserError(toUserError(error, what), log).catch((e) => log.error('notification', e));
}
