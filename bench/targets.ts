/**
 * The targets, checked against the aggregated figures: each says what was measured,
 * whether it meets the goal, and by how much it misses. Called by bench/report.ts; pure.
 */
import { datasetRows, QualityRecord, SpeedRow } from './aggregate';
import type { ModelOutcome, Outcome } from './spec';
import { formatSummary, Summary } from './stats';

export interface TargetCheck {
  target: string;
  goal: string;
  /** e.g. "0.412 ± 0.021 (3 seeds)"; "not measured" when the run is missing. */
  measured: string;
  /** undefined when not measured. */
  met?: boolean;
  /** How far off, when missed ("short by 0.12"). */
  gap?: string;
  /** What others get on the same measure. */
  reference: string;
}

const GB = 1e9;
const PAPER_F1 = 0.899;
const PAPER_TOLERANCE = 0.03;
const SMD_SECONDS = 180;

const DEFAULT_WASM = 'POST default (wasm)';
const PAPER_WASM = 'POST paper (wasm)';

export function checkTargets(
  records: QualityRecord[],
  speed: SpeedRow[],
  outcomes: Outcome[],
): TargetCheck[] {
  const smd = datasetRows(records, 'smd').find((r) => r.method === DEFAULT_WASM)?.metrics;
  const asdRow = datasetRows(records, 'asd').find((r) => r.method === DEFAULT_WASM);
  const asd = asdRow?.metrics;
  const asdNote = asdRow ? `, ${asdRow.entities} of 12 entities` : '';
  const smdSpeed = speed.find((r) => r.method === DEFAULT_WASM && r.dataset === 'smd');
  const paperRuns = outcomes.filter(
    (o): o is ModelOutcome =>
      o.kind === 'model' &&
      o.preset === 'paper' &&
      o.backend === 'wasm' &&
      o.dataset === 'smd' &&
      Object.keys(o.overrides).length === 0,
  );
  const paper = datasetRows(records, 'smd').find((r) => r.method === PAPER_WASM);
  const smdRun = 'SMD machine-2-1 end to end';
  const smdDefault = 'SMD machine-2-1, default preset';
  const seconds = `${SMD_SECONDS} s`;

  return [
    atLeast(`${smdDefault}: AUC-PR`, smd?.aucPr, 0.4, '', 'PCA 0.193, reference 0.054'),
    atLeast(`${smdDefault}: HitRate@150%`, smd?.hitRate150, 0.7, '', 'PCA 0.38, reference 0.27'),
    atLeast('ASD mean, default preset: AUC-PR', asd?.aucPr, 0.5, asdNote, 'PCA 0.332'),
    atLeast('ASD mean, default preset: HitRate@150%', asd?.hitRate150, 0.9, asdNote, 'PCA 0.77'),
    atMost(`${smdRun} (read, train, score, write), wasm, wall clock`, smdSpeed?.endToEndSeconds, {
      goal: SMD_SECONDS, unit: 's', goalText: seconds, reference: 'reference 8 min',
    }),
    atMost(`${smdRun}, wasm, CPU seconds (user + system, all threads)`, smdSpeed?.cpuSeconds, {
      goal: SMD_SECONDS, unit: 's', goalText: seconds, reference: 'reference 8 min',
    }),
    atMost('SMD machine-2-1, wasm: peak resident memory', scaled(smdSpeed?.peakRssBytes, GB), {
      goal: 2, unit: 'GB', goalText: '< 2 GB', reference: 'reference 6.8 GB',
    }),
    paperCompletes(paperRuns),
    paperF1(paper?.metrics.paperProtocolF1),
  ];
}

function atLeast(
  target: string,
  s: Summary | undefined,
  goal: number,
  note: string,
  reference: string,
): TargetCheck {
  if (!s || s.n === 0) return { target, goal: `≥ ${goal}`, measured: 'not measured', reference };
  const met = s.mean >= goal;
  return {
    target,
    goal: `≥ ${goal}`,
    measured: `${formatSummary(s)} (${s.n} seed${s.n > 1 ? 's' : ''}${note})`,
    met,
    gap: met ? undefined : `short by ${(goal - s.mean).toFixed(3)}`,
    reference,
  };
}

interface Ceiling {
  goal: number;
  unit: string;
  goalText: string;
  reference: string;
}

function atMost(target: string, s: Summary | undefined, ceiling: Ceiling): TargetCheck {
  const { goal, unit, goalText, reference } = ceiling;
  if (!s || s.n === 0) return { target, goal: goalText, measured: 'not measured', reference };
  const met = s.mean <= goal;
  const digits = unit === 'GB' ? 2 : 0;
  const over = `over by ${(s.mean - goal).toFixed(digits)} ${unit}`;
  return {
    target,
    goal: goalText,
    measured: `${formatSummary(s, digits)} ${unit} (${s.n} run${s.n > 1 ? 's' : ''})`,
    met,
    gap: met ? undefined : `${over} (×${(s.mean / goal).toFixed(2)})`,
    reference,
  };
}

function scaled(s: Summary | undefined, unit: number): Summary | undefined {
  return s && { mean: s.mean / unit, std: s.std / unit, n: s.n };
}

function paperCompletes(runs: ModelOutcome[]): TargetCheck {
  const target = 'paper preset, wasm, SMD machine-2-1: runs to the end (batch shrunk to fit)';
  const reference = 'reference: 6.8 GB at batch 64';
  if (runs.length === 0) return { target, goal: 'completes', measured: 'not measured', reference };
  const failed = runs.filter((r) => !r.ok);
  const batches = runs.map((r) => r.speed?.batchSize).filter((b) => b !== undefined);
  const measured =
    `${runs.length - failed.length} of ${runs.length} runs completed` +
    (batches.length > 0 ? ` at batch ${[...new Set(batches)].join(', ')}` : '');
  return {
    target,
    goal: 'completes',
    measured,
    met: failed.length === 0,
    gap: failed.length === 0 ? undefined : failed.map((r) => r.error ?? 'failed').join('; '),
    reference,
  };
}

function paperF1(s: Summary | undefined): TargetCheck {
  const target = 'paper preset, wasm, SMD machine-2-1: paper-protocol F1 (point adjustment)';
  const goal = `${PAPER_F1} ± ${PAPER_TOLERANCE}`;
  const reference = `reference ${PAPER_F1}; random scores 0.52-0.84 under the same protocol`;
  if (!s || s.n === 0) return { target, goal, measured: 'not measured', reference };
  const off = Math.abs(s.mean - PAPER_F1);
  const met = off <= PAPER_TOLERANCE;
  return {
    target,
    goal,
    measured: `${formatSummary(s)} (${s.n} seed${s.n > 1 ? 's' : ''})`,
    met,
    gap: met
      ? undefined
      : `off by ${off.toFixed(3)} (${(off - PAPER_TOLERANCE).toFixed(3)} beyond the tolerance)`,
    reference,
  };
}
