/**
 * The webview's side of the channel to the extension host: typed posting of FromWebview
 * messages, and the state VS Code keeps for the panel while it is hidden or after a reload
 * (the results folder and the user's choices; the data itself is sent again by the host).
 */
import type { FromWebview } from '../src/protocol';

export interface SavedState {
  outDir?: string;
  xRange?: [number, number];
  selected?: number[];
  normalised?: boolean;
  layer?: number;
}

const api = acquireVsCodeApi<SavedState>();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

export function savedState(): SavedState {
  return api.getState() ?? {};
}

export function saveState(state: SavedState): void {
  api.setState(state);
}

/** Reports a problem in the panel to the extension's log ("[panel] page: ..."). */
export function reportError(where: string, error: unknown): void {
  const message = `${where}: ${error instanceof Error ? error.message : String(error)}`;
  post({ type: 'log', level: 'error', message });
}
