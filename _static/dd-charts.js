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
  // Japanese is written without spaces and may break between any two characters, except
  // before closing punctuation or between a figure and its unit (13日, 6.60兆円); each of
  // its characters is counted twice (a little over its width: titles start inset)
  var WIDE = "\u2e80-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef";
  var PARTS = new RegExp("[" + WIDE + "]|[^\\s" + WIDE + "]+|\\s+", "g");
  var IS_WIDE = new RegExp("[" + WIDE + "]");
  var NO_BREAK_BEFORE = /^[、。，．）」』】〕％・ー～〜：？！]/;
  function units(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      count += IS_WIDE.test(text[i]) ? 2 : 1;
    }
    return count;
  }
  function wrap(text, limit) {
    var lines = [];
    var line = "";
    (String(text).match(PARTS) || []).forEach(function (part) {
      if (/^\s+$/.test(part)) {
        line = line ? line + " " : line;
      } else if (
        line &&
        units(line + part) > limit &&
        !NO_BREAK_BEFORE.test(part) &&
        !(/\d$/.test(line) && IS_WIDE.test(part))
      ) {
        lines.push(line.replace(/\s+$/, ""));
        line = part;
      } else {
        line += part;
      }
    });
    if (line.trim()) {
      lines.push(line.replace(/\s+$/, ""));
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
  // every legend of a (nested) Vega spec
  function eachLegend(node, visit) {
    if (Array.isArray(node)) {
      node.forEach(function (item) { eachLegend(item, visit); });
    } else if (node && typeof node === "object") {
      Object.keys(node).forEach(function (key) {
        if (key === "legends" && Array.isArray(node[key])) {
          node[key].forEach(visit);
        }
        eachLegend(node[key], visit);
      });
    }
  }
  // `legendLimit`: the width legend labels may take, measured on a first drawing (see draw)
  function fitToWidth(spec, width, legendLimit) {
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
      var limit = legendLimit || Math.max(80, plotWidth - 30);
      spec.config.legend = Object.assign({}, spec.config.legend, { columns: 1, labelLimit: limit });
      eachLegend(spec, function (legend) {
        legend.labelLimit = limit;
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
  // Marks keep their contrast against the page: at least 3:1 on the dark page, 2:1 on the
  // light one (the Okabe–Ito orange is 2.25:1 on white; values are also given as text).
  // A colour too close to the page is moved towards white (dark page) or black (light page),
  // and a translucent mark is made opaque enough to keep that contrast (a 70% blue is 2.3:1
  // on the dark page). Opacities set by a condition (a highlight) are left as they are.
  var MIN_CONTRAST = { dark: 3.05, light: 2.05 };
  var NAMED = { black: [0, 0, 0], white: [255, 255, 255], gray: [128, 128, 128], grey: [128, 128, 128] };
  function parseColor(text) {
    if (typeof text !== "string") {
      return null;
    }
    var value = text.trim().toLowerCase();
    if (NAMED[value]) {
      return NAMED[value].slice();
    }
    var hex = value.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/);
    if (hex) {
      var h = hex[1].length === 3 ? hex[1].replace(/(.)/g, "$1$1") : hex[1];
      return [0, 2, 4].map(function (i) { return parseInt(h.slice(i, i + 2), 16); });
    }
    var rgb = value.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/);
    return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
  }
  function toHex(color) {
    return "#" + color.map(function (c) {
      return ("0" + Math.round(Math.max(0, Math.min(255, c))).toString(16)).slice(-2);
    }).join("");
  }
  function luminance(color) {
    var lin = color.map(function (c) {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  }
  function contrast(a, b) {
    var x = luminance(a);
    var y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function mix(color, toward, share) {
    return color.map(function (c, i) { return c + (toward[i] - c) * share; });
  }
  function pageBackground(mode) {
    var value = getComputedStyle(document.documentElement).getPropertyValue("--pst-color-background");
    return parseColor(value) || (mode === "dark" ? [18, 18, 18] : [255, 255, 255]);
  }
  // the colour itself where it stands out enough, else the nearest that does
  function legibleColor(text, page) {
    var color = parseColor(text.value !== undefined ? text.value : text);
    if (!color || contrast(color, page.color) >= page.min) {
      return null;
    }
    for (var share = 0.05; share <= 1; share += 0.05) {
      var moved = mix(color, page.toward, share);
      if (contrast(moved, page.color) >= page.min) {
        return toHex(moved);
      }
    }
    return toHex(page.toward);
  }
  // the least opacity at which every colour in `colors` keeps the contrast
  function leastOpacity(colors, page) {
    var least = 0;
    colors.forEach(function (color) {
      for (var alpha = 0.05; alpha < 1; alpha += 0.05) {
        if (contrast(mix(page.color, color, alpha), page.color) >= page.min) {
          break;
        }
      }
      least = Math.max(least, Math.min(alpha, 1));
    });
    return least;
  }
  function keepMarksVisible(spec, mode) {
    var page = {
      color: pageBackground(mode),
      min: MIN_CONTRAST[mode],
      toward: mode === "dark" ? [255, 255, 255] : [0, 0, 0],
    };
    // colours of scales (and of the config's ranges), by scale name
    var scaleColors = {};
    function fixList(list) {
      return list.map(function (item) {
        return typeof item === "string" ? legibleColor(item, page) || item : item;
      });
    }
    var ranges = (spec.config && spec.config.range) || {};
    Object.keys(ranges).forEach(function (key) {
      if (Array.isArray(ranges[key])) {
        ranges[key] = fixList(ranges[key]);
      }
    });
    var palette = (ranges.category || []).map(parseColor).filter(Boolean);
    (function scales(node) {
      if (Array.isArray(node)) {
        node.forEach(scales);
      } else if (node && typeof node === "object") {
        if (Array.isArray(node.scales)) {
          node.scales.forEach(function (scale) {
            if (Array.isArray(scale.range)) {
              scale.range = fixList(scale.range);
              scaleColors[scale.name] = scale.range.map(parseColor).filter(Boolean);
            } else if (scale.range === "category" || (scale.range && scale.range.scheme)) {
              scaleColors[scale.name] = palette;
            }
          });
        }
        Object.keys(node).forEach(function (key) { scales(node[key]); });
      }
    })(spec);
    function colorsOf(block) {
      var found = [];
      ["fill", "stroke"].forEach(function (channel) {
        var paint = block[channel];
        if (paint && typeof paint.value === "string") {
          var fixed = legibleColor(paint, page);
          if (fixed) {
            paint.value = fixed;
          }
          var color = parseColor(paint.value);
          if (color) {
            found.push(color);
          }
        } else if (paint && paint.scale && scaleColors[paint.scale]) {
          found = found.concat(scaleColors[paint.scale]);
        }
      });
      return found;
    }
    (function blocks(node) {
      if (Array.isArray(node)) {
        node.forEach(blocks);
      } else if (node && typeof node === "object") {
        var hasPaint = node.fill || node.stroke;
        var colors = hasPaint ? colorsOf(node) : [];
        ["opacity", "fillOpacity", "strokeOpacity"].forEach(function (key) {
          var setting = node[key];
          if (setting && typeof setting.value === "number" && setting.value < 1) {
            setting.value = Math.max(setting.value, leastOpacity(colors.length ? colors : palette, page));
          }
        });
        if (typeof node.symbolOpacity === "number" && node.symbolOpacity < 1) {
          node.symbolOpacity = Math.max(node.symbolOpacity, leastOpacity(palette, page));
        }
        Object.keys(node).forEach(function (key) { blocks(node[key]); });
      }
    })(spec);
    return spec;
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
    if (target.dataset.width !== String(width)) {
      delete target.dataset.legendLimit;
    }
    var legendLimit = Number(target.dataset.legendLimit || 0);
    var spec = fitToWidth(JSON.parse(script.textContent), width, legendLimit);
    target.dataset.width = String(width);
    var mode = dark() ? "dark" : "light";
    if (mode === "dark") {
      lightenTextMarks(spec);
    }
    keepMarksVisible(spec, mode);
    spec.background = "transparent";
    var view = new window.vega.View(window.vega.parse(spec, mode === "dark" ? DARK : undefined), {
      renderer: "svg",
      container: target,
      hover: true,
    });
    target.ddView = view;
    view.runAsync().then(function () {
      var room = legendLimit ? 0 : legendRoom(target);
      if (room) {
        // a legend label was shortened: draw again, giving labels the width they have
        target.dataset.legendLimit = String(room);
        draw(script);
        return;
      }
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
  // Vega shortens a legend label longer than its limit with "…". On a narrow screen the
  // limit is a guess made before drawing (the y-axis labels' width is not known then):
  // where a label was shortened, the width from the labels' left edge to the chart's right
  // edge is what they may take on a second drawing. 0 when nothing was shortened.
  function legendRoom(target) {
    var svg = target.querySelector("svg");
    if (!svg) {
      return 0;
    }
    var labels = Array.prototype.slice.call(svg.querySelectorAll(".role-legend-label text"));
    var cut = labels.filter(function (label) { return /…$/.test(label.textContent); });
    if (!cut.length) {
      return 0;
    }
    var right = svg.getBoundingClientRect().right;
    var left = Math.min.apply(null, cut.map(function (label) {
      return label.getBoundingClientRect().left;
    }));
    var room = Math.floor(right - left - 6);
    var widest = Math.max.apply(null, cut.map(function (label) {
      return label.getBoundingClientRect().width;
    }));
    return room > widest + 8 ? room : 0;
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
