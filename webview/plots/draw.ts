/**
 * Draws one plot into its element and marks it for the tests and the `rendered` report:
 * `data-rendered="true"` and `data-points` (the number of points drawn). Every plot module
 * goes through here.
 */
import type { PlotId } from '../../src/protocol';
import { Layout, PLOT_CONFIG, Trace } from '../theme';

export interface Figure {
  data: Trace[];
  layout: Layout;
  /** Points (or cells) drawn, as reported in `data-points`. */
  points: number;
}

export function plotElement(id: PlotId): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The panel has no element #${id}.`);
  return element;
}

export async function drawFigure(id: PlotId, figure: Figure): Promise<number> {
  const element = plotElement(id);
  // The element takes the figure's height: in responsive mode plotly sizes its container to
  // 100% of the element, which would otherwise collapse to its min-height on a window resize.
  if (typeof figure.layout.height === 'number') element.style.height = `${figure.layout.height}px`;
  await Plotly.react(
    element,
    figure.data as unknown as Plotly.Data[],
    figure.layout as Partial<Plotly.Layout>,
    PLOT_CONFIG as Partial<Plotly.Config>,
  );
  element.dataset.rendered = 'true';
  element.dataset.points = String(figure.points);
  return figure.points;
}

/** Empties a plot (no results yet, or nothing to show) and clears its marks. */
export function clearPlot(id: PlotId): void {
  const element = plotElement(id);
  Plotly.purge(element);
  delete element.dataset.rendered;
  element.dataset.points = '0';
}
