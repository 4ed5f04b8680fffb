/**
 * Builds what the results panel draws from a results folder and the data file it scored: the
 * overview sent after `ready` (`buildResultsView`) and the finer view of a zoomed row range
 * (`buildRangeView`). Pure functions of the loaded data; the panel (resultsPanel.ts) calls
 * them, the unit tests call them on hand-made results.
 */
import type { LossEntry } from '../../engine/detector';
import type { Results } from '../../engine/io/resultFiles';
import { heatmapColourLimit } from '../../engine/report/heatmapScale';
import type {
  ChannelLineView,
  EventView,
  GraphView,
  HeatmapView,
  LossPoint,
  RangeView,
  ResultsView,
  RowSpan,
} from '../../protocol';
import {
  bucketStarts,
  clampRange,
  Column,
  heatmapColumns,
  LINE_BUCKETS,
  maxPerBucketAll,
  minMaxLine,
  wholeArray,
} from './downsample';
import { describeSummary } from './summaryLines';

/** Channels drawn when the panel opens: the strongest contributors. */
const DEFAULT_CHANNELS_SHOWN = 6;
/** Channels listed per event in the table. */
const EVENT_CHANNELS = 5;

/** The input's values for the channels of the results, matched by name. */
export interface ChannelValues {
  /** Row-major values, `rows` × `width`. */
  values: Float32Array;
  rows: number;
  width: number;
  /** For each results channel, its column in `values`, or -1 when the file lacks it. */
  columnOf: number[];
}

/** A results folder with everything derived once and kept while the panel shows it. */
export interface LoadedResults {
  results: Results;
  data?: ChannelValues;
  /** Why the channels plot is empty, when `data` is absent. */
  dataNote?: string;
  /** Per results channel: mean and std of its values in the file (for "normalised"). */
  stats: { mean: number; std: number }[];
  /** Channel indices by total localization score, largest first. */
  channelOrder: number[];
}

export function prepareResults(
  results: Results,
  data?: ChannelValues,
  dataNote?: string,
): LoadedResults {
  const C = results.summary.channels.length;
  const { channelScore, rows } = results.scores;

  const totals = new Float64Array(C);
  for (let t = 0; t < rows; t++) {
    const row = t * C;
    for (let c = 0; c < C; c++) {
      const v = channelScore[row + c];
      if (v === v) totals[c] += v; // skips NaN
    }
  }
  const channelOrder = [...Array(C).keys()].sort((a, b) => totals[b] - totals[a] || a - b);

  const stats = channelStats(data, C);
  return { results, data, dataNote, stats, channelOrder };
}

/**
 * Limitation: "normalised" in the channels plot uses each channel's mean and spread over the
 * whole file, not the training statistics the model standardised with (they live in the
 * model files, which the panel does not read).
 *
 * Mean and spread of each results channel in the file, in one pass over the rows in order
 * (the file's columns are interleaved, so reading one column at a time is slow). The engine
 * imputes missing cells, so every value is a number.
 */
function channelStats(data: ChannelValues | undefined, C: number): LoadedResults['stats'] {
  const unknown = Array.from({ length: C }, () => ({ mean: 0, std: 1 }));
  if (!data || data.rows === 0) return unknown;
  const { values, rows, width } = data;
  const sums = new Float64Array(width);
  const squares = new Float64Array(width);

  for (let t = 0; t < rows; t++) {
    const row = t * width;
    for (let k = 0; k < width; k++) {
      const v = values[row + k];
      sums[k] += v;
      squares[k] += v * v;
    }
  }

  return unknown.map((fallback, c) => {
    const k = data.columnOf[c];
    if (k === undefined || k < 0) return fallback;
    const mean = sums[k] / rows;
    const std = Math.sqrt(Math.max(0, squares[k] / rows - mean * mean));
    // A constant channel is only centred, as the engine's standardisation does.
    return { mean, std: std > 1e-9 * Math.max(1, Math.abs(mean)) ? std : 1 };
  });
}

function channelLines(
  loaded: LoadedResults,
  channels: number[],
  start: number,
  end: number,
): ChannelLineView[] {
  const { data, results, stats } = loaded;
  if (!data) return [];
  const names = results.summary.channels;
  const lines: ChannelLineView[] = [];
  for (const index of channels) {
    const column = data.columnOf[index];
    if (index >= names.length || column === undefined || column < 0) continue;
    const source: Column = { values: data.values, stride: data.width, offset: column };
    const line = minMaxLine(source, start, Math.min(end, data.rows - 1), LINE_BUCKETS);
    lines.push({ index, name: names[index], ...stats[index], ...line });
  }
  return lines;
}

function heatmap(loaded: LoadedResults, start: number, end: number): HeatmapView {
  const { channelScore } = loaded.results.scores;
  const C = loaded.results.summary.channels.length;
  const columnRows = bucketStarts(start, end, heatmapColumns(C, end - start + 1));
  const perChannel = maxPerBucketAll(channelScore, C, columnRows, end);
  const z = loaded.channelOrder.map((c) => perChannel[c]);
  return { columnRows, channels: loaded.channelOrder, z, zmax: heatmapColourLimit(z) };
}

/** Maximal runs of 1s, ends inclusive. */
export function runsOfOnes(flags: ArrayLike<number>): RowSpan[] {
  const spans: RowSpan[] = [];
  let start = -1;
  for (let t = 0; t <= flags.length; t++) {
    const on = t < flags.length && flags[t] === 1;
    if (on && start < 0) start = t;
    if (!on && start >= 0) {
      spans.push({ start, end: t - 1 });
      start = -1;
    }
  }
  return spans;
}

function eventViews(results: Results): EventView[] {
  return results.events.map((e) => ({
    start: e.start,
    end: e.end,
    startTime: e.startTime,
    endTime: e.endTime,
    peakScore: e.peakScore,
    peakRow: e.peakRow,
    topChannels: e.topChannels.slice(0, EVENT_CHANNELS).map(({ name, score }) => ({ name, score })),
  }));
}

function graphView(results: Results): GraphView {
  const { graph } = results;
  const layers = [{ name: 'initial (k-NN)', matrix: graph.initial }];
  graph.layers.forEach((matrix, i) => layers.push({ name: `layer ${i + 1}`, matrix }));
  return { channels: graph.channels, layers };
}

/** Loss entries as the training plot takes them (from training.json or a live run). */
export function lossPoints(entries: LossEntry[]): LossPoint[] {
  return entries.map((e) => ({
    step: e.step,
    epoch: e.epoch,
    phase: e.phase,
    terms: { ...e.terms } as Record<string, number>,
  }));
}

/**
 * Limitation: runs synchronously on the extension host, in time linear in rows × channels
 * (about a second for 500,000 rows × 38 channels on a busy 2-core machine).
 */
export function buildResultsView(loaded: LoadedResults): ResultsView {
  const { results } = loaded;
  const { summary, scores } = results;
  const rows = scores.rows;
  const last = rows - 1;
  const score = minMaxLine(wholeArray(scores.score), 0, last, LINE_BUCKETS);
  const defaultChannels = loaded.channelOrder.slice(0, DEFAULT_CHANNELS_SHOWN);

  return {
    outDir: results.dir,
    title: summary.input.path.split(/[\\/]/).pop() ?? summary.input.path,
    input: summary.input.path,
    rows,
    channels: summary.channels,
    threshold: { value: summary.threshold.value, description: summary.threshold.description },
    summary: describeSummary(summary),
    score,
    events: eventViews(results),
    labels: scores.labels ? runsOfOnes(scores.labels) : undefined,
    defaultChannels,
    channelOrder: loaded.channelOrder,
    channelLines: channelLines(loaded, defaultChannels, 0, last),
    channelsNote: loaded.dataNote,
    heatmap: heatmap(loaded, 0, last),
    graph: graphView(results),
    training: lossPoints(results.training.steps),
    full: rows <= 2 * LINE_BUCKETS,
  };
}

/** The rows `start..end` (clamped to the file) for the given channels, finer than the overview. */
export function buildRangeView(
  loaded: LoadedResults,
  start: number,
  end: number,
  channels: number[],
): RangeView {
  const rows = loaded.results.scores.rows;
  const [first, last] = clampRange(rows, start, end);
  return {
    start: first,
    end: last,
    score: minMaxLine(wholeArray(loaded.results.scores.score), first, last, LINE_BUCKETS),
    channelLines: channelLines(loaded, channels, first, last),
    heatmap: heatmap(loaded, first, last),
    full: last - first + 1 <= 2 * LINE_BUCKETS,
  };
}
