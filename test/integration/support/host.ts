/**
 * What the host tests share: the extension's API, the fixture workspace, polling for state
 * that VS Code updates asynchronously (tabs, webview reports), workspace settings that are put
 * back afterwards, and a recorder for the notifications the extension shows.
 *
 * Used by every test/integration/*.test.ts. These run inside the extension host, so `vscode`
 * here is the API object VS Code hands to this extension: the test files live in the
 * extension's folder, so they share it with the extension's own code.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

import type { RenderedReport } from '../../../src/protocol';
import type { RunSummary } from '../../../src/engine/io/resultFiles';

export const EXTENSION_ID = 'post-ad.post-anomaly';

/** The API object `activate()` returns. */
export interface PostApi {
  lastRun(): { outDir: string } | undefined;
  panelReport(): RenderedReport | undefined;
  isRunning(): boolean;
  trust(): { trusted: boolean; ignored: string[] };
}

/** What the detect commands resolve to: undefined when cancelled or failed. */
export type DetectOutcome = { outDir: string; events: number } | undefined;

export const COMMANDS = {
  detect: 'postAnomaly.detect',
  detectWithTraining: 'postAnomaly.detectWithTraining',
  scoreWithModel: 'postAnomaly.scoreWithModel',
  openResults: 'postAnomaly.openResults',
  cancel: 'postAnomaly.cancel',
  exportResults: 'postAnomaly.exportResults',
  showLog: 'postAnomaly.showLog',
} as const;

export async function activateExtension(): Promise<PostApi> {
  const extension = vscode.extensions.getExtension<PostApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return folder.uri.fsPath;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), ...parts));
}

/** The folder the extension writes a file's results to by default (outputFolder ""). */
export function resultsDir(fileName: string): string {
  return path.join(workspaceDir(), 'post-results', path.parse(fileName).name);
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function readSummary(outDir: string): RunSummary {
  return readJson<RunSummary>(path.join(outDir, 'summary.json'));
}

/** The anomalies test/fixtures/make-workspace.mjs injected into sensors.csv (0-based rows). */
export interface InjectedAnomaly {
  kind: string;
  start: number;
  end: number;
  channels: string[];
}

export function injectedAnomalies(): InjectedAnomaly[] {
  // from out/test/integration/support to the repository root
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  return readJson<InjectedAnomaly[]>(path.join(root, 'test', 'fixtures', 'anomalies.json'));
}

export function detect(command: string, ...args: unknown[]): Thenable<DetectOutcome> {
  return vscode.commands.executeCommand<DetectOutcome>(command, ...args);
}

/**
 * Runs a detect command that must succeed. When it resolves to undefined the assertion quotes
 * the errors the extension showed, which is what the user would have read.
 */
export async function detectOk(
  command: string,
  ...args: unknown[]
): Promise<{ outDir: string; events: number }> {
  const shown = recordMessages();
  let outcome: DetectOutcome;
  try {
    outcome = await detect(command, ...args);
  } finally {
    shown.restore();
  }
  assert.ok(outcome, `${command} gave no results; errors shown: ${JSON.stringify(shown.errors)}`);
  return outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `probe` returns something other than undefined or false. Tabs, webview reports
 * and run state change a moment after the command that causes them, so tests wait for them;
 * the timeout only bounds a failure.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s: ${what}`);
    await sleep(100);
  }
}

/** The editor tabs showing the results panel. */
export function resultsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.endsWith('postAnomaly.results'),
    );
}

/** Waits for the panel to report a draw of `outDir` that is not `previous`. */
export function waitForReport(
  api: PostApi,
  outDir: string,
  previous?: RenderedReport,
): Promise<RenderedReport> {
  return waitFor(`the panel to draw ${outDir}`, () => {
    const report = api.panelReport();
    return report && report !== previous && samePath(report.outDir, outDir) && report;
  });
}

export function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/**
 * Sets a workspace setting for one test; `restore()` puts back the workspace value the
 * fixture's .vscode/settings.json had (or removes the key when it had none).
 */
export async function setWorkspaceSetting(
  key: string,
  value: unknown,
): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('postAnomaly');
  const original = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    const fresh = vscode.workspace.getConfiguration('postAnomaly');
    await fresh.update(key, original, vscode.ConfigurationTarget.Workspace);
  };
}

/** Notifications shown while recording; showXxxMessage resolve at once as if dismissed. */
export interface ShownMessages {
  errors: string[];
  warnings: string[];
  infos: string[];
  /** The buttons each error notification offered, in the order of `errors`. */
  errorActions: string[][];
  restore(): void;
}

/**
 * Records the extension's notifications instead of showing them. A test cannot read toasts
 * through the API, and an error with actions would otherwise wait for a click.
 *
 * Limitation: this replaces functions on the `vscode.window` object, which works because VS
 * Code hands one API object per extension and these files are inside the extension's folder.
 * Should that change, the recorder sees nothing and the settings tests fail (they expect one
 * error each), rather than passing silently.
 */
export function recordMessages(): ShownMessages {
  const window = vscode.window as unknown as Record<string, unknown>;
  const names = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const;
  const originals = names.map((name) => window[name]);
  const shown: ShownMessages = {
    errors: [],
    warnings: [],
    infos: [],
    errorActions: [],
    restore: () => names.forEach((name, i) => (window[name] = originals[i])),
  };
  const lists = [shown.errors, shown.warnings, shown.infos];
  names.forEach((name, i) => {
    window[name] = (message: string, ...actions: unknown[]) => {
      lists[i].push(message);
      if (name === 'showErrorMessage') {
        shown.errorActions.push(actions.filter((a): a is string => typeof a === 'string'));
      }
      return Promise.resolve(undefined);
    };
  });
  return shown;
}

/** Files and folders directly in `dir`, sorted; [] when it does not exist. */
export function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}
