/**
 * What the benchmark records about where it ran: the machine, its load, Node and the
 * TensorFlow.js packages, the project's version and commit. Called by bench/run.ts at the
 * start (and for the load at the end) and written into results.json and RESULTS.md.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  platform: string;
  node: string;
  /** Versions of the installed TensorFlow.js packages, by name. */
  packages: Record<string, string>;
  projectVersion: string;
  /** The commit the working tree is based on (uncommitted changes not included). */
  commit?: string;
  /** 1, 5 and 15 minute load averages when the benchmark started. */
  loadAtStart: number[];
}

const PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
];

export function machineInfo(repoRoot: string): MachineInfo {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    const version = packageVersion(name);
    if (version) packages[name] = version;
  }
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages,
    projectVersion: packageVersion(path.join(repoRoot, 'package.json')) ?? 'unknown',
    commit: gitCommit(repoRoot),
    loadAtStart: os.loadavg().map(round2),
  };
}

export function loadNow(): number[] {
  return os.loadavg().map(round2);
}

function packageVersion(nameOrFile: string): string | undefined {
  try {
    const file = nameOrFile.endsWith('package.json') ? nameOrFile : `${nameOrFile}/package.json`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(file) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function gitCommit(repoRoot: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
