/**
 * VS Code theme colours for the plots, read from the CSS variables VS Code sets on the page,
 * and the layout every plot starts from. Re-read when the theme changes (main.ts watches the
 * body's class), so the plots follow light, dark and high-contrast themes.
 */

/** Plotly figures are built as plain objects; plotly.js checks them at draw time. */
export type Layout = Record<string, unknown>;
export type Trace = Record<string, unknown>;

export interface Theme {
  foreground: string;
  muted: string;
  grid: string;
  font: string;
  fontSize: number;
  /** Line colours for series, in order. */
  series: string[];
  anomaly: string;
  hit: string;
  miss: string;
  threshold: string;
  /** Colour scale from "nothing" to "strong" for heatmaps. */
  heat: [number, string][];
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => cssVar(style, name, fallback);
  const foreground = v('--vscode-editor-foreground', '#cccccc');
  const background = v('--vscode-editor-background', '#1e1e1e');
  const anomaly = v('--vscode-charts-red', '#f14c4c');
  return {
    foreground,
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040')),
    font: v('--vscode-font-family', 'sans-serif'),
    fontSize: parseFloat(v('--vscode-font-size', '13')) || 13,
    series: [
      v('--vscode-charts-blue', '#3794ff'),
      v('--vscode-charts-orange', '#d18616'),
      v('--vscode-charts-green', '#89d185'),
      v('--vscode-charts-purple', '#b180d7'),
      v('--vscode-charts-yellow', '#cca700'),
      v('--vscode-charts-red', '#f14c4c'),
      foreground,
    ],
    anomaly,
    hit: v('--vscode-charts-green', '#89d185'),
    miss: v('--vscode-charts-orange', '#d18616'),
    threshold: v('--vscode-charts-yellow', '#cca700'),
    heat: [
      [0, background],
      [0.5, v('--vscode-charts-orange', '#d18616')],
      [1, anomaly],
    ],
  };
}

/** A colour with an alpha, for shaded areas; works for #rgb, #rrggbb and rgb(...) colours. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = colour.match(/^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = colour.match(/^rgba?\(([^,]+),([^,]+),([^,)]+)/i);
  return rgb ? `rgba(${rgb[1]},${rgb[2]},${rgb[3]}, ${alpha})` : colour;
}

/** The layout every plot starts from: transparent, themed text and grid, compact margins. */
export function baseLayout(theme: Theme, height: number, revision: string): Layout {
  const axis = { gridcolor: theme.grid, zerolinecolor: theme.grid, linecolor: theme.grid };
  return {
    height,
    margin: { l: 60, r: 20, t: 10, b: 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: theme.font, size: theme.fontSize - 1, color: theme.foreground },
    xaxis: { ...axis },
    yaxis: { ...axis },
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    hovermode: 'x',
    // Plotly keeps the user's zoom and legend clicks while the revision (results folder) stays.
    uirevision: revision,
  };
}

/** Plotly options shared by all plots: responsive, no logo, no link to an online editor. */
export const PLOT_CONFIG = {
  responsive: true,
  displaylogo: false,
  scrollZoom: false,
  modeBarButtonsToRemove: ['sendDataToCloud', 'lasso2d', 'select2d'],
};
