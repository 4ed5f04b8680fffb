/**
 * The run summary (summary.json) as short lines for the panel's header: what was scored, how
 * the model was trained, the threshold, what was found, where it ran and how long it took.
 * Called by the view builder (viewModel.ts).
 */
import type { RunSummary } from '../../engine/io/resultFiles';

const count = (n: number): string => n.toLocaleString('en-US');
const seconds = (s: number): string => (s < 10 ? s.toFixed(1) : Math.round(s).toString()) + ' s';

/** Numeric leaves of a metrics object as "name value" pairs, two levels deep at most. */
function metricPairs(value: unknown, prefix = '', depth = 0): string[] {
  if (typeof value === 'number') return [`${prefix} ${Number(value.toPrecision(4))}`];
  if (typeof value !== 'object' || value === null || depth > 1) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    metricPairs(inner, prefix ? `${prefix}.${key}` : key, depth + 1),
  );
}

export function describeSummary(summary: RunSummary): string[] {
  const t = summary.timings;
  const threshold = summary.threshold;
  const lines = [
    `Scored ${count(summary.input.rows)} rows × ${summary.channels.length} channels of ` +
      `${summary.input.path}.`,
    `Model trained on ${summary.training.description}.`,
    `Threshold ${Number(threshold.value.toPrecision(5))}: ${threshold.description}` +
      (threshold.origin === 'model' ? ' (from the saved model).' : '.'),
    `${count(summary.eventCount)} events, ${count(summary.detectedRows)} rows above the threshold.`,
    `Backend ${summary.backend.description}; preset ${summary.preset ?? 'of the saved model'}; ` +
      `seed ${summary.seed}.`,
    `Took ${seconds(t.total)} (reading ${seconds(t.reading)}, training ${seconds(t.training)}, ` +
      `scoring ${seconds(t.scoring)}).`,
  ];

  if (summary.metrics) {
    for (const [part, values] of Object.entries(summary.metrics)) {
      const pairs = metricPairs(values);
      if (pairs.length) lines.push(`Metrics (${part}): ${pairs.slice(0, 8).join(', ')}.`);
    }
  }
  const skipped = summary.input.skippedColumns;
  if (skipped.length) {
    lines.push(`Columns left out: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`);
  }
  if (summary.input.imputation.cells > 0) {
    const { cells, method } = summary.input.imputation;
    lines.push(`${count(cells)} missing cells filled (${method}).`);
  }
  return [...lines, ...summary.notes];
}
