/**
 * Sliding windows over a standardised series, made lazily batch by batch.
 *
 * Called by the trainer (training windows) and the scorers (scoring windows). A window is
 * `window` consecutive rows of the row-major values; only the start rows are kept, and a
 * batch's values are copied out when the batch is run, so a long series never has all its
 * windows in memory at once.
 */

/**
 * Start rows of the windows of length `window` taken every `stride` rows. With `alignEnd`,
 * one more window ending on the last row is added when the regular ones leave a tail, so that
 * every row lies in at least one window. Needs `rows >= window`.
 */
export function windowStarts(
  rows: number,
  window: number,
  stride: number,
  alignEnd = false,
): number[] {
  const starts: number[] = [];
  for (let s = 0; s + window <= rows; s += stride) starts.push(s);

  const last = rows - window;
  if (alignEnd && starts.length > 0 && starts[starts.length - 1] < last) starts.push(last);
  return starts;
}

/** The starts split into consecutive batches of at most `batchSize`. */
export function* batchesOf(starts: readonly number[], batchSize: number): Generator<number[]> {
  for (let i = 0; i < starts.length; i += batchSize) {
    yield starts.slice(i, i + batchSize);
  }
}

/** Number of batches `batchesOf` yields. */
export function batchCount(windows: number, batchSize: number): number {
  return Math.ceil(windows / batchSize);
}

/**
 * The windows starting at `starts`, copied into one row-major buffer of shape
 * [starts.length, window, channels]. A window is a contiguous slice of row-major values.
 */
export function gatherWindows(
  values: Float32Array,
  channels: number,
  window: number,
  starts: readonly number[],
): Float32Array {
  const size = window * channels;
  const out = new Float32Array(starts.length * size);
  starts.forEach((start, b) => {
    out.set(values.subarray(start * channels, start * channels + size), b * size);
  });
  return out;
}
