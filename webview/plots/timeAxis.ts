/**
 * Pieces shared by the plots over time (score, channels, heatmap): the shaded events, the
 * x-axis range they all share, and the hover text of a row.
 */
import type { EventView, RowSpan } from '../../src/protocol';
import { Layout, Theme, withAlpha } from '../theme';

/** Rectangles over the detected events, full height of the plot area, behind the lines. */
export function eventShapes(events: EventView[], theme: Theme, alpha = 0.18): Layout[] {
  return events.map((e) => ({
    type: 'rect',
    xref: 'x',
    yref: 'paper',
    x0: e.start - 0.5,
    x1: e.end + 0.5,
    y0: 0,
    y1: 1,
    fillcolor: withAlpha(theme.anomaly, alpha),
    line: { width: 0 },
    layer: 'below',
  }));
}

/** Whether a label run overlaps any detected event (a hit) or none (a miss). */
export function isHit(span: RowSpan, events: EventView[]): boolean {
  return events.some((e) => e.start <= span.end && e.end >= span.start);
}

/**
 * The x-axis of a time plot: rows, zoomed to `range` when one is set.
 * Limitation: the axis counts rows even when the file has time stamps; the time of an event
 * shows in the events table only.
 */
export function timeAxis(theme: Theme, rows: number, range?: [number, number]): Layout {
  const common = { gridcolor: theme.grid, zerolinecolor: theme.grid, title: { text: 'row' } };
  return range
    ? { ...common, range: [...range], autorange: false }
    : { ...common, range: [0, Math.max(rows - 1, 1)], autorange: false };
}

/** A legend entry without data, for shapes (events, labels), which have none of their own. */
export function legendSwatch(name: string, colour: string): Layout {
  return {
    x: [null],
    y: [null],
    name,
    mode: 'markers',
    marker: { symbol: 'square', size: 12, color: colour },
    hoverinfo: 'skip',
  };
}
