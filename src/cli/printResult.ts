/**
 * The terminal summary of a finished detection for `post-ad detect` and `demo`: where the
 * model came from, the threshold, the events with their top channels, the metrics when labels
 * were given, and where the files are.
 */
import { formatEvaluation } from '../engine/eval/evaluate';
import { RESULT_FILES } from '../engine/io/resultFiles';
import type { DetectionResult } from '../engine/job';
import { AnomalyEvent } from '../engine/types';

/** Events listed in full; the rest are counted (events.json has them all). */
const MAX_LISTED_EVENTS = 20;

export function formatResult(result: DetectionResult): string {
  const s = result.summary;
  const lines = [
    `Input:     ${s.input.path} (${s.input.rows.toLocaleString('en')} rows, ` +
      `${s.channels.length} channels)`,
    `Trained:   ${s.training.description}`,
    `Backend:   ${s.backend.description}`,
    `Threshold: ${formatNumber(s.threshold.value)} (${s.threshold.description}` +
      `${s.threshold.origin === 'model' ? ', from the saved model' : ''})`,
    `Events:    ${s.eventCount} (${s.detectedRows.toLocaleString('en')} rows above the threshold)`,
  ];
  if (result.events.length > 0) lines.push('', ...eventTable(result.events));
  for (const note of s.notes) lines.push(`Note: ${note}`);
  if (result.evaluation) {
    const { start, end } = s.evaluatedRows;
    // Rows count from 0 at the first data row, as in the event table, the panel and the files.
    lines.push('', `Metrics on rows ${start}-${end - 1}:`);
    lines.push(formatEvaluation(result.evaluation));
  }
  lines.push(
    '',
    `Results:   ${result.outDir}`,
    `           open ${RESULT_FILES.report} in a browser; ${RESULT_FILES.scores}, ` +
      `${RESULT_FILES.events}, ${RESULT_FILES.summary}, ${RESULT_FILES.model}/ beside it`,
  );
  return lines.join('\n');
}

export function eventTable(events: AnomalyEvent[]): string[] {
  const rows = events.slice(0, MAX_LISTED_EVENTS).map((e, i) => [
    String(i + 1),
    `${e.start}-${e.end}`,
    e.startTime ?? '',
    formatNumber(e.peakScore),
    e.topChannels
      .slice(0, 3)
      .map((c) => c.name)
      .join(', '),
  ]);
  const table = alignColumns([['#', 'rows', 'start time', 'peak', 'top channels'], ...rows]);
  if (events.length > MAX_LISTED_EVENTS) {
    table.push(`... and ${events.length - MAX_LISTED_EVENTS} more in ${RESULT_FILES.events}`);
  }
  return table;
}

/** Left-aligned columns separated by two spaces; empty columns are dropped. */
export function alignColumns(rows: string[][]): string[] {
  const columns = rows[0].length;
  const used = Array.from({ length: columns }, (_, c) => rows.slice(1).some((r) => r[c] !== ''));
  const width = Array.from({ length: columns }, (_, c) =>
    Math.max(...rows.map((r) => r[c].length)),
  );
  return rows.map((r) =>
    r
      .map((cell, c) => (used[c] ? cell.padEnd(width[c]) : ''))
      .filter((cell, c) => used[c])
      .join('  ')
      .trimEnd(),
  );
}

export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}
