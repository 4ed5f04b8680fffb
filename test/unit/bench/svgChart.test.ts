import { strict as assert } from 'assert';
import { axis, chartGrid, escapeXml, lineChart, niceStep } from '../../../bench/svgChart';

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

describe('bench: SVG line chart', () => {
  it('draws one polyline per series and one marker per usable point', () => {
    const svg = lineChart({
      title: 'Time',
      xLabel: 'rows',
      yLabel: 's',
      series: [
        { name: 'a', points: [[1, 1], [2, 4], [3, 9]] },
        { name: 'b', points: [[1, 2], [2, NaN], [3, 3]] },
      ],
    });
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.endsWith('</svg>'));
    assert.equal(count(svg, /<polyline /g), 2);
    assert.equal(count(svg, /<circle /g), 5);
  });

  it('maps larger y values higher up and larger x values further right', () => {
    const series = [{ name: 's', points: [[0, 0], [10, 5]] as [number, number][] }];
    const svg = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series });
    const attribute = /<polyline points="([^"]+)"/.exec(svg)?.[1];
    const points = attribute?.split(' ').map((p) => p.split(',').map(Number));
    assert.ok(points);
    assert.ok(points[1][0] > points[0][0]);
    assert.ok(points[1][1] < points[0][1]);
  });

  it('leaves non-positive values out on a log axis and says when there is no data', () => {
    const svg = lineChart({
      title: 't', xLabel: 'x', yLabel: 'y', logX: true,
      series: [{ name: 's', points: [[0, 1], [10, 2], [1000, 3]] }],
    });
    assert.equal(count(svg, /<circle /g), 2);
    const nothing = [{ name: 's', points: [] }];
    const empty = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: nothing });
    assert.match(empty, />no data</);
  });

  it('escapes text', () => {
    assert.equal(escapeXml('a<b & "c">'), 'a&lt;b &amp; &quot;c&quot;&gt;');
    const svg = lineChart({ title: 'x < y', xLabel: 'x', yLabel: 'y', series: [] });
    assert.match(svg, /x &lt; y/);
  });

  it('chooses nice ticks: whole powers of ten on a log axis', () => {
    assert.equal(niceStep(0.7), 1);
    assert.equal(niceStep(1.3), 2);
    assert.equal(niceStep(3), 5);
    assert.equal(niceStep(42), 50);
    const log = axis([10_000, 1_000_000], true);
    assert.deepEqual(log.ticks, [1e4, 1e5, 1e6]);
    assert.equal(log.fraction(1e5), 0.5);
    const linear = axis([3, 47], false, true);
    assert.deepEqual(linear.ticks, [0, 10, 20, 30, 40, 50]);
    assert.equal(linear.fraction(25), 0.5);
  });

  it('places charts in a grid', () => {
    const size = { width: 100, height: 50 };
    const chart = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [], ...size });
    const grid = chartGrid([chart, chart, chart], 2, 100, 50, 'All');
    assert.match(grid, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="200" height="128"/);
    assert.match(grid, /<svg x="100" y="28" /);
    assert.match(grid, /<svg x="0" y="78" /);
  });
});
