// Contrast of a chart's text and marks against what is really behind them (WCAG 2 formula).
// Returns {background, caption, title, marks: [{mark, color, ratio}]} for the chart with the
// given element id. Every data mark and legend symbol counts (bars, points, lines, rules,
// areas, arcs, text), each in the colour it shows: its paint blended with the page behind
// it by its fill, stroke and group opacities (a mark at 40% opacity is as faint as it looks).
(chartId) => {
  const rgba = (text) => {
    const parts = (text.match(/[\d.]+/g) || []).map(Number);
    return parts.length >= 3 ? [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1] : null;
  };
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const behind = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const parts = rgba(getComputedStyle(e).backgroundColor);
      if (parts && parts[3] > 0) return parts.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const blend = (color, alpha, under) => color.map((c, i) => alpha * c + (1 - alpha) * under[i]);
  const chart = document.getElementById(chartId);
  const figure = chart.closest("figure");
  const background = behind(chart);
  const caption = figure.querySelector("figcaption");
  const title = chart.querySelector("svg .role-title-text text");
  // the opacity of the element and of every group it sits in, up to the chart's svg
  const groupOpacity = (e) => {
    let alpha = 1;
    for (let n = e; n && n.tagName.toLowerCase() !== "svg"; n = n.parentElement) {
      alpha *= Number(getComputedStyle(n).opacity);
    }
    return alpha;
  };
  // what a mark shows: its fill, or its stroke where it has no visible fill (lines, rules,
  // hollow points), with that paint's own alpha and opacity
  const shown = (e) => {
    const style = getComputedStyle(e);
    for (const [paint, opacity] of [["fill", "fillOpacity"], ["stroke", "strokeOpacity"]]) {
      const value = style[paint];
      if (!value || value === "none" || value.startsWith("url")) continue;
      const color = rgba(value);
      if (!color) continue;
      const alpha = color[3] * Number(style[opacity]) * groupOpacity(e);
      if (alpha > 0.01) return { color: color.slice(0, 3), alpha };
    }
    return null;
  };
  const MARKS = ["rect", "symbol", "line", "rule", "area", "arc", "trail", "text"]
    .flatMap((kind) => [".role-mark", ".role-legend-symbol"].map((role) => `svg .mark-${kind}${role} > *`))
    .join(", ");
  const marks = [];
  chart.querySelectorAll(MARKS).forEach((e) => {
    const paint = shown(e);
    if (!paint) return;
    const color = blend(paint.color, paint.alpha, background);
    marks.push({
      mark: e.parentElement.getAttribute("class"),
      color: color.map(Math.round).join(","),
      ratio: ratio(color, background),
    });
  });
  return {
    background: background.join(","),
    caption: ratio(rgba(getComputedStyle(caption).color).slice(0, 3), behind(caption)),
    title: title ? ratio(rgba(getComputedStyle(title).fill).slice(0, 3), background) : null,
    marks,
  };
}
