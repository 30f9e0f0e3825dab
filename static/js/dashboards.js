// The dashboards' charts: each <canvas data-chart="ID"> draws the figures of the JSON script element
// #ID (json_script) with Chart.js. A month not shown (a figure under 5) is a gap; the table under each
// chart gives the same figures as text. No inline script (CSP).
(function () {
  "use strict";
  const charts = new Map();

  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.chart);
      if (!source || charts.has(canvas)) return;
      const data = JSON.parse(source.textContent);
      charts.set(canvas, new Chart(canvas, {
        type: "line",
        data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, borderColor: "#00707f", backgroundColor: "#00707f", spanGaps: false, tension: 0.2 }] },
        options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      }));
    });
  }

  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.body.addEventListener("htmx:afterSwap", (event) => draw(event.detail.target));
})();
