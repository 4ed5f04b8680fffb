/**
 * Chooses and loads the TensorFlow.js backend the engine computes on.
 *
 * Called once by the command line, the extension worker, the benchmarks and the tests before
 * any tensor is made (`Detector.train` and `Detector.load` call `ensureBackend`, which keeps
 * a backend already chosen). The order is the fastest first: the native TensorFlow library
 * with CUDA, the native library on the CPU, WebAssembly, then plain JavaScript. The native
 * packages are optional dependencies that often cannot be installed, so each is loaded with
 * `require` inside try/catch: a missing one is a skip with its reason, not a crash.
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { PostError } from './errors';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export interface BackendInfo {
  name: BackendName;
  gpu: boolean;
  /** e.g. "wasm (WebAssembly, SIMD, 1 thread)" or "tensorflow-gpu (CUDA, ...)" */
  description: string;
  /** each backend tried before the one that runs, with why it did not load */
  skipped: { name: BackendName; reason: string }[];
}

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');

const ORDER: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

interface Loaded {
  description: string;
  gpu: boolean;
}

/** The info of each preference already resolved, so that a repeated call is idempotent. */
const resolved = new Map<BackendPreference, BackendInfo>();
let current: BackendInfo | undefined;

/**
 * Loads the fastest backend that works: tfjs-node-gpu, tfjs-node, wasm, cpu (or the forced
 * one; a forced one that does not load is a PostError of kind 'setting' naming 'backend').
 * Idempotent: a second call with the same preference returns the same info.
 */
export async function initBackend(preference: BackendPreference = 'auto'): Promise<BackendInfo> {
  const known = resolved.get(preference);
  if (known !== undefined) {
    await activate(known.name);
    current = known;
    return known;
  }

  const candidates = preference === 'auto' ? ORDER : [preference];
  if (!ORDER.includes(candidates[0])) {
    throw new PostError(
      'setting',
      `Setting 'backend' is '${preference}'; it must be one of auto, ${ORDER.join(', ')}.`,
      { setting: 'backend' },
    );
  }
  // PROD silences tfjs's console advice (e.g. "install tfjs-node"): the engine reports what
  // runs through `description` instead.
  tf.env().set('PROD', true);
  const skipped: BackendInfo['skipped'] = [];
  for (const name of candidates) {
    try {
      const loaded = await load(name);
      const info: BackendInfo = { name, gpu: loaded.gpu, description: loaded.description, skipped };
      resolved.set(preference, info);
      if (!resolved.has(name)) resolved.set(name, { ...info, skipped: [] });
      current = info;
      return info;
    } catch (error) {
      skipped.push({ name, reason: reasonOf(error) });
    }
  }

  const tried = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new PostError(
    'setting',
    `Setting 'backend' is '${preference}', but it could not be loaded (${tried}). ` +
      "Choose 'auto' or another backend.",
    { setting: 'backend' },
  );
}

/** The backend in use, or undefined before `initBackend`. */
export function currentBackend(): BackendInfo | undefined {
  return current;
}

/** Keeps the backend already chosen; chooses the fastest one when none was. */
export async function ensureBackend(): Promise<BackendInfo> {
  return current ?? initBackend('auto');
}

async function load(name: BackendName): Promise<Loaded> {
  switch (name) {
    case 'tensorflow-gpu':
      return loadNative('@tensorflow/tfjs-node-gpu', true);
    case 'tensorflow':
      return loadNative('@tensorflow/tfjs-node', false);
    case 'wasm':
      return loadWasm();
    case 'cpu':
      return loadCpu();
  }
}

/** Makes an already loaded backend the active one again (after another was forced). */
async function activate(name: BackendName): Promise<void> {
  const tfName = name === 'tensorflow-gpu' ? 'tensorflow' : name;
  if (tf.getBackend() !== tfName) await tf.setBackend(tfName);
  await tf.ready();
}

/**
 * The native packages register a backend named 'tensorflow' in the same tfjs-core engine
 * (npm installs one tfjs-core 4.22 for both), so the engine's ops run on it unchanged.
 *
 * Limitation: neither native package installs on the development machine, so this path has
 * not run here; it uses only public tfjs APIs and no CPU-only assumption (data is read back
 * with `await data()` once per batch). `isUsingGpuDevice` is the tfjs-node backend's flag
 * for a CUDA device; where it is absent the GPU package is taken at its word.
 */
async function loadNative(pkg: string, wantGpu: boolean): Promise<Loaded> {
  // TensorFlow takes all GPU memory at start unless told to grow; other processes
  // (the editor, a second model) share the device.
  if (wantGpu && process.env.TF_FORCE_GPU_ALLOW_GROWTH === undefined) {
    process.env.TF_FORCE_GPU_ALLOW_GROWTH = 'true';
  }
  if (process.env.TF_CPP_MIN_LOG_LEVEL === undefined) process.env.TF_CPP_MIN_LOG_LEVEL = '2';

  let native: { version?: Record<string, string> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    native = require(pkg);
  } catch (error) {
    throw new Error(`${pkg} is not installed or does not load (${reasonOf(error)})`);
  }
  if (!(await tf.setBackend('tensorflow'))) {
    throw new Error(`${pkg} loaded but its 'tensorflow' backend did not start`);
  }
  await tf.ready();

  const tfVersion = native.version?.['tfjs-node'] ?? native.version?.['tfjs-core'] ?? '';
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  if (wantGpu) {
    if (backend.isUsingGpuDevice === false) {
      throw new Error(`${pkg} loaded but TensorFlow found no CUDA device`);
    }
    return { gpu: true, description: `tensorflow-gpu (CUDA, TensorFlow C library ${tfVersion})` };
  }
  return { gpu: false, description: `tensorflow (TensorFlow C library on the CPU ${tfVersion})` };
}

/**
 * WebAssembly: in Node the .wasm files are read from the package's dist folder. Both a plain
 * directory path and a file URL of it load in Node 20 with tfjs 4.22; the plain path (with
 * its trailing separator, since the file name is appended to it) is used because it also
 * holds for paths with spaces or non-ASCII letters, which a URL would have to escape.
 *
 * Limitation: tfjs-backend-wasm 4.22 turns multithreading off in Node (its feature test
 * returns false there, tensorflow/tfjs#3830, and forcing it fails because its workers are
 * Blob URLs), so the wasm backend runs on one thread even on a multi-core machine.
 */
async function loadWasm(): Promise<Loaded> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm: WasmModule = require('@tensorflow/tfjs-backend-wasm');
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
  if (tf.findBackendFactory('wasm') === null) throw new Error('the wasm backend did not register');
  wasm.setWasmPaths(dist);
  if (!(await tf.setBackend('wasm'))) {
    throw new Error(`the WebAssembly binary could not be loaded from ${dist}`);
  }
  await tf.ready();
  shareIdentityOnWasm();

  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = wasm.getThreadsCount();
  const threadWord = threads === 1 ? '1 thread' : `${threads} threads`;
  const simdWord = simd ? 'SIMD' : 'no SIMD';
  return { gpu: false, description: `wasm (WebAssembly, ${simdWord}, ${threadWord})` };
}

/**
 * The gradient tape clones every tensor it saves for the backward pass, and the wasm
 * backend's Identity kernel copies the data, several [B, H, L, L] copies per training step.
 * Tensors are immutable, so the clone can share the data and count one more reference, as
 * the cpu backend's Identity and the wasm backend's own Reshape do.
 */
function shareIdentityOnWasm(): void {
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      (backend as tf.KernelBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

async function loadCpu(): Promise<Loaded> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not start');
  await tf.ready();
  return { gpu: false, description: 'cpu (plain JavaScript)' };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}
