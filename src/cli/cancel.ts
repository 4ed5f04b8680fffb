/**
 * Ctrl-C for `post-ad`: the first press cancels the run cleanly through an AbortController
 * (the job stops at its next check and leaves earlier results intact); a second press quits
 * at once. Used by the detect and demo commands.
 */

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_CANCELLED = 130;

export async function withCancellation<T>(
  work: (signal: AbortSignal) => Promise<T>,
  say: (message: string) => void,
): Promise<T> {
  const abort = new AbortController();
  const onSigint = (): void => {
    if (abort.signal.aborted) process.exit(EXIT_CANCELLED);
    say('Cancelling at the next safe point (press Ctrl-C again to quit at once)...');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(abort.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
