/**
 * Progress of a run on stderr for `post-ad`: a live bar (cli-progress) when stderr is a
 * terminal, plain periodic lines otherwise (logs, CI), or only the warnings with --quiet
 * (scripts that read stderr as the one line of an error). Fed by the job's hooks.
 */
import * as cliProgress from 'cli-progress';

import type { LossEntry } from '../engine/detector';
import { Progress } from '../engine/types';

/** Seconds between plain lines within one phase; a new phase or epoch prints at once. */
const LINE_INTERVAL_S = 10;

export interface ProgressSink {
  onProgress(progress: Progress): void;
  onLoss(entry: LossEntry): void;
  log(level: 'info' | 'warn' | 'debug', message: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Print debug messages too. */
  debug?: boolean;
  /** Print warnings only: no progress, no information lines. */
  quiet?: boolean;
}

/** The bar on a terminal, plain lines elsewhere; `debug` messages only when asked for. */
export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  options: ProgressOptions = {},
): ProgressSink {
  if (options.quiet) return new QuietProgress(stream);
  return stream.isTTY ? new BarProgress(stream, options) : new LineProgress(stream, options);
}

/** One line describing where the run is: "training epoch 2/5 batch 10/40 loss 0.123". */
export function describeProgress(p: Progress, loss?: number): string {
  const parts: string[] = [p.phase];
  if (p.epoch !== undefined && p.epochs !== undefined) {
    parts.push(`epoch ${p.epoch + 1}/${p.epochs}`);
  }
  if (p.batch !== undefined && p.batches !== undefined) {
    // Limitation: training reports a 0-based batch index, scoring the count of batches done;
    // both are shown as "index + 1", capped at the total.
    parts.push(`batch ${Math.min(p.batch + 1, p.batches)}/${p.batches}`);
  }
  if (p.phase === 'training' && loss !== undefined) parts.push(`loss ${loss.toPrecision(4)}`);
  if (p.secondsLeft !== undefined && Number.isFinite(p.secondsLeft)) {
    parts.push(`about ${formatSeconds(p.secondsLeft)} left`);
  }
  if (p.message) parts.push(`(${p.message})`);
  return parts.join(' ');
}

export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 90 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Warnings only: what the user must know even when a script runs the command. */
class QuietProgress implements ProgressSink {
  constructor(private readonly stream: NodeJS.WriteStream) {}

  onProgress(): void {
    // Progress is not shown when quiet.
  }

  onLoss(): void {
    // Losses are not shown when quiet.
  }

  log(level: 'info' | 'warn' | 'debug', message: string): void {
    if (level === 'warn') this.stream.write(`warning: ${message}\n`);
  }

  stop(): void {
    // Nothing to clean up.
  }
}

class LineProgress implements ProgressSink {
  private lastKey = '';
  private lastAt = 0;
  private finished = '';
  private loss?: number;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly options: { debug?: boolean },
  ) {}

  onProgress(p: Progress): void {
    const key = `${p.phase}/${p.epoch ?? ''}`;
    const now = Date.now();
    const due = now - this.lastAt >= LINE_INTERVAL_S * 1000;
    // A phase's last line (fraction 1) is printed once, however often it is reported.
    const last = p.fraction >= 1 && this.finished !== key;
    if (key === this.lastKey && !due && !last) return;
    if (p.fraction >= 1) this.finished = key;
    this.lastKey = key;
    this.lastAt = now;
    this.stream.write(`${describeProgress(p, this.loss)} ${Math.round(p.fraction * 100)}%\n`);
  }

  onLoss(entry: LossEntry): void {
    this.loss = entry.terms.total;
  }

  log(level: 'info' | 'warn' | 'debug', message: string): void {
    if (level === 'debug' && !this.options.debug) return;
    this.stream.write(`${level === 'warn' ? 'warning: ' : ''}${message}\n`);
  }

  stop(): void {
    // Lines need no clean-up.
  }
}

class BarProgress implements ProgressSink {
  private readonly multi: cliProgress.MultiBar;
  private bar?: cliProgress.SingleBar;
  private loss?: number;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly options: { debug?: boolean },
  ) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format: '{bar} {percentage}% | {detail}',
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  onProgress(p: Progress): void {
    const value = Math.round(Math.min(Math.max(p.fraction, 0), 1) * 1000);
    const detail = describeProgress(p, this.loss);
    if (!this.bar) this.bar = this.multi.create(1000, value, { detail });
    else this.bar.update(value, { detail });
  }

  onLoss(entry: LossEntry): void {
    this.loss = entry.terms.total;
  }

  log(level: 'info' | 'warn' | 'debug', message: string): void {
    if (level === 'debug' && !this.options.debug) return;
    const line = `${level === 'warn' ? 'warning: ' : ''}${message}\n`;
    // The bar prints logged lines above itself on its next redraw; with no bar, print now.
    if (this.bar) this.multi.log(line);
    else this.stream.write(line);
  }

  stop(): void {
    if (!this.bar) return;
    this.multi.update();
    this.multi.stop();
    this.bar = undefined;
  }
}
