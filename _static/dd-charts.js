// Draws every chart on the page with the site's own Vega bundle (vega-bundle.js, loaded
// before this file), and redraws them when the reader switches light / dark mode.
(function () {
  "use strict";
  function dark() {
    return document.documentElement.dataset.theme === "dark";
  }
  function draw(script) {
    var target = document.getElementById(script.dataset.for);
    if (!target || !window.vegaEmbed) {
      console.error("chart " + script.dataset.for + ": the local Vega bundle is missing");
      return;
    }
    var spec = JSON.parse(script.textContent);
    var options = { actions: false, renderer: "svg", theme: dark() ? "dark" : undefined };
    if (dark()) {
      spec.background = "transparent";
    }
    window.vegaEmbed(target, spec, options).then(function (result) {
      // vega-embed labels its container "Vega visualization": restore the description
      target.setAttribute("role", "img");
      target.setAttribute("aria-label", target.dataset.description);
      target.dataset.drawn = dark() ? "dark" : "light";
      var svg = target.querySelector("svg");
      if (svg) {
        // the figure's aria-label carries the description; the svg itself is decorative
        svg.setAttribute("aria-hidden", "true");
      }
      return result;
    }).catch(function (error) {
      console.error("chart " + script.dataset.for + ": " + error);
    });
  }
  function drawAll() {
    document.querySelectorAll("script.dd-spec").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
    new MutationObserver(drawAll).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
  });
})();
