/**
 * Low-level access to a user's text file for the readers in src/engine/data/: the size check,
 * a decoded sample of the file's start (for sniffing the format), and the streaming pass that
 * feeds every record to a callback through csv-parse without keeping the rows.
 *
 * Called by readSeries.ts and labels.ts. Every failure ends in a PostError naming the file.
 *
 * Limitation: csv-parse reads about 4-6 MB/s on one busy CPU core, so a file of a few hundred
 * MB takes a minute or more; progress and cancellation keep that usable.
 * Limitation: only UTF-8 (with or without BOM) is read; Latin-1 or UTF-16 files are refused
 * with a message asking for UTF-8, not decoded.
 * Limitation: for a record spanning several lines (a quoted newline) the line reported is the
 * record's last line; and in a one-column file an empty line is skipped, not read as missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Transform, Writable } from 'stream';
import { pipeline } from 'stream/promises';
import { parse } from 'csv-parse';
import { cancelled, isPostError, PostError } from '../errors';
import { inputError } from './inputError';

/** The decoded start of a file. */
export interface TextHead {
  /** Text of the first bytes, BOM removed, cut at the last complete line unless `complete`. */
  text: string;
  /** True when `text` is the whole file. */
  complete: boolean;
  /** File size in bytes. */
  size: number;
}

const HEAD_BYTES = 256 * 1024;
/** Read further when the first bytes hold fewer lines than this (long lines, wide files). */
const HEAD_MIN_LINES = 3;
const HEAD_MAX_BYTES = 4 * 1024 * 1024;

/** A Node file-system error as a PostError that says what to do. */
export function fileSystemError(file: string, error: unknown): PostError {
  if (isPostError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return inputError(file, 'the file does not exist. Check the path.');
  if (code === 'EISDIR') return inputError(file, 'this is a folder, not a file. Choose a file.');
  const name = path.basename(file);
  if (code === 'EACCES' || code === 'EPERM') {
    const message = `${name}: permission denied. Check the file's permissions.`;
    return new PostError('resource', message, { file });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PostError('resource', `${name}: the file cannot be read (${detail}).`, { file });
}

/** Reads and decodes the start of a file; refuses binary and non-UTF-8 content. */
export async function readHead(file: string): Promise<TextHead> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) throw inputError(file, 'the file is empty. Choose a file with data rows.');

    let length = Math.min(size, HEAD_BYTES);
    let bytes = await readBytes(handle, length);
    while (length < size && length < HEAD_MAX_BYTES && countNewlines(bytes) < HEAD_MIN_LINES) {
      length = Math.min(size, length * 4, HEAD_MAX_BYTES);
      bytes = await readBytes(handle, length);
    }
    const complete = length === size;
    return { text: decodeHead(file, bytes, complete), complete, size };
  } catch (error) {
    throw fileSystemError(file, error);
  } finally {
    await handle?.close();
  }
}

/** Largest file read whole (segment label files are a few KB). */
const WHOLE_TEXT_MAX_BYTES = 64 * 1024 * 1024;

/** Reads a small text file whole, with the same checks as `readHead`. */
export async function readWholeText(file: string): Promise<string> {
  const head = await readHead(file);
  if (head.complete) return head.text;
  if (head.size > WHOLE_TEXT_MAX_BYTES) {
    throw inputError(file, `the file is too large for this kind of file (${head.size} bytes).`);
  }
  try {
    return decodeHead(file, await fs.promises.readFile(file), true);
  } catch (error) {
    throw fileSystemError(file, error);
  }
}

async function readBytes(handle: fs.promises.FileHandle, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

function decodeHead(file: string, bytes: Buffer, complete: boolean): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw notText(file, lineOfByte(bytes, nul));

  let text: string;
  try {
    // `stream: true` when the sample is cut, so a character split at the cut is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = lenient.indexOf('\uFFFD');
    throw notText(file, bad === -1 ? undefined : lenient.slice(0, bad).split('\n').length);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!complete) {
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline > 0) text = text.slice(0, lastNewline + 1);
  }
  return text;
}

function lineOfByte(bytes: Buffer, offset: number): number {
  return countNewlines(bytes.subarray(0, offset)) + 1;
}

function notText(file: string, line: number | undefined): PostError {
  return inputError(
    file,
    'this is not a UTF-8 text file (binary or another encoding). ' +
      'Export the data as CSV in UTF-8 and open that file.',
    { line },
  );
}

/** Longest record accepted: a longer line is not a plausible row of numbers. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Line ends of a file from its start: CR alone only in files that have no LF at all (old Mac
 * files). Given explicitly, because csv-parse's own discovery is slow on very long lines.
 */
export function lineEndsOf(text: string): string[] {
  return !text.includes('\n') && text.includes('\r') ? ['\r'] : ['\r\n', '\n'];
}

/** The csv-parse options every reader uses, with the file's delimiter and line ends. */
export function csvOptions(delimiter: string, lineEnds: string[]) {
  return {
    delimiter,
    record_delimiter: lineEnds,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARS,
  };
}

export interface StreamOptions {
  delimiter: string;
  lineEnds: string[];
  /** First line (1-based) to parse; lines before it are skipped (a `sep=;` line). */
  fromLine?: number;
  signal?: AbortSignal;
  /** Fraction of the file's bytes read, in [0, 1]. */
  onProgress?(fraction: number): void;
}

/**
 * Streams the file through csv-parse and calls `onRecord` with each record's fields and its
 * 1-based line (the last line of a record that spans several lines). Empty lines and rows of
 * empty fields are skipped: they carry no value. Throws what `onRecord` throws.
 */
export async function streamRecords(
  file: string,
  options: StreamOptions,
  onRecord: (fields: string[], line: number) => void,
): Promise<void> {
  if (options.signal?.aborted) throw cancelled();

  // The line after the last record is where an unclosed quote opened.
  let lastLine = (options.fromLine ?? 1) - 1;
  const parser = parse({
    ...csvOptions(options.delimiter, options.lineEnds),
    from_line: options.fromLine ?? 1,
    on_record: (fields: string[], info: { lines: number }) => {
      onRecord(fields, info.lines);
      lastLine = info.lines;
      return null;
    },
  });
  const discard = new Writable({ objectMode: true, write: (_r, _e, done) => done() });

  try {
    await pipeline(fs.createReadStream(file), textGuard(file, options), parser, discard);
  } catch (error) {
    throw csvError(file, error, lastLine + 1);
  }
}

/** Checks each chunk (UTF-8, no NUL), reports progress and stops on cancellation. */
function textGuard(file: string, options: StreamOptions): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let bytesRead = 0;
  let reported = -1;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw fileSystemError(file, error);
  }

  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (options.signal?.aborted) return done(cancelled());
      try {
        if (chunk.indexOf(0) !== -1) throw new TypeError('NUL byte');
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(notText(file, undefined));
      }

      bytesRead += chunk.length;
      const fraction = size > 0 ? Math.min(1, bytesRead / size) : 1;
      if (options.onProgress && fraction - reported >= 0.01) {
        reported = fraction;
        options.onProgress(fraction);
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
      } catch {
        return done(notText(file, undefined));
      }
      done();
    },
  });
}

/**
 * csv-parse and stream errors as PostErrors with the line csv-parse reports, or for a quote
 * left open (which csv-parse reports at the end of the file) `recordLine`, where the record
 * holding it starts.
 */
export function csvError(file: string, error: unknown, recordLine?: number): PostError {
  if (isPostError(error)) return error;
  const code = (error as { code?: string } | undefined)?.code;
  const line = (error as { lines?: number } | undefined)?.lines;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return inputError(
      file,
      'a quoted field is never closed: the double quote (") that opens it here has no ' +
        'partner, so the rest of the file reads as one field. Close the quote, or write a quote ' +
        'inside a field as "".',
      { line: recordLine ?? line },
    );
  }
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return inputError(
      file,
      'a closing double quote is followed by more text in the same field. ' +
        'Write a quote inside a quoted field as "" or remove it.',
      { line },
    );
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return inputError(
      file,
      `this line is longer than ${MAX_RECORD_CHARS} characters, which no row of numbers needs. ` +
        'Check that the file is a table with one row per line.',
      { line },
    );
  }
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    const detail = error instanceof Error ? error.message : code;
    return inputError(file, `the file cannot be read as CSV (${detail}). Check this line.`, {
      line,
    });
  }
  return fileSystemError(file, error);
}
