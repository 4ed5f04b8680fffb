/**
 * Starts and follows detection runs for the commands: reads and checks the settings for the
 * data file, picks its results folder, starts one worker process per run (workerJob.ts),
 * shows a cancellable progress notification and the status bar, forwards live losses to the
 * panel, and reports the outcome. Two files may run at once; a second run on the same file
 * follows `postAnomaly.sameFileRun`. Errors are shown, never thrown: a run resolves to its
 * results folder or to undefined.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { DetectionRequest } from '../../engine/job';
import type { Progress } from '../../engine/types';
import type { LossPoint, RunStateView } from '../../protocol';
import { Log } from '../logger';
import { lossPoints } from '../panel/viewModel';
import { readRunSettings, RunSettings } from '../settings/runSettings';
import { SETTINGS_PREFIX } from '../settings/settingsCatalog';
import { ignoredNotice, ignoredSettings } from '../settings/trust';
import { RunningState, StatusBar } from '../statusBar';
import { reportError, showUserError } from '../userErrors';
import { EpochLosses } from './epochLosses';
import { overallFraction, progressLine } from './progressText';
import { makeParent, resultsFolderFor } from './resultsFolder';
import { JobOutcome, WorkerJob } from './workerJob';

/** Where the model comes from: the file's first rows (default), a training file, a saved model. */
export interface ModelSource {
  train?: string;
  model?: string;
}

export interface RunResult {
  outDir: string;
  events: number;
}

/** What the controller needs from the rest of the extension. */
export interface RunHost {
  workerPath: string;
  /** Where results go for files outside any workspace folder. */
  fallbackRoot: string;
  statusBar: StatusBar;
  /** Called as runs start, progress and end, for the panel. */
  onRunState(run: RunStateView): void;
  onLoss(input: string, points: LossPoint[]): void;
  /** Called with the results folder of each successful run. */
  onResults(outDir: string): Promise<void>;
}

interface ActiveRun {
  input: string;
  job: WorkerJob;
  state: RunningState;
}

export class RunController implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private last: RunResult | undefined;

  constructor(
    private readonly host: RunHost,
    private readonly log: Log,
  ) {}

  get lastRun(): RunResult | undefined {
    return this.last;
  }

  isRunning(): boolean {
    return this.active.size > 0;
  }

  runningInputs(): string[] {
    return [...this.active.keys()];
  }

  /** Cancels the run on `input`, or every run; returns how many were asked to stop. */
  cancel(input?: string): number {
    const runs = input ? [this.active.get(path.resolve(input))] : [...this.active.values()];
    let count = 0;
    for (const run of runs) {
      if (!run) continue;
      this.log.info(`cancelling the run on ${run.input}`);
      run.job.cancel();
      count++;
    }
    return count;
  }

  /** Runs a detection on `input`; resolves to its results, or undefined when it did not finish. */
  async detect(input: vscode.Uri, source: ModelSource = {}): Promise<RunResult | undefined> {
    const file = path.resolve(input.fsPath);
    let settings: RunSettings;
    let outDir: string;
    try {
      settings = this.readSettings(input);
      outDir = resultsFolderFor(file, settings.outputFolder, {
        workspaceFolder: vscode.workspace.getWorkspaceFolder(input)?.uri.fsPath,
        fallbackRoot: this.host.fallbackRoot,
      });
      await makeParent(outDir);
    } catch (error) {
      reportError(error, vscode.l10n.t('Checking the settings'), this.log);
      return undefined;
    }

    if (!(await this.applySameFilePolicy(file, settings))) return undefined;

    // Wait until the file is free: the old run writes the same results folder. Nothing is
    // awaited between the last check and follow(), which claims the file before it awaits.
    for (let running = this.active.get(file); running; running = this.active.get(file)) {
      await running.job.finished;
    }
    const request = this.requestFor(file, source, settings, outDir);
    this.log.info(`run on ${file}: ${JSON.stringify({ ...request, input: undefined })}`);
    this.log.info(`settings for ${path.basename(file)}: ${JSON.stringify(settings.config)}`);
    return this.follow(file, request);
  }

  private readSettings(input: vscode.Uri): RunSettings {
    // Scoped to the file: its workspace folder's settings override the workspace's and user's.
    const configuration = vscode.workspace.getConfiguration(SETTINGS_PREFIX, input);
    const inspect = (key: string) => configuration.inspect(key);
    const notice = ignoredNotice(ignoredSettings(vscode.workspace.isTrusted, inspect));
    if (notice) this.log.warn(notice);
    return readRunSettings((key) => configuration.get(key));
  }

  private requestFor(
    file: string,
    source: ModelSource,
    settings: RunSettings,
    out: string,
  ): DetectionRequest {
    const request: DetectionRequest = {
      input: file,
      out,
      backend: settings.backend,
      labels: settings.labelColumn,
      timeColumn: settings.timeColumn,
    };
    if (source.model) return { ...request, model: source.model };

    const model = { preset: settings.preset, overrides: settings.overrides, seed: settings.seed };
    if (source.train) return { ...request, ...model, train: source.train };
    return { ...request, ...model, trainFraction: settings.trainFraction };
  }

  /**
   * Applies `postAnomaly.sameFileRun` when `file` is already running: 'replace' cancels the
   * running one, 'wait' lets it finish, 'ask' asks which. False: the user chose neither.
   */
  private async applySameFilePolicy(file: string, settings: RunSettings): Promise<boolean> {
    const running = this.active.get(file);
    if (!running) return true;

    let policy = settings.sameFileRun;
    if (policy === 'ask') {
      const replace = vscode.l10n.t('Replace');
      const wait = vscode.l10n.t('Wait');
      const question = vscode.l10n.t('A run on {0} is in progress.', path.basename(file));
      const choice = await vscode.window.showWarningMessage(question, replace, wait);
      if (choice === undefined) return false;
      policy = choice === replace ? 'replace' : 'wait';
    }
    this.log.info(`${path.basename(file)} is running already: ${policy}`);
    if (policy === 'replace') this.active.get(file)?.job.cancel();
    return true;
  }

  private async follow(file: string, request: DetectionRequest): Promise<RunResult | undefined> {
    const name = path.basename(file);
    let lastLoss: number | undefined;
    let report: ((p: Progress) => void) | undefined;
    const epochs = new EpochLosses();

    const job = new WorkerJob(this.host.workerPath, request, {
      onBackend: (info) => {
        this.host.statusBar.setBackend(info);
        this.log.info(`backend: ${info.description}`);
        for (const skip of info.skipped) {
          this.log.info(`backend ${skip.name} not used: ${skip.reason}`);
        }
      },
      onProgress: (progress) => report?.(progress),
      onLoss: (entries) => {
        lastLoss = entries[entries.length - 1]?.terms.total ?? lastLoss;
        for (const e of entries) {
          this.log.trace(`step ${e.step} (${e.phase}): ${JSON.stringify(e.terms)}`);
        }
        for (const line of epochs.add(entries)) this.log.info(`${name}: ${line}`);
        this.host.onLoss(file, lossPoints(entries));
      },
      onLog: (level, message) => this.log[level](`${name}: ${message}`),
      onOutput: (line) => this.log.debug(`${name} output: ${line}`),
    });
    const state: RunningState = { input: file, fraction: 0, line: 'starting' };
    const run: ActiveRun = { input: file, job, state };
    this.active.set(file, run);
    this.updateStatus();
    const startMessage = vscode.l10n.t('Running on {0}…', name);
    this.host.onRunState({ input: file, state: 'started', message: startMessage });

    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('POST: {0}', name),
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => job.cancel());
        let reported = 0;
        let lastPhase: string | undefined;
        report = (p) => {
          const fraction = overallFraction(p);
          const line = progressLine(p, lastLoss);
          progress.report({ message: line, increment: Math.max(0, fraction - reported) * 100 });
          reported = Math.max(reported, fraction);
          run.state = { input: file, fraction: reported, line };
          this.updateStatus();
          this.host.onRunState({ input: file, state: 'progress', message: `${name}: ${line}` });
          if (p.phase !== lastPhase) {
            lastPhase = p.phase;
            this.log.info(`${name}: ${line}`);
          }
        };
        return job.finished;
      },
    );

    for (const line of epochs.flush()) this.log.info(`${name}: ${line}`);
    this.active.delete(file);
    this.updateStatus();
    return this.conclude(file, outcome);
  }

  private async conclude(file: string, outcome: JobOutcome): Promise<RunResult | undefined> {
    const name = path.basename(file);
    const state = (s: RunStateView['state'], message: string) =>
      this.host.onRunState({ input: file, state: s, message });

    switch (outcome.kind) {
      case 'done': {
        const seconds = outcome.seconds.toFixed(1);
        this.log.info(`${name}: ${outcome.events} events in ${seconds} s -> ${outcome.outDir}`);
        this.last = { outDir: outcome.outDir, events: outcome.events };
        state('finished', vscode.l10n.t('{0}: {1} events found.', name, outcome.events));
        try {
          await this.host.onResults(outcome.outDir);
        } catch (error) {
          reportError(error, vscode.l10n.t('Showing the results'), this.log);
        }
        return this.last;
      }
      case 'cancelled':
        this.log.info(`${name}: cancelled`);
        state('cancelled', vscode.l10n.t('The run on {0} was cancelled.', name));
        void vscode.window.showInformationMessage(
          vscode.l10n.t('POST: the run on {0} was cancelled; earlier results are unchanged.', name),
        );
        return undefined;
      case 'failed': {
        const { error } = outcome;
        const stack = error.stack ? `\n${error.stack}` : '';
        this.log.error(`${name}: ${error.kind} error: ${error.message}${stack}`);
        state('failed', error.message);
        const message =
          error.kind === 'internal'
            ? vscode.l10n.t(
                'POST: the run on {0} failed unexpectedly ({1}). The log has the details.',
                name,
                error.message,
              )
            : error.message;
        void showUserError({ message, place: error.place }, this.log);
        return undefined;
      }
      case 'crashed': {
        this.log.error(`${name}: ${outcome.reason}`);
        state('failed', outcome.reason);
        const message = vscode.l10n.t('POST: the run on {0} stopped: {1}.', name, outcome.reason);
        void showUserError({ message, place: {} }, this.log);
        return undefined;
      }
      default: {
        const unhandled: never = outcome;
        return unhandled;
      }
    }
  }

  private updateStatus(): void {
    this.host.statusBar.setRunning([...this.active.values()].map((run) => run.state));
    // Shows "Cancel Run" in the command palette only while something runs.
    void vscode.commands.executeCommand('setContext', 'postAnomaly.running', this.active.size > 0);
  }

  dispose(): void {
    this.cancel();
  }
}
