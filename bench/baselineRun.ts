/**
 * The baselines of the benchmark, inside a child process: PCA reconstruction, the largest
 * |z| and uniform random scores, each fitted on the entity's training data, thresholded at
 * the same quantile of its own training scores as the model, and measured by the same
 * `evaluate` as the model's runs. Called by bench/one.ts.
 *
 * The files are read by the engine's own reader (readJobInputs), so the baselines see exactly
 * the rows, channels and labels the model sees; without a training file the same first share
 * of the file trains and the rest is evaluated.
 *
 * Limitation: the paper protocol's threshold search works in absolute score units, so the
 * uniform random scores get a degenerate paper-protocol F1 (often 0); the model runs' own
 * shuffled scores (the evaluation's `random`) are the chance level for that figure.
 */
import * as path from 'path';

import { BASELINES } from '../src/engine/baselines';
import { makeConfig } from '../src/engine/config';
import { sliceRows } from '../src/engine/data/select';
import { evaluate } from '../src/engine/eval/evaluate';
import { readJobInputs, sliceChannelLabels } from '../src/engine/io/jobInputs';
import { fitThreshold } from '../src/engine/score/threshold';
import type { ChannelLabels, Series } from '../src/engine/types';
import { Entity } from './catalog';
import type { BaselineEvaluation, BaselineMethod, BaselineOutcome, BaselineSpec } from './spec';

interface Split {
  train: Series;
  test: Series;
  labels?: Uint8Array;
  channelLabels?: ChannelLabels;
}

const METHODS: BaselineMethod[] = ['pca', 'zscore', 'random'];

export async function runBaselines(spec: BaselineSpec): Promise<BaselineOutcome> {
  const outcome: BaselineOutcome = {
    kind: 'baselines',
    key: spec.key,
    ok: true,
    dataset: spec.dataset,
    evaluations: [],
    errors: [],
  };
  const thresholdConfig = makeConfig('default', { anomalyRatio: spec.anomalyRatio });

  for (const entity of spec.entities) {
    try {
      const split = await readSplit(entity);
      for (const method of METHODS) {
        // PCA and |z| are deterministic: one seed says all.
        const seeds = method === 'random' ? spec.seeds : [spec.seeds[0]];
        for (const seed of seeds) {
          const run = BASELINES[method].run;
          const scores = run(split.train, split.test, { seed });
          const trainingScores = run(split.train, split.train, { seed: seed + 1000 }).timeScore;
          const threshold = fitThreshold(trainingScores, thresholdConfig).value;
          for (const typicalWindow of spec.typicalWindows) {
            const evaluation = evaluate(
              {
                scores,
                threshold,
                labels: split.labels,
                channelLabels: split.channelLabels,
                anomalyRatio: spec.anomalyRatio,
                trainingScores,
                typicalWindow,
              },
              { seed, randomDraws: 0 },
            );
            const row: BaselineEvaluation = {
              entity: entity.name,
              role: entity.role,
              method,
              seed,
              typicalWindow,
              evaluation,
            };
            outcome.evaluations.push(row);
          }
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome.errors.push({ entity: entity.name, error: message });
    }
  }
  outcome.ok = outcome.errors.length < spec.entities.length;
  return outcome;
}

/** The entity's training and evaluated rows, read as the detection job reads them. */
async function readSplit(entity: Entity): Promise<Split> {
  const labelIsFile = path.isAbsolute(entity.labels);
  const inputs = await readJobInputs(
    {
      input: entity.test,
      train: entity.train,
      labelFile: labelIsFile ? entity.labels : undefined,
      labelColumn: labelIsFile ? undefined : entity.labels,
      channelLabels: entity.channelLabels,
      segmentFormat: entity.segments,
    },
    {},
  );
  if (inputs.train) {
    return {
      train: inputs.train,
      test: inputs.input,
      labels: inputs.labels,
      channelLabels: inputs.channelLabels,
    };
  }

  const rows = inputs.input.rows;
  const trained = Math.floor(rows * (entity.trainFraction ?? 0.5));
  return {
    train: sliceRows(inputs.input, 0, trained),
    test: sliceRows(inputs.input, trained, rows),
    labels: inputs.labels?.slice(trained, rows),
    channelLabels: inputs.channelLabels && sliceChannelLabels(inputs.channelLabels, trained, rows),
  };
}
