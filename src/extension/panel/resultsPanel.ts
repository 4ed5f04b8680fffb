/**
 * The results panel (webview viewType `postAnomaly.results`): one object owns the webview
 * panel, the loaded results it shows and its message handling, from creation (or revival
 * after a window reload, through the serializer in extension.ts) to disposal. The page keeps
 * no data when hidden (retainContextWhenHidden is off): every `ready` gets the state again.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { isPostError } from '../../engine/errors';
import {
  acceptFromWebview,
  FromWebview,
  LossPoint,
  PanelCommand,
  RenderedReport,
  RunStateView,
  ToWebview,
} from '../../protocol';
import { Log } from '../logger';
import { loadResults } from './loadResults';
import { makeNonce, panelHtml, panelWebviewOptions } from './panelHtml';
import { describeSummary } from './summaryLines';
import { buildRangeView, buildResultsView, LoadedResults } from './viewModel';

export const VIEW_TYPE = 'postAnomaly.results';

const describe = (error: unknown): string => (isPostError(error) ? error.message : String(error));

export interface PanelDeps {
  extensionUri: vscode.Uri;
  log: Log;
  /** Runs a button of the panel (export, log, settings, report). */
  runCommand(command: PanelCommand, outDir: string | undefined): void;
  /** Called with each report of what the page drew. */
  onRendered(report: RenderedReport): void;
}

/** What the webview keeps with vscode.setState; the serializer reads `outDir` after a reload. */
export interface PanelState {
  outDir?: string;
}

export class ResultsPanel implements vscode.Disposable {
  private static current: ResultsPanel | undefined;

  private loaded: LoadedResults | undefined;
  /** Counts loads, so that only the latest one shows when several overlap. */
  private loads = 0;
  private loading = false;
  private ready = false;
  private disposed = false;
  private lastRun: RunStateView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Reveals the panel, creating it when there is none. */
  static createOrShow(deps: PanelDeps, preserveFocus = false): ResultsPanel {
    if (ResultsPanel.current) {
      ResultsPanel.current.panel.reveal(undefined, preserveFocus);
      return ResultsPanel.current;
    }
    const mediaRoot = vscode.Uri.joinPath(deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('POST results'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      ResultsPanel.webviewOptions(mediaRoot),
    );
    ResultsPanel.current = new ResultsPanel(panel, deps);
    return ResultsPanel.current;
  }

  /** Takes over a panel VS Code restored after a reload, and reloads its results folder. */
  static revive(deps: PanelDeps, panel: vscode.WebviewPanel, state?: PanelState): ResultsPanel {
    ResultsPanel.current?.dispose();
    const mediaRoot = vscode.Uri.joinPath(deps.extensionUri, 'media');
    panel.webview.options = ResultsPanel.webviewOptions(mediaRoot);
    const revived = new ResultsPanel(panel, deps);
    ResultsPanel.current = revived;
    // A folder deleted since the reload leaves the panel saying so (show posts 'idle').
    if (state?.outDir) {
      const outDir = state.outDir;
      revived.show(outDir).catch((error) => {
        deps.log.warn(`cannot reopen ${outDir}: ${describe(error)}`);
      });
    }
    return revived;
  }

  static get instance(): ResultsPanel | undefined {
    return ResultsPanel.current;
  }

  private static webviewOptions(mediaRoot: vscode.Uri): vscode.WebviewOptions {
    return panelWebviewOptions(mediaRoot);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // A hidden page is discarded; it says `ready` again when shown, and gets the state then.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  get outDir(): string | undefined {
    return this.loaded?.results.dir;
  }

  /** Loads a results folder and shows it; throws PostError when the folder is damaged. */
  async show(outDir: string): Promise<void> {
    const load = ++this.loads;
    const started = Date.now();
    this.loading = true;
    try {
      const loaded = await loadResults(outDir);
      if (load !== this.loads || this.disposed) return;
      this.loaded = loaded;
      this.panel.title = `POST: ${path.basename(loaded.results.summary.input.path)}`;
      this.deps.log.info(`showing ${outDir} (loaded in ${Date.now() - started} ms)`);
      for (const line of describeSummary(loaded.results.summary)) this.deps.log.info(`  ${line}`);
      this.sendState();
    } catch (error) {
      if (load === this.loads) this.post({ type: 'idle', message: describe(error) });
      throw error;
    } finally {
      if (load === this.loads) this.loading = false;
    }
  }

  /** Tells the page about a run (started, progress, outcome). */
  showRun(run: RunStateView): void {
    this.lastRun = run.state === 'progress' || run.state === 'started' ? run : undefined;
    this.post({ type: 'run', run });
  }

  showLoss(input: string, points: LossPoint[]): void {
    this.post({ type: 'loss', input, points });
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (...parts: string[]) => {
      const file = vscode.Uri.joinPath(this.deps.extensionUri, 'media', ...parts);
      return webview.asWebviewUri(file).toString();
    };
    return panelHtml(
      {
        cspSource: webview.cspSource,
        plotly: media('vendor', 'plotly-strict.min.js'),
        toolkit: media('vendor', 'toolkit.min.js'),
        script: media('webview.js'),
        style: media('panel.css'),
      },
      makeNonce(),
    );
  }

  private sendState(): void {
    if (!this.ready) return;
    if (this.loaded) {
      this.post({ type: 'results', view: buildResultsView(this.loaded) });
    } else if (!this.loading) {
      const message = vscode.l10n.t('Run Detect Anomalies on a CSV file to see results here.');
      this.post({ type: 'idle', message });
    }
    if (this.lastRun) this.post({ type: 'run', run: this.lastRun });
  }

  private post(message: ToWebview): void {
    if (!this.ready || this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.deps.log.debug(`could not post '${message.type}': ${String(error)}`);
    });
  }

  private receive(raw: unknown): void {
    const message = acceptFromWebview(raw, (warning) => this.deps.log.warn(warning));
    if (!message) return;
    this.deps.log.debug(`received '${message.type}'`);
    this.handle(message);
  }

  private handle(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendState();
        return;
      case 'requestRange':
        this.answerRange(message.requestId, message.start, message.end, message.channels);
        return;
      case 'rendered':
        this.deps.onRendered(message.report);
        this.deps.log.debug(`drew ${JSON.stringify(message.report)}`);
        return;
      case 'log':
        this.deps.log[message.level](`page: ${message.message}`);
        return;
      case 'command':
        this.deps.runCommand(message.command, this.outDir);
        return;
      default: {
        const unhandled: never = message;
        void unhandled;
      }
    }
  }

  private answerRange(requestId: number, start: number, end: number, channels: number[]): void {
    if (!this.loaded) {
      this.post({ type: 'rangeResult', requestId, ok: false, error: 'No results are loaded.' });
      return;
    }
    try {
      const range = buildRangeView(this.loaded, start, end, channels);
      this.post({ type: 'rangeResult', requestId, ok: true, range });
    } catch (error) {
      this.deps.log.error('building a zoomed range', error);
      this.post({ type: 'rangeResult', requestId, ok: false, error: describe(error) });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ResultsPanel.current === this) ResultsPanel.current = undefined;
    this.loaded = undefined;
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
