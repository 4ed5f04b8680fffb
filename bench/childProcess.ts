/**
 * Runs one RunSpec in its own Node process (bench/one.js) and turns whatever happens (an
 * answer, a crash, an out-of-memory abort, a timeout) into an Outcome. Called by
 * bench/run.ts for every run of the plan.
 *
 * Limitation: a child killed by the timeout or by the system for lack of memory leaves only
 * the reason and the last lines of its stderr, none of its figures.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import type { Outcome, RunSpec } from './spec';

/** Prefix of the line on which a child prints its Outcome. */
export const OUTCOME_MARKER = 'BENCH-OUTCOME ';

const STDERR_KEPT = 1500;

export interface ChildOptions {
  /** The run is killed after this many milliseconds and recorded as failed. */
  timeoutMs: number;
}

export async function runInChild(spec: RunSpec, options: ChildOptions): Promise<Outcome> {
  const script = path.join(__dirname, 'one.js');
  const child = spawn(process.execPath, [script, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
  });

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal })),
  );
  clearTimeout(timer);

  const answer = parseOutcome(stdout);
  if (answer) return answer;
  const why = timedOut
    ? `timed out after ${Math.round(options.timeoutMs / 60000)} min`
    : `the process ended without an answer (exit code ${exit.code}, signal ${exit.signal})`;
  return failedOutcome(spec, `${why}${stderr ? `: ${lastLines(stderr)}` : ''}`);
}

/** The Outcome on the marked line of a child's stdout, if there is one. */
export function parseOutcome(stdout: string): Outcome | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(OUTCOME_MARKER));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(OUTCOME_MARKER.length)) as Outcome;
  } catch {
    return undefined;
  }
}

/** The Outcome of a run that gave no answer: `ok` false, the reason kept. */
export function failedOutcome(spec: RunSpec, error: string): Outcome {
  switch (spec.kind) {
    case 'model':
      return {
        kind: 'model',
        key: spec.key,
        ok: false,
        error,
        dataset: spec.dataset,
        preset: spec.preset,
        backend: spec.backend,
        seed: spec.seed,
        overrides: spec.overrides,
        entities: [],
        messages: [],
      };
    case 'baselines':
      return {
        kind: 'baselines',
        key: spec.key,
        ok: false,
        error,
        dataset: spec.dataset,
        evaluations: [],
        errors: [],
      };
    case 'scaling':
      return {
        kind: 'scaling',
        key: spec.key,
        ok: false,
        error,
        axis: spec.axis,
        rows: spec.rows,
        channels: spec.channels,
        window: spec.window,
        preset: spec.preset,
        backend: spec.backend,
      };
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-6).join(' | ');
}
