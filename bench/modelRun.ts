/**
 * One POST run of the benchmark, inside its child process: the product's own pipeline
 * (`runDetection`: read, train, score, evaluate, write) on each entity of the spec, timed
 * through its hooks, followed by one profiled training step for the memory estimate's check.
 *
 * Called by bench/one.ts. With a shared training file (SKAB) the first entity trains and
 * saves the model; the others are scored with that saved model, as a user would.
 *
 * Limitation: the job writes its results folder only once everything is scored, so the time
 * to the first scored row written is nearly the end-to-end time.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { makeConfig, PostConfig } from '../src/engine/config';
import { windowStarts } from '../src/engine/data/windows';
import { estimateTrainingBytes } from '../src/engine/detector';
import { DetectionRequest, DetectionResult, runDetection } from '../src/engine/job';
import { paperStarts } from '../src/engine/score/paper-scoring';
import { productStarts } from '../src/engine/score/product-scoring';
import type { Progress } from '../src/engine/types';
import { Entity } from './catalog';
import { cpuSeconds, peakRssBytes, rssBytes } from './processFigures';
import type { EntityOutcome, MemoryFigures, ModelOutcome, ModelSpec, SpeedFigures } from './spec';
import { probeSteps } from './stepProbe';

/** What the hooks saw of one runDetection call. */
class RunWatch {
  firstTraining?: number;
  lastStep?: number;
  firstWriting?: number;
  /** CPU seconds of the process at those moments, and at the last training and scoring
   *  reports (the end of the training-data scoring and of the test scoring). */
  readonly cpu = { firstTraining: NaN, lastStep: NaN, lastTraining: NaN, lastScoring: NaN };
  rssBeforeTraining = 0;
  adamSteps = 0;
  graphSteps = 0;
  readonly messages: string[] = [];

  onProgress(p: Progress): void {
    const now = process.uptime();
    if (p.phase === 'training' && this.firstTraining === undefined) {
      this.firstTraining = now;
      this.cpu.firstTraining = cpuSeconds();
      this.rssBeforeTraining = rssBytes();
    }
    if (p.phase === 'training') this.cpu.lastTraining = cpuSeconds();
    if (p.phase === 'scoring') this.cpu.lastScoring = cpuSeconds();
    if (p.phase === 'writing' && this.firstWriting === undefined) this.firstWriting = now;
    if (p.message && p.phase === 'training' && /batch/i.test(p.message)) {
      this.messages.push(p.message);
    }
  }

  onStep(phase: 'adam' | 'graph'): void {
    this.lastStep = process.uptime();
    this.cpu.lastStep = cpuSeconds();
    if (phase === 'adam') this.adamSteps += 1;
    else this.graphSteps += 1;
  }
}

export async function runModel(spec: ModelSpec): Promise<ModelOutcome> {
  const outcome: ModelOutcome = {
    kind: 'model',
    key: spec.key,
    ok: false,
    dataset: spec.dataset,
    preset: spec.preset,
    backend: spec.backend,
    seed: spec.seed,
    overrides: spec.overrides,
    entities: [],
    messages: [],
  };
  await fs.mkdir(spec.workDir, { recursive: true });
  try {
    const config = makeConfig(spec.preset, { ...spec.overrides, seed: spec.seed });
    outcome.config = config;
    const first = spec.entities[0];
    const watch = new RunWatch();
    const firstOut = path.join(spec.workDir, 'run-0');
    const result = await detectWithWatch(trainingRequest(spec, first, firstOut), watch, outcome);
    outcome.backendDescription = result.summary.backend.description;
    outcome.entities.push(entityOutcome(first, result));
    outcome.speed = speedOf(result, watch, outcome.messages);
    // The job logs its notes as warnings too: each message once.
    const all = [...outcome.messages, ...watch.messages, ...result.summary.notes];
    outcome.messages = [...new Set(all)];

    for (let i = 1; i < spec.entities.length; i++) {
      const entity = spec.entities[i];
      const out = path.join(spec.workDir, `run-${i}`);
      try {
        const request = scoringRequest(spec, entity, path.join(firstOut, 'model'), out);
        const scored = await runDetection(request);
        outcome.entities.push(entityOutcome(entity, scored));
      } catch (error) {
        outcome.entities.push({ entity: entity.name, role: entity.role, error: messageOf(error) });
      }
      await fs.rm(out, { recursive: true, force: true });
    }

    const channels = result.summary.channels.length;
    const runPeak = peakRssBytes();
    outcome.memory = await memoryOf(config, channels, outcome.speed.batchSize, watch, runPeak);
    outcome.ok = true;
  } catch (error) {
    outcome.error = messageOf(error);
  } finally {
    await fs.rm(spec.workDir, { recursive: true, force: true });
  }
  return outcome;
}

async function detectWithWatch(
  request: DetectionRequest,
  watch: RunWatch,
  outcome: ModelOutcome,
): Promise<DetectionResult> {
  return runDetection(request, {
    onProgress: (p) => watch.onProgress(p),
    onLoss: (e) => watch.onStep(e.phase),
    onLog: (level, message) => {
      if (level === 'warn') outcome.messages.push(message);
    },
  });
}

function trainingRequest(spec: ModelSpec, entity: Entity, out: string): DetectionRequest {
  return {
    input: entity.test,
    train: entity.train,
    trainFraction: entity.train ? undefined : entity.trainFraction,
    labels: entity.labels,
    channelLabels: entity.channelLabels,
    segmentFormat: entity.segments,
    preset: spec.preset,
    overrides: spec.overrides,
    seed: spec.seed,
    backend: spec.backend,
    out,
    createOutParent: true,
  };
}

function scoringRequest(
  spec: ModelSpec,
  entity: Entity,
  model: string,
  out: string,
): DetectionRequest {
  return {
    input: entity.test,
    model,
    labels: entity.labels,
    channelLabels: entity.channelLabels,
    segmentFormat: entity.segments,
    backend: spec.backend,
    out,
    createOutParent: true,
  };
}

function entityOutcome(entity: Entity, result: DetectionResult): EntityOutcome {
  const { start, end } = result.summary.evaluatedRows;
  const { name, role } = entity;
  return { entity: name, role, evaluation: result.evaluation, rows: end - start };
}

function speedOf(result: DetectionResult, watch: RunWatch, warnings: string[]): SpeedFigures {
  // The summary's settings are those trained with (the batch already fitted to memory).
  const { timings, input, training, config } = result.summary;
  const loopStart = watch.firstTraining ?? 0;
  const trainLoopSeconds = Math.max(0, (watch.lastStep ?? loopStart) - loopStart);
  const steps = watch.adamSteps + watch.graphSteps;
  const starts = config.scoring === 'product' ? productStarts : paperStarts;
  const scoredWindows = starts(input.rows, config.window).length;
  return {
    readSeconds: timings.reading,
    trainingSeconds: timings.training,
    trainLoopSeconds,
    adamSteps: watch.adamSteps,
    graphSteps: watch.graphSteps,
    stepsPerSecond: trainLoopSeconds > 0 ? steps / trainLoopSeconds : NaN,
    stepsPerCpuSecond: steps / (watch.cpu.lastStep - watch.cpu.firstTraining),
    batchSize: batchUsed([...watch.messages, ...warnings], config, training.rows ?? input.rows),
    scoredWindows,
    scoringSeconds: timings.scoring,
    windowsPerSecond: timings.scoring > 0 ? scoredWindows / timings.scoring : NaN,
    windowsPerCpuSecond: scoredWindows / (watch.cpu.lastScoring - watch.cpu.lastTraining),
    timeToFirstResultSeconds: watch.firstWriting ?? NaN,
    endToEndSeconds: timings.total,
    cpuSeconds: cpuSeconds(),
  };
}

/** The batch trained with: the smallest of the settings' batch, the number of training
 *  windows and any batch the engine said it shrank to. */
export function batchUsed(messages: string[], config: PostConfig, trainRows: number): number {
  const windows = windowStarts(trainRows, config.window, config.trainStride).length;
  let batch = Math.min(config.batchSize, windows);
  for (const message of messages) {
    const match = /batches of (\d+)/.exec(message);
    if (match) batch = Math.min(batch, Number(match[1]));
  }
  return batch;
}

async function memoryOf(
  config: PostConfig,
  channels: number,
  batch: number,
  watch: RunWatch,
  runPeakRssBytes: number,
): Promise<MemoryFigures> {
  const estimateBytes = estimateTrainingBytes({ ...config, batchSize: batch }, channels);
  const memory: MemoryFigures = {
    estimateBytes,
    rssBeforeTrainingBytes: watch.rssBeforeTraining,
    runPeakRssBytes,
  };
  try {
    const probe = await probeSteps({ ...config, batchSize: batch }, channels, batch, 0);
    memory.stepTensorPeakBytes = probe.stepTensorPeakBytes;
  } catch {
    // The figure is optional: a probe that does not fit leaves it out.
  }
  return memory;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
