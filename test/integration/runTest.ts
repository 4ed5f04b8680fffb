/**
 * Runs the host tests through @vscode/test-electron's `runTests`, as a desktop extension would.
 * No desktop VS Code can be downloaded here, so `vscodeExecutablePath` is
 * scripts/vscode-host/code-shim.sh, which runs the same command line in code-server.
 * Called by `npm run test:host` (scripts/test-all.sh) as `node out/test/integration/runTest.js`.
 *
 * Limitation: code-server is VS Code 1.100.3's server with a browser workbench, not the desktop
 * build: `vscode.env.uiKind` is Web, `env.remoteName` is set, dialogs and the clipboard are the
 * browser's. The extension host itself is the real Node one, so what the tests check holds.
 *
 * Exit status: 0 when every host test passed. The tests print their own closing line
 * "N passed, N failed"; this script adds one ("0 passed, 1 failed") only when the run could not
 * start, so a broken harness is still counted.
 */
import * as path from 'path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  try {
    await runTests({
      vscodeExecutablePath: path.join(repositoryRoot, 'scripts', 'vscode-host', 'code-shim.sh'),
      extensionDevelopmentPath: repositoryRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [path.join(repositoryRoot, 'test', 'fixtures', 'workspace')],
    });
  } catch (error) {
    // A TestRunFailedError means the tests ran and failed (they printed why); anything else
    // means they never started.
    if (!(error instanceof TestRunFailedError)) {
      console.error('The host tests could not run:', error);
      console.log('0 passed, 1 failed');
    }
    process.exitCode = 1;
  }
}

void main();
