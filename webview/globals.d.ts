/**
 * Globals of the panel's page. plotly.js is loaded from media/vendor/plotly-strict.min.js
 * before media/webview.js and used through its UMD global `Plotly` (typed by @types/plotly.js,
 * reached with allowUmdGlobalAccess); VS Code injects `acquireVsCodeApi`.
 */
export {};

declare global {
  interface VsCodeApi<State> {
    postMessage(message: unknown): void;
    getState(): State | undefined;
    setState(state: State): State;
  }
  function acquireVsCodeApi<State = unknown>(): VsCodeApi<State>;
}
