// The ☰ (site navigation) and "contents" buttons a reader sees on a phone work.
//
// The pydata theme binds its sidebar buttons with `document.querySelector(".primary-toggle")`
// and `(".secondary-toggle")`: the first button of each kind, which is the theme's own navbar
// button — hidden in the book theme, whose visible buttons sit in the article's header. A tap
// on the visible ones reached no handler. Here every other button of each kind passes its
// click on to the one the theme listens to, so the theme opens its sidebar dialog (or, on a
// wide screen, the book theme folds the sidebar away) exactly as it would for its own button.
(function () {
  "use strict";
  function forward(selector) {
    var buttons = document.querySelectorAll(selector);
    var bound = buttons[0];
    if (!bound) {
      return;
    }
    Array.prototype.slice.call(buttons, 1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
        // A tap or a mouse click (not a key: its click has no count) leaves no focus on the
        // button, whose tooltip would otherwise stay over the header; from the keyboard,
        // focus comes back to the button when the sidebar closes, as the theme intends.
        if (event.detail > 0) {
          var opened = document.querySelector("dialog[open]");
          if (opened) {
            opened.addEventListener("close", function () {
              setTimeout(function () { button.blur(); }, 0);
            }, { once: true });
          } else {
            button.blur();
          }
        }
      });
    });
  }
  function setUp() {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
