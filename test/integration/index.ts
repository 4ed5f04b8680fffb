/**
 * Entry point of the tests that run inside a real VS Code extension host (code-server), with
 * the contract of @vscode/test-electron's `extensionTestsPath`: the host requires this module
 * and awaits `run()`; a rejection makes the run fail. Reached through runTest.ts ->
 * scripts/vscode-host/code-shim.sh -> run.sh, or run.sh directly.
 *
 * Every `*.test.js` under this folder is run, in name order after RUN_FIRST. The closing line
 * "N passed, N failed" is what scripts/test-all.sh and CI read; it goes through console.log
 * because the workbench forwards the host's console to the driver's stdout.
 */
import * as fs from 'fs';
import * as path from 'path';
// Mocha 11 exports the class itself; 12 exports it as `Mocha`.
import MochaModule = require('mocha');

type MochaClass = typeof MochaModule;
const Mocha: MochaClass = (MochaModule as unknown as { Mocha?: MochaClass }).Mocha ?? MochaModule;

/**
 * Files that run before the others: activation checks the state before any run, and the
 * results of detect's first run serve the later files, which otherwise train a model of their
 * own first (seconds each on a busy machine).
 */
const RUN_FIRST = ['activation.test.js', 'detect.test.js'];

function findTestFiles(dir: string): string[] {
  const rank = (name: string) => {
    const index = RUN_FIRST.indexOf(name);
    return index === -1 ? RUN_FIRST.length : index;
  };
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => path.join(dir, name));
}

export function run(): Promise<void> {
  // A run trains a tiny model for a few seconds; the margin is for a busy two-core machine.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000 });
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      console.log(`${passes} passed, ${failed} failed`);
      if (failures > 0 || passes === 0) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
  });
}
