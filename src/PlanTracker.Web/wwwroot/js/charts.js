// Draws every <canvas data-chart="ID"> from the Chart.js configuration in <script type="application/json" id="ID">.
// The server writes the figures (the same ones as the table under each chart); this file only draws them, so the
// page has no inline script (CSP) and works without it (the table stays).
(function () {
  'use strict';

  if (typeof window.Chart === 'undefined') {
    return;
  }

  var palette = {
    green: '#2e7d32',
    amber: '#f9a825',
    red: '#c62828',
    grey: '#9e9e9e',
    blue: '#1565c0',
    lightBlue: '#90caf9',
    purple: '#6a1b9a'
  };

  // Colour names in the JSON become the palette's values, so the server speaks in status words, not hex.
  function resolveColours(value) {
    if (Array.isArray(value)) {
      return value.map(resolveColours);
    }

    return typeof value === 'string' && Object.prototype.hasOwnProperty.call(palette, value) ? palette[value] : value;
  }

  function prepare(config) {
    (config.data.datasets || []).forEach(function (dataset) {
      ['backgroundColor', 'borderColor', 'pointBackgroundColor'].forEach(function (key) {
        if (dataset[key] !== undefined) {
          dataset[key] = resolveColours(dataset[key]);
        }
      });
    });

    config.options = config.options || {};
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.animation = false;
    return config;
  }

  window.Chart.defaults.font.family = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) {
      return;
    }

    var box = canvas.parentElement;
    if (box && box.getAttribute('data-height')) {
      box.style.height = box.getAttribute('data-height') + 'px';
    }

    var config = prepare(JSON.parse(source.textContent));
    var chart = new window.Chart(canvas, config);
    var points = chart.data.datasets.reduce(function (sum, dataset) { return sum + dataset.data.length; }, 0);

    // Read by the browser tests: drawn, and with how many data points.
    canvas.setAttribute('data-rendered', 'true');
    canvas.setAttribute('data-points', String(points));
  });
}());
