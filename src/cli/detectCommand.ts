/**
 * `post-ad detect <file>`: turns the command-line options into a DetectionRequest, runs the
 * job with a progress display and Ctrl-C cancellation, and prints the result (or, with
 * --json, only the summary on stdout).
 */
import * as path from 'path';

import { BackendPreference } from '../engine/backend';
import type { SegmentFormat } from '../engine/data/labels';
import { defaultOutDir, DetectionRequest, DetectionResult, runDetection } from '../engine/job';
import { withCancellation } from './cancel';
import { overridesFrom } from './options';
import { formatResult } from './printResult';
import { createProgress, ProgressOptions } from './progress';

export interface DetectOptions {
  train?: string;
  model?: string;
  labels?: string;
  channelLabels?: string;
  segments?: Partial<SegmentFormat>;
  preset?: string;
  set?: string[];
  seed?: number;
  out?: string;
  backend?: BackendPreference;
  trainFraction?: number;
  /** A name, or false for --no-time-column. */
  timeColumn?: string | false;
  json?: boolean;
  debug?: boolean;
  quiet?: boolean;
}

export function requestFrom(file: string, options: DetectOptions, cwd: string): DetectionRequest {
  return {
    input: path.resolve(cwd, file),
    train: options.train && path.resolve(cwd, options.train),
    model: options.model && path.resolve(cwd, options.model),
    trainFraction: options.trainFraction,
    labels: options.labels && labelArgument(options.labels, cwd),
    channelLabels: options.channelLabels && path.resolve(cwd, options.channelLabels),
    segmentFormat: options.segments,
    preset: options.preset,
    overrides: overridesFrom(options.set),
    seed: options.seed,
    backend: options.backend,
    timeColumn: options.timeColumn === false ? null : options.timeColumn,
    out: options.out ? path.resolve(cwd, options.out) : defaultOutDir(file, cwd),
    // The default post-results/ folder is made when the run succeeds; an explicit --out must
    // have an existing parent.
    createOutParent: !options.out,
  };
}

/** A label file path is made absolute; a bare name stays a column name. */
function labelArgument(value: string, cwd: string): string {
  const asPath = path.resolve(cwd, value);
  return /[\\/]|\.(csv|txt|tsv)$/i.test(value) ? asPath : value;
}

/** Runs a detection request with progress on stderr; used by `detect` and `demo`. */
export async function runWithProgress(
  request: DetectionRequest,
  options: ProgressOptions = {},
): Promise<DetectionResult> {
  const progress = createProgress(process.stderr, options);
  try {
    return await withCancellation(
      (signal) =>
        runDetection(request, {
          onProgress: (p) => progress.onProgress(p),
          onLoss: (e) => progress.onLoss(e),
          onLog: (level, message) => progress.log(level, message),
          signal,
        }),
      (message) => progress.log('warn', message),
    );
  } finally {
    progress.stop();
  }
}

export async function detectCommand(file: string, options: DetectOptions): Promise<void> {
  const cwd = process.cwd();
  const request = requestFrom(file, options, cwd);

  const result = await runWithProgress(request, options);
  if (options.json) {
    process.stdout.write(JSON.stringify(result.summary, null, 2) + '\n');
  } else {
    process.stdout.write(formatResult(result) + '\n');
  }
}
