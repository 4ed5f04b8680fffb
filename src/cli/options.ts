/**
 * Parsing and checking of command-line option values for `post-ad` (src/cli/main.ts): each
 * bad value becomes a PostError whose message names the option and says what it accepts.
 */
import { InvalidArgumentError } from 'commander';

import { BackendPreference } from '../engine/backend';
import { ConfigError, parseAssignments } from '../engine/config';
import type { SegmentFormat } from '../engine/data/labels';
import { PostError } from '../engine/errors';

export const BACKENDS: readonly BackendPreference[] = [
  'auto',
  'tensorflow-gpu',
  'tensorflow',
  'wasm',
  'cpu',
];

const SEGMENT_WORDS: Record<string, Partial<SegmentFormat>> = {
  smd: { endInclusive: false, oneBased: true },
  asd: { endInclusive: true, oneBased: true },
  'end-inclusive': { endInclusive: true },
  'end-exclusive': { endInclusive: false },
  'one-based': { oneBased: true },
  'zero-based': { oneBased: false },
};

/**
 * `--segments smd`, `asd`, or a comma list of `end-inclusive|end-exclusive` and
 * `one-based|zero-based` (channel numbering), which may change one aspect of `smd` or `asd`.
 * Two conventions, or two words for the same aspect, are refused: one of them would be lost.
 */
export function parseSegmentFormat(text: string): Partial<SegmentFormat> {
  const words = text.split(',').map((w) => w.trim().toLowerCase());
  for (const word of words) {
    if (!SEGMENT_WORDS[word]) {
      const known = Object.keys(SEGMENT_WORDS).join(', ');
      throw new InvalidArgumentError(`'${word}' is not a segment format; use ${known}.`);
    }
  }

  // At most one dataset's convention, then words that each change one aspect of it, once.
  const conventions = words.filter((w) => DATASET_CONVENTIONS.includes(w));
  if (conventions.length > 1) {
    throw new InvalidArgumentError(
      `'${text}' names ${conventions.length} conventions (${conventions.join(', ')}); give one.`,
    );
  }
  const format: Partial<SegmentFormat> = { ...SEGMENT_WORDS[conventions[0] ?? ''] };
  const changed = new Set<keyof SegmentFormat>();
  for (const word of words.filter((w) => !DATASET_CONVENTIONS.includes(w))) {
    const parts = Object.entries(SEGMENT_WORDS[word]) as [keyof SegmentFormat, boolean][];
    for (const [key, value] of parts) {
      if (changed.has(key) && format[key] !== value) {
        throw new InvalidArgumentError(
          `'${text}' says two different things about ${SEGMENT_ASPECT[key]}; give each once.`,
        );
      }
      changed.add(key);
      format[key] = value;
    }
  }
  return format;
}

const DATASET_CONVENTIONS = ['smd', 'asd'];

const SEGMENT_ASPECT: Record<keyof SegmentFormat, string> = {
  endInclusive: 'whether the end row is included',
  oneBased: 'whether channels count from 1',
};

/** A commander argument parser for a folder: an empty one would silently mean the default. */
export function folderPath(text: string): string {
  if (text.trim() === '') throw new InvalidArgumentError('the folder name is empty; give one.');
  return text;
}

/** A commander argument parser for a positive integer. */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`'${text}' is not a positive integer.`);
  }
  return value;
}

/** A commander argument parser for a seed (a non-negative 31-bit integer). */
export function seedValue(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new InvalidArgumentError(`'${text}' is not an integer from 0 to ${2 ** 31 - 1}.`);
  }
  return value;
}

/** A commander argument parser for a fraction strictly between 0 and 1. */
export function fraction(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new InvalidArgumentError(`'${text}' is not a number between 0 and 1 (e.g. 0.5).`);
  }
  return value;
}

export function backendName(text: string): BackendPreference {
  if (!(BACKENDS as readonly string[]).includes(text)) {
    const known = BACKENDS.join(', ');
    throw new InvalidArgumentError(`'${text}' is not a backend; use one of ${known}.`);
  }
  return text as BackendPreference;
}

/** Collects repeated `--set key=value` options into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The extension's run settings, which the command line takes as options of their own. */
const RUN_SETTING_OPTIONS: Record<string, string> = {
  trainFraction: '--train-fraction',
  backend: '--backend',
  labelColumn: '--labels <column>',
  timeColumn: '--time-column',
  outputFolder: '--out',
};

/** `--set` pairs as overrides; a malformed pair is a PostError naming it. */
export function overridesFrom(pairs: readonly string[] | undefined): Record<string, string> {
  try {
    const overrides = parseAssignments(pairs ?? []);
    for (const key of Object.keys(overrides)) {
      if (Object.hasOwn(RUN_SETTING_OPTIONS, key)) {
        throw new PostError(
          'setting',
          `'${key}' is not a --set key on the command line; use ${RUN_SETTING_OPTIONS[key]} ` +
            'instead.',
          { setting: key },
        );
      }
    }
    return overrides;
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new PostError('setting', error.message, { setting: error.key });
    }
    throw error;
  }
}
