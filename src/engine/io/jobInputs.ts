/**
 * Reading what a detection run needs: the file to score, a training file, row labels (a file
 * or a column) and channel labels, all checked against each other. Called by the detection job
 * (engine/job.ts) before any training starts.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { readChannelLabels, readRowLabels } from '../data/labels';
import { readSeries } from '../data/readSeries';
import { selectChannels } from '../data/select';
import { PostError } from '../errors';
import { ChannelLabels, Progress, ScoreResult, Series } from '../types';

export interface InputPlan {
  input: string;
  train?: string;
  /** A label file, or else the name of a label column of `input`. */
  labelFile?: string;
  labelColumn?: string;
  channelLabels?: string;
  segmentFormat?: { endInclusive?: boolean; oneBased?: boolean };
  timeColumn?: string | null;
}

export interface JobInputs {
  input: Series;
  train?: Series;
  labels?: Uint8Array;
  labelSource?: string;
  /** In the input file's own channel order. */
  channelLabels?: ChannelLabels;
  notes: string[];
}

/**
 * Reads the input (and the training file, its channels matched to the input's by name), then
 * the labels. Reading reports progress as the 'reading' phase.
 */
export async function readJobInputs(
  plan: InputPlan,
  hooks: { onProgress?(p: Progress): void; signal?: AbortSignal },
): Promise<JobInputs> {
  const notes: string[] = [];
  const share = plan.train ? 0.5 : 1;
  const report = (offset: number) => (fraction: number) =>
    hooks.onProgress?.({ phase: 'reading', fraction: offset + fraction * share });

  const input = await readUnchanged(plan.input, () =>
    readSeries(plan.input, {
      labelColumn: plan.labelColumn,
      timeColumn: plan.timeColumn,
      signal: hooks.signal,
      onProgress: report(0),
    }),
  );
  if (plan.labelColumn !== undefined && !input.labels) {
    throw new PostError(
      'input',
      `'${plan.input}' has no label column '${plan.labelColumn}'; give the column's exact name ` +
        'or a file of 0/1 labels with --labels.',
      { file: plan.input, column: plan.labelColumn, setting: 'labels' },
    );
  }

  let train: Series | undefined;
  if (plan.train) {
    const trainFile = plan.train;
    const raw = await readUnchanged(trainFile, () =>
      readSeries(trainFile, {
        timeColumn: plan.timeColumn,
        signal: hooks.signal,
        onProgress: report(share),
      }),
    );
    train = selectChannels(raw, input.channels, { scoredFile: input.source });
    const extra = raw.channels.filter((c) => !input.channels.includes(c));
    if (extra.length > 0) {
      notes.push(`Training columns not in the scored file were left out: ${extra.join(', ')}.`);
    }
  }

  let labels = input.labels;
  let labelSource = input.labelSource;
  if (plan.labelFile) {
    labels = await readRowLabels(plan.labelFile, input.rows);
    labelSource = plan.labelFile;
    if (input.labels) {
      notes.push(
        `Labels read from ${plan.labelFile}; the column '${input.labelSource}' was not used.`,
      );
    }
  }

  const channelLabels = plan.channelLabels
    ? await readChannelLabels(
        plan.channelLabels,
        input.rows,
        input.channels.length,
        plan.segmentFormat,
      )
    : undefined;
  return { input, train, labels, labelSource, channelLabels, notes };
}

/**
 * Runs `read` on `file` and checks that the file has the same size and modification time
 * afterwards: a file still being written (a logger appending, a copy in progress) or replaced
 * midway would give a series that matches no version of it.
 *
 * Limitation: a rewrite that keeps the size within the file system's time resolution (a
 * second on some) goes unnoticed; a change after reading does not matter to the run.
 */
async function readUnchanged<T>(file: string, read: () => Promise<T>): Promise<T> {
  const before = await fs.stat(file).catch(() => undefined);
  const value = await read();
  const after = await fs.stat(file).catch(() => undefined);
  const same =
    before !== undefined &&
    after !== undefined &&
    before.size === after.size &&
    before.mtimeMs === after.mtimeMs;
  if (!same) {
    const what = after === undefined ? 'was removed' : 'changed';
    throw new PostError(
      'input',
      `${path.basename(file)} ${what} while it was being read. Run again once the file is ` +
        'complete (or analyse a copy of it).',
      { file },
    );
  }
  return value;
}

/** Channel labels re-ordered from `from` channel names to `to` (a model's order). */
export function reorderChannelLabels(
  labels: ChannelLabels,
  from: readonly string[],
  to: readonly string[],
): ChannelLabels {
  const source = to.map((name) => from.indexOf(name));
  const cells = new Uint8Array(labels.rows * to.length);
  for (let t = 0; t < labels.rows; t++) {
    source.forEach((c, k) => {
      if (c >= 0) cells[t * to.length + k] = labels.cells[t * labels.channels + c];
    });
  }
  return { rows: labels.rows, channels: to.length, cells };
}

/** Rows [start, end) of a score result. */
export function sliceScores(scores: ScoreResult, start: number, end: number): ScoreResult {
  const C = scores.channels;
  return {
    rows: end - start,
    channels: C,
    timeScore: scores.timeScore.slice(start, end),
    channelScore: scores.channelScore.slice(start * C, end * C),
  };
}

/** Rows [start, end) of channel labels. */
export function sliceChannelLabels(
  labels: ChannelLabels,
  start: number,
  end: number,
): ChannelLabels {
  const C = labels.channels;
  return { rows: end - start, channels: C, cells: labels.cells.slice(start * C, end * C) };
}
