/**
 * One way to word a bad-input error for every reader in src/engine/data/: the message starts
 * with the file's name, then the line and column when known, then what is wrong and what to
 * do. The full path travels in `place.file` for callers that open the file at the line.
 */
import * as path from 'path';
import { isPostError, PostError } from '../errors';

export interface InputPlace {
  line?: number;
  column?: string;
}

/** A PostError of kind 'input' whose message names the file, line and column. */
export function inputError(file: string, message: string, place: InputPlace = {}): PostError {
  const where = [path.basename(file)];
  if (place.line !== undefined) where.push(`line ${place.line}`);
  if (place.column !== undefined) where.push(`column '${place.column}'`);
  return new PostError('input', `${where.join(', ')}: ${message}`, {
    file,
    line: place.line,
    column: place.column,
  });
}

/**
 * Passes PostErrors on, turns a failed allocation (a file too large for memory) into one, and
 * rethrows anything else unchanged: other exceptions are defects and must stay visible.
 */
export function rethrowAsPostError(file: string, error: unknown): never {
  if (isPostError(error)) throw error;
  if (error instanceof RangeError && /alloc|length/i.test(error.message)) {
    throw new PostError(
      'resource',
      `${path.basename(file)}: the file is too large to hold in memory (${error.message}). ` +
        'Read a part of it, or fewer columns.',
      { file },
    );
  }
  throw error;
}

/** A cell shortened for a message, so a 1 MB field does not become a 1 MB message. */
export function quoteCell(cell: string, max = 40): string {
  const shown = cell.length > max ? `${cell.slice(0, max)}…` : cell;
  return JSON.stringify(shown);
}

/** Up to `max` items joined for a message, with a count of the rest. */
export function listForMessage(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
