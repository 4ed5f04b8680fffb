/**
 * The model folder: what a trained Detector writes and reads back.
 *
 * Called by `Detector.save` and `Detector.load`. A folder holds two files:
 * - `post-model.json`: format and engine version, config (seed included), channel names,
 *   normalisation statistics, scoring statistics (the residual statistics of 'product'
 *   scoring or the spatial statistics of 'paper' scoring), threshold, training history,
 *   caller metadata, and the manifest of the binary file (byte length, CRC-32, and each
 *   tensor's name, shape and offset);
 * - `weights.bin`: every tensor as little-endian float32, one after the other: the model's
 *   parameters under their stable names (the learned graphs are `layerN.spatial.graph`), the
 *   k-NN start of the graph (`graph.initial`) and the training scores (`training.scores`).
 * The JSON is written last, so a folder whose write was interrupted has no manifest and is
 * reported as damaged rather than read half-written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import {
  ConfigError,
  ConfigKey,
  PARAMETERS,
  PostConfig,
  parseValue,
  validateConfig,
} from '../config';
import { PostError } from '../errors';
import { ChannelStats, LossTerms, Threshold } from '../types';
import { crc32 } from './checksum';

/** Model-file format version; `load` refuses another. */
export const ENGINE_VERSION = '1.1';
export const MODEL_FILE = 'post-model.json';
export const WEIGHTS_FILE = 'weights.bin';
const FORMAT = 'post-model';

export interface NamedTensor {
  shape: number[];
  values: Float32Array;
}

/** Scoring statistics as stored: a kind and named numeric arrays. */
export interface StoredScoring {
  kind: 'paper' | 'product';
  arrays: Record<string, Float32Array>;
  numbers: Record<string, number>;
}

export interface ModelContents {
  config: PostConfig;
  channels: string[];
  stats: ChannelStats;
  scoring: StoredScoring;
  threshold?: Threshold;
  meta: Record<string, unknown>;
  history: { epoch: number; terms: LossTerms; seconds: number }[];
  tensors: Map<string, NamedTensor>;
}

interface Manifest {
  file: string;
  bytes: number;
  crc32: number;
  tensors: { name: string; shape: number[]; offset: number }[];
}

/** Writes the model into `dir`, which must exist and be empty. */
export async function writeModelFolder(dir: string, contents: ModelContents): Promise<void> {
  await checkEmptyFolder(dir);

  const { bytes, manifest } = packTensors(contents.tensors);
  const json = {
    format: FORMAT,
    engineVersion: ENGINE_VERSION,
    savedAt: new Date().toISOString(),
    config: contents.config,
    seed: contents.config.seed,
    channels: contents.channels,
    stats: { mean: Array.from(contents.stats.mean), std: Array.from(contents.stats.std) },
    scoring: {
      kind: contents.scoring.kind,
      arrays: mapValues(contents.scoring.arrays, (a) => Array.from(a)),
      numbers: contents.scoring.numbers,
    },
    threshold: contents.threshold ?? null,
    history: contents.history,
    meta: contents.meta,
    weights: manifest,
  };

  try {
    await fs.writeFile(path.join(dir, WEIGHTS_FILE), bytes);
    await fs.writeFile(path.join(dir, MODEL_FILE), JSON.stringify(json, null, 1));
  } catch (error) {
    throw new PostError(
      'resource',
      `Could not write the model into ${dir}: ${(error as Error).message}. ` +
        'Check the free disk space and the folder permissions.',
      { file: dir },
    );
  }
}

/** Reads and checks a model folder; every defect is a PostError of kind 'model'. */
export async function readModelFolder(dir: string): Promise<ModelContents> {
  const json = await readJson(dir);
  const damaged = (what: string) =>
    new PostError(
      'model',
      `The model folder ${dir} is damaged: ${what}. Train and save the model again.`,
      { file: path.join(dir, MODEL_FILE) },
    );

  if (!isObject(json) || json.format !== FORMAT) throw damaged(`${MODEL_FILE} is not a POST model`);
  if (json.engineVersion !== ENGINE_VERSION) {
    throw new PostError(
      'model',
      `The model in ${dir} was saved by engine version ${String(json.engineVersion)}; this ` +
        `version reads version ${ENGINE_VERSION} only. Train the model again with this version.`,
      { file: path.join(dir, MODEL_FILE) },
    );
  }

  const config = readConfig(dir, json.config);
  const channels = json.channels;
  const named = Array.isArray(channels) && channels.every((c) => typeof c === 'string');
  if (!named || channels.length === 0) {
    throw damaged('the channel names are missing');
  }
  const C = channels.length;
  const stats = isObject(json.stats) ? json.stats : {};
  const scoring = isObject(json.scoring) ? json.scoring : {};
  const weights = json.weights;
  if (!isManifest(weights)) throw damaged('the weights manifest is missing or malformed');

  return {
    config,
    channels: channels as string[],
    stats: {
      mean: numberArray(stats.mean, C, 'stats.mean', damaged),
      std: numberArray(stats.std, C, 'stats.std', damaged),
    },
    scoring: readScoring(scoring, damaged),
    threshold: isObject(json.threshold) ? (json.threshold as unknown as Threshold) : undefined,
    meta: isObject(json.meta) ? json.meta : {},
    history: Array.isArray(json.history) ? (json.history as ModelContents['history']) : [],
    tensors: await readTensors(dir, weights, damaged),
  };
}

async function checkEmptyFolder(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    throw new PostError('input', `The model folder ${dir} does not exist; create it first.`, {
      file: dir,
    });
  }
  if (entries.length > 0) {
    throw new PostError(
      'input',
      `The model folder ${dir} is not empty (it holds ${entries.slice(0, 3).join(', ')}` +
        `${entries.length > 3 ? ', ...' : ''}); choose an empty folder.`,
      { file: dir },
    );
  }
}

async function readJson(dir: string): Promise<unknown> {
  const file = path.join(dir, MODEL_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new PostError(
      'model',
      `${dir} is not a saved model: ${MODEL_FILE} is missing or unreadable. ` +
        'Choose the folder a trained model was saved into.',
      { file },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PostError(
      'model',
      `The model folder ${dir} is damaged: ${MODEL_FILE} is not valid JSON ` +
        `(${oneLine((error as Error).message)}). Train and save the model again.`,
      { file },
    );
  }
}

function readConfig(dir: string, raw: unknown): PostConfig {
  const file = path.join(dir, MODEL_FILE);
  try {
    if (!isObject(raw)) throw new ConfigError('config', 'the settings are missing');
    const config: Record<string, unknown> = {};
    for (const key of Object.keys(PARAMETERS) as ConfigKey[]) {
      if (!(key in raw)) throw new ConfigError(key, `setting '${key}' is missing`);
      config[key] = parseValue(key, raw[key]);
    }
    return validateConfig(config as unknown as PostConfig);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const setting = error instanceof ConfigError ? error.key : undefined;
    throw new PostError(
      'model',
      `The model in ${dir} has settings this version cannot use: ${detail} ` +
        'Train the model again.',
      { file, setting },
    );
  }
}

function readScoring(raw: Record<string, unknown>, damaged: (what: string) => PostError) {
  if (raw.kind !== 'paper' && raw.kind !== 'product') {
    throw damaged('the scoring statistics are missing');
  }
  const arrays: Record<string, Float32Array> = {};
  const numbers: Record<string, number> = {};
  for (const [key, value] of Object.entries(isObject(raw.arrays) ? raw.arrays : {})) {
    arrays[key] = numberArray(value, undefined, `scoring.${key}`, damaged);
  }
  for (const [key, value] of Object.entries(isObject(raw.numbers) ? raw.numbers : {})) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw damaged(`scoring.${key} is not a number`);
    }
    numbers[key] = value;
  }
  return { kind: raw.kind, arrays, numbers } as StoredScoring;
}

async function readTensors(
  dir: string,
  manifest: Manifest,
  damaged: (what: string) => PostError,
): Promise<Map<string, NamedTensor>> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dir, manifest.file));
  } catch {
    throw damaged(`${manifest.file} is missing`);
  }
  if (bytes.length !== manifest.bytes) {
    throw damaged(`${manifest.file} has ${bytes.length} bytes instead of ${manifest.bytes}`);
  }
  if (crc32(bytes) !== manifest.crc32) throw damaged(`${manifest.file} fails its checksum`);

  // Copy into an aligned buffer: a Buffer may start at any byte offset of its pool.
  const floats = new Float32Array(Uint8Array.from(bytes).buffer);
  const tensors = new Map<string, NamedTensor>();
  for (const entry of manifest.tensors) {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.offset + size > floats.length) {
      throw damaged(`tensor ${entry.name} lies outside ${manifest.file}`);
    }
    const values = floats.slice(entry.offset, entry.offset + size);
    tensors.set(entry.name, { shape: entry.shape, values });
  }
  return tensors;
}

function packTensors(tensors: Map<string, NamedTensor>): { bytes: Uint8Array; manifest: Manifest } {
  let total = 0;
  for (const t of tensors.values()) total += t.values.length;
  const floats = new Float32Array(total);
  const entries: Manifest['tensors'] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    floats.set(t.values, offset);
    entries.push({ name, shape: t.shape, offset });
    offset += t.values.length;
  }
  // Float32Array uses the platform's byte order; every platform Node runs on is little-endian.
  const bytes = new Uint8Array(floats.buffer);
  return {
    bytes,
    manifest: { file: WEIGHTS_FILE, bytes: bytes.length, crc32: crc32(bytes), tensors: entries },
  };
}

function numberArray(
  value: unknown,
  length: number | undefined,
  name: string,
  damaged: (what: string) => PostError,
): Float32Array {
  const ok =
    Array.isArray(value) &&
    (length === undefined || value.length === length) &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!ok) throw damaged(`${name} is missing or has the wrong length`);
  return Float32Array.from(value as number[]);
}

function isManifest(value: unknown): value is Manifest {
  if (!isObject(value) || !Array.isArray(value.tensors)) return false;
  const shapeOk = (s: unknown) => Array.isArray(s) && s.every((n) => Number.isInteger(n) && n >= 0);
  return (
    typeof value.file === 'string' &&
    path.basename(value.file) === value.file &&
    Number.isInteger(value.bytes) &&
    Number.isInteger(value.crc32) &&
    value.tensors.every(
      (t) =>
        isObject(t) &&
        typeof t.name === 'string' &&
        shapeOk(t.shape) &&
        Number.isInteger(t.offset),
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

/** A parser's message on one line: it may quote the damaged text, line breaks included. */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ');
}
