/**
 * The anomaly score over time (#score-plot): the score line, the threshold, the detected
 * events shaded and, when the file had labels, a band at the bottom with each labelled run
 * coloured as found (it overlaps an event) or missed.
 */
import type { LineView, ResultsView } from '../../src/protocol';
import { baseLayout, Layout, Theme, Trace, withAlpha } from '../theme';
import { Figure } from './draw';
import { eventShapes, isHit, legendSwatch, timeAxis } from './timeAxis';

/** Height of the label band, as a share of the plot area. */
const LABEL_BAND = 0.06;

export function scoreFigure(
  view: ResultsView,
  line: LineView,
  theme: Theme,
  range?: [number, number],
): Figure {
  const threshold = view.threshold.value;
  const data: Trace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'score',
      x: line.rows,
      y: line.values,
      line: { color: theme.series[0], width: 1 },
      hovertemplate: 'row %{x}<br>score %{y:.4g}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: `threshold ${threshold.toPrecision(4)}`,
      x: [0, Math.max(view.rows - 1, 1)],
      y: [threshold, threshold],
      line: { color: theme.threshold, width: 1, dash: 'dash' },
      hoverinfo: 'skip',
    },
    legendSwatch('detected event', withAlpha(theme.anomaly, 0.5)),
  ];

  const shapes: Layout[] = eventShapes(view.events, theme);
  if (view.labels) {
    for (const span of view.labels) {
      const hit = isHit(span, view.events);
      shapes.push({
        type: 'rect',
        xref: 'x',
        yref: 'paper',
        x0: span.start - 0.5,
        x1: span.end + 0.5,
        y0: 0,
        y1: LABEL_BAND,
        fillcolor: hit ? theme.hit : theme.miss,
        line: { width: 0 },
      });
    }
    data.push(legendSwatch('label, found', theme.hit), legendSwatch('label, missed', theme.miss));
  }

  const layout: Layout = {
    ...baseLayout(theme, 260, view.outDir),
    xaxis: timeAxis(theme, view.rows, range),
    yaxis: { gridcolor: theme.grid, zerolinecolor: theme.grid, title: { text: 'score' } },
    shapes,
  };
  return { data, layout, points: line.rows.length };
}
