/**
 * The localization heatmap (#heatmap-plot): channel × time, each cell the largest
 * localization score in its row bucket, channels ordered by total contribution (strongest on
 * top), colours saturated at the view's zmax. Its x-axis is the score plot's rows, so the
 * zoom links (zoomLink.ts) apply to it.
 */
import type { HeatmapView, ResultsView } from '../../src/protocol';
import { baseLayout, Layout, Theme } from '../theme';
import { Figure } from './draw';
import { timeAxis } from './timeAxis';

/** The middle row of each bucket, so a cell is centred on the rows it covers. */
function bucketCentres(columnRows: number[], lastRow: number): number[] {
  return columnRows.map((start, i) => {
    const end = i + 1 < columnRows.length ? columnRows[i + 1] - 1 : lastRow;
    return (start + end) / 2;
  });
}

export function heatmapFigure(
  view: ResultsView,
  heatmap: HeatmapView,
  lastRow: number,
  theme: Theme,
  range?: [number, number],
): Figure {
  const names = heatmap.channels.map((c) => view.channels[c]);
  const cells = heatmap.z.reduce((sum, row) => sum + row.length, 0);
  const data = [
    {
      type: 'heatmap',
      x: bucketCentres(heatmap.columnRows, lastRow),
      y: names,
      z: heatmap.z,
      colorscale: theme.heat,
      zmin: 0,
      zmax: heatmap.zmax > 0 ? heatmap.zmax : undefined,
      colorbar: { thickness: 10, outlinewidth: 0, title: { text: 'score', side: 'right' } },
      hovertemplate: '%{y}<br>row %{x:.0f}<br>localization %{z:.4g}<extra></extra>',
    },
  ];
  const layout: Layout = {
    ...baseLayout(theme, Math.min(700, Math.max(220, 60 + 16 * names.length)), view.outDir),
    xaxis: timeAxis(theme, view.rows, range),
    yaxis: { autorange: 'reversed', type: 'category', automargin: true, gridcolor: theme.grid },
    hovermode: 'closest',
  };
  return { data, layout, points: cells };
}
