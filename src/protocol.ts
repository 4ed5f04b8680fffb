/**
 * The messages between the extension host and the results panel's webview, defined once and
 * imported by both sides (src/extension/panel/* and webview/*). Imports neither `vscode` nor
 * TensorFlow.js nor the DOM, so each side compiles it with its own libraries.
 *
 * Flow: the webview posts `ready` once its listeners exist; the host then sends `results` (or
 * `idle`) and, while a run is going, `run` and `loss`. Zooming asks for the full resolution of
 * a row range with a `requestRange` carrying a `requestId`; the host answers `rangeResult` with
 * either `ok: true` and the data or `ok: false` and an error. After drawing, the webview posts
 * `rendered`. Every message from the webview is checked by `parseFromWebview` before use.
 */

/** Element ids of the panel's plots; the integration tests look for them. */
export const PLOT_IDS = [
  'channels-plot',
  'score-plot',
  'heatmap-plot',
  'graph-plot',
  'graph-network',
  'training-plot',
] as const;
export type PlotId = (typeof PLOT_IDS)[number];

/** A line downsampled for drawing: x is the 0-based row of the input, y its value. */
export interface LineView {
  rows: number[];
  values: number[];
}

/** One channel of the input file, downsampled, with the statistics used to normalise it. */
export interface ChannelLineView extends LineView {
  index: number;
  name: string;
  mean: number;
  std: number;
}

/** Localization scores, channel × time; columns are row buckets, cells the bucket's maximum. */
export interface HeatmapView {
  /** First row of each column. */
  columnRows: number[];
  /** Channel indices in display order (largest total contribution first). */
  channels: number[];
  /** `z[i][j]`: channel `channels[i]`, column `j`. */
  z: number[][];
  /** Where the colours saturate, so that a few extreme cells do not wash out the rest. */
  zmax: number;
}

export interface EventView {
  start: number;
  end: number;
  startTime?: string;
  endTime?: string;
  peakScore: number;
  peakRow: number;
  topChannels: { name: string; score: number }[];
}

/** A run of consecutive rows, both ends inclusive (labels, events). */
export interface RowSpan {
  start: number;
  end: number;
}

export interface GraphView {
  channels: string[];
  /** The k-NN start first ("initial"), then one learned adjacency per layer; C×C each. */
  layers: { name: string; matrix: number[][] }[];
}

/** One point of a training curve: the loss terms after `step` steps. */
export interface LossPoint {
  step: number;
  epoch: number;
  phase: 'adam' | 'graph';
  terms: Record<string, number>;
}

/** Everything the panel draws for one results folder, as sent after `ready`. */
export interface ResultsView {
  outDir: string;
  /** The scored file's name, for the title. */
  title: string;
  input: string;
  rows: number;
  channels: string[];
  threshold: { value: number; description: string };
  /** One line per fact of the run summary (training source, backend, timings). */
  summary: string[];
  score: LineView;
  events: EventView[];
  /** Label runs, when the file had labels. */
  labels?: RowSpan[];
  /** Channels drawn at first (the strongest contributors), and every channel's rank. */
  defaultChannels: number[];
  channelOrder: number[];
  channelLines: ChannelLineView[];
  /** False when the input could not be read again for the channels plot; says why. */
  channelsNote?: string;
  heatmap: HeatmapView;
  graph?: GraphView;
  training: LossPoint[];
  /** Whether `score` holds every row (true) or min-max buckets (false). */
  full: boolean;
}

/** The full resolution (or finer buckets) of rows [start, end] for the chosen channels. */
export interface RangeView {
  start: number;
  end: number;
  score: LineView;
  channelLines: ChannelLineView[];
  heatmap: HeatmapView;
  full: boolean;
}

/** What the webview drew, reported after each full draw (integration tests read it). */
export interface RenderedReport {
  outDir: string;
  plots: { id: PlotId; points: number }[];
  heatmap: { rows: number; columns: number };
  eventRows: number;
}

export interface RunStateView {
  input: string;
  state: 'started' | 'progress' | 'finished' | 'failed' | 'cancelled';
  /** Human-readable progress or outcome. */
  message: string;
}

// ---- host -> webview ----------------------------------------------------------------------

export interface ResultsMessage {
  type: 'results';
  view: ResultsView;
}
export interface IdleMessage {
  type: 'idle';
  message: string;
}
export interface RunMessage {
  type: 'run';
  run: RunStateView;
}
export interface LossMessage {
  type: 'loss';
  input: string;
  points: LossPoint[];
}
export type RangeResultMessage =
  | { type: 'rangeResult'; requestId: number; ok: true; range: RangeView }
  | { type: 'rangeResult'; requestId: number; ok: false; error: string };

export type ToWebview =
  | ResultsMessage
  | IdleMessage
  | RunMessage
  | LossMessage
  | RangeResultMessage;

// ---- webview -> host ----------------------------------------------------------------------

export interface ReadyMessage {
  type: 'ready';
}
export interface RequestRangeMessage {
  type: 'requestRange';
  requestId: number;
  start: number;
  end: number;
  channels: number[];
}
export interface RenderedMessage {
  type: 'rendered';
  report: RenderedReport;
}
export interface WebviewLogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}
export const PANEL_COMMANDS = ['exportResults', 'showLog', 'openSettings', 'openReport'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];
export interface CommandMessage {
  type: 'command';
  command: PanelCommand;
}

export type FromWebview =
  | ReadyMessage
  | RequestRangeMessage
  | RenderedMessage
  | WebviewLogMessage
  | CommandMessage;

// ---- validation of what the webview sends ---------------------------------------------------

/** The most channel indices one range request may ask for (the UI offers fewer). */
export const MAX_REQUESTED_CHANNELS = 64;
/** A page's log line is cut to this length: the log is for people, not for dumps. */
export const MAX_LOG_CHARS = 2000;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isRow = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
const isCount = isRow;
const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

function isReport(v: unknown): v is RenderedReport {
  if (!isRecord(v) || typeof v.outDir !== 'string' || !Array.isArray(v.plots)) return false;
  const plotsOk = v.plots.every((p) => isRecord(p) && isOneOf(PLOT_IDS, p.id) && isCount(p.points));
  const h = v.heatmap;
  const heatmapOk = isRecord(h) && isCount(h.rows) && isCount(h.columns);
  return plotsOk && heatmapOk && isCount(v.eventRows);
}

/**
 * Returns the message typed when it is one the protocol defines, with every field of the
 * right type and range, else undefined (the caller logs and drops it). Extra fields are
 * ignored; the webview is our own code, but it renders data from files, so it is checked.
 */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  const type = raw.type as FromWebview['type'];
  switch (type) {
    case 'ready':
      return { type };
    case 'requestRange': {
      const { requestId, start, end, channels } = raw;
      const channelsOk =
        Array.isArray(channels) &&
        channels.length <= MAX_REQUESTED_CHANNELS &&
        channels.every(isCount);
      if (!isCount(requestId) || !isRow(start) || !isRow(end) || end < start || !channelsOk) {
        return undefined;
      }
      return { type, requestId, start, end, channels: channels as number[] };
    }
    case 'rendered':
      return isReport(raw.report) ? { type, report: raw.report } : undefined;
    case 'log': {
      const levelOk = isOneOf(['info', 'warn', 'error'] as const, raw.level);
      if (!levelOk || typeof raw.message !== 'string') return undefined;
      const message = raw.message.slice(0, MAX_LOG_CHARS);
      return { type, level: raw.level as WebviewLogMessage['level'], message };
    }
    case 'command':
      return isOneOf(PANEL_COMMANDS, raw.command) ? { type, command: raw.command } : undefined;
    default: {
      // Exhaustive: a new message type without a case fails to compile here.
      const unknownType: never = type;
      void unknownType;
      return undefined;
    }
  }
}

/**
 * What the host does with each raw message from the webview: the typed message when it is in
 * the protocol, else undefined after `drop` was told, with the start of what arrived, so the
 * caller logs it. Never throws, whatever arrives.
 */
export function acceptFromWebview(
  raw: unknown,
  drop: (warning: string) => void,
): FromWebview | undefined {
  const message = parseFromWebview(raw);
  if (message) return message;
  let shown: string;
  try {
    shown = String(JSON.stringify(raw)).slice(0, 200);
  } catch {
    shown = typeof raw;
  }
  drop(`dropped a message that is not in the protocol: ${shown}`);
  return undefined;
}
