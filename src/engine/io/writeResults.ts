/**
 * Writes a complete results folder (scores.csv, events.json, graph.json, training.json,
 * model/, report.html, summary.json) atomically: the detection job calls it once at the end
 * of a run; a failure or cancellation midway leaves the earlier folder intact.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { isPostError, PostError, throwIfCancelled } from '../errors';
import { buildReport } from '../report/reportHtml';
import { replaceDirAtomically } from './atomicDir';
import { RESULT_FILES, ResultContent } from './resultFiles';
import { writeScoresCsv } from './scoresCsv';

export interface ResultsToWrite extends ResultContent {
  /** The scored channel values (rows × channels, row-major) for the report's channel plot. */
  values: Float32Array;
  /** Writes the model into the given empty folder (Detector.save); no model/ when absent. */
  saveModel?: (dir: string) => Promise<void>;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called with the name of each file before it is written, its index and the count. */
  onFile?(name: string, index: number, count: number): void;
}

/** Writes `content` into `outDir`, replacing an earlier results folder there; returns its path. */
export async function writeResults(
  outDir: string,
  content: ResultsToWrite,
  options: WriteOptions = {},
): Promise<string> {
  const target = path.resolve(outDir);
  const { signal, onFile } = options;

  await replaceDirAtomically(
    target,
    async (dir) => {
      let index = 0;
      const count = content.saveModel ? 7 : 6;
      const write = async (name: string, run: (file: string) => Promise<void>) => {
        throwIfCancelled(signal);
        onFile?.(name, index++, count);
        try {
          await run(path.join(dir, name));
        } catch (error) {
          throw writeError(error, target, name);
        }
      };

      await write(RESULT_FILES.scores, (file) => writeScoresCsv(file, content.scores));
      await write(RESULT_FILES.events, (file) => writeJson(file, content.events, 2));
      await write(RESULT_FILES.graph, (file) => writeJson(file, roundGraph(content.graph)));
      await write(RESULT_FILES.training, (file) => writeJson(file, content.training));
      if (content.saveModel) {
        const save = content.saveModel;
        await write(RESULT_FILES.model, async (file) => {
          await fs.mkdir(file);
          await save(file);
        });
      }
      await write(RESULT_FILES.report, (file) => fs.writeFile(file, buildReport(content)));
      // Last, because its presence marks a complete results folder (atomicDir.RESULTS_MARKER).
      await write(RESULT_FILES.summary, (file) => writeJson(file, content.summary, 2));
    },
    signal,
  );
  return target;
}

/**
 * A file-system error while writing (disk full, permissions changed midway) as a PostError
 * naming the folder and what to do; the engine's own errors (cancelled, ...) pass unchanged.
 */
function writeError(error: unknown, target: string, name: string): unknown {
  if (isPostError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const advice =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'free some disk space or choose another results folder'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? "check the folder's permissions or choose another results folder"
        : 'choose another results folder';
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new PostError(
    'resource',
    `Cannot write ${name} into the results folder '${target}' (${detail}); ${advice}. ` +
      'The earlier results there are unchanged.',
    { file: target, setting: 'out' },
  );
}

async function writeJson(file: string, value: unknown, indent?: number): Promise<void> {
  await fs.writeFile(file, JSON.stringify(value, null, indent) + '\n', 'utf8');
}

/** Adjacency weights to 6 significant digits: a viewer needs no more, and files stay small. */
function roundGraph(graph: ResultContent['graph']): ResultContent['graph'] {
  const round = (m: number[][]) => m.map((row) => row.map((v) => Number(v.toPrecision(6))));
  return {
    channels: graph.channels,
    initial: round(graph.initial),
    layers: graph.layers.map(round),
  };
}
