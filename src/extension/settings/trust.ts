/**
 * Workspace Trust: what the extension does not do in an untrusted workspace, and which of the
 * workspace's own settings it ignored for that reason, in words for the log.
 *
 * VS Code itself withholds the workspace values of the restricted settings (package.json
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`) from an untrusted workspace;
 * this module finds the ones a workspace set, so the log can say which were not used. Imports
 * no `vscode`: the extension passes `isTrusted` and an inspector of the configuration.
 * Called at activation, when trust is granted, and by the run controller before each run.
 */
import { RESTRICTED_SETTINGS, SETTINGS_PREFIX } from './settingsCatalog';

/** The values `WorkspaceConfiguration.inspect` reports for the workspace and its folders. */
export interface WorkspaceValues {
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export type SettingInspector = (key: string) => WorkspaceValues | undefined;

/** What the extension declares it does not do in an untrusted workspace (shown in the log). */
export const UNTRUSTED_LIMITS =
  'This workspace is not trusted: its own values of ' +
  RESTRICTED_SETTINGS.map((key) => `${SETTINGS_PREFIX}.${key}`).join(', ') +
  ' are not used (results go to the default folder, the backend is chosen automatically, ' +
  'label and time columns are found by their names). Detection only reads the data file ' +
  'you choose; no model or path named by the workspace is loaded. Trust the workspace to ' +
  'use its settings.';

/** Full names of the restricted settings the workspace set, which an untrusted one ignores. */
export function ignoredSettings(trusted: boolean, inspect: SettingInspector): string[] {
  if (trusted) return [];
  return RESTRICTED_SETTINGS.filter((key) => {
    const values = inspect(key);
    return values?.workspaceValue !== undefined || values?.workspaceFolderValue !== undefined;
  }).map((key) => `${SETTINGS_PREFIX}.${key}`);
}

/** One log line naming the ignored settings; undefined when none was ignored. */
export function ignoredNotice(ignored: readonly string[]): string | undefined {
  if (ignored.length === 0) return undefined;
  const which = ignored.join(', ');
  return (
    `The workspace sets ${which}, which ${ignored.length === 1 ? 'is' : 'are'} not used ` +
    'because the workspace is not trusted. Trust the workspace to use ' +
    `${ignored.length === 1 ? 'it' : 'them'}.`
  );
}
