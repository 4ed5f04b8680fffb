/**
 * Per-epoch means of the loss terms, built from the step entries the worker streams, for the
 * log ("epoch 2: total 0.84, reconstruction 0.41, ..."). Graph-phase steps are kept apart:
 * their terms measure another objective. Pure; fed by the run controller.
 */
import type { LossEntry } from '../../engine/detector';

interface Sums {
  count: number;
  terms: Map<string, number>;
}

export class EpochLosses {
  private epoch: number | undefined;
  private readonly phases = new Map<LossEntry['phase'], Sums>();

  /** Adds steps; returns a line for each epoch the steps show to be complete. */
  add(entries: LossEntry[]): string[] {
    const lines: string[] = [];
    for (const entry of entries) {
      if (this.epoch !== undefined && entry.epoch !== this.epoch) lines.push(...this.flush());
      this.epoch = entry.epoch;
      const sums = this.phases.get(entry.phase) ?? { count: 0, terms: new Map<string, number>() };
      sums.count++;
      for (const [term, value] of Object.entries(entry.terms)) {
        if (typeof value === 'number') sums.terms.set(term, (sums.terms.get(term) ?? 0) + value);
      }
      this.phases.set(entry.phase, sums);
    }
    return lines;
  }

  /** The line of the epoch in progress (at the end of training), if any steps came. */
  flush(): string[] {
    if (this.epoch === undefined || this.phases.size === 0) return [];
    const parts: string[] = [];
    for (const [phase, sums] of this.phases) {
      const mean = (sum: number) => Number((sum / sums.count).toPrecision(4));
      const means = [...sums.terms].map(([term, sum]) => `${term} ${mean(sum)}`);
      parts.push(`${phase} (${sums.count} steps): ${means.join(', ')}`);
    }
    const line = `epoch ${this.epoch + 1}: ${parts.join('; ')}`;
    this.phases.clear();
    return [line];
  }
}
