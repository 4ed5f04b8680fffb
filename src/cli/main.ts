#!/usr/bin/env node
/**
 * `post-ad`, the command line: `detect` a CSV file, write the `synth`etic benchmark, or run the
 * `demo` (what `npm start` runs). Bad input ends with a one-line reason naming the file, row,
 * column or option and exit status 1; Ctrl-C with 130; a defect with "internal error" and 2.
 */
import { Command, CommanderError, Option } from 'commander';

import { PRESETS } from '../engine/config';
import { isPostError } from '../engine/errors';
import { EXIT_CANCELLED } from './cancel';
import type { DemoOptions } from './demoCommand';
import type { DetectOptions } from './detectCommand';
import {
  BACKENDS,
  backendName,
  collect,
  folderPath,
  fraction,
  parseSegmentFormat,
  positiveInteger,
  seedValue,
} from './options';
import type { SynthOptions } from './synthCommand';

const EXIT_BAD_INPUT = 1;
const EXIT_INTERNAL = 2;

function presetOption(): Option {
  return new Option('--preset <name>', 'hyperparameter preset').choices(Object.keys(PRESETS));
}

function setOption(): Option {
  return new Option('--set <key=value>', 'override one setting, e.g. epochs=3 (repeatable)')
    .argParser(collect)
    .default(undefined);
}

function backendOption(): Option {
  return new Option('--backend <name>', `TensorFlow.js backend: ${BACKENDS.join(', ')}`)
    .argParser(backendName)
    .default(undefined);
}

export function buildProgram(): Command {
  const program = new Command('post-ad').description(
    'Find anomalies in multivariate time series (CSV) and the channels behind them.',
  );

  program
    .command('detect')
    .description('train on normal data (or load a model), score <file>, write a results folder')
    .argument('<file>', 'CSV or text file to score')
    .option('--train <file>', 'file of normal data to train on')
    .option('--model <dir>', 'saved model folder (e.g. post-results/x/model): no training')
    .option('--labels <file|column>', 'a file of 0/1 labels per row, or a label column name')
    .option('--channel-labels <file>', 'row × channel 0/1 file, or start-end:ch,ch lines')
    .option(
      '--segments <format>',
      'channel-label lines: smd (default), asd, or ' +
        'end-inclusive|end-exclusive,one-based|zero-based',
      parseSegmentFormat,
    )
    .addOption(presetOption())
    .addOption(setOption())
    .option('--seed <n>', 'seed of every random choice', seedValue)
    .option(
      '--out <dir>',
      'results folder (default: ./post-results/<file name>, or <folder>-<file name> when ' +
        'that holds results of another file)',
      folderPath,
    )
    .addOption(backendOption())
    .option(
      '--train-fraction <f>',
      'without --train/--model: share of <file> to train on (0.5)',
      fraction,
    )
    .option('--time-column <name>', 'the time column (default: detected)')
    .option('--no-time-column', 'no time axis: rows are numbered')
    .option('--json', 'print only the run summary as JSON on stdout')
    .option('-q, --quiet', 'print only warnings and errors on stderr (no progress)')
    .option('--debug', 'print debug messages')
    .action(async (file: string, options: DetectOptions) => {
      // Loaded on use: the engine (TensorFlow.js) need not load for --help or a usage error.
      const { detectCommand } = await import('./detectCommand');
      await detectCommand(file, options);
    });

  program
    .command('synth')
    .description('write the synthetic benchmark (train, test, labels) into a folder')
    .requiredOption('--out <dir>', 'folder to write into (required)', folderPath)
    .option('--seed <n>', 'seed of the generator', seedValue)
    .option('--channels <n>', 'number of channels', positiveInteger)
    .option('--length <n>', 'rows of the test part', positiveInteger)
    .action(async (options: SynthOptions) => {
      const { synthCommand } = await import('./synthCommand');
      await synthCommand(options);
    });

  program
    .command('demo')
    .description('generate the synthetic benchmark, detect its anomalies, compare with baselines')
    .option(
      '--out <dir>',
      'folder for data/ and results/ (default: ./post-results/demo)',
      folderPath,
    )
    .addOption(presetOption())
    .addOption(setOption())
    .option('--seed <n>', 'seed of the data and the model', seedValue)
    .addOption(backendOption())
    .option('--debug', 'print debug messages')
    .action(async (options: DemoOptions) => {
      const { demoCommand } = await import('./demoCommand');
      await demoCommand(options);
    });

  return program;
}

/** Runs the command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help, or the version).
    return error.exitCode;
  }
  if (isPostError(error)) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.kind === 'cancelled' ? EXIT_CANCELLED : EXIT_BAD_INPUT;
  }
  // One line: messages such as a failed require carry a stack of lines after the first.
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  process.stderr.write(
    `internal error: ${message} (this is a defect; please report it with the command you ran)\n`,
  );
  if (process.env.POST_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT_INTERNAL;
}

if (require.main === module) {
  // Exit explicitly: a backend's worker threads must not keep a finished run alive. Writes to
  // stdout and stderr are synchronous for files and pipes, so nothing printed is lost.
  void main(process.argv).then((status) => process.exit(status));
}
