/**
 * Which runs the benchmark makes, in which order: the quick mode's few, or the full run's
 * scope (written into RESULTS.md, so a reader knows what was and was not run).
 *
 * Called by bench/run.ts; pure, so the unit tests check it. The full run is ordered by what
 * the results need most, so a run cut short by --budget-minutes still answers the targets:
 * baselines, then the default preset with seed 1 everywhere, the growth study, the other
 * seeds, the tiny preset, the paper preset on SMD, and last the slow plain-JavaScript backend.
 */
import * as path from 'path';

import type { BackendName } from '../src/engine/backend';
import { makeConfig } from '../src/engine/config';
import type { BenchOptions } from './args';
import { DATASETS, DatasetId, Entity } from './catalog';
import type { RunSpec, ScalingAxis, ScalingSpec } from './spec';

export interface PlannedRun {
  /** Lower runs first. */
  tier: number;
  spec: RunSpec;
}

/** The full run's scope, one line each, for RESULTS.md. */
export const FULL_SCOPE = [
  'Baselines (PCA, |z|, random with every seed) on every labelled entity.',
  'POST, default and tiny presets, on every labelled entity with every seed on the fastest ' +
    'backend that loads (SKAB: one model per seed, trained on anomaly-free.csv, scores all 34 ' +
    'files).',
  'POST, paper preset: SMD machine-2-1 only (a run takes tens of minutes on two cores).',
  'Slower backends (plain JavaScript cpu): tiny preset on SMD and ASD omi-1..6, default ' +
    'preset on ASD omi-1, seed 1 only (5-20x the wasm time).',
  'Growth study: synthetic files, rows 10k-1M (38 channels, window 50), channels 8-500 ' +
    '(10k rows), window 50-200 (10k rows, 38 channels), default preset, fastest backend.',
];

export const QUICK_SCOPE = [
  'SMD machine-2-1 and ASD omi-1, seed 1, default preset, fastest backend, plus baselines.',
];

const ROWS_AXIS = [10_000, 100_000, 1_000_000];
const CHANNELS_AXIS = [8, 38, 100, 250, 500];
const WINDOW_AXIS = [50, 100, 150, 200];
const SCALING_STEPS = 3;
const SCALING_SCORE_WINDOWS = 400;

export function buildPlan(
  options: BenchOptions,
  entities: Entity[],
  backends: BackendName[],
  workRoot: string,
): PlannedRun[] {
  const chosen = entities.filter((e) => !options.datasets || options.datasets.includes(e.dataset));
  const [fastest, ...slower] = backends;
  const seeds = Array.from({ length: options.seeds }, (_, i) => i + 1);
  const runs: PlannedRun[] = [];
  const model = (
    tier: number,
    preset: string,
    backend: BackendName,
    group: Entity[],
    seed: number,
  ): void => {
    runs.push({ tier, spec: modelSpec(preset, backend, group, seed, options, workRoot) });
  };

  if (options.quick) {
    const quick = chosen.filter((e) => e.name === 'machine-2-1' || e.name === 'omi-1');
    const presets = options.presets ?? ['default'];
    runs.push(...baselineRuns(quick, seeds, presets, options));
    for (const preset of presets) {
      for (const group of groups(quick)) {
        for (const seed of seeds) model(1, preset, fastest, group, seed);
      }
    }
    return sorted(runs);
  }

  const presets = options.presets ?? ['default', 'tiny', 'paper'];
  if (options.scaling !== 'only') {
    runs.push(...baselineRuns(chosen, seeds, presets, options));
    for (const preset of presets) {
      for (const group of groups(chosen)) {
        if (preset === 'paper' && group[0].dataset !== 'smd') continue;
        for (const seed of seeds) model(modelTier(preset, seed), preset, fastest, group, seed);
      }
    }
    for (const backend of slower) {
      for (const group of groups(chosen)) {
        const entity = group[0];
        const asdTuning = entity.dataset === 'asd' && entity.role === 'tuning';
        if (presets.includes('tiny') && (entity.dataset === 'smd' || asdTuning)) {
          model(9, 'tiny', backend, group, 1);
        }
        if (presets.includes('default') && entity.name === 'omi-1') {
          model(9, 'default', backend, group, 1);
        }
      }
    }
  }
  if (options.scaling !== 'skip') {
    for (const spec of scalingSpecs(fastest, workRoot)) runs.push({ tier: 3, spec });
  }
  return sorted(runs);
}

/** Default seed 1 first, then the growth study (tier 3), other seeds, tiny, paper. */
function modelTier(preset: string, seed: number): number {
  if (preset === 'default') return seed === 1 ? 2 : 4;
  if (preset === 'tiny') return 5;
  return seed === 1 ? 6 : 8;
}

/** Entities run together: one per group, except a data set whose files share a training file. */
export function groups(entities: Entity[]): Entity[][] {
  const out: Entity[][] = [];
  const shared = new Map<DatasetId, Entity[]>();
  for (const entity of entities) {
    if (!DATASETS[entity.dataset].sharedTraining) {
      out.push([entity]);
      continue;
    }
    const group = shared.get(entity.dataset);
    if (group) group.push(entity);
    else {
      const fresh = [entity];
      shared.set(entity.dataset, fresh);
      out.push(fresh);
    }
  }
  return out;
}

function modelSpec(
  preset: string,
  backend: BackendName,
  group: Entity[],
  seed: number,
  options: BenchOptions,
  workRoot: string,
): RunSpec {
  const first = group[0];
  const name = group.length > 1 ? `${group.length} files` : first.name;
  const overrides = overridesKey(options.overrides);
  const parts = [preset, backend, first.dataset, name, `seed${seed}`, overrides];
  const key = ['model', ...parts].filter((part) => part !== '').join('|');
  return {
    kind: 'model',
    key,
    dataset: first.dataset,
    entities: group,
    preset,
    backend,
    seed,
    overrides: options.overrides,
    workDir: path.join(workRoot, safeName(key)),
  };
}

function baselineRuns(
  entities: Entity[],
  seeds: number[],
  presets: string[],
  options: BenchOptions,
): PlannedRun[] {
  const windows = [...new Set(presets.map((p) => makeConfig(p, options.overrides).window))];
  windows.sort((a, b) => a - b);
  const anomalyRatio = makeConfig('default', options.overrides).anomalyRatio;
  const byDataset = new Map<DatasetId, Entity[]>();
  for (const e of entities) byDataset.set(e.dataset, [...(byDataset.get(e.dataset) ?? []), e]);
  return [...byDataset.entries()].map(([dataset, group]) => ({
    tier: 0,
    spec: {
      kind: 'baselines',
      key:
        `baselines|${dataset}|${group.length} entities|seeds ${seeds.length}|` +
        `windows ${windows.join(',')}`,
      dataset,
      entities: group,
      seeds,
      typicalWindows: windows,
      anomalyRatio,
    },
  }));
}

function scalingSpecs(backend: BackendName, workRoot: string): ScalingSpec[] {
  const spec = (axis: ScalingAxis, rows: number, channels: number, window: number): ScalingSpec => {
    const key = `scaling|${axis}|${rows}x${channels}|L${window}|${backend}`;
    return {
      kind: 'scaling',
      key,
      axis,
      rows,
      channels,
      window,
      preset: 'default',
      backend,
      steps: SCALING_STEPS,
      scoreWindows: SCALING_SCORE_WINDOWS,
      workDir: path.join(workRoot, safeName(key)),
    };
  };
  return [
    ...ROWS_AXIS.map((rows) => spec('rows', rows, 38, 50)),
    ...CHANNELS_AXIS.map((channels) => spec('channels', 10_000, channels, 50)),
    ...WINDOW_AXIS.map((window) => spec('window', 10_000, 38, window)),
  ];
}

/** `key=value` pairs sorted, so the same overrides always give the same run key. */
export function overridesKey(overrides: Record<string, string>): string {
  return Object.keys(overrides)
    .sort()
    .map((k) => `${k}=${overrides[k]}`)
    .join(',');
}

function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]+/g, '_');
}

function sorted(runs: PlannedRun[]): PlannedRun[] {
  // Array.prototype.sort is stable: runs of one tier keep their planned order.
  return [...runs].sort((a, b) => a.tier - b.tier);
}
