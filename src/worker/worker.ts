/**
 * The detection worker: a child process forked by the extension (src/extension/run/
 * workerJob.ts) for one run. Training needs its own process: the native TensorFlow bindings
 * and the wasm heap live here, and a crash or an out-of-memory abort here leaves the
 * extension host running. Receives `start` then possibly `cancel`; reports the backend,
 * progress, loss entries (batched), log lines, then `done` or `failed`, and exits.
 */
import { initBackend } from '../engine/backend';
import type { LossEntry } from '../engine/detector';
import { isPostError } from '../engine/errors';
import { runDetection } from '../engine/job';
import type { Progress } from '../engine/types';
import { FailedMessage, FromWorker, isToWorker, StartMessage } from './messages';

/** Loss entries go out in batches at most this often: the panel redraws a few times a second. */
const LOSS_INTERVAL_MS = 250;
/** Progress within a phase is sent at most this often; a new phase is sent at once. */
const PROGRESS_INTERVAL_MS = 150;

const abort = new AbortController();
let started = false;

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) {
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Gathers loss entries and sends them together on a timer. */
class LossBatcher {
  private pending: LossEntry[] = [];
  private timer: NodeJS.Timeout | undefined;

  add(entry: LossEntry): void {
    this.pending.push(entry);
    this.timer ??= setTimeout(() => void this.flush(), LOSS_INTERVAL_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    await send({ type: 'loss', entries });
  }
}

function progressSender(): (p: Progress) => void {
  let lastPhase = '';
  let lastSent = 0;
  return (progress) => {
    const now = Date.now();
    const done = progress.fraction >= 1;
    if (progress.phase === lastPhase && !done && now - lastSent < PROGRESS_INTERVAL_MS) return;
    lastPhase = progress.phase;
    lastSent = now;
    void send({ type: 'progress', progress });
  };
}

function describeFailure(error: unknown): FailedMessage['error'] {
  if (isPostError(error)) {
    return { kind: error.kind, message: error.message, place: error.place };
  }
  const asError = error instanceof Error ? error : new Error(String(error));
  return { kind: 'internal', message: asError.message, place: {}, stack: asError.stack };
}

async function run({ request }: StartMessage): Promise<void> {
  const startedAt = Date.now();
  const losses = new LossBatcher();

  try {
    // Loaded here first so the status bar shows the backend while the data is read.
    const backend = await initBackend(request.backend);
    await send({ type: 'backend', info: backend });

    const result = await runDetection(request, {
      onProgress: progressSender(),
      onLoss: (entry) => losses.add(entry),
      onLog: (level, message) => void send({ type: 'log', level, message }),
      signal: abort.signal,
    });

    await losses.flush();
    const seconds = (Date.now() - startedAt) / 1000;
    const events = result.events.length;
    await send({ type: 'done', result: { outDir: result.outDir, events, seconds } });
    process.exit(0);
  } catch (error) {
    await losses.flush();
    await send({ type: 'failed', error: describeFailure(error) });
    process.exit(1);
  }
}

process.on('message', (raw: unknown) => {
  if (!isToWorker(raw)) {
    void send({ type: 'log', level: 'warn', message: `worker: dropped an unknown message` });
    return;
  }
  switch (raw.type) {
    case 'start':
      if (started) {
        void send({ type: 'log', level: 'warn', message: 'worker: a second start was ignored' });
        return;
      }
      started = true;
      void run(raw);
      return;
    case 'cancel':
      abort.abort();
      return;
  }
});

// The extension host went away (window closed, host crashed): stop at the next batch.
process.on('disconnect', () => {
  abort.abort();
  setTimeout(() => process.exit(1), 3000).unref();
});
