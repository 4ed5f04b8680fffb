/**
 * Turns the runs' outcomes into the benchmark's tables: quality per data set and method
 * (mean ± standard deviation over seeds of the mean over entities), quality per entity, and
 * speed and memory per preset and backend. Called by bench/report.ts; pure, so the unit tests
 * check it with hand-made outcomes.
 */
import type { Evaluation } from '../src/engine/eval/metrics';
import type { DatasetId, Role } from './catalog';
import type { BaselineMethod, BaselineOutcome, ModelOutcome, Outcome } from './spec';
import { Summary, summarize } from './stats';

/** The figures of the quality tables: [label, field of timewise or localization]. */
export const QUALITY_METRICS = [
  ['AUC-PR', 'aucPr'],
  ['AUC-ROC', 'aucRoc'],
  ['VUS-PR', 'vusPr'],
  ['best F1 (oracle)', 'bestPointF1UpperBound'],
  ['F1 at threshold', 'pointF1AtThreshold'],
  ['affiliation F1', 'affiliationF1'],
  ['PA F1 at threshold', 'pointAdjustedF1'],
  ['paper protocol F1 (oracle)', 'paperProtocolF1'],
  ['HitRate@100%', 'hitRate100'],
  ['HitRate@150%', 'hitRate150'],
] as const;

export type MetricKey = (typeof QUALITY_METRICS)[number][1];

const BASELINE_LABELS: Record<BaselineMethod, string> = {
  pca: 'PCA',
  zscore: '|z|',
  random: 'random',
};

/** One entity's figures from one run. */
export interface QualityRecord {
  dataset: DatasetId;
  entity: string;
  role: Role;
  /** e.g. "POST default (wasm)", "PCA". */
  method: string;
  seed: number;
  metrics: Partial<Record<MetricKey, number>>;
}

export interface QualityRow {
  method: string;
  /** Distinct entities with figures. */
  entities: number;
  /** Seeds averaged (the std is over them). */
  seeds: number;
  metrics: Record<MetricKey, Summary>;
}

/** The name of a POST configuration in the tables. */
export function modelMethod(
  preset: string,
  backend: string,
  overrides: Record<string, string>,
): string {
  const set = Object.entries(overrides).map(([k, v]) => `${k}=${v}`).join(', ');
  return `POST ${preset} (${backend}${set ? `; ${set}` : ''})`;
}

/** The figures of one evaluation, by metric key; undefined or NaN ones left out. */
export function metricsOf(evaluation: Evaluation | undefined): Partial<Record<MetricKey, number>> {
  const out: Partial<Record<MetricKey, number>> = {};
  const sources = [evaluation?.timewise, evaluation?.localization] as (
    | Record<string, unknown>
    | undefined
  )[];
  for (const [, key] of QUALITY_METRICS) {
    for (const source of sources) {
      const value = source?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    }
  }
  return out;
}

/**
 * One record per entity and run. Baselines are taken at `baselineWindow` only (the window
 * sets VUS's buffers; the other figures do not depend on it).
 */
export function qualityRecords(outcomes: Outcome[], baselineWindow: number): QualityRecord[] {
  const records: QualityRecord[] = [];
  for (const o of outcomes) {
    if (o.kind === 'model' && o.ok) records.push(...modelRecords(o));
    if (o.kind === 'baselines') records.push(...baselineRecords(o, baselineWindow));
  }
  return records;
}

/** The run's own figures, and those of its scores shuffled in time (the evaluation's chance
 *  level, which keeps the score distribution and the threshold). */
function modelRecords(o: ModelOutcome): QualityRecord[] {
  const method = modelMethod(o.preset, o.backend, o.overrides);
  const evaluated = o.entities.filter((e) => e.evaluation !== undefined);
  type Evaluated = (typeof evaluated)[number];
  const record = (e: Evaluated, name: string, evaluation?: Evaluation): QualityRecord => ({
    dataset: o.dataset,
    entity: e.entity,
    role: e.role,
    method: name,
    seed: o.seed,
    metrics: metricsOf(evaluation),
  });
  return [
    ...evaluated.map((e) => record(e, method, e.evaluation)),
    ...evaluated
      .filter((e) => e.evaluation?.random !== undefined)
      .map((e) => record(e, `${method}, ${SHUFFLED}`, e.evaluation?.random)),
  ];
}

/** Suffix of the method name of a run's shuffled scores. */
export const SHUFFLED = 'scores shuffled';

function baselineRecords(o: BaselineOutcome, window: number): QualityRecord[] {
  const windows = new Set(o.evaluations.map((e) => e.typicalWindow));
  const chosen = windows.has(window) ? window : Math.min(...windows);
  return o.evaluations
    .filter((e) => e.typicalWindow === chosen)
    .map((e) => ({
      dataset: o.dataset,
      entity: e.entity,
      role: e.role,
      method: BASELINE_LABELS[e.method],
      seed: e.seed,
      metrics: metricsOf(e.evaluation),
    }));
}

/**
 * Per method: for each seed the mean over the entities (of `role`, or all), then mean and
 * standard deviation of those means over the seeds. Only seeds that cover every entity of
 * the method count, so that a partly run seed does not average other entities; the per-entity
 * table shows every seed. Methods keep their first-seen order.
 */
export function datasetRows(
  records: QualityRecord[],
  dataset: DatasetId,
  role?: Role,
): QualityRow[] {
  const chosen = records.filter(
    (r) => r.dataset === dataset && (role === undefined || r.role === role),
  );
  const methods = [...new Set(chosen.map((r) => r.method))];
  return methods.map((method) => {
    const mine = chosen.filter((r) => r.method === method);
    const entities = new Set(mine.map((r) => r.entity));
    const covered = (seed: number): number =>
      new Set(mine.filter((r) => r.seed === seed).map((r) => r.entity)).size;
    const seeds = [...new Set(mine.map((r) => r.seed))].filter((s) => covered(s) === entities.size);
    const metrics = {} as Record<MetricKey, Summary>;
    for (const [, key] of QUALITY_METRICS) {
      const perSeed = seeds.map(
        (seed) => summarize(mine.filter((r) => r.seed === seed).map((r) => r.metrics[key])).mean,
      );
      metrics[key] = summarize(perSeed);
    }
    return { method, entities: entities.size, seeds: seeds.length, metrics };
  });
}

/** Per entity and method, each metric summarised over seeds. */
export function entityRows(
  records: QualityRecord[],
  dataset: DatasetId,
): { entity: string; role: Role; byMethod: Map<string, Record<MetricKey, Summary>> }[] {
  const chosen = records.filter((r) => r.dataset === dataset);
  const entities = [...new Set(chosen.map((r) => r.entity))];
  return entities.map((entity) => {
    const mine = chosen.filter((r) => r.entity === entity);
    const byMethod = new Map<string, Record<MetricKey, Summary>>();
    for (const method of new Set(mine.map((r) => r.method))) {
      const runs = mine.filter((r) => r.method === method);
      const metrics = {} as Record<MetricKey, Summary>;
      for (const [, key] of QUALITY_METRICS) {
        metrics[key] = summarize(runs.map((r) => r.metrics[key]));
      }
      byMethod.set(method, metrics);
    }
    return { entity, role: mine[0].role, byMethod };
  });
}

export interface SpeedRow {
  method: string;
  dataset: DatasetId;
  entity: string;
  runs: number;
  endToEndSeconds: Summary;
  cpuSeconds: Summary;
  timeToFirstResultSeconds: Summary;
  stepsPerSecond: Summary;
  stepsPerCpuSecond: Summary;
  windowsPerSecond: Summary;
  windowsPerCpuSecond: Summary;
  peakRssBytes: Summary;
  rssBeforeTrainingBytes: Summary;
  estimateBytes: Summary;
  stepTensorPeakBytes: Summary;
  batchSize: Summary;
}

/** Speed and memory of the training run of each (method, data set), over its seeds. */
export function speedRows(outcomes: Outcome[]): SpeedRow[] {
  const models = outcomes.filter((o): o is ModelOutcome => o.kind === 'model' && o.ok && !!o.speed);
  const keyOf = (o: ModelOutcome): string =>
    `${modelMethod(o.preset, o.backend, o.overrides)}|${o.dataset}|${o.entities[0]?.entity}`;
  const keys = [...new Set(models.map(keyOf))];
  return keys.map((key) => {
    const runs = models.filter((o) => keyOf(o) === key);
    const first = runs[0];
    const of = (pick: (o: ModelOutcome) => number | undefined): Summary =>
      summarize(runs.map(pick));
    return {
      method: modelMethod(first.preset, first.backend, first.overrides),
      dataset: first.dataset,
      entity: first.entities[0]?.entity ?? '',
      runs: runs.length,
      endToEndSeconds: of((o) => o.speed?.endToEndSeconds),
      cpuSeconds: of((o) => o.speed?.cpuSeconds),
      timeToFirstResultSeconds: of((o) => o.speed?.timeToFirstResultSeconds),
      stepsPerSecond: of((o) => o.speed?.stepsPerSecond),
      stepsPerCpuSecond: of((o) => o.speed?.stepsPerCpuSecond),
      windowsPerSecond: of((o) => o.speed?.windowsPerSecond),
      windowsPerCpuSecond: of((o) => o.speed?.windowsPerCpuSecond),
      peakRssBytes: of((o) => o.memory?.runPeakRssBytes ?? o.process?.peakRssBytes),
      rssBeforeTrainingBytes: of((o) => o.memory?.rssBeforeTrainingBytes),
      estimateBytes: of((o) => o.memory?.estimateBytes),
      stepTensorPeakBytes: of((o) => o.memory?.stepTensorPeakBytes),
      batchSize: of((o) => o.speed?.batchSize),
    };
  });
}
