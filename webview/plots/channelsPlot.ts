/**
 * The file's channels over time (#channels-plot), one small plot per chosen channel stacked
 * on a shared row axis, raw or normalised (z-score over the file), with the detected events
 * shaded across all of them.
 */
import type { ChannelLineView, ResultsView } from '../../src/protocol';
import { baseLayout, Layout, Theme, Trace } from '../theme';
import { Figure } from './draw';
import { eventShapes, timeAxis } from './timeAxis';

const ROW_HEIGHT = 80;
const MAX_LABEL = 16;

const shortName = (name: string): string =>
  name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;

export function channelsFigure(
  view: ResultsView,
  lines: ChannelLineView[],
  normalised: boolean,
  theme: Theme,
  range?: [number, number],
): Figure {
  const data: Trace[] = lines.map((line, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: line.name,
    x: line.rows,
    y: normalised ? line.values.map((v) => (v - line.mean) / line.std) : line.values,
    xaxis: 'x',
    yaxis: i === 0 ? 'y' : `y${i + 1}`,
    line: { color: theme.series[i % theme.series.length], width: 1 },
    hovertemplate: `${line.name}<br>row %{x}<br>%{y:.4g}<extra></extra>`,
  }));

  const layout: Layout = {
    ...baseLayout(theme, 50 + ROW_HEIGHT * Math.max(lines.length, 1), view.outDir),
    showlegend: false,
    grid: {
      rows: Math.max(lines.length, 1),
      columns: 1,
      pattern: 'shared',
      roworder: 'top to bottom',
    },
    xaxis: timeAxis(theme, view.rows, range),
    shapes: eventShapes(view.events, theme, 0.15),
  };
  lines.forEach((line, i) => {
    layout[i === 0 ? 'yaxis' : `yaxis${i + 1}`] = {
      gridcolor: theme.grid,
      zerolinecolor: theme.grid,
      title: { text: shortName(line.name), font: { size: theme.fontSize - 2 } },
      nticks: 3,
    };
  });
  return { data, layout, points: lines.reduce((sum, line) => sum + line.rows.length, 0) };
}
