/**
 * The results panel's HTML page and its Content Security Policy. Nothing remote, nothing
 * inline that runs: scripts load only from the extension's media/ folder and only with the
 * page's nonce. Pure (no `vscode`): the panel passes in the webview's URIs and cspSource; the
 * unit tests check the policy.
 */
import { randomBytes } from 'crypto';

export interface PanelAssets {
  /** The webview's `cspSource` (its resource origin). */
  cspSource: string;
  /** `asWebviewUri` of media/vendor/plotly-strict.min.js, media/vendor/toolkit.min.js,
   *  media/webview.js and media/panel.css. */
  plotly: string;
  toolkit: string;
  script: string;
  style: string;
}

/** A fresh nonce per page, from the crypto module (not Math.random). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The page's policy. style-src allows 'unsafe-inline' because plotly.js sets style attributes
 * on the nodes it creates (legend, hover labels, modebar) and adds a <style> element of its
 * own rules, and the toolkit adds a <style> element too; under a stricter policy Chromium
 * blocks them and plotly warns "Cannot addRelatedStyleRule, probably due to strict CSP".
 * No script may be inline, no 'unsafe-eval' (the strict plotly bundle needs none), no network.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/**
 * The webview's options: scripts on (with the nonce policy above), command links off, and
 * local files only from `mediaRoot`, the extension's media/ folder: never the workspace or
 * the results folder, whose data reaches the page as messages. Generic over the URI type so
 * the unit tests need no `vscode`.
 */
export function panelWebviewOptions<U>(mediaRoot: U): {
  enableScripts: boolean;
  enableCommandUris: boolean;
  localResourceRoots: U[];
} {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot] };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function panelHtml(assets: PanelAssets, nonce: string): string {
  const csp = contentSecurityPolicy(assets.cspSource, nonce);
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(assets.style)}">
<title>POST results</title>
</head>
<body>
<header class="bar">
  <h1 id="title">POST anomaly detection</h1>
  <span id="status" role="status" aria-live="polite">Loading…</span>
  <span class="actions">
    <vscode-button id="export-button" appearance="secondary">Export…</vscode-button>
    <vscode-button id="report-button" appearance="secondary">Open report</vscode-button>
    <vscode-button id="log-button" appearance="secondary">Show log</vscode-button>
  </span>
</header>
<ul id="summary" class="summary"></ul>
<section>
  <h2>Anomaly score</h2>
  <div id="score-plot" class="plot"></div>
</section>
<section>
  <h2>Channels</h2>
  <div class="controls">
    <vscode-checkbox id="normalised-toggle" checked>Normalised</vscode-checkbox>
    <span id="channels-note" class="note"></span>
  </div>
  <div id="channel-picker" class="picker" aria-label="Channels to show"></div>
  <div id="channels-plot" class="plot tall"></div>
</section>
<section>
  <h2>Which channels: localization</h2>
  <div id="heatmap-plot" class="plot tall"></div>
</section>
<section>
  <h2>Events</h2>
  <vscode-data-grid id="events-grid" aria-label="Detected events"
    grid-template-columns="1fr 1fr 1fr 3fr"></vscode-data-grid>
</section>
<section>
  <h2>Learned graph</h2>
  <div class="controls">
    <label for="graph-layer">Layer</label>
    <vscode-dropdown id="graph-layer"></vscode-dropdown>
  </div>
  <div class="pair">
    <div id="graph-plot" class="plot square"></div>
    <div id="graph-network" class="plot square"></div>
  </div>
</section>
<section>
  <h2>Training</h2>
  <div id="training-plot" class="plot"></div>
</section>
<script nonce="${nonce}" src="${attr(assets.plotly)}"></script>
<script nonce="${nonce}" type="module" src="${attr(assets.toolkit)}"></script>
<script nonce="${nonce}" src="${attr(assets.script)}"></script>
</body>
</html>
`;
}
