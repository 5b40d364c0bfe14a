// Tables: a text filter on the claims ledger and scroll frames for wide tables.
// Adds a text filter above every table marked dd-filterable: rows whose text does not
// contain what the reader types are hidden; a count says how many are shown.
// The words these scripts write follow the page's language (<html lang>).
var ddWords = (document.documentElement.lang || "en").slice(0, 2) === "ja" ? {
  filter: "行を絞り込む…",
  filterLabel: "下の表の行を絞り込む",
  count: function (shown, all) { return all + "行中" + shown + "行を表示"; },
  scrolls: "表、横にスクロールできます",
  hint: "表は画面より幅が広いため、横にスクロールしてください。"
} : {
  filter: "Filter rows…",
  filterLabel: "Filter the rows of the table below",
  count: function (shown, all) { return shown + " of " + all + " rows"; },
  scrolls: "table, scrolls sideways",
  hint: "The table is wider than the screen: scroll it sideways."
};
(function () {
  "use strict";
  function attach(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var box = document.createElement("input");
    box.type = "search";
    box.className = "dd-filter";
    box.placeholder = ddWords.filter;
    box.setAttribute("aria-label", ddWords.filterLabel);
    var count = document.createElement("span");
    count.className = "dd-filter-count";
    count.setAttribute("aria-live", "polite");
    function apply() {
      var needle = box.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var match = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      count.textContent = ddWords.count(shown, rows.length);
    }
    box.addEventListener("input", apply);
    var bar = document.createElement("div");
    bar.className = "dd-filter-bar";
    bar.appendChild(box);
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    apply();
  }
  function init() {
    document.querySelectorAll("table.dd-filterable").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
// Wide tables scroll inside their own frame rather than widening the page. A frame that
// overflows is marked (dd.css draws it as scrollable), can be scrolled with the keyboard
// (focusable, named after the table) and says that it scrolls.
(function () {
  "use strict";
  var FRAMES = ".cell_output .output.text_html, .dd-table-frame, .pst-scrollable-table-container";
  function mark() {
    document.querySelectorAll(FRAMES).forEach(function (frame) {
      var table = frame.querySelector("table");
      if (!table) {
        return;
      }
      var scrolls = frame.scrollWidth > frame.clientWidth + 1;
      frame.classList.toggle("dd-scrolls", scrolls);
      if (scrolls && !frame.hasAttribute("tabindex")) {
        var caption = table.querySelector("caption");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", (caption ? caption.textContent.trim() + ": " : "") +
          ddWords.scrolls);
        var hint = document.createElement("p");
        hint.className = "dd-scroll-hint";
        hint.textContent = ddWords.hint;
        frame.parentNode.insertBefore(hint, frame);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", function () { setTimeout(mark, 200); });
})();
