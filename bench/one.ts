/**
 * Child process of the benchmark: `node out/bench/one.js '<RunSpec as JSON>'` runs one model
 * run, baseline set or growth-study point and prints its Outcome as one JSON line starting
 * with OUTCOME_MARKER on stdout, with the process's peak memory and CPU time.
 *
 * Started by bench/run.ts (bench/childProcess.ts), one process per run, so that peak memory
 * is per run and a crash or an out-of-memory abort is a recorded failure of that run only.
 */
import { runBaselines } from './baselineRun';
import { OUTCOME_MARKER } from './childProcess';
import { runModel } from './modelRun';
import { processFigures } from './processFigures';
import { runScaling } from './scalingRun';
import type { Outcome, RunSpec } from './spec';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as RunSpec;
  const outcome: Outcome = await runSpec(spec);
  outcome.process = processFigures();
  // stdout is a pipe, written asynchronously: exiting before the write completes would cut
  // a large outcome short.
  const line = `${OUTCOME_MARKER}${JSON.stringify(outcome)}\n`;
  await new Promise<void>((resolve) => process.stdout.write(line, () => resolve()));
}

function runSpec(spec: RunSpec): Promise<Outcome> {
  switch (spec.kind) {
    case 'model':
      return runModel(spec);
    case 'baselines':
      return runBaselines(spec);
    case 'scaling':
      return runScaling(spec);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
