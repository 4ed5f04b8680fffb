/**
 * `post-ad demo` (what `npm start` runs): generates the synthetic benchmark into
 * `<out>/data/`, detects anomalies in its test file with a model trained on its training file,
 * writes the usual results into `<out>/results/`, and prints what was found against what was
 * injected, and the model's figures beside the PCA and largest-|z| baselines and random scores.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { BackendPreference } from '../engine/backend';
import { BASELINES } from '../engine/baselines';
import { makeConfig, PostConfig } from '../engine/config';
import { generateSynthetic, SyntheticData, writeSynthetic } from '../engine/data/synthetic';
import { evaluate, Evaluation } from '../engine/eval/evaluate';
import { fitThreshold } from '../engine/score/threshold';
import { comparisonTable, injectedVersusFound } from './demoTables';
import { runWithProgress } from './detectCommand';
import { overridesFrom } from './options';
import { formatResult } from './printResult';

export interface DemoOptions {
  out?: string;
  preset?: string;
  set?: string[];
  seed?: number;
  backend?: BackendPreference;
  debug?: boolean;
}

/** The seed of the benchmark data when none is given: the same demo on every machine. */
const DEFAULT_DATA_SEED = 1;

export async function demoCommand(options: DemoOptions): Promise<void> {
  const out = path.resolve(options.out ?? path.join(process.cwd(), 'post-results', 'demo'));
  const dataDir = path.join(out, 'data');
  const overrides = overridesFrom(options.set);
  // Checked before the data is written, so a bad --preset or --set fails at once.
  const config = makeConfig(options.preset ?? 'default', { ...overrides, seed: options.seed });

  const data = generateSynthetic({ seed: options.seed ?? DEFAULT_DATA_SEED });
  await fs.mkdir(out, { recursive: true });
  await writeSynthetic(dataDir, data);
  process.stderr.write(`Synthetic benchmark written to ${dataDir}\n`);

  const result = await runWithProgress(
    {
      input: path.join(dataDir, 'test.csv'),
      train: path.join(dataDir, 'train.csv'),
      channelLabels: path.join(dataDir, 'channel_labels.csv'),
      preset: options.preset,
      overrides,
      seed: options.seed,
      backend: options.backend,
      out: path.join(out, 'results'),
    },
    options,
  );

  const methods = [
    { name: 'POST', evaluation: result.evaluation ?? {} },
    ...baselineEvaluations(data, config),
    { name: 'random', evaluation: result.evaluation?.random ?? {} },
  ];
  const lines = [
    formatResult(result),
    '',
    'Injected anomalies and the events found:',
    ...injectedVersusFound(data.anomalies, result.events, result.summary.channels),
    '',
    'POST beside the baselines (same test rows and labels; thresholds from training scores):',
    ...comparisonTable(methods),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** The PCA and largest-|z| baselines, each thresholded on its own training scores. */
function baselineEvaluations(
  data: SyntheticData,
  config: PostConfig,
): { name: string; evaluation: Evaluation }[] {
  const methods = [
    { name: 'PCA', run: BASELINES.pca.run },
    { name: '|z|', run: BASELINES.zscore.run },
  ];
  return methods.map(({ name, run }) => {
    const trainingScores = run(data.train, data.train).timeScore;
    const threshold = fitThreshold(trainingScores, config);
    const evaluation = evaluate(
      {
        scores: run(data.train, data.test),
        threshold: threshold.value,
        labels: data.test.labels,
        channelLabels: data.channelLabels,
        anomalyRatio: config.anomalyRatio,
        trainingScores,
        typicalWindow: config.window,
      },
      { seed: config.seed, randomDraws: 0 },
    );
    return { name, evaluation };
  });
}
