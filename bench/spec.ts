/**
 * What the benchmark's parent process asks of a child run (a RunSpec, passed as JSON on the
 * command line of `node out/bench/one.js`) and what the child answers (an Outcome, written as
 * JSON to the file the spec names). Shared by bench/run.ts, bench/one.ts and the aggregation.
 */
import type { BackendName } from '../src/engine/backend';
import type { PostConfig } from '../src/engine/config';
import type { Evaluation } from '../src/engine/eval/metrics';
import type { DatasetId, Entity, Role } from './catalog';

/** POST trained and scored end to end (runDetection) on one entity, or on a shared-training
 *  group (one model trained on the first entity's training file scores them all). */
export interface ModelSpec {
  kind: 'model';
  key: string;
  dataset: DatasetId;
  entities: Entity[];
  preset: string;
  backend: BackendName;
  seed: number;
  /** `--set` overrides, applied on top of the preset. */
  overrides: Record<string, string>;
  /** Scratch folder for the results folders; deleted by the child when it ends. */
  workDir: string;
}

/** The PCA, |z| and random baselines through the same evaluation, on every entity given. */
export interface BaselineSpec {
  kind: 'baselines';
  key: string;
  dataset: DatasetId;
  entities: Entity[];
  /** Seeds of the random baseline. */
  seeds: number[];
  /** Window lengths of the presets compared (only VUS depends on it). */
  typicalWindows: number[];
  /** Percent; the baselines' threshold is this quantile of their training scores. */
  anomalyRatio: number;
}

export type ScalingAxis = 'rows' | 'channels' | 'window';

/** One point of the growth study: synthetic data of a given shape, timed in parts. */
export interface ScalingSpec {
  kind: 'scaling';
  key: string;
  axis: ScalingAxis;
  rows: number;
  channels: number;
  window: number;
  preset: string;
  backend: BackendName;
  /** Adam steps timed after one warm-up step. */
  steps: number;
  /** At most this many windows are scored to time scoring. */
  scoreWindows: number;
  workDir: string;
}

export type RunSpec = ModelSpec | BaselineSpec | ScalingSpec;

/** What every child measures about itself. */
export interface ProcessFigures {
  /** Peak resident memory of the child (the kernel's high-water mark). */
  peakRssBytes: number;
  /** User + system CPU seconds of the child: the fair time on a shared machine. */
  cpuSeconds: number;
  /** Wall-clock seconds from the child's start to its answer. */
  wallSeconds: number;
  /** When the child answered (ISO 8601): which engine code a run saw can change over time. */
  finishedAt?: string;
}

export interface EntityOutcome {
  entity: string;
  role: Role;
  evaluation?: Evaluation;
  /** Rows evaluated (the scored rows not trained on). */
  rows?: number;
  error?: string;
}

export interface SpeedFigures {
  readSeconds: number;
  /** The training phase: the loop plus the scoring of the training data for the threshold. */
  trainingSeconds: number;
  /** From the first training progress report to the last step. */
  trainLoopSeconds: number;
  adamSteps: number;
  graphSteps: number;
  /** (Adam + graph steps) per second of the loop. */
  stepsPerSecond: number;
  /** The same per CPU second of the process: what a quiet machine gives (wasm: one thread). */
  stepsPerCpuSecond?: number;
  batchSize: number;
  scoredWindows: number;
  scoringSeconds: number;
  windowsPerSecond: number;
  /** Test windows scored per CPU second. */
  windowsPerCpuSecond?: number;
  /** Child start to the first scored row written (scores.csv opened). */
  timeToFirstResultSeconds: number;
  /** Read, train, score and write: runDetection's own total. */
  endToEndSeconds: number;
  /** CPU seconds (user + system) of the process up to the end of that run. */
  cpuSeconds: number;
}

export interface MemoryFigures {
  /** estimateTrainingBytes at the batch the run trained with. */
  estimateBytes: number;
  /** Peak of TensorFlow.js's tensor bytes in one profiled Adam step at that batch. */
  stepTensorPeakBytes?: number;
  /** Resident memory just before training (after reading): what the data alone took. */
  rssBeforeTrainingBytes: number;
  /** Peak resident memory at the end of the run, before the profiled step. */
  runPeakRssBytes: number;
}

export interface ModelOutcome {
  kind: 'model';
  key: string;
  ok: boolean;
  error?: string;
  dataset: DatasetId;
  preset: string;
  backend: BackendName;
  backendDescription?: string;
  seed: number;
  overrides: Record<string, string>;
  config?: PostConfig;
  entities: EntityOutcome[];
  /** Of the first entity's run (the one that trained). */
  speed?: SpeedFigures;
  memory?: MemoryFigures;
  /** Messages the engine reported (a shrunk batch, notes on the data). */
  messages: string[];
  process?: ProcessFigures;
}

export type BaselineMethod = 'pca' | 'zscore' | 'random';

export interface BaselineEvaluation {
  entity: string;
  role: Role;
  method: BaselineMethod;
  seed: number;
  typicalWindow: number;
  evaluation: Evaluation;
}

export interface BaselineOutcome {
  kind: 'baselines';
  key: string;
  ok: boolean;
  error?: string;
  dataset: DatasetId;
  evaluations: BaselineEvaluation[];
  errors: { entity: string; error: string }[];
  process?: ProcessFigures;
}

export interface ScalingOutcome {
  kind: 'scaling';
  key: string;
  ok: boolean;
  error?: string;
  axis: ScalingAxis;
  rows: number;
  channels: number;
  window: number;
  preset: string;
  backend: BackendName;
  batchSize?: number;
  readSeconds?: number;
  readCpuSeconds?: number;
  secondsPerStep?: number;
  cpuSecondsPerStep?: number;
  windowsPerSecond?: number;
  windowsPerCpuSecond?: number;
  /** Read + training loop + scoring of training and test data, from the measured rates. */
  projectedEndToEndSeconds?: number;
  /** The same from the CPU-time rates: a quiet machine's wall time. */
  projectedCpuSeconds?: number;
  /** Resident memory after reading the file. */
  rssAfterReadBytes?: number;
  estimateBytes?: number;
  stepTensorPeakBytes?: number;
  process?: ProcessFigures;
}

export type Outcome = ModelOutcome | BaselineOutcome | ScalingOutcome;
