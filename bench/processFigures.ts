/**
 * What a child run measures about its own process: peak resident memory, CPU seconds and
 * wall-clock seconds. Called by bench/one.ts when a run ends, and by the runs for the
 * resident memory at a given moment.
 */
import { readFileSync } from 'fs';
import type { ProcessFigures } from './spec';

/** The kernel's high-water mark of resident memory (VmHWM), else Node's maxRSS. */
export function peakRssBytes(): number {
  return statusField('VmHWM') ?? process.resourceUsage().maxRSS * 1024;
}

/** Resident memory now. */
export function rssBytes(): number {
  return statusField('VmRSS') ?? process.memoryUsage().rss;
}

export function processFigures(): ProcessFigures {
  const usage = process.resourceUsage();
  return {
    peakRssBytes: peakRssBytes(),
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    wallSeconds: process.uptime(),
    finishedAt: new Date().toISOString(),
  };
}

/** User + system CPU seconds of this process so far. */
export function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** A `kB` field of /proc/self/status in bytes; undefined off Linux. */
function statusField(name: string): number | undefined {
  try {
    const text = readFileSync('/proc/self/status', 'utf8');
    const match = new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
