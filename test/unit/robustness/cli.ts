/**
 * Running `post-ad` as a user does, for the robustness tests: spawned as
 * `node out/src/cli/main.js`, several at once (each run mostly waits for TensorFlow.js to
 * load), and a byte-level snapshot of a folder to prove a failed run left it untouched.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

export const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');

/** The settings that keep a training run to seconds on a busy machine. */
export const FAST = ['--preset', 'tiny', '--backend', 'cpu', '--seed', '3', '--set', 'epochs=1'];

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `post-ad <args>` in `cwd`; `nodeArgs` go before the script (e.g. `-r preload.js`). */
export function postAd(args: string[], cwd: string, nodeArgs: string[] = []): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, MAIN, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Runs every job, at most `parallel` at a time, and returns the results in order. */
export async function runAll<T>(jobs: (() => Promise<T>)[], parallel = 3): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await jobs[i]();
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  return results;
}

/**
 * Exit status 1 and, with --quiet, exactly one line on stderr: `error: ` and a message that
 * matches every pattern. Returns the line.
 */
export function assertOneLineError(run: CliRun, patterns: RegExp[]): string {
  assert.strictEqual(run.status, 1, `exit status ${run.status}; stderr:\n${run.stderr}`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.strictEqual(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.ok(lines[0].startsWith('error: '), lines[0]);
  assert.ok(!/internal error|\n\s+at /.test(run.stderr), run.stderr);
  for (const pattern of patterns) assert.match(lines[0], pattern);
  return lines[0];
}

/** Every file under `dir` (relative path → SHA-256 of its bytes), sorted by path. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    const entries = await fs.readdir(path.join(dir, sub), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) {
        await walk(relative);
      } else {
        const bytes = await fs.readFile(path.join(dir, relative));
        out[relative] = createHash('sha256').update(bytes).digest('hex');
      }
    }
  };
  await walk('');
  return out;
}

/** Names in `dir` that start with a dot: temporary folders a run left behind. */
export async function strays(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((name) => name.startsWith('.'));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
