/**
 * report.html: well-formed, self-contained (no network), carries the data, escapes what it
 * shows, and keeps long series small while their peaks survive.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';

import { buildReportData } from '../../../src/engine/report/reportData';
import { buildReport, embedJson, escapeHtml } from '../../../src/engine/report/reportHtml';
import { makeContent } from '../io/resultFixture';

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
const PLOTLY = readFileSync(require.resolve('plotly.js/dist/plotly-strict.min.js'), 'utf8');

/** Script bodies removed; then every non-void tag must close in order. */
function assertBalanced(html: string): void {
  const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2');
  const stack: string[] = [];
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const [, closing, rawName] = match;
    const name = rawName.toLowerCase();
    if (VOID.has(name)) continue;
    if (!closing) {
      stack.push(name);
    } else {
      const open = stack.pop();
      assert.strictEqual(open, name, `</${name}> closes <${open}>`);
    }
  }
  assert.deepStrictEqual(stack, [], 'every element is closed');
}

function embeddedData(html: string): unknown {
  const match = /<script type="application\/json" id="post-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, 'the data element is present');
  return JSON.parse(match[1]);
}

describe('report.html', () => {
  const input = makeContent({ timestamps: true });
  const html = buildReport(input);

  it('is a complete, balanced HTML document', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.ok(html.trimEnd().endsWith('</html>'));
    assertBalanced(html);
  });

  it('embeds the plotted data as JSON that parses back', () => {
    assert.deepStrictEqual(embeddedData(html), JSON.parse(JSON.stringify(buildReportData(input))));
  });

  it('inlines Plotly and loads nothing from the network', () => {
    assert.ok(html.includes(PLOTLY.slice(0, 2000)), 'the Plotly bundle is inlined');
    assert.ok(!/<script[^>]+src=/i.test(html), 'no script is loaded by URL');
    assert.ok(!/<link\b/i.test(html), 'no stylesheet is linked');
    const ours = html.replace(PLOTLY, '');
    assert.ok(ours.length < html.length - 1e6, 'the bundle was found and removed');
    assert.ok(!/https?:\/\//i.test(ours), 'no URL outside the Plotly bundle');
  });

  it('escapes channel names and notes in the markup and in the JSON', () => {
    assert.ok(!html.includes('<b>valve</b>'), 'the channel name is never raw HTML');
    assert.ok(!html.includes('<script>alert(1)'), 'the note is never raw HTML');
    assert.ok(html.includes('&#60;b&#62;valve&#60;/b&#62; (1.5)'), 'events table shows the name');
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62; is a note'));
  });

  it('lists each event with its rows and top channels', () => {
    assert.ok(html.includes('<h2>Events (1)</h2>'));
    const [x0, x1] = [Date.UTC(2024, 0, 1, 0, 2), Date.UTC(2024, 0, 1, 0, 3)];
    assert.ok(html.includes(`data-x0="${x0}" data-x1="${x1}"`));
    assert.ok(html.includes('data-channels="2"'));
  });
});

describe('report data', () => {
  it('orders heatmap channels by total contribution and shades labelled runs', () => {
    const input = makeContent();
    const data = buildReportData(input);

    // Column sums of (i % 7) / 7 over 6 rows × 3 channels: c0 = 0+3+6+2+5+1, c1 = 1+4+0+3+6+2,
    // c2 = 2+5+1+4+0+3 (all / 7): 17, 16, 15.
    assert.deepStrictEqual(data.order, [0, 1, 2]);
    assert.deepStrictEqual(data.labelSpans, [{ x0: 1.5, x1: 4.5 }]);
    assert.deepStrictEqual(data.events, [{ x0: 1.5, x1: 3.5 }]);
    assert.strictEqual(data.xKind, 'row');
  });

  it('widens spans by half the time step on a time axis', () => {
    const data = buildReportData(makeContent({ timestamps: true }));
    const minute = 60_000;

    assert.strictEqual(data.xKind, 'date');
    assert.deepStrictEqual(data.events, [
      { x0: Date.UTC(2024, 0, 1, 0, 2) - minute / 2, x1: Date.UTC(2024, 0, 1, 0, 3) + minute / 2 },
    ]);
  });

  it('keeps a long score trace under 5,000 points with its one-row spike', () => {
    const input = makeContent();
    const rows = 200_000;
    const C = input.scores.channels.length;
    const score = new Float32Array(rows).fill(0.5);
    score[123_457] = 9;
    score[7] = -1;
    const long = {
      ...input,
      scores: {
        ...input.scores,
        rows,
        score,
        detected: new Uint8Array(rows),
        labels: undefined,
        channelScore: new Float32Array(rows * C),
      },
      values: new Float32Array(rows * C),
      events: [],
    };

    const data = buildReportData(long);

    assert.ok(data.score.x.length <= 5000, `${data.score.x.length} points`);
    assert.ok(data.score.x.includes(123_457) && data.score.x.includes(7));
    assert.strictEqual(Math.max(...data.score.y), 9);
    assert.strictEqual(Math.min(...data.score.y), -1);
    assert.ok(data.heatmap.x.length <= 1000);
    assert.strictEqual(data.heatmap.zmax, 0, 'all channel scores are 0 here');
    for (const trace of data.channelTraces) assert.ok(trace.x.length <= 5000);
  });
});

describe('HTML and JSON escaping', () => {
  it('escapes the five HTML-special characters', () => {
    assert.strictEqual(
      escapeHtml(`<a href="x">'&'</a>`),
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;',
    );
  });

  it('embeds JSON with no < left and parses back unchanged', () => {
    const value = { name: '</script><!-- x', sep: '\u2028' };
    const text = embedJson(value);
    assert.ok(!text.includes('<'));
    assert.ok(!text.includes('\u2028'));
    assert.deepStrictEqual(JSON.parse(text), value);
  });
});
