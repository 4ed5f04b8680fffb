/**
 * The detection threshold, fitted on training scores only (never on labels), as the command
 * line, the extension and the benchmark use it to flag rows of a scored file.
 *
 * - 'quantile': the (100 − anomalyRatio)th percentile of the training scores (numpy's linear
 *   interpolation).
 * - 'pot': peaks over threshold, the initial step of SPOT (Siffer, Fouque, Termier, Largouët,
 *   KDD 2017): a generalised Pareto distribution (GPD) fitted by maximum likelihood to the
 *   excesses over the potLevel quantile, with Grimshaw's reduction of the likelihood equations
 *   to one equation in x = γ/σ; the threshold is the score exceeded with probability potRisk.
 *   When the tail cannot be fitted it falls back to the quantile and says why.
 */
import { PostConfig } from '../config';
import { PostError } from '../errors';
import { percentile } from '../eval/percentile';
import { Threshold } from '../types';

type ThresholdConfig = Pick<
  PostConfig,
  'thresholdMethod' | 'anomalyRatio' | 'potRisk' | 'potLevel'
>;

/** Fewer excesses than this and the tail's shape cannot be estimated with any confidence. */
const MIN_PEAKS = 10;

export function fitThreshold(
  trainingScores: ArrayLike<number>,
  config: ThresholdConfig,
): Threshold {
  const scores = checkScores(trainingScores);
  const level = 100 - config.anomalyRatio;
  const quantile = percentile(scores, level);
  const quantileDescription =
    `${ordinal(level)} percentile of ${count(scores.length)} training scores`;
  if (config.thresholdMethod === 'quantile') {
    return { value: quantile, method: 'quantile', description: quantileDescription };
  }

  const tail = fitTail(scores, config);
  if (typeof tail === 'string') {
    return {
      value: quantile,
      method: 'quantile',
      description: `${quantileDescription} (peaks over threshold not used: ${tail})`,
    };
  }
  const shape = `shape ${tail.gamma.toPrecision(3)}, scale ${tail.sigma.toPrecision(3)}`;
  return {
    value: tail.value,
    method: 'pot',
    description:
      `peaks over threshold: GPD (${shape}) fitted to the ${count(tail.peaks)} training scores ` +
      `above their ${ordinal(config.potLevel * 100)} percentile, risk ${config.potRisk}`,
  };
}

/** The fitted tail, or why it could not be fitted. */
function fitTail(
  scores: Float64Array,
  config: ThresholdConfig,
): { value: number; gamma: number; sigma: number; peaks: number } | string {
  // Limitation: with heavily tied scores (e.g. most of them exactly 0) the excesses over the
  // start hold many copies of few values and the GPD fits them poorly; the quantile is safer.
  const start = percentile(scores, config.potLevel * 100);
  const excesses = Float64Array.from(scores.filter((s) => s > start), (s) => s - start);
  if (excesses.length < MIN_PEAKS) {
    const level = ordinal(config.potLevel * 100);
    return `only ${excesses.length} training scores lie above their ${level} percentile`;
  }

  const { gamma, sigma } = fitGeneralizedPareto(excesses);
  const ratio = (config.potRisk * scores.length) / excesses.length;
  const value =
    Math.abs(gamma) < 1e-12
      ? start - sigma * Math.log(ratio)
      : start + (sigma / gamma) * (Math.pow(ratio, -gamma) - 1);
  if (!Number.isFinite(value) || !(sigma > 0)) return 'the tail fit did not converge';
  return { value, gamma, sigma, peaks: excesses.length };
}

/**
 * Maximum-likelihood GPD parameters (shape γ, scale σ) of positive excesses, by Grimshaw's
 * method: every stationary point of the likelihood with γ ≠ 0 solves u(x)·v(x) = 1 with
 * u(x) = mean 1/(1 + x·y), v(x) = 1 + mean log(1 + x·y), and then γ = v(x) − 1, σ = γ/x.
 * The roots are bracketed on a grid over each side of 0 and refined by bisection. Two limits
 * are candidates too: the exponential tail γ = 0 (σ = mean) and the bounded tail γ = −1
 * (σ just above the largest excess: uniform excesses, where the likelihood has its supremum
 * on that edge and no interior root exists). The most likely candidate wins.
 */
export function fitGeneralizedPareto(excesses: Float64Array): { gamma: number; sigma: number } {
  let min = Infinity;
  let max = 0;
  let mean = 0;
  for (const y of excesses) {
    min = Math.min(min, y);
    max = Math.max(max, y);
    mean += y / excesses.length;
  }

  const meanOf = (f: (y: number) => number): number => {
    let sum = 0;
    for (const y of excesses) sum += f(y);
    return sum / excesses.length;
  };
  const w = (x: number): number =>
    meanOf((y) => 1 / (1 + x * y)) * (1 + meanOf((y) => Math.log1p(x * y))) - 1;

  // Grimshaw's bounds: x > −1/max keeps every 1 + x·y positive; the positive side ends at
  // 2(mean − min)/min², beyond which no root lies.
  const epsilon = Math.min(1e-8, 0.5 / max);
  const lowest = -1 / max + epsilon;
  const highest = min > 0 ? (2 * (mean - min)) / (min * min) : 1e6 / max;
  const roots = [
    ...bracketRoots(w, lowest, -epsilon, 'linear'),
    ...bracketRoots(w, epsilon, Math.max(highest, 2 * epsilon), 'geometric'),
  ];

  const candidates = roots.map((x) => {
    const gamma = meanOf((y) => Math.log1p(x * y));
    return { gamma, sigma: gamma / x };
  });
  candidates.push({ gamma: -1, sigma: max * (1 + 1e-9) });

  let best = { gamma: 0, sigma: mean, logLikelihood: gpdLogLikelihood(excesses, 0, mean) };
  for (const { gamma, sigma } of candidates) {
    const logLikelihood = gpdLogLikelihood(excesses, gamma, sigma);
    if (logLikelihood > best.logLikelihood) best = { gamma, sigma, logLikelihood };
  }
  return { gamma: best.gamma, sigma: best.sigma };
}

/**
 * Roots of f on [from, to], bracketed on a grid of 200 points and refined by bisection.
 * Limitation: two roots inside one grid cell cancel out and are both missed; the exponential
 * and bounded candidates keep the fit sane then, but it may not be the exact maximum.
 */
function bracketRoots(
  f: (x: number) => number,
  from: number,
  to: number,
  spacing: 'linear' | 'geometric',
): number[] {
  if (!(to > from)) return [];
  const steps = 200;
  const at = (i: number): number =>
    spacing === 'linear' ? from + ((to - from) * i) / steps : from * Math.pow(to / from, i / steps);

  const roots: number[] = [];
  let x0 = at(0);
  let f0 = f(x0);
  for (let i = 1; i <= steps; i++) {
    const x1 = at(i);
    const f1 = f(x1);
    if (Number.isFinite(f0) && Number.isFinite(f1) && f0 * f1 <= 0) {
      roots.push(bisect(f, x0, x1, f0));
    }
    [x0, f0] = [x1, f1];
  }
  return roots;
}

function bisect(f: (x: number) => number, lo: number, hi: number, fLo: number): number {
  for (let i = 0; i < 100 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    const fMid = f(mid);
    if (fMid * fLo <= 0) hi = mid;
    else [lo, fLo] = [mid, fMid];
  }
  return (lo + hi) / 2;
}

/** GPD log-likelihood of the excesses; −∞ outside the support. */
function gpdLogLikelihood(excesses: Float64Array, gamma: number, sigma: number): number {
  if (!(sigma > 0)) return -Infinity;
  const n = excesses.length;
  if (Math.abs(gamma) < 1e-12) {
    let sum = 0;
    for (const y of excesses) sum += y;
    return -n * Math.log(sigma) - sum / sigma;
  }
  let sum = 0;
  for (const y of excesses) {
    const z = 1 + (gamma * y) / sigma;
    if (z <= 0) return -Infinity;
    sum += Math.log(z);
  }
  return -n * Math.log(sigma) - (1 + 1 / gamma) * sum;
}

/** The scores as Float64, or a PostError when there are none or some are not numbers. */
function checkScores(trainingScores: ArrayLike<number>): Float64Array {
  const scores = Float64Array.from(trainingScores);
  if (scores.length === 0) {
    throw new PostError(
      'input',
      'No training scores to fit the threshold on; train on a file with at least one full window.',
    );
  }
  const bad = scores.filter((s) => !Number.isFinite(s)).length;
  if (bad > 0) {
    throw new PostError(
      'model',
      `${count(bad)} of ${count(scores.length)} training scores are not finite numbers, so the ` +
        'model diverged; retrain with a smaller learningRate.',
      { setting: 'learningRate' },
    );
  }
  return scores;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 99.5 → "99.5th", 98 → "98th", 1 → "1st": how a percentile is written in descriptions. */
export function ordinal(value: number): string {
  const text = String(Number(value.toFixed(4)));
  if (!Number.isInteger(Number(text))) return `${text}th`;
  const teen = value % 100 >= 11 && value % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${text}${suffix}`;
}
