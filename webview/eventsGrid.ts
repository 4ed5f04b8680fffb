/**
 * The events table (#events-grid, a toolkit `vscode-data-grid`): start, end, peak score and
 * top channels of each detected event. Clicking (or pressing Enter on) a row calls back with
 * that event, which main.ts turns into a zoom of every time plot.
 */
import type { EventView } from '../src/protocol';

interface GridElement extends HTMLElement {
  rowsData: Record<string, unknown>[];
  columnDefinitions: { columnDataKey: string; title: string }[];
}

interface EventRow {
  start: string;
  end: string;
  peak: string;
  channels: string;
  /** Index into the events list (not a column). */
  eventIndex: number;
}

/** "152 · 2024-01-01 02:32:00 UTC": the row, and its time when the file has one. */
function rowLabel(row: number, time?: string): string {
  if (!time) return String(row);
  const readable = time.replace('T', ' ').replace(/(\.000)?Z$/, ' UTC');
  return `${row} · ${readable}`;
}

function grid(): GridElement {
  return document.getElementById('events-grid') as GridElement;
}

/** Fills the table; returns the number of rows. */
export function showEvents(events: EventView[]): number {
  const table = grid();
  table.columnDefinitions = [
    { columnDataKey: 'start', title: 'Start' },
    { columnDataKey: 'end', title: 'End' },
    { columnDataKey: 'peak', title: 'Peak score' },
    { columnDataKey: 'channels', title: 'Top channels' },
  ];
  const rows: EventRow[] = events.map((e, eventIndex) => ({
    start: rowLabel(e.start, e.startTime),
    end: rowLabel(e.end, e.endTime),
    peak: `${e.peakScore.toPrecision(4)} at row ${e.peakRow}`,
    channels: e.topChannels.map((c) => c.name).join(', '),
    eventIndex,
  }));
  table.rowsData = rows as unknown as Record<string, unknown>[];
  table.dataset.rows = String(rows.length);
  return rows.length;
}

/** The row object of the grid row an event came from, found across the shadow roots. */
function rowDataOf(event: Event): EventRow | undefined {
  for (const target of event.composedPath()) {
    const data = (target as { rowData?: unknown }).rowData;
    if (data && typeof (data as EventRow).eventIndex === 'number') return data as EventRow;
  }
  return undefined;
}

export function onEventPicked(pick: (eventIndex: number) => void): void {
  const table = grid();
  table.addEventListener('click', (event) => {
    const row = rowDataOf(event);
    if (row) pick(row.eventIndex);
  });
  table.addEventListener('keydown', (event) => {
    const row = (event as KeyboardEvent).key === 'Enter' ? rowDataOf(event) : undefined;
    if (row) pick(row.eventIndex);
  });
}
