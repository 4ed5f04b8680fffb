/**
 * `npm run bench [-- options]`: the benchmark. Finds the backends that load, plans the runs
 * (bench/plan.ts), runs each in its own child process (bench/one.ts), and rewrites
 * results.json, RESULTS.md and scaling.svg after every run (bench/report.ts).
 *
 * With --resume the successful runs of an earlier results.json in the same folder are kept,
 * so a long full run can be spread over several sittings.
 */
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { BackendName, initBackend } from '../src/engine/backend';
import { BenchOptions, parseBenchArgs, USAGE } from './args';
import { catalog } from './catalog';
import { runInChild } from './childProcess';
import { loadNow, machineInfo } from './machine';
import { buildPlan, FULL_SCOPE, PlannedRun, QUICK_SCOPE } from './plan';
import { ResultsFile, RESULTS_FORMAT_VERSION, Sitting, targetsOf, writeReport } from './report';
import type { Outcome, RunSpec } from './spec';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ALL_BACKENDS: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sharedDatasets = path.join(REPO_ROOT, '..', 'shared', 'datasets');
  const datasetsRoot = path.resolve(options.datasetsRoot ?? sharedDatasets);
  if (!existsSync(datasetsRoot)) {
    throw new Error(
      `The datasets folder ${datasetsRoot} does not exist; give it with --datasets-root.`,
    );
  }
  const outDir = path.resolve(REPO_ROOT, options.out ?? (options.quick ? 'bench/quick' : 'bench'));
  const started = Date.now();

  const { loaded, skipped } = await loadableBackends(options.backends ?? ALL_BACKENDS);
  if (loaded.length === 0) throw new Error('No TensorFlow.js backend loads; nothing to benchmark.');
  const workRoot = path.join(os.tmpdir(), `post-bench-${process.pid}`);
  const plan = buildPlan(options, catalog(datasetsRoot), loaded.map((b) => b.name), workRoot);

  const outcomes = new Map<string, Outcome>();
  const sittings: Sitting[] = [];
  // Later files win: the folder's own results first, then each --reuse file in order.
  const earlier = options.resume ? [path.join(outDir, 'results.json')] : [];
  earlier.push(...options.reuse.map((f) => path.resolve(f)));
  for (const resultsJson of earlier) {
    const previous = await earlierFile(resultsJson);
    if (!previous) continue;
    const kept = (previous.outcomes ?? []).filter(
      (o) => o.ok && plan.some((p) => p.spec.key === o.key),
    );
    for (const o of kept) outcomes.set(o.key, o);
    for (const sitting of kept.length > 0 ? sittingsOf(previous) : []) {
      const same = (s: Sitting): boolean =>
        s.command === sitting.command && s.startedAt === sitting.startedAt;
      if (!sittings.some(same)) sittings.push(sitting);
    }
  }
  sittings.sort((a, b) => a.startedAt.localeCompare(b.startedAt));

  const file: ResultsFile = {
    formatVersion: RESULTS_FORMAT_VERSION,
    mode: options.quick ? 'quick' : 'full',
    command: ['npm run bench --', ...process.argv.slice(2)].join(' '),
    startedAt: new Date(started).toISOString(),
    updatedAt: new Date(started).toISOString(),
    finished: false,
    machine: machineInfo(REPO_ROOT),
    loadAtEnd: loadNow(),
    backends: loaded.map((b) => ({ name: b.name, description: b.description })),
    backendsSkipped: skipped,
    settings: settingsOf(options, plan, datasetsRoot),
    planned: [],
    outcomes: [],
    targets: [],
    earlierSittings: sittings,
    ranRuns: 0,
  };
  const save = async (): Promise<void> => {
    file.updatedAt = new Date().toISOString();
    file.loadAtEnd = loadNow();
    file.outcomes = plan.map((p) => outcomes.get(p.spec.key)).filter((o): o is Outcome => !!o);
    file.planned = plan.map((p) => {
      const o = outcomes.get(p.spec.key);
      return { key: p.spec.key, tier: p.tier, status: o ? (o.ok ? 'done' : 'failed') : 'not run' };
    });
    file.targets = targetsOf(file.outcomes);
    await writeReport(outDir, file, path.join(REPO_ROOT, 'bench', 'findings.md'));
  };

  // A failed run is tried once more at the end: the engine may have been mid-change.
  const queue = plan.filter((p) => !outcomes.has(p.spec.key));
  const retried = new Set<string>();
  log(`${plan.length} runs planned, ${queue.length} to run; results in ${outDir}`);
  let stopped = false;
  for (let i = 0; i < queue.length; i++) {
    const run = queue[i];
    const minutes = (Date.now() - started) / 60000;
    if (options.budgetMinutes !== undefined && minutes >= options.budgetMinutes) {
      const left = queue.length - i;
      log(`Budget of ${options.budgetMinutes} min spent; ${left} runs left (--resume continues).`);
      stopped = true;
      break;
    }
    const began = Date.now();
    log(`[${i + 1}/${queue.length}] ${run.spec.key}`);
    const outcome = await runPatiently(run.spec, options.timeoutMinutes);
    outcomes.set(run.spec.key, outcome);
    file.ranRuns = (file.ranRuns ?? 0) + 1;
    const seconds = ((Date.now() - began) / 1000).toFixed(0);
    log(`    ${outcome.ok ? 'ok' : `FAILED: ${outcome.error}`} (${seconds} s)`);
    if (!outcome.ok && !retried.has(run.spec.key)) {
      retried.add(run.spec.key);
      queue.push(run);
    }
    await save();
  }
  file.finished = !stopped;
  await save();
  await fs.rm(workRoot, { recursive: true, force: true });

  for (const t of file.targets) {
    const verdict = t.met === undefined ? 'not measured' : t.met ? 'met' : `MISSED (${t.gap})`;
    log(`${t.target}: ${t.measured} [goal ${t.goal}] ${verdict}`);
  }
  log(`Wrote ${path.join(outDir, 'RESULTS.md')}`);
}

/** A child that dies while loading the code (the compiled engine being rewritten) fails
 *  within seconds without an answer: such a run is tried again after a pause. */
const LOAD_FAILURE_SECONDS = 10;
const LOAD_RETRIES = 3;
const LOAD_PAUSE_MS = 60_000;

async function runPatiently(spec: RunSpec, timeoutMinutes: number): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    const began = Date.now();
    const outcome = await runInChild(spec, { timeoutMs: timeoutMinutes * 60000 });
    const quick = (Date.now() - began) / 1000 < LOAD_FAILURE_SECONDS;
    const noAnswer = !outcome.ok && /without an answer/.test(outcome.error ?? '');
    if (!(quick && noAnswer) || attempt >= LOAD_RETRIES) return outcome;
    log(`    the run died while loading; trying again in ${LOAD_PAUSE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, LOAD_PAUSE_MS));
  }
}

async function loadableBackends(candidates: BackendName[]): Promise<{
  loaded: { name: BackendName; description: string }[];
  skipped: { name: string; reason: string }[];
}> {
  const loaded: { name: BackendName; description: string }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const name of ALL_BACKENDS.filter((b) => candidates.includes(b))) {
    try {
      const info = await initBackend(name);
      loaded.push({ name, description: info.description });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const missing = /Cannot find module '[^']+'/.exec(message)?.[0];
      skipped.push({ name, reason: missing ?? message.slice(0, 160) });
    }
  }
  return { loaded, skipped };
}

async function earlierFile(resultsJson: string): Promise<ResultsFile | undefined> {
  try {
    return JSON.parse(await fs.readFile(resultsJson, 'utf8')) as ResultsFile;
  } catch {
    return undefined;
  }
}

/** The sittings an earlier file holds: its own and those it carried over. */
function sittingsOf(file: ResultsFile): Sitting[] {
  if (file.ranRuns === 0) return file.earlierSittings ?? [];
  const own: Sitting = {
    command: file.command,
    startedAt: file.startedAt,
    updatedAt: file.updatedAt,
    loadAtStart: file.machine.loadAtStart,
    loadAtEnd: file.loadAtEnd,
  };
  return [...(file.earlierSittings ?? []), own];
}

function settingsOf(
  options: BenchOptions,
  plan: PlannedRun[],
  datasetsRoot: string,
): ResultsFile['settings'] {
  const presets = [
    ...new Set(plan.flatMap((p) => (p.spec.kind === 'model' ? [p.spec.preset] : []))),
  ];
  return {
    seeds: options.seeds,
    presets,
    overrides: options.overrides,
    budgetMinutes: options.budgetMinutes,
    timeoutMinutes: options.timeoutMinutes,
    datasetsRoot,
    scope: options.quick ? QUICK_SCOPE : FULL_SCOPE,
  };
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
