/**
 * The status bar item: the backend the last worker reported (GPU, native CPU, wasm, cpu) and,
 * while runs go, the running file with its progress. Clicking it opens the results panel.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendInfo } from '../engine/backend';

/** The command the item runs; registered by extension.ts, not shown in the palette. */
export const SHOW_PANEL_COMMAND = 'postAnomaly.showPanel';

const BACKEND_LABELS: Record<string, string> = {
  'tensorflow-gpu': 'GPU',
  tensorflow: 'native CPU',
  wasm: 'wasm',
  cpu: 'cpu',
};

export interface RunningState {
  input: string;
  /** 0..1 over the whole run. */
  fraction: number;
  line: string;
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private backend: BackendInfo | undefined;
  private running: RunningState[] = [];

  constructor() {
    const left = vscode.StatusBarAlignment.Left;
    this.item = vscode.window.createStatusBarItem('postAnomaly.status', left, 10);
    this.item.name = vscode.l10n.t('POST Anomaly Detection');
    this.item.command = SHOW_PANEL_COMMAND;
    this.render();
  }

  setBackend(info: BackendInfo): void {
    this.backend = info;
    this.render();
  }

  setRunning(running: RunningState[]): void {
    this.running = running;
    this.render();
  }

  private render(): void {
    const name = this.backend?.name;
    const backend = name ? (BACKEND_LABELS[name] ?? name) : undefined;
    const label = backend ? `POST ${backend}` : 'POST';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(
      this.backend ? `Backend: ${this.backend.description}` : 'Backend: chosen at the first run',
    );

    if (this.running.length === 0) {
      this.item.text = `$(graph-line) ${label}`;
    } else {
      const first = this.running[0];
      const more = this.running.length > 1 ? ` +${this.running.length - 1}` : '';
      const percent = Math.round(first.fraction * 100);
      const file = path.basename(first.input);
      this.item.text = `$(loading~spin) ${label} · ${file} ${percent}%${more}`;
      for (const run of this.running) {
        tooltip.appendText(`\n\n${path.basename(run.input)}: ${run.line}`);
      }
    }
    tooltip.appendText('\n\nClick to open the results panel.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
