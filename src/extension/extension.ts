/**
 * Entry point of the POST Anomaly Detection extension: builds the log, status bar, run
 * controller and results panel, registers the commands and the panel serializer, and returns
 * the small API the integration tests read (last run, what the panel drew, whether a run is
 * going). Training never runs here: each run is a worker process (src/worker/worker.ts).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { PanelCommand, RenderedReport } from '../protocol';
import { registerCommands } from './commands';
import { componentLog } from './logger';
import { PanelDeps, PanelState, ResultsPanel, VIEW_TYPE } from './panel/resultsPanel';
import { RunController } from './run/runController';
import { SETTINGS_PREFIX } from './settings/settingsCatalog';
import { ignoredNotice, ignoredSettings, UNTRUSTED_LIMITS } from './settings/trust';
import { SHOW_PANEL_COMMAND, StatusBar } from './statusBar';
import { reportError } from './userErrors';

/** What activate() returns; the integration tests use it. */
export interface PostAnomalyApi {
  lastRun(): { outDir: string } | undefined;
  panelReport(): RenderedReport | undefined;
  isRunning(): boolean;
  /** Whether the workspace is trusted, and the workspace settings ignored when it is not. */
  trust(): { trusted: boolean; ignored: string[] };
}

export function activate(context: vscode.ExtensionContext): PostAnomalyApi {
  const channel = vscode.window.createOutputChannel('POST Anomaly Detection', { log: true });
  const log = componentLog(channel, 'extension');
  const panelLog = componentLog(channel, 'panel');
  const statusBar = new StatusBar();
  let lastReport: RenderedReport | undefined;
  context.subscriptions.push(channel, statusBar);
  const trusted = vscode.workspace.isTrusted;
  log.info(`activated (VS Code ${vscode.version}, trusted workspace: ${trusted})`);

  // VS Code withholds the restricted settings of an untrusted workspace; the log says which.
  const trustState = () => {
    const configuration = vscode.workspace.getConfiguration(SETTINGS_PREFIX);
    const inspect = (key: string) => configuration.inspect(key);
    const isTrusted = vscode.workspace.isTrusted;
    return { trusted: isTrusted, ignored: ignoredSettings(isTrusted, inspect) };
  };
  if (!trusted) {
    log.warn(UNTRUSTED_LIMITS);
    const notice = ignoredNotice(trustState().ignored);
    if (notice) log.warn(notice);
  }

  const runPanelCommand = (command: PanelCommand, outDir: string | undefined): void => {
    const run = async () => {
      switch (command) {
        case 'exportResults':
          return vscode.commands.executeCommand('postAnomaly.exportResults');
        case 'showLog':
          return channel.show(true);
        case 'openSettings':
          return vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_PREFIX);
        case 'openReport':
          // Limitation: in a remote window (SSH, code-server) the file is on the remote machine
          // and the local browser cannot open it; Export Results copies it instead.
          if (!outDir) return undefined;
          return vscode.env.openExternal(vscode.Uri.file(path.join(outDir, 'report.html')));
        default: {
          const unhandled: never = command;
          return unhandled;
        }
      }
    };
    run().then(undefined, (error: unknown) => reportError(error, `panel ${command}`, panelLog));
  };

  const panelDeps: PanelDeps = {
    extensionUri: context.extensionUri,
    log: panelLog,
    runCommand: runPanelCommand,
    onRendered: (report) => (lastReport = report),
  };
  const openPanel = async (outDir: string, preserveFocus = false): Promise<void> => {
    await ResultsPanel.createOrShow(panelDeps, preserveFocus).show(outDir);
  };

  const runs = new RunController(
    {
      workerPath: path.join(__dirname, '..', 'worker', 'worker.js'),
      fallbackRoot: context.globalStorageUri.fsPath,
      statusBar,
      onRunState: (run) => ResultsPanel.instance?.showRun(run),
      onLoss: (input, points) => ResultsPanel.instance?.showLoss(input, points),
      // The user keeps typing while the panel opens beside the editor.
      onResults: (outDir) => openPanel(outDir, true),
    },
    componentLog(channel, 'run'),
  );
  context.subscriptions.push(runs);

  context.subscriptions.push(
    ...registerCommands({
      runs,
      log: componentLog(channel, 'command'),
      openPanel: (outDir) => openPanel(outDir),
      shownResults: () => ResultsPanel.instance?.outDir,
      showLog: () => channel.show(true),
    }),
    vscode.commands.registerCommand(SHOW_PANEL_COMMAND, async () => {
      const panel = ResultsPanel.createOrShow(panelDeps);
      const last = runs.lastRun?.outDir;
      if (panel.outDir || !last) return;
      await panel.show(last).catch((e) => reportError(e, 'Opening the panel', panelLog));
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state?: PanelState) => {
        log.info(`restoring the results panel (${state?.outDir ?? 'no results'})`);
        ResultsPanel.revive(panelDeps, panel, state);
      },
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('the workspace is now trusted: its settings apply from the next run');
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_PREFIX)) {
        componentLog(channel, 'settings').info('settings changed; they apply to the next run');
      }
    }),
    { dispose: () => ResultsPanel.instance?.dispose() },
  );

  return {
    lastRun: () => (runs.lastRun ? { outDir: runs.lastRun.outDir } : undefined),
    panelReport: () => lastReport,
    isRunning: () => runs.isRunning(),
    trust: trustState,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions, which also cancels running workers.
}
