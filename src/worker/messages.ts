/**
 * The IPC messages between the extension host and one detection worker process
 * (src/worker/worker.ts, forked by src/extension/run/workerJob.ts). One worker runs one
 * request and exits. Only types are imported from the engine so that the extension host,
 * which imports this file, never loads TensorFlow.js.
 */
import type { DetectionRequest } from '../engine/job';
import type { BackendInfo } from '../engine/backend';
import type { LossEntry } from '../engine/detector';
import type { ErrorKind, ErrorPlace } from '../engine/errors';
import type { Progress } from '../engine/types';

// ---- host -> worker ----

export interface StartMessage {
  type: 'start';
  request: DetectionRequest;
}
export interface CancelMessage {
  type: 'cancel';
}
export type ToWorker = StartMessage | CancelMessage;

// ---- worker -> host ----

export interface BackendMessage {
  type: 'backend';
  info: BackendInfo;
}
export interface ProgressMessage {
  type: 'progress';
  progress: Progress;
}
/** Loss entries gathered since the last message (sent a few times per second at most). */
export interface LossBatchMessage {
  type: 'loss';
  entries: LossEntry[];
}
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'debug';
  message: string;
}
export interface DoneMessage {
  type: 'done';
  result: { outDir: string; events: number; seconds: number };
}
/** `kind` 'internal' marks an exception that is not a PostError (a defect). */
export interface FailedMessage {
  type: 'failed';
  error: { kind: ErrorKind | 'internal'; message: string; place: ErrorPlace; stack?: string };
}
export type FromWorker =
  | BackendMessage
  | ProgressMessage
  | LossBatchMessage
  | LogMessage
  | DoneMessage
  | FailedMessage;

const WORKER_MESSAGE_TYPES: readonly FromWorker['type'][] = [
  'backend',
  'progress',
  'loss',
  'log',
  'done',
  'failed',
];

/** A light check of what arrives over IPC: our own process, but a crash can garble it. */
export function isFromWorker(raw: unknown): raw is FromWorker {
  if (typeof raw !== 'object' || raw === null) return false;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' && (WORKER_MESSAGE_TYPES as readonly string[]).includes(type);
}

export function isToWorker(raw: unknown): raw is ToWorker {
  if (typeof raw !== 'object' || raw === null) return false;
  const message = raw as { type?: unknown; request?: unknown };
  if (message.type === 'cancel') return true;
  const hasRequest = typeof message.request === 'object' && message.request !== null;
  return message.type === 'start' && hasRequest;
}
