/**
 * The results panel's page and policy: nothing runs but the extension's own scripts carrying
 * the page's nonce, no eval, no remote content, and every element the tests look for exists.
 */
import * as assert from 'assert';
import {
  contentSecurityPolicy,
  makeNonce,
  panelHtml,
} from '../../../src/extension/panel/panelHtml';
import { PLOT_IDS } from '../../../src/protocol';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const assets = {
  cspSource,
  plotly: `${cspSource}/ext/media/vendor/plotly-strict.min.js`,
  toolkit: `${cspSource}/ext/media/vendor/toolkit.min.js`,
  script: `${cspSource}/ext/media/webview.js`,
  style: `${cspSource}/ext/media/panel.css`,
};

describe('panel content security policy', () => {
  it('denies by default and allows scripts by nonce only', () => {
    const csp = contentSecurityPolicy(cspSource, 'N0nce');
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    assert.deepStrictEqual(directives['default-src'], ["'none'"]);
    assert.deepStrictEqual(directives['script-src'], ["'nonce-N0nce'"]);
    assert.deepStrictEqual(directives['img-src'], [cspSource, 'data:']);
    assert.ok(!csp.includes('unsafe-eval'));
    assert.ok(!/\bhttps?:\/\/(?!file\+\.vscode-resource)/.test(csp), 'no other origin');
  });

  it('makes a different, long enough nonce each time', () => {
    const nonces = new Set([makeNonce(), makeNonce(), makeNonce()]);
    assert.strictEqual(nonces.size, 3);
    for (const nonce of nonces) assert.ok(nonce.length >= 16);
  });
});

describe('panel page', () => {
  const nonce = makeNonce();
  const html = panelHtml(assets, nonce);

  it('puts the nonce on every script, and every script comes from the extension', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.strictEqual(scripts.length, 3);
    for (const tag of scripts) {
      assert.ok(tag.includes(`nonce="${nonce}"`), tag);
      assert.match(tag, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\//);
    }
    assert.ok(!/<script\b[^>]*>[^<]+<\/script>/.test(html), 'no inline script body');
    assert.ok(!/\son\w+=/.test(html), 'no inline event handler');
  });

  it('carries the policy in a meta tag', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/;
    assert.match(html, meta);
  });

  it('has every element the tests and the script look for', () => {
    for (const id of [...PLOT_IDS, 'events-grid', 'status', 'graph-layer', 'channel-picker']) {
      assert.ok(html.includes(`id="${id}"`), id);
    }
    assert.match(html, /<vscode-data-grid id="events-grid"/);
  });
});
