/**
 * What the detection job (engine/job.ts) records about a run: per-phase timings, peak memory,
 * the score table of scores.csv, and the RunSummary of summary.json.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'fs';
import * as path from 'path';

import type { BackendInfo } from '../backend';
import { PostConfig } from '../config';
import type { Evaluation } from '../eval/metrics';
import { AnomalyEvent, ScoreResult, Series, Threshold } from '../types';
import {
  PhaseTimings,
  RESULTS_FORMAT_VERSION,
  RunSummary,
  ScoreTable,
  TrainingSource,
} from './resultFiles';

type Phase = Exclude<keyof PhaseTimings, 'total'>;

/** Wall-clock seconds per phase, and the peak of the memory figures sampled along the way. */
export class PhaseClock {
  private readonly started = performance.now();
  private readonly seconds: Partial<Record<Phase, number>> = {};
  private tensorBytes = 0;
  private tensors = 0;

  async time<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.seconds[phase] = (this.seconds[phase] ?? 0) + (performance.now() - start) / 1000;
      this.sampleMemory();
    }
  }

  /**
   * Samples TensorFlow.js's own count (cheap: bookkeeping, no device sync). Skipped while no
   * backend is up: when the requested backend failed to load, tf.memory() would throw its own
   * "no backend" error from the finally block and hide the message that names the setting.
   */
  sampleMemory(): void {
    let memory: tf.MemoryInfo;
    try {
      memory = tf.memory();
    } catch {
      return;
    }
    this.tensorBytes = Math.max(this.tensorBytes, memory.numBytes);
    this.tensors = Math.max(this.tensors, memory.numTensors);
  }

  timings(): PhaseTimings {
    const s = (phase: Phase): number => round3(this.seconds[phase] ?? 0);
    return {
      backend: s('backend'),
      reading: s('reading'),
      training: s('training'),
      scoring: s('scoring'),
      evaluation: s('evaluation'),
      writing: s('writing'),
      total: round3((performance.now() - this.started) / 1000),
    };
  }

  /**
   * The process's peak resident memory (the OS's figure) and TensorFlow.js's peak.
   * Limitation: the OS figure is the peak over the process's life, not this run's alone, and
   * the tensor figures are sampled between phases, so a peak inside a phase can be missed.
   */
  memory(): RunSummary['memory'] {
    return {
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      tensorBytes: this.tensorBytes,
      tensors: this.tensors,
    };
  }
}

/** scores.csv's table: detected = score above the threshold (events bridge short gaps). */
export function toScoreTable(
  input: Series,
  scores: ScoreResult,
  threshold: number,
  labels: Uint8Array | undefined,
  channels: string[],
): ScoreTable {
  const detected = new Uint8Array(scores.rows);
  for (let t = 0; t < scores.rows; t++) detected[t] = scores.timeScore[t] > threshold ? 1 : 0;
  return {
    channels,
    rows: scores.rows,
    timestamps: input.timestamps,
    score: scores.timeScore,
    detected,
    labels,
    channelScore: scores.channelScore,
  };
}

export interface SummaryParts {
  /** The scored series, in the model's channel order. */
  input: Series;
  /** The series as read (for its skipped columns and imputation). */
  original: Series;
  training: TrainingSource;
  evaluatedRows: { start: number; end: number };
  labelSource?: string;
  channelLabelSource?: string;
  backend: BackendInfo;
  preset: string | null;
  config: PostConfig;
  threshold: Threshold & { origin: 'fitted' | 'model' };
  events: AnomalyEvent[];
  table: ScoreTable;
  clock: PhaseClock;
  evaluation?: Evaluation;
  notes: string[];
}

export function buildSummary(p: SummaryParts): RunSummary {
  let detectedRows = 0;
  for (const flag of p.table.detected) detectedRows += flag;
  const rowSource = p.table.labels ? (p.labelSource ?? 'labels') : undefined;
  const labels =
    rowSource || p.channelLabelSource
      ? { rows: rowSource, channels: p.channelLabelSource }
      : undefined;

  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    engineVersion: packageVersion(),
    createdAt: new Date().toISOString(),
    input: {
      path: p.original.source,
      rows: p.input.rows,
      timeColumn: p.input.timestamps ? p.input.timeColumn ?? 'time' : undefined,
      skippedColumns: p.input.skippedColumns,
      imputation: p.original.imputation,
    },
    channels: p.table.channels,
    training: p.training,
    evaluatedRows: p.evaluatedRows,
    labels,
    backend: { name: p.backend.name, gpu: p.backend.gpu, description: p.backend.description },
    preset: p.preset,
    config: p.config,
    seed: p.config.seed,
    threshold: p.threshold,
    eventCount: p.events.length,
    detectedRows,
    timings: p.clock.timings(),
    memory: p.clock.memory(),
    metrics: p.evaluation,
    notes: p.notes,
  };
}

let version: string | undefined;

/** The version of the post-anomaly package this code belongs to ('unknown' when bundled). */
export function packageVersion(): string {
  if (version !== undefined) return version;
  version = 'unknown';
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (manifest.name === 'post-anomaly') {
        version = String(manifest.version);
        break;
      }
    } catch {
      // No readable package.json here: look one folder up.
    }
    if (path.dirname(dir) === dir) break;
  }
  return version;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
