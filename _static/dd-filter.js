// Adds a text filter above every table marked dd-filterable: rows whose text does not
// contain what the reader types are hidden; a count says how many are shown.
(function () {
  "use strict";
  function attach(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var box = document.createElement("input");
    box.type = "search";
    box.className = "dd-filter";
    box.placeholder = "Filter rows…";
    box.setAttribute("aria-label", "Filter the rows of the table below");
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
      count.textContent = shown + " of " + rows.length + " rows";
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
