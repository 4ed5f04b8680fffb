/**
 * The interpretation-label format of SMD and ASD: one anomaly segment per line,
 * `start-end:c1,c2,...`, meaning that channels c1, c2, ... are anomalous from row `start` to
 * row `end`. Rows are 0-based; whether `end` is included and whether channels count from 1
 * differ between datasets (SMD: end exclusive; ASD: end inclusive; both 1-based channels).
 *
 * Called by labels.ts (readChannelLabels) once the format has been detected. This is a line
 * format, not CSV, so it is read line by line here.
 */
import { ChannelLabels } from '../types';
import { inputError, quoteCell } from './inputError';
import type { SegmentFormat } from './labels';

const SEGMENT_LINE = /^(\d+)\s*-\s*(\d+)\s*:\s*(\d+(?:\s*,\s*\d+)*)\s*,?$/;

/** Parses every line into `rows` × `channels` 0/1 cells; a bad line is a PostError naming it. */
export function parseSegments(
  file: string,
  text: string,
  rows: number,
  channels: number,
  format: SegmentFormat,
): ChannelLabels {
  const cells = new Uint8Array(rows * channels);
  const lines = text.split('\n');
  const firstChannel = format.oneBased ? 1 : 0;
  const lastChannel = channels - 1 + firstChannel;

  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const match = SEGMENT_LINE.exec(trimmed);
    if (match === null) {
      throw inputError(
        file,
        `${quoteCell(trimmed)} is not a segment of the form start-end:channel,channel ` +
          '(e.g. 6506-6528:23,25). Fix this line.',
        { line },
      );
    }

    const start = Number(match[1]);
    const end = Number(match[2]);
    const last = format.endInclusive ? end : end - 1;
    if (last < start) {
      // Only an equal start and end can be a matter of convention; a reversed range is not.
      const hint =
        end < start
          ? ' It ends before it starts: write the smaller row first.'
          : format.endInclusive
            ? ''
            : ' If ends are inclusive in this file, say so (--segments end-inclusive).';
      throw inputError(file, `the segment ${start}-${end} holds no row.${hint} Fix this line.`, {
        line,
      });
    }
    if (last >= rows) {
      throw inputError(
        file,
        `the segment ${start}-${end} reaches row ${last} but the series has ${rows} rows ` +
          `(0 to ${rows - 1}). Check that the labels belong to this file.`,
        { line },
      );
    }

    for (const text of match[3].split(',')) {
      const number = Number(text.trim());
      if (number < firstChannel || number > lastChannel) {
        throw inputError(
          file,
          `channel ${number} does not exist: the series has ${channels} channels, numbered ` +
            `${firstChannel} to ${lastChannel}${format.oneBased ? ' (1-based)' : ' (0-based)'}. ` +
            'Fix this line, or the channel numbering.',
          { line },
        );
      }
      const c = number - firstChannel;
      for (let t = start; t <= last; t++) cells[t * channels + c] = 1;
    }
  });
  return { rows, channels, cells };
}
