/**
 * The one error type the engine throws on bad input or settings. Callers (command line,
 * extension) show `message` as is: it names the file, row, column or setting and says what to
 * do. Any other exception escaping the engine is a defect.
 */

export type ErrorKind =
  | 'input' // a data, label or model file that cannot be used
  | 'setting' // an option or setting out of range
  | 'cancelled' // the user cancelled the run
  | 'resource' // memory, disk or permissions
  | 'model'; // a saved model that does not fit the data or this version

export interface ErrorPlace {
  file?: string;
  /** 1-based line number in the file, as an editor shows it. */
  line?: number;
  column?: string;
  setting?: string;
}

export class PostError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly place: ErrorPlace = {},
  ) {
    super(message);
    this.name = 'PostError';
  }
}

export function isPostError(error: unknown): error is PostError {
  return error instanceof PostError;
}

export function cancelled(): PostError {
  return new PostError('cancelled', 'The run was cancelled; earlier results are unchanged.');
}

/** Throws the cancellation error when the signal has fired; called between batches. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}
