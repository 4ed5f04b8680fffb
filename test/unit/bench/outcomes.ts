/**
 * Hand-made outcomes for the aggregation, target and report tests: only the fields those
 * read are filled in.
 */
import type { Evaluation } from '../../../src/engine/eval/metrics';
import type { DatasetId, Role } from '../../../bench/catalog';
import type {
  BaselineMethod,
  BaselineOutcome,
  ModelOutcome,
  SpeedFigures,
} from '../../../bench/spec';

export function evaluation(aucPr: number, hitRate150?: number, paperProtocolF1 = 0.9): Evaluation {
  return {
    timewise: { aucPr, aucRoc: 0.7, paperProtocolF1 } as Evaluation['timewise'],
    localization:
      hitRate150 === undefined ? undefined : ({ hitRate150 } as Evaluation['localization']),
  };
}

export function speed(endToEndSeconds: number, cpuSeconds: number, batchSize = 32): SpeedFigures {
  return {
    readSeconds: 1,
    trainingSeconds: endToEndSeconds - 10,
    trainLoopSeconds: endToEndSeconds - 20,
    adamSteps: 100,
    graphSteps: 20,
    stepsPerSecond: 120 / (endToEndSeconds - 20),
    batchSize,
    scoredWindows: 1000,
    scoringSeconds: 5,
    windowsPerSecond: 200,
    timeToFirstResultSeconds: endToEndSeconds,
    endToEndSeconds,
    cpuSeconds,
  };
}

export function modelOutcome(
  dataset: DatasetId,
  entities: [name: string, role: Role, evaluation: Evaluation][],
  seed: number,
  extra: Partial<ModelOutcome> = {},
): ModelOutcome {
  return {
    kind: 'model',
    key: `model|${extra.preset ?? 'default'}|wasm|${dataset}|${entities[0][0]}|seed${seed}`,
    ok: true,
    dataset,
    preset: 'default',
    backend: 'wasm',
    seed,
    overrides: {},
    entities: entities.map(([entity, role, e]) => ({ entity, role, evaluation: e })),
    messages: [],
    ...extra,
  };
}

export function baselineOutcome(
  dataset: DatasetId,
  rows: [entity: string, role: Role, method: BaselineMethod, seed: number, e: Evaluation][],
  typicalWindow = 50,
): BaselineOutcome {
  return {
    kind: 'baselines',
    key: `baselines|${dataset}`,
    ok: true,
    dataset,
    evaluations: rows.map(([entity, role, method, seed, e]) => ({
      entity,
      role,
      method,
      seed,
      typicalWindow,
      evaluation: e,
    })),
    errors: [],
  };
}
