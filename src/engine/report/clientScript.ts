/**
 * The browser-side script of report.html, as text: it reads the embedded JSON (ReportData,
 * report/reportData.ts) and draws the plots with the inlined Plotly bundle. Kept as plain ES5
 * so that any browser opening the saved file runs it; reportHtml.ts inlines it.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('post-data').textContent);
  var xType = data.xKind === 'date' ? 'date' : 'linear';
  var config = { displaylogo: false, responsive: true };
  var EVENT_FILL = 'rgba(214, 39, 40, 0.15)';
  var LABEL_FILL = 'rgba(255, 127, 14, 0.55)';
  // Plotly reads a few HTML tags in labels; entities make a channel name show as written.
  function plain(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  var labels = data.channels.map(plain);
  var names = function (indices) { return indices.map(function (c) { return labels[c]; }); };

  function spans(list, fill, yref, y0, y1) {
    return list.map(function (s) {
      return { type: 'rect', xref: 'x', yref: yref, x0: s.x0, x1: s.x1, y0: y0, y1: y1,
        fillcolor: fill, line: { width: 0 }, layer: 'below' };
    });
  }

  // Score with threshold, events and labels on top; localization heatmap below, same x axis.
  function drawTimeline() {
    var x = data.score.x;
    var traces = [
      { type: 'scatter', mode: 'lines', name: 'anomaly score', x: x, y: data.score.y,
        line: { width: 1, color: '#1f77b4' }, yaxis: 'y' },
      { type: 'scatter', mode: 'lines', name: 'threshold', x: [x[0], x[x.length - 1]],
        y: [data.threshold, data.threshold], line: { dash: 'dash', color: '#d62728' }, yaxis: 'y' },
      { type: 'heatmap', name: 'localization', x: data.heatmap.x, y: names(data.order),
        z: data.heatmap.z, zmax: data.heatmap.zmax > 0 ? data.heatmap.zmax : undefined,
        colorscale: 'Reds', yaxis: 'y2',
        colorbar: { title: { text: 'channel score' }, y: 0.22, len: 0.45 } }
    ];
    var shapes = spans(data.events, EVENT_FILL, 'y domain', 0, 1)
      .concat(spans(data.labelSpans, LABEL_FILL, 'y domain', 0, 0.05));
    var layout = {
      height: 640, margin: { t: 30, l: 140, r: 30, b: 40 }, shapes: shapes,
      legend: { orientation: 'h', y: 1.06 },
      xaxis: { type: xType, anchor: 'y2' },
      yaxis: { domain: [0.55, 1], title: { text: 'score' } },
      yaxis2: { domain: [0, 0.45], type: 'category', autorange: 'reversed', automargin: true }
    };
    return Plotly.newPlot('timeline', traces, layout, config);
  }

  // Selected channels as small multiples, events shaded across all of them.
  function drawChannels(selected) {
    var n = Math.max(selected.length, 1);
    var gap = 0.03;
    var height = (1 - gap * (n - 1)) / n;
    var layout = { height: Math.max(260, 140 * n), margin: { t: 20, l: 60, r: 30, b: 40 },
      showlegend: true, legend: { orientation: 'h', y: 1.04 },
      shapes: spans(data.events, EVENT_FILL, 'paper', 0, 1),
      xaxis: { type: xType, anchor: n > 1 ? 'y' + n : 'y' } };
    var traces = selected.map(function (c, i) {
      var axis = i === 0 ? 'yaxis' : 'yaxis' + (i + 1);
      var top = 1 - i * (height + gap);
      layout[axis] = { domain: [Math.max(top - height, 0), top] };
      var trace = data.channelTraces[c];
      return { type: 'scatter', mode: 'lines', name: labels[c], x: trace.x, y: trace.y,
        line: { width: 1 }, yaxis: i === 0 ? 'y' : 'y' + (i + 1) };
    });
    return Plotly.react('channels', traces, layout, config);
  }

  function drawGraph(index) {
    var trace = { type: 'heatmap', z: data.graph.matrices[index], x: labels, y: labels,
      colorscale: 'Blues', zmin: 0 };
    var layout = { height: 560, margin: { t: 20, l: 140, b: 140 },
      xaxis: { type: 'category', title: { text: 'to channel' } },
      yaxis: { type: 'category', autorange: 'reversed', title: { text: 'from channel' } } };
    return Plotly.react('graph', [trace], layout, config);
  }

  function selectedChannels(select) {
    var out = [];
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].selected) out.push(Number(select.options[i].value));
    }
    return out;
  }

  function setupChannelPicker() {
    var select = document.getElementById('channel-picker');
    data.order.forEach(function (c, rank) {
      var option = document.createElement('option');
      option.value = String(c);
      option.textContent = data.channels[c];
      option.selected = rank < 4;
      select.appendChild(option);
    });
    select.addEventListener('change', function () { drawChannels(selectedChannels(select)); });
    return select;
  }

  function setupGraphPicker() {
    var select = document.getElementById('graph-picker');
    data.graph.names.forEach(function (name, i) {
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = name;
      select.appendChild(option);
    });
    select.value = String(data.graph.names.length - 1);
    select.addEventListener('change', function () { drawGraph(Number(select.value)); });
    drawGraph(data.graph.names.length - 1);
  }

  // Zooming the timeline zooms the channel plot to the same span.
  function linkZoom(timeline) {
    timeline.on('plotly_relayout', function (e) {
      // A drag reports the two ends separately; a programmatic zoom reports the pair.
      var range = e['xaxis.range'] ||
        (e['xaxis.range[0]'] !== undefined ? [e['xaxis.range[0]'], e['xaxis.range[1]']] : null);
      if (range) {
        Plotly.relayout('channels', { 'xaxis.range': range });
      } else if (e['xaxis.autorange']) {
        Plotly.relayout('channels', { 'xaxis.autorange': true });
      }
    });
  }

  // The score axis fitted to the points between lo and hi, so a zoomed event fills the plot.
  function scoreRange(lo, hi) {
    var min = data.threshold;
    var max = data.threshold;
    data.score.x.forEach(function (x, i) {
      if (x >= lo && x <= hi) {
        min = Math.min(min, data.score.y[i]);
        max = Math.max(max, data.score.y[i]);
      }
    });
    var margin = (max - min) * 0.08 || 1;
    return [min - margin, max + margin];
  }

  // A click on an event row zooms to the event and shows its top channels.
  function setupEventRows(select) {
    var rows = document.querySelectorAll('#events tbody tr');
    Array.prototype.forEach.call(rows, function (row) {
      row.addEventListener('click', function () {
        var x0 = Number(row.getAttribute('data-x0'));
        var x1 = Number(row.getAttribute('data-x1'));
        var pad = Math.max((x1 - x0) * 2, data.xKind === 'date' ? 600000 : 20);
        var top = row.getAttribute('data-channels').split(' ').map(Number);
        for (var i = 0; i < select.options.length; i++) {
          select.options[i].selected = top.indexOf(Number(select.options[i].value)) >= 0;
        }
        var lo = x0 - pad;
        var hi = x1 + pad;
        drawChannels(top).then(function () {
          var zoom = { 'xaxis.range': [lo, hi], 'yaxis.range': scoreRange(lo, hi) };
          Plotly.relayout('timeline', zoom);
        });
        document.getElementById('timeline').scrollIntoView({ behavior: 'smooth' });
      });
    });
  }

  var select = setupChannelPicker();
  drawTimeline().then(linkZoom);
  drawChannels(selectedChannels(select));
  setupGraphPicker();
  setupEventRows(select);
})();
`;
