/**
 * A short text table of an Evaluation for the terminal and the log: each figure with what
 * random scores get beside it, oracle figures marked as such. Used by the command line and
 * the benchmark.
 */
import { Evaluation, LocalizationMetrics, TimewiseMetrics } from './metrics';

type Line<T> = [label: string, key: keyof T];

const TIMEWISE_LINES: Line<TimewiseMetrics>[] = [
  ['point precision at threshold', 'pointPrecisionAtThreshold'],
  ['point recall at threshold', 'pointRecallAtThreshold'],
  ['point F1 at threshold', 'pointF1AtThreshold'],
  ['best point F1 (upper bound, uses labels)', 'bestPointF1UpperBound'],
  ['AUC-ROC', 'aucRoc'],
  ['AUC-PR (average precision)', 'aucPr'],
  ['VUS-ROC', 'vusRoc'],
  ['VUS-PR', 'vusPr'],
  ['affiliation precision', 'affiliationPrecision'],
  ['affiliation recall', 'affiliationRecall'],
  ['affiliation F1', 'affiliationF1'],
  ['PA%K F1, area over K', 'paKAuc'],
  ['point-adjusted F1 at threshold', 'pointAdjustedF1'],
  ['paper: point-adjusted F1 at percentile', 'paperPercentilePointAdjustedF1'],
  ['paper protocol F1 (tuned on test labels)', 'paperProtocolF1'],
];

const LOCALIZATION_LINES: Line<LocalizationMetrics>[] = [
  ['HitRate@100%', 'hitRate100'],
  ['HitRate@150%', 'hitRate150'],
  ['NDCG@100%', 'ndcg100'],
  ['NDCG@150%', 'ndcg150'],
  ['HitRate@100%, flagged rows only', 'hitRate100Flagged'],
  ['HitRate@150%, flagged rows only', 'hitRate150Flagged'],
  ['NDCG@100%, flagged rows only', 'ndcg100Flagged'],
  ['NDCG@150%, flagged rows only', 'ndcg150Flagged'],
  ['channel average precision', 'channelAp'],
  ['channel point-adjusted F1 at percentile', 'channelPointAdjustedF1'],
  ['channel paper protocol F1 (tuned on labels)', 'channelPaperProtocolF1'],
];

const LABEL_WIDTH = 46;

function figure(value: number | undefined): string {
  if (value === undefined) return '';
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function section<T>(title: string, note: string, lines: Line<T>[], own: T, random?: T): string[] {
  const header = `${title.padEnd(LABEL_WIDTH)}${'value'.padStart(8)}`;
  const out = [`${header}${random ? 'random'.padStart(8) : ''}`, `  (${note})`];
  for (const [label, key] of lines) {
    const value = figure(own[key] as number);
    const chance = random ? figure(random[key] as number).padStart(8) : '';
    out.push(`  ${label.padEnd(LABEL_WIDTH - 2)}${value.padStart(8)}${chance}`);
  }
  return out;
}

function segments(count: number): string {
  return `${count} labelled segment${count === 1 ? '' : 's'}`;
}

/** The evaluation as aligned text lines (empty string when there was nothing to evaluate). */
export function formatEvaluation(e: Evaluation): string {
  const out: string[] = [];
  if (e.timewise) {
    const t = e.timewise;
    const note =
      `${segments(t.labelledSegments)}; ${t.flaggedRows} of ${t.rows} rows flagged ` +
      `above ${t.threshold.toPrecision(4)}`;
    out.push(...section('Time-wise', note, TIMEWISE_LINES, t, e.random?.timewise));
  }
  if (e.localization) {
    const l = e.localization;
    const note = `${l.flaggedSegments} of ${segments(l.labelledSegments)} flagged`;
    if (out.length > 0) out.push('');
    out.push(...section('Localization', note, LOCALIZATION_LINES, l, e.random?.localization));
  }
  return out.join('\n');
}
