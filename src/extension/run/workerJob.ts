/**
 * One detection run in its own child process (out/src/worker/worker.js): forks it, sends the
 * request, relays what it reports, and settles `finished` once the process has exited, with
 * what happened: done, failed (a PostError from the engine), cancelled, or crashed (exit code,
 * signal, out of memory). Called by the run controller; imports no `vscode`, so the unit tests
 * drive it with a stand-in worker script.
 */
import { ChildProcess, fork } from 'child_process';
import type { BackendInfo } from '../../engine/backend';
import type { LossEntry } from '../../engine/detector';
import type { DetectionRequest } from '../../engine/job';
import type { Progress } from '../../engine/types';
import {
  DoneMessage,
  FailedMessage,
  FromWorker,
  isFromWorker,
  ToWorker,
} from '../../worker/messages';

export type JobOutcome =
  | ({ kind: 'done' } & DoneMessage['result'])
  | { kind: 'failed'; error: FailedMessage['error'] }
  | { kind: 'cancelled' }
  | { kind: 'crashed'; reason: string };

export interface JobListener {
  onBackend?(info: BackendInfo): void;
  onProgress?(progress: Progress): void;
  onLoss?(entries: LossEntry[]): void;
  onLog?(level: 'info' | 'warn' | 'debug', message: string): void;
  /** Lines the worker wrote to stdout or stderr (logged at debug level). */
  onOutput?(line: string): void;
}

/** How a worker process ended: its exit code or signal, and whether this side killed it. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the worker did not exit in time after a cancel or its result and was killed. */
  killed: boolean;
}

export interface WorkerJobOptions {
  /** How long a cancelled or finished worker may take to exit before it is killed. */
  exitGraceMs?: number;
}

/** Keep the end of stderr: a fatal error (out of memory, native abort) is written last. */
const STDERR_TAIL_CHARS = 8000;
const OUT_OF_MEMORY = /heap out of memory|allocation failed|out of memory|Cannot enlarge memory/i;

/**
 * The line of stderr that says what went wrong: the last one naming an error, skipping stack
 * frames and the "Node.js v20" trailer Node prints after an uncaught exception.
 */
export function errorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^at\s|^Node\.js v\d|^\^+$|^- \//.test(line));
  const errors = lines.filter((line) => /error/i.test(line));
  return errors.pop() ?? lines.pop() ?? '';
}

export class WorkerJob {
  readonly finished: Promise<JobOutcome>;
  private readonly child: ChildProcess;
  private report: JobOutcome | undefined;
  private cancelRequested = false;
  private exited = false;
  private stderrTail = '';
  private killTimer: NodeJS.Timeout | undefined;
  private readonly exitGraceMs: number;
  private exitStatus: WorkerExit | undefined;
  private killedHere = false;

  constructor(
    workerPath: string,
    request: DetectionRequest,
    private readonly listener: JobListener = {},
    options: WorkerJobOptions = {},
  ) {
    this.exitGraceMs = options.exitGraceMs ?? 3000;

    // execArgv is emptied so that the extension host's --inspect flags do not clash; under
    // Electron, ELECTRON_RUN_AS_NODE makes the forked binary behave as plain Node.
    this.child = fork(workerPath, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });

    this.finished = new Promise<JobOutcome>((resolve) => {
      // 'close' rather than 'exit': it comes after stderr is drained, so the tail is complete.
      this.child.on('close', (code, signal) => {
        this.exited = true;
        this.exitStatus = { code, signal, killed: this.killedHere };
        clearTimeout(this.killTimer);
        resolve(this.outcomeAtExit(code, signal));
      });
      this.child.on('error', (error) => {
        // Spawning failed (no exit will follow) or a send failed (an exit will follow).
        if (this.child.pid === undefined) {
          this.exited = true;
          resolve({ kind: 'crashed', reason: `the worker could not start: ${error.message}` });
        }
      });
    });

    this.child.on('message', (raw: unknown) => this.receive(raw));
    this.pipeLines(this.child.stdout, false);
    this.pipeLines(this.child.stderr, true);
    this.post({ type: 'start', request });
  }

  get running(): boolean {
    return !this.exited;
  }

  /** The worker's process id (undefined when it could not start). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** How the worker process ended, once it has. */
  get exit(): WorkerExit | undefined {
    return this.exitStatus;
  }

  /** Asks the worker to stop between batches; kills it if it has not exited in time. */
  cancel(): void {
    if (this.exited || this.cancelRequested) return;
    this.cancelRequested = true;
    this.post({ type: 'cancel' });
    this.killLater();
  }

  private receive(raw: unknown): void {
    if (!isFromWorker(raw)) {
      this.listener.onLog?.('warn', 'dropped a worker message that is not in the protocol');
      return;
    }
    const message: FromWorker = raw;
    switch (message.type) {
      case 'backend':
        this.listener.onBackend?.(message.info);
        return;
      case 'progress':
        this.listener.onProgress?.(message.progress);
        return;
      case 'loss':
        this.listener.onLoss?.(message.entries);
        return;
      case 'log':
        this.listener.onLog?.(message.level, message.message);
        return;
      case 'done':
        this.report = { kind: 'done', ...message.result };
        this.killLater();
        return;
      case 'failed':
        this.report =
          message.error.kind === 'cancelled'
            ? { kind: 'cancelled' }
            : { kind: 'failed', error: message.error };
        this.killLater();
        return;
      default: {
        const unhandled: never = message;
        void unhandled;
      }
    }
  }

  private outcomeAtExit(code: number | null, signal: NodeJS.Signals | null): JobOutcome {
    if (this.report) return this.report;
    if (this.cancelRequested) return { kind: 'cancelled' };

    const lastLine = errorLine(this.stderrTail);
    if (OUT_OF_MEMORY.test(this.stderrTail)) {
      return {
        kind: 'crashed',
        reason:
          'the worker ran out of memory. Try a smaller window, batch size or model ' +
          '(postAnomaly.window, postAnomaly.batchSize, postAnomaly.dModel) or the tiny preset',
      };
    }
    if (signal === 'SIGKILL') {
      // This side kills only after a cancel or a result (both handled above); otherwise
      // SIGKILL usually comes from the system's out-of-memory killer.
      return {
        kind: 'crashed',
        reason:
          'the worker was stopped by signal SIGKILL, which usually means the system ran out of ' +
          'memory. Try a smaller window, batch size or model (postAnomaly.window, ' +
          'postAnomaly.batchSize, postAnomaly.dModel) or the tiny preset, then run again',
      };
    }
    const how = signal ? `was stopped by signal ${signal}` : `exited with code ${code}`;
    const detail = lastLine ? `: ${lastLine}` : '';
    const hint = '. Run again; if it happens again, the log has the details to report';
    return { kind: 'crashed', reason: `the worker ${how}${detail}${hint}` };
  }

  private post(message: ToWorker): void {
    if (!this.child.connected) return;
    this.child.send(message, (error) => {
      if (!error) return;
      this.listener.onLog?.('debug', `could not send '${message.type}': ${error.message}`);
    });
  }

  private killLater(): void {
    if (this.killTimer || this.exited) return;
    this.killTimer = setTimeout(() => {
      if (this.exited) return;
      this.killedHere = true;
      this.child.kill('SIGKILL');
    }, this.exitGraceMs);
  }

  private pipeLines(stream: NodeJS.ReadableStream | null, isStderr: boolean): void {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (isStderr) this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.listener.onOutput?.(line);
    });
  }
}
