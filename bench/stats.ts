/**
 * Summary statistics of the benchmark's repeated runs: mean and sample standard deviation of
 * the finite values, and their text form "0.412 ± 0.021". Used by the aggregation
 * (bench/aggregate.ts) and the markdown writer.
 */

export interface Summary {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value, NaN for none. */
  std: number;
  /** Finite values summarised. */
  n: number;
}

/** Mean and sample standard deviation of the finite numbers among `values`. */
export function summarize(values: readonly (number | null | undefined)[]): Summary {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { mean: NaN, std: NaN, n: 0 };
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0, n };
  const squares = finite.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (n - 1)), n };
}

/** Mean of the finite numbers, NaN when there are none. */
export function meanOf(values: readonly (number | null | undefined)[]): number {
  return summarize(values).mean;
}

/** "0.412 ± 0.021" (std left out for one value), "n/a" when nothing was measured. */
export function formatSummary(s: Summary, digits = 3): string {
  if (s.n === 0) return 'n/a';
  const mean = s.mean.toFixed(digits);
  return s.n > 1 ? `${mean} ± ${s.std.toFixed(digits)}` : mean;
}

/** A number with `digits` decimals, "n/a" when not finite. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Bytes as MiB with no decimals ("1,234 MiB"), "n/a" when not finite. */
export function formatMiB(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return 'n/a';
  return `${Math.round(bytes / 1024 ** 2).toLocaleString('en')} MiB`;
}
