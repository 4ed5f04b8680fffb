/**
 * The security promises of the product, checked: the panel's policy allows no remote content
 * and no eval, its webview reads local files only from the extension's media/ folder, the
 * plotly and toolkit bundles it loads need no eval, hostile messages from the webview are
 * dropped (and said so) without harm, and no part of the product uses the network: its code
 * loads no network module, and a real run with every network call made to fail succeeds.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  contentSecurityPolicy,
  panelHtml,
  panelWebviewOptions,
} from '../../../src/extension/panel/panelHtml';
import { acceptFromWebview, MAX_LOG_CHARS, parseFromWebview } from '../../../src/protocol';
import { FAST, postAd } from './cli';
import { sensorCsv } from './sensorData';

const ROOT = path.resolve(__dirname, '../../../..');
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/** Every .js file under `dir`. */
function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(dir, name));
}

describe('panel policy and page', () => {
  it('names no source but the webview’s own in any directive, and no eval', () => {
    const csp = contentSecurityPolicy(CSP_SOURCE, 'abc');
    const allowed = new Set([
      CSP_SOURCE,
      "'none'",
      "'nonce-abc'",
      "'unsafe-inline'",
      'data:',
    ]);
    for (const directive of csp.split(';').map((d) => d.trim().split(/\s+/))) {
      const [name, ...sources] = directive;
      for (const source of sources) assert.ok(allowed.has(source), `${name} allows ${source}`);
      assert.notStrictEqual(name, 'connect-src', 'the page may not connect anywhere');
    }
    assert.match(csp, /^default-src 'none'; script-src 'nonce-abc';/);
  });

  it('loads every script and style from the extension’s media folder', () => {
    const media = `${CSP_SOURCE}/ext/media`;
    const html = panelHtml(
      {
        cspSource: CSP_SOURCE,
        plotly: `${media}/vendor/plotly-strict.min.js`,
        toolkit: `${media}/vendor/toolkit.min.js`,
        script: `${media}/webview.js`,
        style: `${media}/panel.css`,
      },
      'abc',
    );
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.strictEqual(urls.length, 4);
    for (const url of urls) assert.ok(url.startsWith(`${media}/`), url);
  });

  it('lets the webview read local files from media/ only, with command links off', () => {
    const root = { path: '/ext/media' };
    assert.deepStrictEqual(panelWebviewOptions(root), {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [root],
    });
  });

  it('loads bundles that need no eval: Function only as the global-object fallback', () => {
    const bundles = [
      require.resolve('plotly.js/dist/plotly-strict.min.js'),
      require.resolve('@vscode/webview-ui-toolkit/dist/toolkit.min.js'),
    ];
    const own = path.join(ROOT, 'media', 'webview.js');
    if (fs.existsSync(own)) bundles.push(own);
    for (const file of bundles) {
      const code = fs.readFileSync(file, 'utf8');
      assert.ok(!/(^|[^\w.$])eval\s*\(/.test(code), `${file} calls eval`);
      for (const match of code.matchAll(/new Function\s*\(([^)]*)\)/g)) {
        assert.strictEqual(match[1].replace(/'/g, '"'), '"return this"', `${file}: ${match[0]}`);
        const before = code.slice(Math.max(0, match.index - 200), match.index);
        assert.match(before, /globalThis/, `${file}: reached without globalThis first`);
      }
    }
  });
});

describe('hostile messages from the webview', () => {
  const hostile: unknown[] = [
    null,
    42,
    'ready',
    [],
    { type: 'toString' },
    { type: '__proto__' },
    { type: 'constructor' },
    JSON.parse('{"type": "command", "command": "__proto__"}'),
    { type: 'command', command: 'workbench.action.terminal.new' },
    { type: 'requestRange', requestId: 1, start: 0, end: 1e300, channels: [0] },
    { type: 'requestRange', requestId: 1, start: -1, end: 5, channels: [0] },
    { type: 'requestRange', requestId: 1, start: 0, end: 5, channels: new Array(100_000).fill(0) },
    { type: 'requestRange', requestId: 1, start: 0, end: 5, channels: ['0'] },
    { type: 'log', level: 'error', message: { toString: 'x' } },
    { type: 'rendered', report: { outDir: 1, plots: [], heatmap: {}, eventRows: 0 } },
  ];

  it('drops each, saying what arrived, without throwing', () => {
    for (const raw of hostile) {
      const warnings: string[] = [];
      assert.strictEqual(acceptFromWebview(raw, (w) => warnings.push(w)), undefined);
      assert.strictEqual(warnings.length, 1, JSON.stringify(raw)?.slice(0, 80));
      assert.match(warnings[0], /^dropped a message that is not in the protocol: /);
      assert.ok(warnings[0].length < 300, 'the warning quotes only the start');
    }
  });

  it('passes nothing of a __proto__ key on and pollutes no prototype', () => {
    const raw = JSON.parse('{"type": "ready", "__proto__": {"polluted": true}}');
    const message = parseFromWebview(raw);
    assert.deepStrictEqual(message, { type: 'ready' });
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('cuts a page log line to a bounded length', () => {
    const message = parseFromWebview({ type: 'log', level: 'info', message: 'x'.repeat(1e6) });
    assert.strictEqual(message?.type === 'log' && message.message.length, MAX_LOG_CHARS);
  });
});

describe('no network access', function () {
  this.timeout(120_000);

  it('loads no network module anywhere in the product code', () => {
    const allowed = new Set(['fs', 'path', 'os', 'crypto', 'events', 'stream', 'stream/promises']);
    for (const name of ['child_process', 'vscode', 'commander', 'cli-progress', 'csv-parse']) {
      allowed.add(name);
    }
    const files = jsFiles(path.join(ROOT, 'out', 'src'));
    files.push(path.join(ROOT, 'media', 'webview.js'));
    for (const file of files.filter((f) => fs.existsSync(f))) {
      const code = fs.readFileSync(file, 'utf8');
      for (const [, name] of code.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const local = name.startsWith('.');
        const ok = local || allowed.has(name) || /^(@tensorflow\/|csv-parse\/)/.test(name);
        assert.ok(ok, `${path.relative(ROOT, file)} loads '${name}'`);
      }
      const web = /\b(fetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon)/.exec(code);
      assert.strictEqual(web, null, `${path.relative(ROOT, file)} uses ${web?.[0]}`);
    }
  });

  it('runs a detection with every network call made to fail', async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'post-offline-'));
    try {
      const log = path.join(dir, 'network.log');
      const preload = path.join(dir, 'no-network.js');
      fs.writeFileSync(preload, NO_NETWORK);
      fs.writeFileSync(path.join(dir, 'data.csv'), sensorCsv());
      process.env.POST_NETWORK_LOG = log;
      const args = ['detect', 'data.csv', ...FAST, '--backend', 'auto', '--quiet'];

      const run = await postAd(args, dir, ['-r', preload]);

      assert.strictEqual(run.status, 0, run.stderr);
      assert.strictEqual(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '');
    } finally {
      delete process.env.POST_NETWORK_LOG;
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});

/** Preloaded into the command line: each network entry point logs the attempt and throws. */
const NO_NETWORK = `
const fs = require('fs');
const blocked = (what) => () => {
  fs.appendFileSync(process.env.POST_NETWORK_LOG, what + '\\n');
  throw new Error('network access is blocked in this test: ' + what);
};
require('net').Socket.prototype.connect = blocked('net.Socket.connect');
for (const name of ['http', 'https']) {
  const mod = require(name);
  mod.request = blocked(name + '.request');
  mod.get = blocked(name + '.get');
}
require('http2').connect = blocked('http2.connect');
require('dns').lookup = blocked('dns.lookup');
require('dns').promises.lookup = blocked('dns.promises.lookup');
globalThis.fetch = blocked('fetch');
`;
