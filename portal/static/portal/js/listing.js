// Listing pages (spaces, events, calls): on narrow screens the results come first and the
// filters and the map fold away until asked for. Loaded at the end of the body, not deferred: it runs
// before the first paint, so a phone never shows the filters unfolded first.
(function () {
  "use strict";
  // Choosing an order sorts at once (without JavaScript, the "Sort" button beside it does).
  var ordering = document.getElementById("id_ordering");
  if (ordering && ordering.form) {
    ordering.addEventListener("change", function () {
      ordering.form.submit();
    });
  }
  if (!window.matchMedia || !window.matchMedia("(max-width: 48rem)").matches) return;
  ["filters", "map-box"].forEach(function (id) {
    var box = document.getElementById(id);
    if (box) box.open = false;
  });
})();
