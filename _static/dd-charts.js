// Draws every chart on the page with the site's own Vega runtime (vega-bundle.js, loaded
// before this file), fitted to the width each chart has, and redraws them when the reader
// switches light / dark mode or the width changes. The specs are Vega, compiled from
// Vega-Lite when the site is built, so pages need no Vega-Lite compiler.
(function () {
  "use strict";
  function dark() {
    return document.documentElement.dataset.theme === "dark";
  }
  // Vega never wraps or shortens titles and legends: at phone width they would be cut at
  // the chart's edge. Before drawing, titles and x-axis titles are re-wrapped for the width
  // available, label widths capped and legends set one entry per line. Widths per character
  // are generous averages for the 15 px title and 12 px text fonts.
  var TITLE_PX_PER_CHAR = 8.6;
  var TEXT_PX_PER_CHAR = 6.8;
  function wrap(text, limit) {
    var lines = [];
    var line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > limit) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }
  function rewrapEach(lines, limit) {
    return [].concat.apply([], [].concat(lines).map(function (line) { return wrap(line, limit); }));
  }
  // caps every explicit label width, wraps the titles of bottom (x) axes and, on a narrow
  // screen, sets legends one entry per line, anywhere in a (nested) Vega spec
  function fitParts(node, fit) {
    if (Array.isArray(node)) {
      node.forEach(function (item) { fitParts(item, fit); });
    } else if (node && typeof node === "object") {
      if (node.orient === "bottom" && node.scale && typeof node.title === "string") {
        node.title = wrap(node.title, fit.axisTitleChars);
      }
      Object.keys(node).forEach(function (key) {
        if (key === "labelLimit" && typeof node[key] === "number") {
          node[key] = Math.min(node[key], fit.labelLimit);
        } else if (key === "columns" && typeof node[key] === "number" && fit.oneColumn) {
          node[key] = 1;
        } else {
          fitParts(node[key], fit);
        }
      });
    }
  }
  function fitToWidth(spec, width) {
    var title = spec.title;
    if (title && typeof title === "object") {
      if (title.text) {
        var titleChars = Math.max(18, Math.floor(width / TITLE_PX_PER_CHAR));
        title.text = wrap([].concat(title.text).join(" "), titleChars);
      }
      if (title.subtitle) {
        // the subtitle's lines as written (charts.py keeps them), not as wrapped for a desktop
        var written = (spec.usermeta && spec.usermeta.subtitleLines) || title.subtitle;
        title.subtitle = rewrapEach(written, Math.max(24, Math.floor(width / TEXT_PX_PER_CHAR)));
      }
    }
    // y labels may take up to 42% of the width; titles and legends below the plot are
    // centred on, or start at, the remaining plot area
    var labelLimit = Math.floor(width * 0.42);
    var plotWidth = width - labelLimit;
    fitParts(spec, {
      labelLimit: labelLimit,
      axisTitleChars: Math.max(16, Math.floor(plotWidth / TITLE_PX_PER_CHAR)),
      oneColumn: width < 560,
    });
    spec.config = spec.config || {};
    spec.config.axis = Object.assign({}, spec.config.axis, { labelLimit: labelLimit });
    if (width < 560) {
      spec.config.legend = Object.assign({}, spec.config.legend, {
        columns: 1,
        labelLimit: Math.max(80, plotWidth - 30),
      });
    }
    return spec;
  }
  // the dark theme of vega-themes (what vega-embed applied), as a Vega config
  var DARK = {
    title: { color: "#fff", subtitleColor: "#fff" },
    style: { "guide-label": { fill: "#fff" }, "guide-title": { fill: "#fff" } },
    axis: { domainColor: "#fff", gridColor: "#888", tickColor: "#fff" },
  };
  // text marks left at Vega-Lite's default colour are compiled to an explicit black fill,
  // which no config can override: on the dark page they are drawn white instead
  function lightenTextMarks(node) {
    if (Array.isArray(node)) {
      node.forEach(lightenTextMarks);
    } else if (node && typeof node === "object") {
      var fill = node.type === "text" && node.encode && node.encode.update && node.encode.update.fill;
      if (fill && fill.value === "black") {
        fill.value = "#fff";
      }
      Object.keys(node).forEach(function (key) { lightenTextMarks(node[key]); });
    }
  }
  function draw(script) {
    var target = document.getElementById(script.dataset.for);
    if (!target || !window.vega) {
      console.error("chart " + script.dataset.for + ": the local Vega bundle is missing");
      return;
    }
    if (target.ddView) {
      target.ddView.finalize();
      target.textContent = "";
    }
    var width = target.clientWidth || document.documentElement.clientWidth;
    var spec = fitToWidth(JSON.parse(script.textContent), width);
    target.dataset.width = String(width);
    var mode = dark() ? "dark" : "light";
    if (mode === "dark") {
      lightenTextMarks(spec);
    }
    spec.background = "transparent";
    var view = new window.vega.View(window.vega.parse(spec, mode === "dark" ? DARK : undefined), {
      renderer: "svg",
      container: target,
      hover: true,
    });
    target.ddView = view;
    view.runAsync().then(function () {
      // the container is named by the chart's description, not by Vega's own labels
      target.setAttribute("role", "img");
      target.setAttribute("aria-label", target.dataset.description);
      target.dataset.drawn = mode;
      var svg = target.querySelector("svg");
      if (svg) {
        // the figure's aria-label carries the description; the svg itself is decorative
        svg.setAttribute("aria-hidden", "true");
      }
    }).catch(function (error) {
      console.error("chart " + script.dataset.for + ": " + error);
    });
  }
  function drawAll() {
    document.querySelectorAll("script.dd-spec").forEach(draw);
  }
  // a phone turned sideways, or a resized window: draw again where the width moved enough
  // to change how titles wrap
  var resizing = null;
  function redrawResized() {
    document.querySelectorAll("script.dd-spec").forEach(function (script) {
      var target = document.getElementById(script.dataset.for);
      if (target && Math.abs(target.clientWidth - Number(target.dataset.width || 0)) > 40) {
        draw(script);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
    new MutationObserver(drawAll).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(redrawResized, 250);
    });
  });
})();
