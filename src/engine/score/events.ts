/**
 * Detected anomalies as events: contiguous runs of rows whose score exceeds the threshold,
 * each with its peak and the channels that explain it. This is what the user is shown (the
 * command line's event list, the panel's event table, the results files).
 */
import { PostError } from '../errors';
import { AnomalyEvent, ScoreResult } from '../types';

/**
 * The gap, in rows at or below the threshold, that the detection job bridges between two runs
 * above it. An anomaly's score often dips under the threshold for a few rows and comes back;
 * shown as separate events, one labelled segment of SMD machine-2-1 becomes several (61 events
 * for 13 segments without bridging). 10 rows is the product scoring's smoothing width: a dip
 * shorter than that is within the scale the score resolves.
 */
export const EVENT_GAP_ROWS = 10;

export interface EventOptions {
  /** Channels listed per event, strongest first (default 5). */
  maxChannels?: number;
  /**
   * Runs separated by at most this many rows at or below the threshold are merged into one
   * event (default 0: every run is its own event). The merged gap rows count towards the
   * event's channel totals.
   */
  minGap?: number;
}

/**
 * Contiguous runs of rows with score > threshold (NaN never counts as above); each with its
 * peak row and its channels ranked by localization score summed over the run.
 */
export function findEvents(
  result: ScoreResult,
  threshold: number,
  channels: string[],
  timestamps?: Float64Array,
  options: EventOptions = {},
): AnomalyEvent[] {
  check(result, threshold, channels, timestamps, options);
  const maxChannels = options.maxChannels ?? 5;
  const minGap = options.minGap ?? 0;

  const events: AnomalyEvent[] = [];
  for (const run of mergedRuns(result.timeScore, threshold, minGap)) {
    events.push(describe(result, run.first, run.last, channels, maxChannels, timestamps));
  }
  return events;
}

interface Run {
  first: number;
  last: number;
}

/** Runs of rows above the threshold, with gaps of at most `minGap` rows bridged. */
function mergedRuns(scores: Float32Array, threshold: number, minGap: number): Run[] {
  const runs: Run[] = [];
  for (let t = 0; t < scores.length; t++) {
    if (!(scores[t] > threshold)) continue;
    const previous = runs[runs.length - 1];
    if (previous && t - previous.last - 1 <= minGap) previous.last = t;
    else runs.push({ first: t, last: t });
  }
  return runs;
}

function describe(
  result: ScoreResult,
  first: number,
  last: number,
  channels: string[],
  maxChannels: number,
  timestamps?: Float64Array,
): AnomalyEvent {
  const C = result.channels;
  let peakRow = first;
  const totals = new Float64Array(C);
  for (let t = first; t <= last; t++) {
    if (result.timeScore[t] > result.timeScore[peakRow]) peakRow = t;
    for (let c = 0; c < C; c++) {
      const v = result.channelScore[t * C + c];
      if (Number.isFinite(v)) totals[c] += v;
    }
  }

  // Strongest first; equal totals keep column order so the list is stable across runs.
  const ranked = Array.from(totals, (score, index) => ({ name: channels[index], index, score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, maxChannels);

  const event: AnomalyEvent = {
    start: first,
    end: last,
    peakScore: result.timeScore[peakRow],
    peakRow,
    topChannels: ranked,
  };
  if (timestamps) {
    event.startTime = isoTime(timestamps[first]);
    event.endTime = isoTime(timestamps[last]);
  }
  return event;
}

function isoTime(epochMs: number): string | undefined {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : undefined;
}

function check(
  result: ScoreResult,
  threshold: number,
  channels: string[],
  timestamps: Float64Array | undefined,
  options: EventOptions,
): void {
  if (channels.length !== result.channels) {
    throw new PostError(
      'input',
      `The scores have ${result.channels} channels but ${channels.length} channel names were ` +
        'given; score the file with the model trained on the same columns.',
    );
  }
  if (timestamps && timestamps.length !== result.rows) {
    throw new PostError(
      'input',
      `The time column has ${timestamps.length} rows but the scores have ${result.rows}; ` +
        're-read the file.',
    );
  }
  if (Number.isNaN(threshold)) {
    const message = 'The threshold is not a number; fit it on the training scores.';
    throw new PostError('setting', message, { setting: 'threshold' });
  }
  const { maxChannels, minGap } = options;
  if (maxChannels !== undefined && !(Number.isInteger(maxChannels) && maxChannels >= 1)) {
    const message = `maxChannels is ${maxChannels}; it must be an integer of at least 1.`;
    throw new PostError('setting', message, { setting: 'maxChannels' });
  }
  if (minGap !== undefined && !(Number.isInteger(minGap) && minGap >= 0)) {
    const message = `minGap is ${minGap}; it must be an integer of at least 0.`;
    throw new PostError('setting', message, { setting: 'minGap' });
  }
}
