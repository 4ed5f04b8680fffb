/**
 * Links the row axes of the plots over time (score, channels, heatmap): zooming or panning
 * one applies the same range to the others, then reports the range (after a short pause, so a
 * drag asks the host once) so main.ts can fetch that range at full resolution.
 */
import type { PlotId } from '../src/protocol';

export const TIME_PLOTS: PlotId[] = ['score-plot', 'channels-plot', 'heatmap-plot'];

/** Wait this long after the last zoom before asking the host for the range. */
const SETTLE_MS = 200;

type RangeEvent = Record<string, unknown>;
type PlotlyElement = HTMLElement & { on(event: string, handler: (e: RangeEvent) => void): void };

/** The x range a relayout event sets; `null` for "back to the whole file"; undefined if none. */
export function rangeOfEvent(event: RangeEvent, rows: number): [number, number] | null | undefined {
  let range: [number, number] | undefined;
  if (event['xaxis.autorange'] === true) return null;
  if (typeof event['xaxis.range[0]'] === 'number' && typeof event['xaxis.range[1]'] === 'number') {
    range = [event['xaxis.range[0]'], event['xaxis.range[1]']];
  } else if (Array.isArray(event['xaxis.range'])) {
    range = [Number(event['xaxis.range'][0]), Number(event['xaxis.range'][1])];
  }
  if (!range || !range.every(Number.isFinite)) return undefined;
  return range[0] <= 0 && range[1] >= rows - 1 ? null : range;
}

export class ZoomLink {
  private syncing = 0;
  private timer: number | undefined;
  private readonly attached = new WeakSet<HTMLElement>();

  constructor(
    private readonly rows: () => number,
    private readonly onSettled: (range: [number, number] | null) => void,
  ) {}

  /** Listens to a plot's zooms; safe to call after every draw (listens once per element). */
  attach(id: PlotId): void {
    const element = document.getElementById(id) as PlotlyElement | null;
    if (!element || this.attached.has(element) || typeof element.on !== 'function') return;
    this.attached.add(element);
    element.on('plotly_relayout', (event) => {
      if (this.syncing > 0) return;
      const range = rangeOfEvent(event, this.rows());
      if (range === undefined) return;
      void this.apply(range, id);
      this.settleLater(range);
    });
  }

  /** Zooms every time plot (but `except`) to `range`; null shows the whole file. */
  async apply(range: [number, number] | null, except?: PlotId): Promise<void> {
    const xRange = range ?? [0, Math.max(this.rows() - 1, 1)];
    this.syncing++;
    try {
      const plots = TIME_PLOTS.filter((id) => id !== except)
        .map((id) => document.getElementById(id))
        .filter((el): el is HTMLElement => el?.dataset.rendered === 'true');
      const update = { 'xaxis.range': xRange, 'xaxis.autorange': false } as never;
      await Promise.all(plots.map((el) => Plotly.relayout(el, update)));
    } finally {
      this.syncing--;
    }
  }

  private settleLater(range: [number, number] | null): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.onSettled(range), SETTLE_MS);
  }
}
