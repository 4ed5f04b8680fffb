/**
 * A small hand-written SVG line chart (axes, ticks, one polyline with markers per series, a
 * legend) and a grid that places several charts in one file. A static file needs no plotting
 * library. Called by bench/report.ts for the growth study's plot (scaling.svg); pure.
 */

export interface ChartSeries {
  name: string;
  /** [x, y] pairs; non-finite values (and non-positive ones on a log axis) are left out. */
  points: [number, number][];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  logX?: boolean;
  logY?: boolean;
  width?: number;
  height?: number;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const MARGIN = { left: 64, right: 16, top: 32, bottom: 44 };

/** One chart as a complete <svg> element. */
export function lineChart(options: ChartOptions): string {
  const width = options.width ?? 420;
  const height = options.height ?? 300;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const usable = (v: number, log?: boolean): boolean => Number.isFinite(v) && (!log || v > 0);
  const series = options.series.map((s) => ({
    name: s.name,
    points: s.points.filter(([x, y]) => usable(x, options.logX) && usable(y, options.logY)),
  }));
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text(width / 2, 18, options.title, 'middle', 13),
  ];
  if (xs.length === 0) {
    parts.push(text(width / 2, height / 2, 'no data', 'middle'), '</svg>');
    return parts.join('\n');
  }

  const xAxis = axis(xs, options.logX);
  const yAxis = axis(ys, options.logY, true);
  const px = (x: number): number => MARGIN.left + xAxis.fraction(x) * plotW;
  const py = (y: number): number => MARGIN.top + (1 - yAxis.fraction(y)) * plotH;
  const bottom = MARGIN.top + plotH;

  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" ` +
      'fill="none" stroke="#888"/>',
  );
  for (const tick of xAxis.ticks) {
    const x = round(px(tick));
    parts.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 4}" stroke="#888"/>`);
    parts.push(text(x, bottom + 16, tickLabel(tick), 'middle'));
  }
  for (const tick of yAxis.ticks) {
    const y = round(py(tick));
    const right = MARGIN.left + plotW;
    parts.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${right}" y2="${y}" stroke="#eee"/>`);
    parts.push(text(MARGIN.left - 6, y + 4, tickLabel(tick), 'end'));
  }
  parts.push(text(MARGIN.left + plotW / 2, height - 8, options.xLabel, 'middle'));
  parts.push(
    `<text x="14" y="${MARGIN.top + plotH / 2}" text-anchor="middle" ` +
      `transform="rotate(-90 14 ${MARGIN.top + plotH / 2})">${escapeXml(options.yLabel)}</text>`,
  );

  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const coords = s.points.map(([x, y]) => `${round(px(x))},${round(py(y))}`);
    if (coords.length > 1) {
      const line = `points="${coords.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"`;
      parts.push(`<polyline ${line}/>`);
    }
    for (const c of coords) {
      const [cx, cy] = c.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`);
    }
    const ly = MARGIN.top + 12 + 14 * i;
    const key = `x="${MARGIN.left + 8}" y="${ly - 8}" width="10" height="3" fill="${colour}"`;
    parts.push(`<rect ${key}/>`);
    parts.push(text(MARGIN.left + 22, ly - 3, s.name, 'start'));
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Charts (each a complete <svg> of `cellWidth` × `cellHeight`) in a grid of `columns`. */
export function chartGrid(
  charts: string[],
  columns: number,
  cellWidth: number,
  cellHeight: number,
  title: string,
): string {
  const rows = Math.ceil(charts.length / columns);
  const header = 28;
  const width = columns * cellWidth;
  const height = header + rows * cellHeight;
  const cells = charts.map((chart, i) => {
    const x = (i % columns) * cellWidth;
    const y = header + Math.floor(i / columns) * cellHeight;
    return chart.replace('<svg ', `<svg x="${x}" y="${y}" `);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text(width / 2, 20, title, 'middle', 15),
    ...cells,
    '</svg>',
  ].join('\n');
}

interface Axis {
  ticks: number[];
  /** Position of a value along the axis, 0 at its start, 1 at its end. */
  fraction(value: number): number;
}

/** A linear axis from nice ticks (from 0 when `fromZero` and all values are positive), or a
 *  log axis over whole powers of ten. */
export function axis(values: number[], log?: boolean, fromZero = false): Axis {
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (log) {
    const a = Math.floor(Math.log10(low));
    const b = Math.max(Math.ceil(Math.log10(high)), a + 1);
    const ticks = Array.from({ length: b - a + 1 }, (_, i) => 10 ** (a + i));
    return { ticks, fraction: (v) => (Math.log10(v) - a) / (b - a) };
  }
  if (fromZero && low > 0) low = 0;
  if (high === low) high = low + 1;
  const step = niceStep((high - low) / 5);
  const start = Math.floor(low / step) * step;
  const end = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { ticks, fraction: (v) => (v - start) / (end - start) };
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function tickLabel(value: number): string {
  if (value >= 1e6) return `${value / 1e6}M`;
  if (value >= 1e3) return `${value / 1e3}k`;
  return String(Number(value.toPrecision(4)));
}

function text(x: number, y: number, content: string, anchor: string, size?: number): string {
  const font = size ? ` font-size="${size}"` : '';
  const place = `x="${round(x)}" y="${round(y)}" text-anchor="${anchor}"${font}`;
  return `<text ${place}>${escapeXml(content)}</text>`;
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
