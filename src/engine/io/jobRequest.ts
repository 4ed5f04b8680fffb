/**
 * Checks a detection request before anything slow starts: files and folders exist, options
 * agree with each other, settings are valid, and the results folder can be written without
 * touching the data. Each problem is a PostError naming the option. Called by engine/job.ts.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { makeConfig, PostConfig } from '../config';
import { PostError } from '../errors';
import type { DetectionRequest } from '../job';
import { checkTarget } from './atomicDir';

/** Without a training file or model, this share of the input's first rows trains. */
export const DEFAULT_TRAIN_FRACTION = 0.5;

export interface JobPlan {
  input: string;
  train?: string;
  model?: string;
  trainFraction: number;
  labelFile?: string;
  labelColumn?: string;
  channelLabels?: string;
  segmentFormat?: DetectionRequest['segmentFormat'];
  timeColumn?: string | null;
  preset: string;
  config: PostConfig;
  out: string;
  notes: string[];
}

/** Checks every option before anything slow starts; each problem a PostError naming it. */
export async function checkRequest(req: DetectionRequest): Promise<JobPlan> {
  const notes: string[] = [];
  const input = await existingFile(req.input, 'input');
  const train = req.train === undefined ? undefined : await existingFile(req.train, 'train');
  const model = req.model === undefined ? undefined : await existingDir(req.model, 'model');
  if (train && model) {
    throw settingError(
      'model',
      'Give either a training file (--train) or a saved model (--model), not both.',
    );
  }
  if (req.trainFraction !== undefined) {
    const f = req.trainFraction;
    if (!(typeof f === 'number' && f > 0 && f < 1)) {
      throw settingError(
        'trainFraction',
        `The training fraction is ${f}; it must be between 0 and 1 (e.g. 0.5).`,
      );
    }
    if (train || model) {
      throw settingError(
        'trainFraction',
        'A training fraction applies only without --train or --model.',
      );
    }
  }

  const overrides = { ...(req.overrides ?? {}) };
  if (req.seed !== undefined) overrides.seed = req.seed;
  const preset = req.preset ?? 'default';
  const config = makeConfig(preset, overrides);
  // Limitation: a saved model keeps its own settings and threshold; --preset and --set are
  // checked but not applied (said in the summary's notes), so re-thresholding needs retraining.
  if (model && (req.preset !== undefined || Object.keys(overrides).length > 0)) {
    notes.push(
      'Settings and preset were not used: a saved model keeps the settings it was trained with.',
    );
  }

  const labels = await labelPlan(req.labels, input);
  const channelLabels =
    req.channelLabels === undefined
      ? undefined
      : await existingFile(req.channelLabels, 'channelLabels');

  if (!req.out) throw settingError('out', 'No results folder was given.');
  const out = path.resolve(req.out);
  for (const file of [input, train, labels.labelFile, channelLabels]) {
    if (file && isInside(file, out)) {
      throw settingError(
        'out',
        `The results folder '${out}' holds the data file '${file}' and would be replaced; ` +
          'choose another results folder.',
      );
    }
  }
  // A parent that will be created holds nothing to check yet.
  const parentMissing = await fs.stat(path.dirname(out)).then(() => false, () => true);
  if (!(req.createOutParent && parentMissing)) await checkTarget(out);

  return {
    input,
    train,
    model,
    trainFraction: req.trainFraction ?? DEFAULT_TRAIN_FRACTION,
    ...labels,
    channelLabels,
    segmentFormat: req.segmentFormat,
    timeColumn: req.timeColumn,
    preset,
    config,
    out,
    notes,
  };
}

/** `--labels`: an existing file, else the name of a column (a path-like name must exist). */
async function labelPlan(
  labels: string | undefined,
  input: string,
): Promise<{ labelFile?: string; labelColumn?: string }> {
  if (labels === undefined) return {};
  const asFile = path.resolve(labels);
  const stat = await fs.stat(asFile).catch(() => undefined);
  if (stat?.isFile()) {
    if (asFile === input) {
      throw settingError('labels', `The label file '${asFile}' is the input file itself.`);
    }
    return { labelFile: asFile };
  }
  if (/[\\/]/.test(labels) || /\.(csv|txt|tsv)$/i.test(labels)) {
    const what = stat ? 'is not a file' : 'does not exist';
    throw new PostError(
      'input',
      `The label file '${asFile}' ${what}. Give a file of 0/1 labels or the name of ` +
        'a label column.',
      { file: asFile, setting: 'labels' },
    );
  }
  return { labelColumn: labels };
}

async function existingFile(file: string, setting: string): Promise<string> {
  const absolute = path.resolve(file);
  const stat = await fs.stat(absolute).catch(() => undefined);
  if (!stat?.isFile()) {
    const what = stat ? 'is not a file' : 'does not exist';
    const message = `The file '${absolute}' ${what}; check the path.`;
    throw new PostError('input', message, { file: absolute, setting });
  }
  return absolute;
}

async function existingDir(dir: string, setting: string): Promise<string> {
  const absolute = path.resolve(dir);
  const stat = await fs.stat(absolute).catch(() => undefined);
  if (!stat?.isDirectory()) {
    const what = stat ? 'is not a folder' : 'does not exist';
    const message = `The model folder '${absolute}' ${what}; check the path.`;
    throw new PostError('model', message, { file: absolute, setting });
  }
  return absolute;
}

function settingError(setting: string, message: string): PostError {
  return new PostError('setting', message, { setting });
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
