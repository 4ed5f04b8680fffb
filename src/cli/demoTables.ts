/**
 * The two tables `post-ad demo` prints: the injected anomalies beside the events found (with
 * their top channels against the injected ones), and the model's figures beside the baselines
 * and random scores.
 */
import type { InjectedAnomaly } from '../engine/data/synthetic';
import { Evaluation, LocalizationMetrics, TimewiseMetrics } from '../engine/eval/metrics';
import { AnomalyEvent } from '../engine/types';
import { alignColumns } from './printResult';

/** Each injected anomaly, the first event overlapping it, and that event's top channels. */
export function injectedVersusFound(
  anomalies: InjectedAnomaly[],
  events: AnomalyEvent[],
  channels: string[],
): string[] {
  const overlaps = (e: AnomalyEvent, a: InjectedAnomaly): boolean =>
    e.start <= a.end && e.end >= a.start;
  let found = 0;
  let topRight = 0;
  const rows = anomalies.map((a, i) => {
    const injected = a.channels.map((c) => channels[c]);
    const where = [String(i + 1), a.kind, `${a.start}-${a.end}`, injected.join(', ')];
    const hit = events.findIndex((e) => overlaps(e, a));
    if (hit < 0) return [...where, '-', ''];
    found++;
    const event = events[hit];
    const top = event.topChannels.slice(0, Math.max(3, injected.length));
    if (top.length > 0 && injected.includes(top[0].name)) topRight++;
    const marked = top.map((c) => (injected.includes(c.name) ? `${c.name}*` : c.name));
    return [...where, `#${hit + 1}`, marked.join(', ')];
  });
  const stray = events.filter((e) => !anomalies.some((a) => overlaps(e, a))).length;

  const header = ['#', 'kind', 'rows', 'injected channels', 'event'];
  header.push('its top channels (* = injected)');
  return [
    ...alignColumns([header, ...rows]),
    '',
    `Found ${found} of ${anomalies.length} injected anomalies; the top channel was an ` +
      `injected one for ${topRight} of them; ${stray} of ${events.length} events overlap ` +
      'no injected anomaly.',
  ];
}

type Figure =
  | { label: string; part: 'timewise'; key: keyof TimewiseMetrics }
  | { label: string; part: 'localization'; key: keyof LocalizationMetrics };

const FIGURES: Figure[] = [
  { label: 'AUC-PR', part: 'timewise', key: 'aucPr' },
  { label: 'AUC-ROC', part: 'timewise', key: 'aucRoc' },
  { label: 'VUS-PR', part: 'timewise', key: 'vusPr' },
  { label: 'best point F1 (upper bound)', part: 'timewise', key: 'bestPointF1UpperBound' },
  { label: 'point F1 at threshold', part: 'timewise', key: 'pointF1AtThreshold' },
  { label: 'affiliation F1', part: 'timewise', key: 'affiliationF1' },
  { label: 'HitRate@100%', part: 'localization', key: 'hitRate100' },
  { label: 'HitRate@150%', part: 'localization', key: 'hitRate150' },
  { label: 'NDCG@100%', part: 'localization', key: 'ndcg100' },
];

/** Figures as rows, methods as columns; 'n/a' where a method has no such figure. */
export function comparisonTable(methods: { name: string; evaluation: Evaluation }[]): string[] {
  const value = (e: Evaluation, f: Figure): string => {
    const record = f.part === 'timewise' ? e.timewise : e.localization;
    const v = record ? (record as unknown as Record<string, number>)[f.key] : undefined;
    return v !== undefined && Number.isFinite(v) ? v.toFixed(3) : 'n/a';
  };
  const header = ['', ...methods.map((m) => m.name)];
  const rows = FIGURES.map((f) => [f.label, ...methods.map((m) => value(m.evaluation, f))]);
  return alignColumns([header, ...rows]);
}
