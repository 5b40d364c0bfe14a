// Contrast of a chart's text and marks against what is really behind them (WCAG 2 formula).
// Returns {caption, title, marks: [{color, ratio}]} for the chart with the given element id.
(chartId) => {
  const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const behind = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const parts = rgb(getComputedStyle(e).backgroundColor);
      if (parts.length === 3 || (parts.length === 4 && parts[3] > 0)) return parts.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const chart = document.getElementById(chartId);
  const figure = chart.closest("figure");
  const background = behind(chart);
  const caption = figure.querySelector("figcaption");
  const title = chart.querySelector("svg .role-title-text text");
  const paint = (e, property) => {
    const value = getComputedStyle(e)[property];
    return value && value !== "none" && !value.startsWith("url") ? rgb(value).slice(0, 3) : null;
  };
  const marks = [];
  chart.querySelectorAll("svg .mark-rect path, svg .mark-symbol path, svg .mark-line path, svg .mark-text text").forEach((e) => {
    const color = paint(e, "fill") || paint(e, "stroke");
    if (color && color.length === 3) marks.push({ color: color.join(","), ratio: ratio(color, background) });
  });
  return {
    background: background.join(","),
    caption: ratio(rgb(getComputedStyle(caption).color).slice(0, 3), behind(caption)),
    title: title ? ratio(rgb(getComputedStyle(title).fill).slice(0, 3), background) : null,
    marks,
  };
}
