/**
 * The benchmark's files: results.json (every outcome, the settings, the machine), RESULTS.md
 * (the tables a person reads) and scaling.svg (the growth study's plot), rewritten after each
 * run so that a run cut short still leaves complete files. Called by bench/run.ts.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { qualityRecords, speedRows } from './aggregate';
import { DATASETS, DatasetId } from './catalog';
import type { MachineInfo } from './machine';
import {
  entitySection,
  failuresSection,
  markdownTable,
  memorySection,
  qualitySection,
  scalingSection,
  speedSection,
  targetsSection,
} from './markdown';
import type { Outcome, ScalingAxis, ScalingOutcome } from './spec';
import { ChartSeries, chartGrid, lineChart } from './svgChart';
import { checkTargets, TargetCheck } from './targets';

export const RESULTS_FORMAT_VERSION = 1;

export interface ResultsFile {
  formatVersion: number;
  mode: 'quick' | 'full';
  command: string;
  startedAt: string;
  updatedAt: string;
  /** Every planned run was attempted. */
  finished: boolean;
  machine: MachineInfo;
  loadAtEnd: number[];
  backends: { name: string; description: string }[];
  backendsSkipped: { name: string; reason: string }[];
  settings: {
    seeds: number;
    presets: string[];
    overrides: Record<string, string>;
    budgetMinutes?: number;
    timeoutMinutes: number;
    datasetsRoot: string;
    scope: string[];
  };
  planned: { key: string; tier: number; status: 'done' | 'failed' | 'not run' }[];
  outcomes: Outcome[];
  targets: TargetCheck[];
  /** Earlier invocations whose runs were kept (--resume, --reuse), oldest first. */
  earlierSittings?: Sitting[];
  /** Runs this invocation made itself (0 when it only merged and rewrote the report). */
  ranRuns?: number;
}

export interface Sitting {
  command: string;
  startedAt: string;
  updatedAt: string;
  loadAtStart: number[];
  loadAtEnd: number[];
}

/** The window whose VUS the baselines are shown with: the default preset's. */
const BASELINE_WINDOW = 50;

export function targetsOf(outcomes: Outcome[]): TargetCheck[] {
  const records = qualityRecords(outcomes, BASELINE_WINDOW);
  return checkTargets(records, speedRows(outcomes), outcomes);
}

/** RESULTS.md; `findings` (bench/findings.md, written by hand) is appended when given. */
export function renderMarkdown(file: ResultsFile, findings?: string): string {
  const records = qualityRecords(file.outcomes, BASELINE_WINDOW);
  const scaling = file.outcomes.filter((o): o is ScalingOutcome => o.kind === 'scaling');
  const notRun = file.planned.filter((p) => p.status === 'not run');
  const datasets = [...new Set(records.map((r) => r.dataset))] as DatasetId[];

  const lines = [
    `# Benchmark results (${file.mode} run)`,
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand: hand-written findings go ' +
      'in bench/findings.md, which is appended below. Every figure comes from results.json.',
    '',
    markdownTable(['', ''], headerRows(file, notRun.length)),
    '',
    'Scope:',
    ...file.settings.scope.map((s) => `- ${s}`),
    '',
    'Tuning was allowed on SMD machine-2-1 and ASD omi-1..6 only; every other entity is held ' +
      'out. Means are over seeds of the mean over entities; ± is the sample standard deviation ' +
      'over seeds (PCA and |z| are deterministic: one run). "oracle" figures choose their ' +
      'threshold with the test labels. The wall-clock times were measured on a shared machine ' +
      '(see the load average); CPU seconds (user + system over all of the process\'s threads: ' +
      'the wasm backend computes on one, garbage collection and I/O use others) are inflated ' +
      'less by other work on the machine.',
    '',
    '## Targets',
    '',
    targetsSection(file.targets),
    '',
    '## Quality',
    '',
    qualitySection(records),
    '',
    '## Quality per entity',
    '',
    ...datasets.flatMap((d) => [`### ${DATASETS[d].title}`, '', entitySection(records, d), '']),
    '## Speed and memory',
    '',
    speedSection(speedRows(file.outcomes)),
    '',
    '### Memory estimate against measurement',
    '',
    'estimateTrainingBytes (src/engine/train/memory.ts) at the batch trained with, beside the ' +
      'tensor bytes at the peak of one profiled Adam step (tf.profile) and the resident memory.',
    '',
    memorySection(speedRows(file.outcomes), scaling),
    '',
    '## Growth with rows, channels and window',
    '',
    'Synthetic files (sine waves plus noise), default preset. Read time and the rates are ' +
      'measured (wall clock, and in brackets CPU seconds, which a shared machine does not ' +
      'inflate); "projected end to end" is 2 reads + the default epochs of Adam steps at the ' +
      'measured step time + scoring of training and test windows at the measured rate, for a ' +
      'training file and a test file of that size each (graph-phase steps not counted). The ' +
      'plot, [scaling.svg](scaling.svg), shows the CPU-second figures.',
    '',
    scaling.length > 0 ? scalingSection(scaling) : 'Not run.',
    '',
    '## Failures',
    '',
    failuresSection(file.outcomes),
    '',
  ];
  if (notRun.length > 0) {
    lines.push('## Planned but not run', '', ...notRun.map((p) => `- ${p.key}`), '');
  }
  if (findings) lines.push(findings.trim(), '');
  return lines.join('\n');
}

/** What ran where, for the table at the top of RESULTS.md. */
function headerRows(file: ResultsFile, notRun: number): string[][] {
  const m = file.machine;
  const list = (items: string[]): string => items.join(', ') || 'none';
  const load = (values: number[]): string => values.join(' / ');
  const memory = (m.memoryBytes / 1024 ** 3).toFixed(1);
  const packages = Object.entries(m.packages).map(([k, v]) => `${k} ${v}`);
  const overrides = Object.entries(file.settings.overrides).map(([k, v]) => `${k}=${v}`);
  const skipped = file.backendsSkipped.map((b) => `${b.name}: ${b.reason}`);
  return [
    ['command', `\`${file.command}\``],
    ['started / updated', `${file.startedAt} / ${file.updatedAt}`],
    ['finished', file.finished ? 'yes' : `no: ${notRun} planned runs not run (budget)`],
    ['machine', `${m.cpuModel}, ${m.cores} cores, ${memory} GiB, ${m.platform}`],
    ['load average (1/5/15 min)', `start ${load(m.loadAtStart)}, end ${load(file.loadAtEnd)}`],
    ['Node, packages', `${m.node}; ${list(packages)}`],
    ['project', `post-anomaly ${m.projectVersion}, commit ${m.commit ?? 'unknown'} + changes`],
    ...(file.earlierSittings ?? []).map((e) => [
      'runs kept from',
      `\`${e.command}\`, ${e.startedAt} to ${e.updatedAt}, load ${load(e.loadAtStart)} ` +
        `→ ${load(e.loadAtEnd)}`,
    ]),
    ['backends', file.backends.map((b) => b.description).join('; ')],
    ['backends not loaded', list(skipped)],
    ['seeds', String(file.settings.seeds)],
    ['presets', file.settings.presets.join(', ')],
    ['overrides (--set)', list(overrides)],
    ['data', file.settings.datasetsRoot],
  ];
}

const AXES: [ScalingAxis, string, boolean][] = [
  ['rows', 'rows (38 channels, window 50)', true],
  ['channels', 'channels (10k rows, window 50)', false],
  ['window', 'window (10k rows, 38 channels)', false],
];

/** The growth study's plot: time (top) and memory (bottom) against each axis. */
export function scalingSvg(outcomes: Outcome[]): string {
  const scaling = outcomes.filter((o): o is ScalingOutcome => o.kind === 'scaling' && o.ok);
  const mib = (b?: number): number => (b ?? NaN) / 1024 ** 2;
  const charts: string[] = [];
  for (const figure of ['time', 'memory'] as const) {
    for (const [axisName, label, log] of AXES) {
      const points = scaling.filter((s) => s.axis === axisName);
      points.sort((a, b) => a[axisName] - b[axisName]);
      const line = (name: string, y: (s: ScalingOutcome) => number | undefined): ChartSeries => ({
        name,
        points: points.map((s) => [s[axisName], y(s) ?? NaN]),
      });
      const series =
        figure === 'time'
          ? [
              line('projected end to end', (s) => s.projectedCpuSeconds),
              line('read (measured)', (s) => s.readCpuSeconds),
              line('10 Adam steps (measured)', (s) => 10 * (s.cpuSecondsPerStep ?? NaN)),
            ]
          : [
              line('probe peak RSS', (s) => mib(s.process?.peakRssBytes)),
              line('RSS after read', (s) => mib(s.rssAfterReadBytes)),
              line('step estimate', (s) => mib(s.estimateBytes)),
              line('step tensor peak', (s) => mib(s.stepTensorPeakBytes)),
            ];
      const title = `${figure === 'time' ? 'Time' : 'Memory'} against ${axisName}`;
      const yLabel = figure === 'time' ? 'CPU seconds' : 'MiB';
      const logY = figure === 'time' && log;
      charts.push(lineChart({ title, xLabel: label, yLabel, logX: log, logY, series }));
    }
  }
  const backend = scaling[0]?.backend ?? '';
  return chartGrid(charts, 3, 420, 300, `POST growth study (default preset, ${backend})`) + '\n';
}

/** Writes results.json, RESULTS.md and (when the growth study ran) scaling.svg into `dir`. */
export async function writeReport(
  dir: string,
  file: ResultsFile,
  findingsFile: string,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const findings = await fs.readFile(findingsFile, 'utf8').catch(() => undefined);
  await fs.writeFile(path.join(dir, 'results.json'), JSON.stringify(file, null, 1) + '\n');
  await fs.writeFile(path.join(dir, 'RESULTS.md'), renderMarkdown(file, findings));
  if (file.outcomes.some((o) => o.kind === 'scaling')) {
    await fs.writeFile(path.join(dir, 'scaling.svg'), scalingSvg(file.outcomes));
  }
}
