/**
 * Training curves (#training-plot): each loss term per step, from training.json for finished
 * results and from the throttled `loss` messages while a run trains. Graph-phase steps have
 * their own terms and are drawn as separate, dotted curves.
 */
import type { LossPoint } from '../../src/protocol';
import { baseLayout, Layout, Theme, Trace } from '../theme';
import { Figure } from './draw';

/** Curves shown at first; the others start hidden in the legend (click to show). */
const SHOWN_AT_FIRST = new Set(['total', 'reconstruction', 'graph: total']);

export function curvesOf(points: LossPoint[]): Map<string, { x: number[]; y: number[] }> {
  const curves = new Map<string, { x: number[]; y: number[] }>();
  for (const point of points) {
    for (const [term, value] of Object.entries(point.terms)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const name = point.phase === 'graph' ? `graph: ${term}` : term;
      let curve = curves.get(name);
      if (!curve) curves.set(name, (curve = { x: [], y: [] }));
      curve.x.push(point.step);
      curve.y.push(value);
    }
  }
  return curves;
}

export function trainingFigure(points: LossPoint[], theme: Theme, revision: string): Figure {
  const data: Trace[] = [];
  let count = 0;
  [...curvesOf(points)].forEach(([name, curve], i) => {
    count += curve.x.length;
    data.push({
      type: 'scatter',
      mode: 'lines',
      name,
      x: curve.x,
      y: curve.y,
      visible: SHOWN_AT_FIRST.has(name) ? true : 'legendonly',
      line: {
        color: theme.series[i % theme.series.length],
        width: 1,
        dash: name.startsWith('graph:') ? 'dot' : 'solid',
      },
    });
  });
  const layout: Layout = {
    ...baseLayout(theme, 260, revision),
    xaxis: { gridcolor: theme.grid, title: { text: 'step' } },
    yaxis: { gridcolor: theme.grid, zerolinecolor: theme.grid, title: { text: 'loss' } },
  };
  return { data, layout, points: count };
}
