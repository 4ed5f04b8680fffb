// @ts-check
/**
 * What the two browser drivers share: opening code-server's workbench in Debian's chromium
 * (through playwright-core, which downloads no browser) with the extension under development
 * loaded, and timestamped logging. Used by drive-host-tests.js and drive-ui-test.js; run.sh
 * sets the environment they read (CODE_SERVER_URL, EXTENSION_DIR, WORKSPACE_DIR).
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const started = Date.now();

/** console.log with the seconds since this driver started, to read timings from CI logs. */
function log(...parts) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
}

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; start the drivers through run.sh`);
  return value;
}

/**
 * The workbench address for the workspace, with the extension (and optionally its test entry)
 * passed in the `payload` parameter: code-server's command line rejects
 * --extensionDevelopmentPath, the web workbench accepts it there. Paths are vscode-remote URIs
 * on the server's own authority because the extension host runs on the server.
 * @param {{ testsEntry?: string }} options
 */
function workbenchUrl(options = {}) {
  const base = new URL(requireEnv('CODE_SERVER_URL'));
  const remote = (file) => `vscode-remote://${base.host}${path.resolve(file)}`;
  const payload = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
    ['extensionDevelopmentPath', remote(requireEnv('EXTENSION_DIR'))],
  ];
  if (options.testsEntry) payload.push(['extensionTestsPath', remote(options.testsEntry)]);
  const folder = encodeURIComponent(requireEnv('WORKSPACE_DIR'));
  return `${base.origin}/?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Starts headless chromium with a fresh profile. No sandbox (CI runs as root in containers),
 * no GPU, and every background service that would try the network switched off.
 */
async function openBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'post-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1600, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => log('page error:', String(error).slice(0, 300)));
  if (process.env.VERBOSE) {
    page.on('console', (m) => console.log(`  [browser ${m.type()}]`, m.text().slice(0, 300)));
  }
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { page, close };
}

module.exports = { log, openBrowser, workbenchUrl };
