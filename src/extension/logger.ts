/**
 * The extension's one log: the "POST Anomaly Detection" output channel, written through small
 * loggers that tag each line with its component (`[run]`, `[worker]`, `[panel]`...). Inputs,
 * settings, backend, per-epoch losses, timings and every error in full go here; notifications
 * stay short and point to it. Typed against a sink interface so pure modules can log in tests.
 */

/** What the output channel offers (vscode.LogOutputChannel has these methods). */
export interface LogSink {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  /** Logs the message and, for an Error, its stack. */
  error(message: string, error?: unknown): void;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function componentLog(sink: LogSink, component: string): Log {
  const tag = (message: string) => `[${component}] ${message}`;
  return {
    trace: (message) => sink.trace(tag(message)),
    debug: (message) => sink.debug(tag(message)),
    info: (message) => sink.info(tag(message)),
    warn: (message) => sink.warn(tag(message)),
    error: (message, error) =>
      sink.error(tag(error === undefined ? message : `${message}\n${describeError(error)}`)),
  };
}
