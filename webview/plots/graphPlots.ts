/**
 * The learned graph of one layer: its adjacency as a heatmap (#graph-plot), row = channel
 * that receives, column = channel that sends, and a node-link view of its strongest edges
 * with the channel names (#graph-network). The layer is chosen in the #graph-layer dropdown.
 */
import type { GraphView } from '../../src/protocol';
import { baseLayout, Layout, Theme, Trace, withAlpha } from '../theme';
import { Figure } from './draw';

/** Edges drawn in the node-link view: a few per channel, so the picture stays readable. */
const EDGES_PER_CHANNEL = 2;
const MAX_EDGES = 120;

export function adjacencyFigure(
  graph: GraphView,
  layer: number,
  theme: Theme,
  revision: string,
): Figure {
  const { matrix, name } = graph.layers[layer];
  const data = [
    {
      type: 'heatmap',
      x: graph.channels,
      y: graph.channels,
      z: matrix,
      colorscale: theme.heat,
      zmin: 0,
      colorbar: { thickness: 10, outlinewidth: 0 },
      hovertemplate: '%{x} → %{y}<br>weight %{z:.3g}<extra>' + name + '</extra>',
    },
  ];
  const layout: Layout = {
    ...baseLayout(theme, 420, revision),
    xaxis: { type: 'category', tickangle: -45, automargin: true, title: { text: 'from' } },
    yaxis: { type: 'category', autorange: 'reversed', automargin: true, title: { text: 'to' } },
    hovermode: 'closest',
  };
  return { data, layout, points: matrix.length * matrix.length };
}

interface Edge {
  from: number;
  to: number;
  weight: number;
}

/** The strongest off-diagonal entries, at most a few per channel. */
export function strongestEdges(matrix: number[][]): Edge[] {
  const C = matrix.length;
  const edges: Edge[] = [];
  for (let to = 0; to < C; to++) {
    for (let from = 0; from < C; from++) {
      if (from !== to && matrix[to][from] > 0) edges.push({ from, to, weight: matrix[to][from] });
    }
  }
  edges.sort((a, b) => b.weight - a.weight);
  return edges.slice(0, Math.min(MAX_EDGES, EDGES_PER_CHANNEL * C));
}

export function networkFigure(
  graph: GraphView,
  layer: number,
  theme: Theme,
  revision: string,
): Figure {
  const { matrix } = graph.layers[layer];
  const C = graph.channels.length;
  const angle = (i: number) => (2 * Math.PI * i) / Math.max(C, 1) - Math.PI / 2;
  const xs = graph.channels.map((_, i) => Math.cos(angle(i)));
  const ys = graph.channels.map((_, i) => Math.sin(angle(i)));
  const edges = strongestEdges(matrix);
  const strongest = edges.length ? edges[0].weight : 1;

  // One trace per strength band (strong, middle, weak): plotly gives a line trace one width.
  const bandOf = (e: Edge) => {
    const share = e.weight / strongest;
    return share >= 2 / 3 ? 0 : share >= 1 / 3 ? 1 : 2;
  };
  const bands = [0, 1, 2].map((band) => {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const e of edges.filter((edge) => bandOf(edge) === band)) {
      x.push(xs[e.from], xs[e.to], null);
      y.push(ys[e.from], ys[e.to], null);
    }
    return {
      type: 'scatter',
      mode: 'lines',
      x,
      y,
      line: { color: withAlpha(theme.series[0], 0.95 - 0.3 * band), width: 5 - 2 * band },
      hoverinfo: 'skip',
      showlegend: false,
    };
  });
  const nodes: Trace = {
    type: 'scatter',
    mode: 'markers+text',
    x: xs,
    y: ys,
    text: graph.channels,
    textposition: xs.map((x) => (x >= 0 ? 'middle right' : 'middle left')),
    marker: { size: 9, color: theme.series[1] },
    hovertemplate: '%{text}<extra></extra>',
    showlegend: false,
  };
  const hidden = { visible: false, range: [-1.6, 1.6] };
  const layout: Layout = {
    ...baseLayout(theme, 420, revision),
    xaxis: hidden,
    yaxis: { ...hidden, scaleanchor: 'x' },
    hovermode: 'closest',
  };
  return { data: [...bands, nodes], layout, points: C + edges.length };
}
