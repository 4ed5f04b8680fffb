/**
 * Turns the engine's progress reports into what the progress notification and the status bar
 * show: one fraction for the whole run (phases weighted by their usual share of the time) and
 * a short line such as "training · epoch 2/5 · batch 30/120 · loss 0.123 · about 2 min left".
 * Pure; called by the run controller.
 */
import type { Progress } from '../../engine/types';

/** Share of the whole run each phase starts at and takes (training dominates). */
const PHASES: Record<Progress['phase'], { from: number; share: number }> = {
  reading: { from: 0, share: 0.05 },
  training: { from: 0.05, share: 0.8 },
  scoring: { from: 0.85, share: 0.12 },
  writing: { from: 0.97, share: 0.03 },
};

export function overallFraction(progress: Progress): number {
  const { from, share } = PHASES[progress.phase];
  const fraction = Number.isFinite(progress.fraction) ? progress.fraction : 0;
  const within = Math.min(1, Math.max(0, fraction));
  return from + share * within;
}

export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/**
 * Training reports 0-based epoch and batch indices, scoring reports the count of batches done
 * (1-based); both are shown as "n of total", counting from 1.
 */
export function progressLine(progress: Progress, lastLoss?: number): string {
  const fromZero = progress.phase === 'training' ? 1 : 0;
  const ordinal = (index: number, total: number) => `${Math.min(index + fromZero, total)}/${total}`;
  const parts: string[] = [progress.phase];
  if (progress.epoch !== undefined && progress.epochs) {
    parts.push(`epoch ${ordinal(progress.epoch, progress.epochs)}`);
  }
  if (progress.batch !== undefined && progress.batches) {
    parts.push(`batch ${ordinal(progress.batch, progress.batches)}`);
  }
  if (progress.phase === 'training' && lastLoss !== undefined && Number.isFinite(lastLoss)) {
    parts.push(`loss ${Number(lastLoss.toPrecision(4))}`);
  }
  if (progress.secondsLeft !== undefined) {
    const left = timeLeft(progress.secondsLeft);
    if (left) parts.push(left);
  }
  if (progress.message) parts.push(progress.message);
  return parts.join(' · ');
}
