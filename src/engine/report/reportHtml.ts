/**
 * report.html: one self-contained page (no network) with the run's summary, the anomaly score
 * with its threshold and events, the localization heatmap, the channels, the learned graph and
 * an events table. The Plotly strict bundle (no eval) and the data are inlined. Written by
 * io/writeResults.ts into every results folder.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

import { formatEvaluation } from '../eval/evaluate';
import { AnomalyEvent } from '../types';
import { CLIENT_SCRIPT } from './clientScript';
import { buildReportData, ReportInput } from './reportData';

let plotlyBundle: string | undefined;

/** The Plotly strict bundle, read once from the installed package. */
function plotlySource(): string {
  if (plotlyBundle === undefined) {
    const file = require.resolve('plotly.js/dist/plotly-strict.min.js');
    plotlyBundle = inlineScript(readFileSync(file, 'utf8'));
  }
  return plotlyBundle;
}

/**
 * The complete page as a string. Limitation: inlining Plotly makes every report about 5 MB,
 * the price of a page that opens offline from anywhere.
 */
export function buildReport(input: ReportInput): string {
  const data = buildReportData(input);
  const { summary } = input;
  const title = `POST anomalies in ${path.basename(summary.input.path)}`;
  const xOf = (t: number): number => (input.scores.timestamps ? input.scores.timestamps[t] : t);

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${summaryHtml(input)}
<h2>Anomaly score and localization</h2>
<p class="hint">Shaded: detected events. Orange band: labelled anomalies. The heatmap lists
channels by total contribution, strongest first; drag to zoom, double-click to reset.</p>
<div id="timeline"></div>
<h2>Channels</h2>
<p class="hint">Pick channels (Ctrl/Cmd-click for several); they follow the zoom above.</p>
<select id="channel-picker" multiple size="6"></select>
<div id="channels"></div>
<h2>Events (${input.events.length})</h2>
${eventsTable(input.events, xOf, data.channels.length)}
<h2>Learned graph</h2>
<p class="hint">Adjacency weights between channels, per encoder layer.</p>
<select id="graph-picker"></select>
<div id="graph"></div>
<script type="application/json" id="post-data">${embedJson(data)}</script>
<script>${plotlySource()}</script>
<script>${inlineScript(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}

function summaryHtml(input: ReportInput): string {
  const s = input.summary;
  const facts: [string, string][] = [
    ['Input', `${s.input.path} (${count(s.input.rows)} rows, ${s.channels.length} channels)`],
    ['Training', s.training.description],
    ['Threshold', `${formatNumber(s.threshold.value)}: ${s.threshold.description}`],
    ['Events', `${s.eventCount} (${count(s.detectedRows)} rows above the threshold)`],
    ['Backend', s.backend.description],
    ['Settings', `${s.preset ?? 'saved model'}, seed ${s.seed}`],
    ['Created', `${s.createdAt} by post-anomaly ${s.engineVersion}`],
  ];
  if (s.input.skippedColumns.length > 0) {
    const list = s.input.skippedColumns.map((c) => `${c.name} (${c.reason})`).join('; ');
    facts.push(['Columns left out', list]);
  }
  const rows = facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
  const notes = s.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  // Collapsed, so the plots stay near the top; the table is long.
  const metrics = s.metrics
    ? '<details><summary>Metrics against the labels</summary>' +
      `<pre class="metrics">${escapeHtml(formatEvaluation(s.metrics))}</pre></details>`
    : '';
  return `<table class="facts">${rows.join('\n')}</table>
${notes ? `<ul class="notes">${notes}</ul>` : ''}${metrics}`;
}

function eventsTable(
  events: AnomalyEvent[],
  xOf: (t: number) => number,
  channelCount: number,
): string {
  if (events.length === 0) return '<p>No row scored above the threshold.</p>';
  const body = events.map((e, i) => {
    const top = e.topChannels
      .filter((c) => c.index >= 0 && c.index < channelCount)
      .map((c) => `${c.name} (${formatNumber(c.score)})`)
      .join(', ');
    const indices = e.topChannels.map((c) => c.index).join(' ');
    const when = e.startTime ? `${e.startTime} – ${e.endTime ?? ''}` : '';
    const cells = [
      String(i + 1),
      String(e.start),
      String(e.end),
      when,
      String(e.end - e.start + 1),
      formatNumber(e.peakScore),
      top,
    ].map((v) => `<td>${escapeHtml(v)}</td>`);
    const attrs = `data-x0="${xOf(e.start)}" data-x1="${xOf(e.end)}" data-channels="${indices}"`;
    return `<tr ${attrs}>${cells.join('')}</tr>`;
  });
  const head = ['#', 'first row', 'last row', 'time', 'rows', 'peak score', 'top channels']
    .map((h) => `<th>${h}</th>`)
    .join('');
  return `<table id="events"><thead><tr>${head}</tr></thead><tbody>
${body.join('\n')}
</tbody></table>`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a script element: `<` becomes \u003c so no `</script>` or `<!--`
 * can end or alter the element, and the two line separators JSON allows but old JavaScript
 * parsers do not are escaped too.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Script text that cannot close its element early (`</script` inside a string literal). */
function inlineScript(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}

function count(n: number): string {
  return n.toLocaleString('en');
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1200px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 32px; }
table { border-collapse: collapse; }
.facts th { text-align: left; padding: 2px 16px 2px 0; vertical-align: top; }
#events td, #events th { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
#events tbody tr { cursor: pointer; } #events tbody tr:hover { background: #f4f4f4; }
.hint { color: #666; margin: 4px 0 8px; }
.metrics { background: #f7f7f7; padding: 10px; overflow-x: auto; }
select { min-width: 240px; }
summary { cursor: pointer; margin-top: 12px; }
`;
