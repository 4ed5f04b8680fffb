/**
 * One point of the growth study, inside a child process: a synthetic CSV of the given rows and
 * channels is written, read by the engine's reader (timed), and a model of the given window
 * is timed on a few training steps and on scoring a capped number of windows. The end-to-end
 * time of a run on such a file (same-sized training and test files) is projected from those
 * rates; the projection, not a full run, is what makes 1M rows feasible on two cores.
 *
 * Called by bench/one.ts. Limitation: the projection counts Adam steps only (the graph phase
 * adds about 0.7 of a step every `graphEvery` steps after its start epoch) and assumes the
 * default batch fits; the memory figures are the probe's own (file read, one step, capped
 * scoring), not those of a full run on a file that size.
 */
import { createWriteStream, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { initBackend } from '../src/engine/backend';
import { makeConfig } from '../src/engine/config';
import { readSeries } from '../src/engine/data/readSeries';
import { windowStarts } from '../src/engine/data/windows';
import { productStarts } from '../src/engine/score/product-scoring';
import { batchSizeWithin, estimateTrainingBytes } from '../src/engine/train/memory';
import { cpuSeconds, rssBytes } from './processFigures';
import type { ScalingOutcome, ScalingSpec } from './spec';
import { probeScoring, probeSteps } from './stepProbe';

/** The detector's default budget of one training step on wasm (its heap is at most 4 GiB). */
const WASM_BUDGET = 2 * 1024 ** 3;

export async function runScaling(spec: ScalingSpec): Promise<ScalingOutcome> {
  const { rows, channels, window } = spec;
  const outcome: ScalingOutcome = {
    kind: 'scaling',
    key: spec.key,
    ok: false,
    axis: spec.axis,
    rows,
    channels,
    window,
    preset: spec.preset,
    backend: spec.backend,
  };
  await fs.mkdir(spec.workDir, { recursive: true });
  try {
    await initBackend(spec.backend);
    const file = path.join(spec.workDir, `synthetic-${rows}x${channels}.csv`);
    await writeSyntheticCsv(file, rows, channels);

    const began = performance.now();
    const cpuBefore = cpuSeconds();
    const series = await readSeries(file);
    outcome.readSeconds = (performance.now() - began) / 1000;
    outcome.readCpuSeconds = cpuSeconds() - cpuBefore;
    outcome.rssAfterReadBytes = rssBytes();
    await fs.rm(file, { force: true });

    const base = makeConfig(spec.preset, { window });
    const budget = spec.backend === 'wasm' ? WASM_BUDGET : os.totalmem() / 4;
    const batch = batchSizeWithin(base, channels, budget);
    const config = { ...base, batchSize: batch };
    outcome.batchSize = batch;
    outcome.estimateBytes = estimateTrainingBytes(config, channels);

    const probe = await probeSteps(config, channels, batch, spec.steps);
    outcome.stepTensorPeakBytes = probe.stepTensorPeakBytes;
    outcome.secondsPerStep = probe.secondsPerStep;
    outcome.cpuSecondsPerStep = probe.cpuSecondsPerStep;

    const scoreRows = Math.min(series.rows, window + spec.scoreWindows * Math.round(window / 4));
    const scoring = await probeScoring(config, channels, scoreRows, 2 * batch);
    outcome.windowsPerSecond = scoring.windowsPerSecond;
    outcome.windowsPerCpuSecond = scoring.windowsPerCpuSecond;

    const trainWindows = windowStarts(rows, window, config.trainStride).length;
    const steps = Math.ceil(trainWindows / batch) * config.epochs;
    const scoredWindows = 2 * productStarts(rows, window).length;
    outcome.projectedEndToEndSeconds =
      2 * outcome.readSeconds +
      steps * (probe.secondsPerStep ?? NaN) +
      scoredWindows / scoring.windowsPerSecond;
    outcome.projectedCpuSeconds =
      2 * outcome.readCpuSeconds +
      steps * (probe.cpuSecondsPerStep ?? NaN) +
      scoredWindows / scoring.windowsPerCpuSecond;
    outcome.ok = true;
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
  } finally {
    await fs.rm(spec.workDir, { recursive: true, force: true });
  }
  return outcome;
}

/**
 * Sine waves of differing periods plus noise, 5 decimals, with a header: data shaped like
 * server metrics, cheap to write. The values do not change the cost being measured.
 */
async function writeSyntheticCsv(file: string, rows: number, channels: number): Promise<void> {
  const out = createWriteStream(file);
  const header = Array.from({ length: channels }, (_, c) => `ch${c + 1}`).join(',');
  out.write(header + '\n');
  let state = 12345;
  const noise = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const CHUNK = 2000;
  for (let t0 = 0; t0 < rows; t0 += CHUNK) {
    const lines: string[] = [];
    for (let t = t0; t < Math.min(rows, t0 + CHUNK); t++) {
      const cells = new Array<string>(channels);
      for (let c = 0; c < channels; c++) {
        const value = Math.sin((2 * Math.PI * t) / (50 + 7 * c)) + 0.1 * noise();
        cells[c] = value.toFixed(5);
      }
      lines.push(cells.join(','));
    }
    if (!out.write(lines.join('\n') + '\n')) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(() => resolve());
  });
}
