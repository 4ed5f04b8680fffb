/**
 * The benchmark's command line (`npm run bench -- [options]`), parsed into BenchOptions.
 * Called by bench/run.ts; pure, so the unit tests check it directly.
 */
import type { BackendName } from '../src/engine/backend';
import { isPresetName, parseAssignments, parseValue } from '../src/engine/config';
import type { DatasetId } from './catalog';
import { DATASETS } from './catalog';

export interface BenchOptions {
  quick: boolean;
  /** Presets to run; undefined = the mode's scope. */
  presets?: string[];
  /** Backends to try; undefined = every backend that loads. */
  backends?: BackendName[];
  /** Seeds 1..seeds. */
  seeds: number;
  /** Data sets to run; undefined = all with labels (quick: SMD and ASD omi-1). */
  datasets?: DatasetId[];
  /** `--set key=value` overrides for every model run. */
  overrides: Record<string, string>;
  /** Stop starting new runs after this many minutes (results so far are written). */
  budgetMinutes?: number;
  /** A run is killed and recorded as failed after this many minutes. */
  timeoutMinutes: number;
  /** Keep the successful runs of an earlier results.json and run only the rest. */
  resume: boolean;
  /** Other results.json files whose successful runs are kept too (e.g. the quick run's). */
  reuse: string[];
  /** Folder of RESULTS.md, results.json and the plot; undefined = bench/ (quick: bench/quick/). */
  out?: string;
  /** Growth study: 'with' the quality runs, 'skip' it, or 'only' it. */
  scaling: 'with' | 'skip' | 'only';
  /** The shared datasets folder; undefined = ../shared/datasets from the repository. */
  datasetsRoot?: string;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick                 SMD machine-2-1 and ASD omi-1, one seed, default preset, baselines
  --presets a,b           presets to run, of default, tiny, paper (default: all three; the
                          paper preset runs on SMD machine-2-1 only, ~16 min a seed on wasm)
  --backends a,b          backends to try, of tensorflow-gpu, tensorflow, wasm, cpu (default:
                          all that load)
  --seeds N               seeds 1..N (default 3; quick 1)
  --datasets a,b          of ${Object.keys(DATASETS).join(', ')} (default: all)
  --set key=value         override a setting in every model run (repeatable)
  --budget-minutes M      start no new run after M minutes (0: only rewrite the report)
  --timeout-minutes T     kill a run after T minutes and record it as failed (default 60)
  --resume                keep the successful runs of the results.json in --out
  --reuse FILE            keep the successful runs of another results.json too; a run in a
                          later file replaces the same run in an earlier one (repeatable)
  --out DIR               where RESULTS.md, results.json and scaling.svg go (default bench/,
                          with --quick bench/quick/; relative to the project folder)
  --no-scaling            leave out the growth study
  --scaling-only          run only the growth study
  --datasets-root DIR     the shared datasets folder (default ../shared/datasets)
`;

/** Parses the arguments after `npm run bench --`; throws an Error naming a bad option. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    seeds: 3,
    overrides: {},
    timeoutMinutes: 60,
    resume: false,
    reuse: [],
    scaling: 'with',
    help: false,
  };
  let seedsGiven = false;
  const sets: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      i += 1;
      return next;
    };
    switch (arg) {
      case '--quick': options.quick = true; break;
      case '--presets': options.presets = presetList(value()); break;
      case '--backends': options.backends = backendList(value()); break;
      case '--seeds': options.seeds = positiveInteger(arg, value()); seedsGiven = true; break;
      case '--datasets': options.datasets = datasetList(value()); break;
      case '--set': sets.push(value()); break;
      case '--budget-minutes': options.budgetMinutes = nonNegative(arg, value()); break;
      case '--timeout-minutes': options.timeoutMinutes = positiveNumber(arg, value()); break;
      case '--resume': options.resume = true; break;
      case '--reuse': options.reuse.push(value()); break;
      case '--out': options.out = value(); break;
      case '--no-scaling': options.scaling = 'skip'; break;
      case '--scaling-only': options.scaling = 'only'; break;
      case '--datasets-root': options.datasetsRoot = value(); break;
      case '--help': case '-h': options.help = true; break;
      default: throw new Error(`Unknown option '${arg}'.\n\n${USAGE}`);
    }
  }

  if (options.quick && !seedsGiven) options.seeds = 1;
  if (options.quick && options.scaling === 'with') options.scaling = 'skip';
  const assignments = parseAssignments(sets);
  for (const [key, raw] of Object.entries(assignments)) {
    options.overrides[key] = String(parseValue(key, raw));
  }
  return options;
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function presetList(text: string): string[] {
  const names = list(text);
  for (const name of names) {
    if (!isPresetName(name)) {
      throw new Error(`--presets: unknown preset '${name}' (default, tiny, paper).`);
    }
  }
  return names;
}

const BACKENDS: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

function backendList(text: string): BackendName[] {
  const names = list(text);
  for (const name of names) {
    if (!BACKENDS.includes(name as BackendName)) {
      throw new Error(`--backends: unknown backend '${name}' (${BACKENDS.join(', ')}).`);
    }
  }
  return names as BackendName[];
}

function datasetList(text: string): DatasetId[] {
  const names = list(text);
  for (const name of names) {
    if (!(name in DATASETS)) {
      const known = Object.keys(DATASETS).join(', ');
      throw new Error(`--datasets: unknown data set '${name}' (${known}).`);
    }
  }
  return names as DatasetId[];
}

function positiveInteger(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${option} is '${text}'; give a whole number ≥ 1.`);
  }
  return n;
}

function nonNegative(option: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new Error(`${option} is '${text}'; give a number ≥ 0.`);
  }
  return n;
}

function positiveNumber(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${option} is '${text}'; give a number > 0.`);
  return n;
}
