/**
 * Where the localization heatmap's colours saturate: channel scores are heavy-tailed (the
 * product's are a fourth power), and a linear colour scale up to the largest cell would
 * leave all but a few cells blank. Shared by the results panel and report.html so both
 * colour alike.
 */

/** Share of heatmap cells drawn below full colour. */
export const HEATMAP_SATURATION = 0.995;

/** The cell value at which colours saturate: the HEATMAP_SATURATION quantile of the finite
 *  cells (nearest rank), 1 when there is none. */
export function heatmapColourLimit(cells: readonly (readonly number[])[]): number {
  const finite = cells.flat().filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return 1;
  return finite[Math.min(finite.length - 1, Math.floor(HEATMAP_SATURATION * finite.length))];
}
