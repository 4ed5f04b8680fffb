/**
 * The data the report page plots, made small: traces downsampled (min-max per bucket), the
 * localization heatmap reduced to bucket maxima, numbers rounded to what a plot can show.
 * Built by report/reportHtml.ts and embedded in report.html as JSON.
 */
import { ResultContent } from '../io/resultFiles';
import { bucketBounds, bucketMaxima, minMaxIndices } from './downsample';
import { heatmapColourLimit } from './heatmapScale';

/*
 * Limitation: the page holds downsampled traces and a heatmap of at most 1,000 columns, so
 * zooming far into a long series shows that resolution, not every row; scores.csv and the
 * extension's panel (which reloads data per zoom) have every row.
 */

/** Points of the score trace; about the most a browser plots smoothly as SVG. */
export const MAX_SCORE_POINTS = 5000;
/** Total points over all channel traces; each channel gets a share, at least 500. */
const CHANNEL_POINT_BUDGET = 60000;
const MIN_CHANNEL_POINTS = 500;
/** Columns of the localization heatmap. */
const HEATMAP_BUCKETS = 1000;

export interface ReportInput extends ResultContent {
  /** The scored channel values, rows × channels, row-major. */
  values: Float32Array;
}

export interface Trace {
  x: number[];
  y: number[];
}

export interface ReportData {
  /** 'date': x values are epoch milliseconds; 'row': 0-based row indices. */
  xKind: 'date' | 'row';
  channels: string[];
  /** Channel indices, strongest total localization score first. */
  order: number[];
  score: Trace;
  threshold: number;
  /**
   * Spans [x0, x1] of the detected events and of the labelled anomalies, widened by half a
   * row on each side so that a one-row event still shows as a band.
   */
  events: { x0: number; x1: number }[];
  labelSpans: { x0: number; x1: number }[];
  /** One trace per channel, in channel order. */
  channelTraces: Trace[];
  /** Bucket maxima, channels in `order`; colours saturate at `zmax` so one outlier cannot
   *  wash out the rest. */
  heatmap: { x: number[]; z: number[][]; zmax: number };
  graph: { names: string[]; matrices: number[][][] };
}

/** Reduces a run's contents to what the page plots. */
export function buildReportData(input: ReportInput): ReportData {
  const { scores, events, graph } = input;
  const C = scores.channels.length;
  const T = scores.rows;
  const xOf = (t: number): number => (scores.timestamps ? scores.timestamps[t] : t);
  const half = halfStep(scores.timestamps);
  const span = (r: { start: number; end: number }) => ({
    x0: xOf(r.start) - half,
    x1: xOf(r.end) + half,
  });

  const scoreIdx = minMaxIndices(T, (t) => scores.score[t], MAX_SCORE_POINTS);
  const share = Math.floor(CHANNEL_POINT_BUDGET / Math.max(C, 1));
  const perChannel = Math.min(Math.max(MIN_CHANNEL_POINTS, share), MAX_SCORE_POINTS);
  const channelTraces = scores.channels.map((_, c) => {
    const idx = minMaxIndices(T, (t) => input.values[t * C + c], perChannel);
    return { x: idx.map(xOf), y: idx.map((t) => round(input.values[t * C + c])) };
  });

  const bounds = bucketBounds(T, HEATMAP_BUCKETS);
  const maxima = bucketMaxima(scores.channelScore, T, C, bounds);
  const order = contributionOrder(scores.channelScore, T, C);

  return {
    xKind: scores.timestamps ? 'date' : 'row',
    channels: scores.channels,
    order,
    score: { x: scoreIdx.map(xOf), y: scoreIdx.map((t) => round(scores.score[t])) },
    threshold: input.summary.threshold.value,
    events: events.map(span),
    labelSpans: runs(scores.labels ?? []).map(span),
    channelTraces,
    heatmap: {
      x: bounds.map((b) => xOf(Math.floor((b.start + b.end - 1) / 2))),
      z: order.map((c) => maxima[c].map(round)),
      zmax: round(heatmapColourLimit(maxima)),
    },
    graph: {
      names: ['Initial (k-NN)', ...graph.layers.map((_, i) => `Layer ${i + 1}`)],
      matrices: [graph.initial, ...graph.layers].map((m) => m.map((row) => row.map(round))),
    },
  };
}

/** Channel indices sorted by their localization score summed over all rows, largest first. */
export function contributionOrder(channelScore: Float32Array, rows: number, C: number): number[] {
  const totals = new Float64Array(C);
  for (let t = 0; t < rows; t++) {
    for (let c = 0; c < C; c++) {
      const v = channelScore[t * C + c];
      if (Number.isFinite(v)) totals[c] += v;
    }
  }
  return Array.from({ length: C }, (_, c) => c).sort((a, b) => totals[b] - totals[a] || a - b);
}

/** Contiguous runs of 1s, as inclusive [start, end] row spans. */
export function runs(flags: ArrayLike<number>): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let t = 0; t < flags.length; t++) {
    if (!flags[t]) continue;
    const start = t;
    while (t + 1 < flags.length && flags[t + 1]) t++;
    out.push({ start, end: t });
  }
  return out;
}

/** Half the typical spacing of the x values: 0.5 for row numbers, else from the timestamps. */
function halfStep(timestamps: Float64Array | undefined): number {
  if (!timestamps || timestamps.length < 2) return 0.5;
  const steps: number[] = [];
  const n = Math.min(timestamps.length, 1001);
  for (let t = 1; t < n; t++) steps.push(timestamps[t] - timestamps[t - 1]);
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] / 2;
}

/** Five significant digits: plots cannot show more, and the page stays small. */
function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(5)) : 0;
}
