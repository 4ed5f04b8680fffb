/**
 * Localization metrics: for each labelled segment, how well the channel scores rank the
 * segment's labelled channels. HitRate@P% is OmniAnomaly's "interpretation score" (Su et al.,
 * KDD 2019) as InterFusion also reports it; NDCG@P% is the same ranking scored with the usual
 * logarithmic discount.
 *
 * - Segments: maximal runs of consecutive rows that are labelled anomalous (when row labels are
 *   given) and carry the same non-empty set of labelled channels. An interpretation label of
 *   the form `start-end:channels` becomes exactly one segment.
 * - Ranking: channels by their channel score summed over the segment's rows, highest first.
 *   Tied channels are not ordered by index: each position of a tie group counts the group's
 *   share of labelled channels, the expected value over random orders of the tie. A constant
 *   score thus gets the chance figure, not an artefact of column order.
 * - HitRate@P%: the share of the |G| labelled channels among the top k = ⌊P/100 × |G|⌋ ranked
 *   channels (at least 1, at most all). NDCG@P%: DCG of the top k over the DCG of an ideal
 *   ranking's top k.
 * - The flagged variants sum the channel scores only over the segment's rows the detector
 *   flagged; a segment with no flagged row scores 0 there. They say whether the channels the
 *   user is shown for a detected event are the right ones.
 * - ⌊·⌋ rather than ⌈·⌉ for k: it reproduces the published baseline figures on SMD
 *   (@150 %: 0.38 and 0.44 with floor, 0.44 and 0.52 with ceil; see reference-figures.md).
 * Non-finite channel scores add 0 to the sums.
 */
import { ChannelLabels } from '../types';

export interface LabelledSegment {
  first: number;
  last: number;
  /** The labelled channels (0-based), ascending. */
  channels: number[];
}

/** Labelled segments from cell labels, limited to rows labelled anomalous when labels are given. */
export function labelledSegments(
  cells: ChannelLabels,
  rowLabels?: ArrayLike<number>,
): LabelledSegment[] {
  const { rows, channels: C } = cells;
  const segments: LabelledSegment[] = [];
  let current: LabelledSegment | undefined;

  for (let t = 0; t < rows; t++) {
    const set: number[] = [];
    if (!rowLabels || rowLabels[t] !== 0) {
      for (let c = 0; c < C; c++) if (cells.cells[t * C + c] !== 0) set.push(c);
    }
    const continues = current && current.last === t - 1 && sameSet(current.channels, set);
    if (current && continues) {
      current.last = t;
    } else if (set.length > 0) {
      current = { first: t, last: t, channels: set };
      segments.push(current);
    } else {
      current = undefined;
    }
  }
  return segments;
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Number of top-ranked channels looked at for P % of |G| labelled channels. */
export function topCount(percent: number, labelled: number, channels: number): number {
  return Math.min(channels, Math.max(1, Math.floor((percent * labelled) / 100)));
}

export interface RankScores {
  hitRate: number;
  ndcg: number;
}

/**
 * HitRate and NDCG of one ranking: `totals` per channel (higher = more anomalous), `relevant`
 * the labelled channels, `k` the number of top positions looked at.
 */
export function rankScores(totals: ArrayLike<number>, relevant: number[], k: number): RankScores {
  const C = totals.length;
  const isRelevant = new Uint8Array(C);
  for (const c of relevant) isRelevant[c] = 1;
  const key = (c: number): number => (Number.isNaN(totals[c]) ? -Infinity : totals[c]);
  const order = Array.from({ length: C }, (_, c) => c).sort((a, b) => key(b) - key(a));

  // Expected relevance at each position: the labelled share of the tie group holding it.
  let hits = 0;
  let dcg = 0;
  for (let start = 0; start < Math.min(k, C); ) {
    let end = start + 1;
    while (end < C && key(order[end]) === key(order[start])) end++;
    let relevantInGroup = 0;
    for (let p = start; p < end; p++) relevantInGroup += isRelevant[order[p]];
    const share = relevantInGroup / (end - start);
    for (let p = start; p < Math.min(end, k); p++) {
      hits += share;
      dcg += share / Math.log2(p + 2);
    }
    start = end;
  }

  let idealDcg = 0;
  for (let p = 0; p < Math.min(k, relevant.length); p++) idealDcg += 1 / Math.log2(p + 2);
  return { hitRate: hits / relevant.length, ndcg: idealDcg > 0 ? dcg / idealDcg : 0 };
}

export interface SegmentRanking {
  hitRate100: number;
  hitRate150: number;
  ndcg100: number;
  ndcg150: number;
}

/**
 * The four ranking figures of one segment, from channel scores summed over the rows where
 * `include(t)` holds (all rows of the segment, or only the flagged ones); all 0 when no row is
 * included.
 */
export function rankSegment(
  channelScore: Float32Array,
  channels: number,
  segment: LabelledSegment,
  include: (t: number) => boolean = () => true,
): SegmentRanking {
  const totals = new Float64Array(channels);
  let included = 0;
  for (let t = segment.first; t <= segment.last; t++) {
    if (!include(t)) continue;
    included++;
    for (let c = 0; c < channels; c++) {
      const v = channelScore[t * channels + c];
      if (Number.isFinite(v)) totals[c] += v;
    }
  }
  if (included === 0) return { hitRate100: 0, hitRate150: 0, ndcg100: 0, ndcg150: 0 };

  const G = segment.channels.length;
  const at100 = rankScores(totals, segment.channels, topCount(100, G, channels));
  const at150 = rankScores(totals, segment.channels, topCount(150, G, channels));
  return {
    hitRate100: at100.hitRate,
    hitRate150: at150.hitRate,
    ndcg100: at100.ndcg,
    ndcg150: at150.ndcg,
  };
}

/** The mean of each figure over the segments (NaN when there is none). */
export function meanRanking(rankings: SegmentRanking[]): SegmentRanking {
  const mean = (pick: (r: SegmentRanking) => number): number =>
    rankings.length === 0 ? NaN : rankings.reduce((s, r) => s + pick(r), 0) / rankings.length;
  return {
    hitRate100: mean((r) => r.hitRate100),
    hitRate150: mean((r) => r.hitRate150),
    ndcg100: mean((r) => r.ndcg100),
    ndcg150: mean((r) => r.ndcg150),
  };
}
