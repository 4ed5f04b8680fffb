/**
 * Temporary files for the data-reader tests: each test writes the exact bytes it needs into
 * a fresh folder under the system temp dir, removed after the suite.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isPostError, PostError } from '../../../src/engine/errors';

export class TempFiles {
  private dir: string | undefined;

  /** Writes `content` (text as UTF-8, or raw bytes) to a new file and returns its path. */
  write(name: string, content: string | Uint8Array): string {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'post-data-test-'));
    const file = path.join(this.dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  folder(): string {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'post-data-test-'));
    return this.dir;
  }

  cleanup(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** The PostError a promise rejects with; fails when it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<PostError> {
  try {
    await promise;
  } catch (error) {
    if (isPostError(error)) return error;
    throw new Error(`expected a PostError, got ${String(error)}`);
  }
  throw new Error('expected a PostError, but the call succeeded');
}

/** The PostError a function throws. */
export function thrown(run: () => unknown): PostError {
  try {
    run();
  } catch (error) {
    if (isPostError(error)) return error;
    throw new Error(`expected a PostError, got ${String(error)}`);
  }
  throw new Error('expected a PostError, but the call succeeded');
}

/** Values of a row-major series as rows of plain numbers (for deepStrictEqual). */
export function rowsOf(values: Float32Array, channels: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t * channels < values.length; t++) {
    rows.push(Array.from(values.subarray(t * channels, (t + 1) * channels)));
  }
  return rows;
}
