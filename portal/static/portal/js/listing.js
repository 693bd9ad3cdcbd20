// Listing pages (spaces, events, calls): on narrow screens the results come first and the
// filters fold away until asked for. Loaded at the end of the body, not deferred: it runs
// before the first paint, so a phone never shows the filters unfolded first.
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  if (filters && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
    filters.open = false;
  }
})();
