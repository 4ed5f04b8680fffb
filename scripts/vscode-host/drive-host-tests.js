#!/usr/bin/env node
// @ts-check
/**
 * Runs a test entry (the `extensionTestsPath` contract of @vscode/test-electron: a module
 * exporting `run(): Promise<void>`) inside code-server's Node extension host, and exits with
 * its result. Called by run.sh as `node drive-host-tests.js <tests-entry.js>`.
 *
 * The extension host only starts when a browser connects, so a browser is needed even though
 * nothing is clicked. The workbench forwards the host's console to `codeAutomationLog` and
 * reports the end of run() through `codeAutomationExit(code)`; both are exposed to the page.
 */
'use strict';

const { log, openBrowser, workbenchUrl } = require('./workbench');

const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 900_000);

/**
 * Prints what the workbench forwards: the extension host's console (the tests' output) and the
 * workbench's own log. The extension gallery lookup always fails offline, harmlessly; its
 * stack trace is left out so real errors stand out.
 */
function forwardLog(_level, args) {
  const parts = args ?? [];
  if (parts.some((part) => String(part).includes('ENOTFOUND open-vsx.org'))) return;
  // Spread, not joined: mocha's reporter passes printf-style formats ('%s) %s:').
  console.log(...parts);
}

async function main() {
  const testsEntry = process.argv[2];
  if (!testsEntry) throw new Error('usage: drive-host-tests.js <tests-entry.js>');
  const { page, close } = await openBrowser();
  try {
    let finish = (_code) => {};
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', forwardLog);
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));

    await page.goto(workbenchUrl({ testsEntry }));
    log('workbench loading; host tests start once the extension host is up');
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    const code = await finished;
    clearTimeout(timer);

    if (code === 'timeout') log(`host tests did not finish within ${TIMEOUT_MS / 1000} s`);
    else log('host tests finished with exit code', code);
    return code === 0 ? 0 : 1;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('drive-host-tests failed:', error);
    process.exit(1);
  },
);
