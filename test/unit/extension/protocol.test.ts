/**
 * The guard on messages from the results panel's webview: every message the protocol defines
 * passes typed, anything else (unknown type, missing or mistyped fields, out-of-range values)
 * is rejected.
 */
import * as assert from 'assert';
import { MAX_REQUESTED_CHANNELS, parseFromWebview } from '../../../src/protocol';

const report = {
  outDir: '/r/data',
  plots: [
    { id: 'score-plot', points: 8000 },
    { id: 'heatmap-plot', points: 16000 },
  ],
  heatmap: { rows: 8, columns: 2000 },
  eventRows: 3,
};

describe('parseFromWebview', () => {
  it('accepts each message type of the protocol', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    const range = { type: 'requestRange', requestId: 7, start: 10, end: 99, channels: [0, 3] };
    assert.deepStrictEqual(parseFromWebview(range), range);
    const rendered = { type: 'rendered', report };
    assert.deepStrictEqual(parseFromWebview(rendered), rendered);
    assert.deepStrictEqual(parseFromWebview({ type: 'log', level: 'warn', message: 'x' }), {
      type: 'log',
      level: 'warn',
      message: 'x',
    });
    assert.deepStrictEqual(parseFromWebview({ type: 'command', command: 'exportResults' }), {
      type: 'command',
      command: 'exportResults',
    });
  });

  it('drops extra fields instead of passing them on', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'ready', evil: 'x' }), { type: 'ready' });
  });

  it('rejects what is not an object with a known type', () => {
    for (const raw of [undefined, null, 42, 'ready', [], {}, { type: 7 }, { type: 'results' }]) {
      assert.strictEqual(parseFromWebview(raw), undefined, JSON.stringify(raw));
    }
  });

  it('rejects range requests with bad ids, rows or channels', () => {
    const good = { type: 'requestRange', requestId: 1, start: 0, end: 10, channels: [1] };
    const bad = [
      { ...good, requestId: -1 },
      { ...good, requestId: 1.5 },
      { ...good, start: -3 },
      { ...good, start: '0' },
      { ...good, end: NaN },
      { ...good, start: 11, end: 10 },
      { ...good, channels: 'all' },
      { ...good, channels: [0, -1] },
      { ...good, channels: [0.5] },
      { ...good, channels: [...Array(MAX_REQUESTED_CHANNELS + 1).keys()] },
    ];
    for (const raw of bad) {
      assert.strictEqual(parseFromWebview(raw), undefined, JSON.stringify(raw));
    }
    assert.ok(parseFromWebview({ ...good, channels: [...Array(MAX_REQUESTED_CHANNELS).keys()] }));
  });

  it('rejects rendered reports with unknown plots or bad counts', () => {
    const bad = [
      { ...report, plots: [{ id: 'other-plot', points: 1 }] },
      { ...report, plots: [{ id: 'score-plot', points: -1 }] },
      { ...report, heatmap: { rows: 1 } },
      { ...report, eventRows: '3' },
      { ...report, outDir: 5 },
    ];
    for (const r of bad) {
      assert.strictEqual(parseFromWebview({ type: 'rendered', report: r }), undefined);
    }
  });

  it('rejects unknown log levels and commands', () => {
    assert.strictEqual(parseFromWebview({ type: 'log', level: 'fatal', message: 'x' }), undefined);
    assert.strictEqual(parseFromWebview({ type: 'log', level: 'info' }), undefined);
    assert.strictEqual(parseFromWebview({ type: 'command', command: 'deleteResults' }), undefined);
  });
});
