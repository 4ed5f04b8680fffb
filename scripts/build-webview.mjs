#!/usr/bin/env node
/**
 * Builds the results panel's browser side, run by `npm run compile` after tsc: type-checks
 * webview/ against its own tsconfig (DOM library), bundles webview/main.ts into
 * media/webview.js, and copies the strict plotly.js bundle (no eval) and the webview UI
 * toolkit into media/vendor/ (ignored by git). Exits non-zero on any error.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function typeCheck() {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'webview', 'tsconfig.json')], {
    stdio: 'inherit',
  });
}

async function bundle() {
  await build({
    entryPoints: [join(root, 'webview', 'main.ts')],
    outfile: join(root, 'media', 'webview.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
}

function copyVendor() {
  const vendor = join(root, 'media', 'vendor');
  mkdirSync(vendor, { recursive: true });
  const files = {
    'plotly-strict.min.js': 'plotly.js/dist/plotly-strict.min.js',
    'toolkit.min.js': '@vscode/webview-ui-toolkit/dist/toolkit.min.js',
  };
  for (const [name, from] of Object.entries(files)) {
    copyFileSync(require.resolve(from), join(vendor, name));
  }
}

try {
  typeCheck();
  await bundle();
  copyVendor();
} catch (error) {
  console.error(`build-webview: ${error.message ?? error}`);
  process.exit(1);
}
