/**
 * The tables of RESULTS.md as markdown: targets, quality per data set and per entity, speed
 * and memory, the growth study, failures. Called by bench/report.ts; pure.
 */
import { DATASETS, DatasetId } from './catalog';
import {
  datasetRows,
  entityRows,
  MetricKey,
  QUALITY_METRICS,
  QualityRecord,
  SpeedRow,
} from './aggregate';
import type { Outcome, ScalingOutcome } from './spec';
import { formatMiB, formatNumber, formatSummary, Summary } from './stats';
import type { TargetCheck } from './targets';

/** A markdown table; `|` inside cells is escaped. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function targetsSection(checks: TargetCheck[]): string {
  const verdict = (c: TargetCheck): string => {
    if (c.met === undefined) return 'not measured';
    return c.met ? 'met' : 'MISSED';
  };
  return markdownTable(
    ['target', 'goal', 'measured', 'verdict', 'by how much', 'others'],
    checks.map((c) => [c.target, c.goal, c.measured, verdict(c), c.gap ?? '', c.reference]),
  );
}

/** Per data set: the methods side by side (mean ± std over seeds of the entity mean). */
export function qualitySection(records: QualityRecord[]): string {
  const datasets = [...new Set(records.map((r) => r.dataset))];
  const parts: string[] = [];
  for (const dataset of datasets) {
    const info = DATASETS[dataset];
    const roles = new Set(records.filter((r) => r.dataset === dataset).map((r) => r.role));
    parts.push(`### ${info.title}${roles.has('tuning') ? '' : ' (held out)'}`);
    if (info.caveat) parts.push(`Caveat: ${info.caveat}.`);
    parts.push(qualityTable(datasetRows(records, dataset)));
    if (roles.size > 1) {
      const tuning = datasetRows(records, dataset, 'tuning');
      const heldOut = datasetRows(records, dataset, 'held-out');
      parts.push('Tuning entities only:', qualityTable(tuning));
      parts.push('Held-out entities only:', qualityTable(heldOut));
    }
  }
  return parts.join('\n\n');
}

function qualityTable(rows: ReturnType<typeof datasetRows>): string {
  const headers = ['method', 'entities', 'seeds', ...QUALITY_METRICS.map(([label]) => label)];
  return markdownTable(
    headers,
    rows.map((r) => [
      r.method,
      String(r.entities),
      String(r.seeds),
      ...QUALITY_METRICS.map(([, key]) => formatSummary(r.metrics[key])),
    ]),
  );
}

const ENTITY_METRICS: [string, MetricKey][] = [
  ['AUC-PR', 'aucPr'],
  ['HR@150%', 'hitRate150'],
  ['paper F1', 'paperProtocolF1'],
];

/** Per entity: AUC-PR, HitRate@150% and paper-protocol F1 of each method. */
export function entitySection(records: QualityRecord[], dataset: DatasetId): string {
  const rows = entityRows(records, dataset);
  const methods = [...new Set(records.filter((r) => r.dataset === dataset).map((r) => r.method))];
  const hasLocalization = records.some(
    (r) => r.dataset === dataset && r.metrics.hitRate150 !== undefined,
  );
  const metrics = ENTITY_METRICS.filter(([, key]) => hasLocalization || key !== 'hitRate150');
  const label = metrics.map(([l]) => l).join(' / ');
  return markdownTable(
    ['entity', 'role', ...methods.map((m) => `${m}: ${label}`)],
    rows.map((r) => [
      r.entity,
      r.role,
      ...methods.map((m) => {
        const byMetric = r.byMethod.get(m);
        if (!byMetric) return '';
        return metrics.map(([, key]) => formatNumber(byMetric[key].mean, 2)).join(' / ');
      }),
    ]),
  );
}

/** Speed and memory of each training run, mean ± std over seeds. */
export function speedSection(rows: SpeedRow[]): string {
  const seconds = (s: Summary): string => formatSummary(s, 1);
  return markdownTable(
    [
      'method', 'data', 'runs', 'batch', 'end to end (s)', 'CPU (s)', 'first result (s)',
      'training steps/s (per CPU s)', 'windows scored/s (per CPU s)', 'peak RSS',
    ],
    rows.map((r) => [
      r.method,
      `${DATASETS[r.dataset].title.split(' ')[0]} ${r.entity}`,
      String(r.runs),
      formatSummary(r.batchSize, 0),
      seconds(r.endToEndSeconds),
      seconds(r.cpuSeconds),
      seconds(r.timeToFirstResultSeconds),
      `${formatSummary(r.stepsPerSecond, 2)} (${formatSummary(r.stepsPerCpuSecond, 2)})`,
      `${formatSummary(r.windowsPerSecond, 0)} (${formatSummary(r.windowsPerCpuSecond, 0)})`,
      formatMiB(r.peakRssBytes.mean),
    ]),
  );
}

/** The memory estimate beside the measured tensor peak of a step and the process's RSS. */
export function memorySection(rows: SpeedRow[], scaling: ScalingOutcome[]): string {
  const runRows = rows.map((r) => {
    const growth = r.peakRssBytes.mean - r.rssBeforeTrainingBytes.mean;
    return [
      `${r.method}, ${r.dataset} ${r.entity}`,
      formatSummary(r.batchSize, 0),
      formatMiB(r.estimateBytes.mean),
      formatMiB(r.stepTensorPeakBytes.mean),
      ratio(r.estimateBytes.mean, r.stepTensorPeakBytes.mean),
      formatMiB(r.rssBeforeTrainingBytes.mean),
      formatMiB(r.peakRssBytes.mean),
      ratio(r.estimateBytes.mean, growth),
    ];
  });
  const probeRows = scaling
    .filter((s) => s.ok)
    .map((s) => {
      const peak = s.process?.peakRssBytes ?? NaN;
      const afterRead = s.rssAfterReadBytes ?? NaN;
      return [
        `growth study ${s.rows}×${s.channels}, window ${s.window}`,
        String(s.batchSize ?? ''),
        formatMiB(s.estimateBytes),
        formatMiB(s.stepTensorPeakBytes),
        ratio(s.estimateBytes ?? NaN, s.stepTensorPeakBytes ?? NaN),
        formatMiB(afterRead),
        formatMiB(peak),
        ratio(s.estimateBytes ?? NaN, peak - afterRead),
      ];
    });
  const headers = [
    'run',
    'batch',
    'estimateTrainingBytes',
    'measured tensor peak of one step',
    'estimate / tensor peak',
    'RSS before training',
    'peak RSS',
    'estimate / RSS growth',
  ];
  return markdownTable(headers, [...runRows, ...probeRows]);
}

/** The growth study's measured and projected figures. */
export function scalingSection(scaling: ScalingOutcome[]): string {
  const headers = [
    'axis',
    'rows',
    'channels',
    'window',
    'batch',
    'read, s (CPU s)',
    's per Adam step (CPU s)',
    'windows scored/s (per CPU s)',
    'projected end to end, s (CPU s)',
    'RSS after read',
    'probe peak RSS',
    'estimate',
  ];
  const rows = scaling.map((s) => {
    const shape = [s.axis, s.rows.toLocaleString('en'), String(s.channels), String(s.window)];
    if (!s.ok) return [...shape, `failed: ${s.error ?? ''}`, ...headers.slice(5).map(() => '')];
    return [
      ...shape,
      String(s.batchSize),
      `${formatNumber(s.readSeconds, 1)} (${formatNumber(s.readCpuSeconds, 1)})`,
      `${formatNumber(s.secondsPerStep, 2)} (${formatNumber(s.cpuSecondsPerStep, 2)})`,
      `${formatNumber(s.windowsPerSecond, 0)} (${formatNumber(s.windowsPerCpuSecond, 0)})`,
      `${formatNumber(s.projectedEndToEndSeconds, 0)} (${formatNumber(s.projectedCpuSeconds, 0)})`,
      formatMiB(s.rssAfterReadBytes),
      formatMiB(s.process?.peakRssBytes),
      formatMiB(s.estimateBytes),
    ];
  });
  return markdownTable(headers, rows);
}

/** Runs that gave no result, with the reason. */
export function failuresSection(outcomes: Outcome[]): string {
  const failed = outcomes.filter((o) => !o.ok).map((o) => [o.key, o.error ?? 'failed']);
  const partial = outcomes.flatMap((o) => {
    if (o.kind === 'model') {
      return o.entities.filter((e) => e.error).map((e) => [`${o.key}: ${e.entity}`, e.error ?? '']);
    }
    if (o.kind === 'baselines') return o.errors.map((e) => [`${o.key}: ${e.entity}`, e.error]);
    return [];
  });
  if (failed.length === 0 && partial.length === 0) return 'None.';
  return markdownTable(['run', 'why'], [...failed, ...partial]);
}

/** a / b with two decimals, "n/a" when it is not a finite positive ratio. */
function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a';
}
