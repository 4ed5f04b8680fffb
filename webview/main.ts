/**
 * The results panel's script (bundled into media/webview.js by scripts/build-webview.mjs).
 * Receives the results of one run from the extension host, draws the score, channels,
 * localization heatmap, learned graph, events table and training curves, keeps the time plots
 * zoomed together, asks the host for the full resolution of a zoomed range, and reports what
 * it drew. Says `ready` once its listeners exist; the host sends nothing before that.
 */
import {
  ChannelLineView,
  HeatmapView,
  LineView,
  LossPoint,
  PanelCommand,
  PLOT_IDS,
  PlotId,
  RangeResultMessage,
  ResultsView,
  RunStateView,
  ToWebview,
} from '../src/protocol';
import { ChannelPicker } from './channelPicker';
import { onEventPicked, showEvents } from './eventsGrid';
import { post, reportError, savedState, saveState } from './host';
import { channelsFigure } from './plots/channelsPlot';
import { clearPlot, drawFigure, Figure } from './plots/draw';
import { adjacencyFigure, networkFigure } from './plots/graphPlots';
import { heatmapFigure } from './plots/heatmapPlot';
import { scoreFigure } from './plots/scorePlot';
import { trainingFigure } from './plots/trainingPlot';
import { readTheme } from './theme';
import { TIME_PLOTS, ZoomLink } from './zoomLink';

/** The data the time plots show: the overview, or the last range the host sent. */
interface Shown {
  score: LineView;
  channelLines: ChannelLineView[];
  heatmap: HeatmapView;
  lastRow: number;
}

let theme = readTheme();
let view: ResultsView | undefined;
let shown: Shown | undefined;
let xRange: [number, number] | undefined;
let normalised = true;
let layer = 0;
let live: { input: string; points: LossPoint[] } | undefined;
let latestRequest = 0;
let trainingFrame = 0;

const zoom = new ZoomLink(() => view?.rows ?? 1, (range) => onZoomSettled(range));
const picker = new ChannelPicker(
  () => requestRange(),
  (value) => {
    normalised = value;
    remember();
    void drawTimePlots().then(report);
  },
);

function setStatus(text: string): void {
  (document.getElementById('status') as HTMLElement).textContent = text;
}

function remember(): void {
  saveState({ outDir: view?.outDir, xRange, selected: picker.channels, normalised, layer });
}

async function draw(id: PlotId, build: () => Figure): Promise<void> {
  try {
    await drawFigure(id, build());
  } catch (error) {
    reportError(`drawing #${id}`, error);
  }
}

async function drawTimePlots(): Promise<void> {
  if (!view || !shown) return;
  const v = view;
  const s = shown;
  await draw('score-plot', () => scoreFigure(v, s.score, theme, xRange));
  await draw('channels-plot', () => channelsFigure(v, s.channelLines, normalised, theme, xRange));
  await draw('heatmap-plot', () => heatmapFigure(v, s.heatmap, s.lastRow, theme, xRange));
  TIME_PLOTS.forEach((id) => zoom.attach(id));
}

async function drawGraph(): Promise<void> {
  const graph = view?.graph;
  if (!view || !graph || graph.layers.length === 0) {
    clearPlot('graph-plot');
    clearPlot('graph-network');
    return;
  }
  const revision = view.outDir;
  await draw('graph-plot', () => adjacencyFigure(graph, layer, theme, revision));
  await draw('graph-network', () => networkFigure(graph, layer, theme, revision));
}

async function drawTraining(): Promise<void> {
  // A run in progress shows its live curves until its results arrive.
  const points = live ? live.points : (view?.training ?? []);
  await draw('training-plot', () => trainingFigure(points, theme, view?.outDir ?? 'live'));
}

/** Posts what is drawn now, read back from the plots' data attributes. */
function report(): void {
  if (!view || !shown) return;
  const plots = PLOT_IDS.flatMap((id) => {
    const element = document.getElementById(id);
    if (element?.dataset.rendered !== 'true') return [];
    return [{ id, points: Number(element.dataset.points ?? 0) }];
  });
  const heatmap = { rows: shown.heatmap.z.length, columns: shown.heatmap.columnRows.length };
  const eventRows = view.events.length;
  post({ type: 'rendered', report: { outDir: view.outDir, plots, heatmap, eventRows } });
}

async function drawAll(): Promise<void> {
  await drawTimePlots();
  await drawGraph();
  await drawTraining();
  try {
    showEvents(view?.events ?? []);
  } catch (error) {
    reportError('filling the events table', error);
  }
  report();
}

function fillLayerChoice(v: ResultsView): void {
  const dropdown = document.getElementById('graph-layer') as HTMLElement & { value: string };
  const layers = v.graph?.layers ?? [];
  dropdown.replaceChildren(
    ...layers.map((l, i) => {
      const option = document.createElement('vscode-option') as HTMLElement & { value: string };
      option.value = String(i);
      option.textContent = l.name;
      return option;
    }),
  );
  layer = Math.min(layer, Math.max(layers.length - 1, 0));
  dropdown.value = String(layer);
}

function showSummary(v: ResultsView): void {
  (document.getElementById('title') as HTMLElement).textContent = `Anomalies in ${v.title}`;
  const list = document.getElementById('summary') as HTMLElement;
  list.replaceChildren(
    ...v.summary.map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }),
  );
  (document.getElementById('channels-note') as HTMLElement).textContent = v.channelsNote ?? '';
  setStatus(`${v.events.length} events · threshold ${v.threshold.value.toPrecision(4)}`);
}

function showResults(next: ResultsView): void {
  const saved = savedState();
  const same = saved.outDir === next.outDir;
  if (live?.input === next.input) live = undefined;
  view = next;
  shown = { ...next, lastRow: next.rows - 1 };
  xRange = same ? saved.xRange : undefined;
  normalised = same ? (saved.normalised ?? true) : true;
  layer = same ? (saved.layer ?? 0) : Math.max((next.graph?.layers.length ?? 1) - 1, 0);

  showSummary(next);
  fillLayerChoice(next);
  picker.setNormalised(normalised);
  const selected = same && saved.selected ? saved.selected : next.defaultChannels;
  picker.show(next.channels, next.channelOrder, selected);
  remember();
  void drawAll();

  const defaults = next.defaultChannels.join(',') === picker.channels.join(',');
  if (xRange || !defaults) requestRange();
}

function requestRange(): void {
  if (!view) return;
  const [start, end] = xRange ?? [0, view.rows - 1];
  latestRequest++;
  remember();
  post({
    type: 'requestRange',
    requestId: latestRequest,
    start: Math.max(0, Math.floor(start)),
    end: Math.max(0, Math.ceil(end)),
    channels: picker.channels,
  });
}

function onRangeResult(message: RangeResultMessage): void {
  if (message.requestId !== latestRequest || !view) return;
  if (!message.ok) {
    setStatus(`Could not load that range: ${message.error}`);
    return;
  }
  const { range } = message;
  const { score, channelLines, heatmap } = range;
  shown = { score, channelLines, heatmap, lastRow: range.end };
  void drawTimePlots().then(report);
}

function onZoomSettled(range: [number, number] | null): void {
  xRange = range ?? undefined;
  requestRange();
}

function zoomToEvent(index: number): void {
  const event = view?.events[index];
  if (!event) return;
  const pad = Math.max(20, event.end - event.start + 1);
  xRange = [Math.max(0, event.start - pad), event.end + pad];
  void zoom.apply(xRange);
  requestRange();
}

function onRun(run: RunStateView): void {
  setStatus(run.message);
  if (run.state === 'started') {
    live = { input: run.input, points: [] };
    void drawTraining();
  }
}

function onLoss(input: string, points: LossPoint[]): void {
  if (!live || live.input !== input) return;
  live.points.push(...points);
  // Draw once per frame at most, however fast the messages come.
  if (trainingFrame) return;
  trainingFrame = requestAnimationFrame(() => {
    trainingFrame = 0;
    void drawTraining();
  });
}

function receive(message: ToWebview): void {
  switch (message.type) {
    case 'results':
      showResults(message.view);
      return;
    case 'idle':
      setStatus(message.message);
      return;
    case 'run':
      onRun(message.run);
      return;
    case 'loss':
      onLoss(message.input, message.points);
      return;
    case 'rangeResult':
      onRangeResult(message);
      return;
    default: {
      const unknown: never = message;
      reportError('message from the extension', `unknown message ${JSON.stringify(unknown)}`);
    }
  }
}

function wireControls(): void {
  const command = (id: string, name: PanelCommand) => {
    const button = document.getElementById(id);
    button?.addEventListener('click', () => post({ type: 'command', command: name }));
  };
  command('export-button', 'exportResults');
  command('report-button', 'openReport');
  command('log-button', 'showLog');

  const dropdown = document.getElementById('graph-layer') as HTMLElement & { value: string };
  dropdown.addEventListener('change', () => {
    layer = Number(dropdown.value) || 0;
    remember();
    void drawGraph().then(report);
  });
  onEventPicked(zoomToEvent);

  // VS Code changes the body's class when the colour theme changes: redraw in the new colours.
  new MutationObserver(() => {
    theme = readTheme();
    if (view) void drawAll();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

window.addEventListener('message', (event: MessageEvent) => {
  try {
    receive(event.data as ToWebview);
  } catch (error) {
    reportError('handling a message', error);
  }
});
wireControls();
post({ type: 'ready' });
