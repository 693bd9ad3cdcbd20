// Progressive enhancement shared by every page: each part works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // On a phone the menu, the site search and the account links fold behind one button.
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (toggle && menu) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("open", open);
      if (open) {
        var first = menu.querySelector("a, input, button");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("open")) {
        toggle.click();
        toggle.focus();
      }
    });
  }

  // Long facet lists (search/filter_panel.html): a box that narrows the options as one types.
  // The options carry their label folded by the server (portal.search.text.fold); what is
  // typed is folded the same way here. Delegated, so it keeps working when a listing replaces
  // its results in place.
  function fold(text) {
    var plain = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss").replace(/œ/g, "oe").replace(/æ/g, "ae");
    return (plain.match(/[0-9a-z]+/g) || []).join(" ");
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("facet-filter")) return;
    var facet = box.closest(".facet");
    var wanted = fold(box.value.trim());
    var shown = 0;
    facet.querySelectorAll(".facet-option").forEach(function (option) {
      var match = !wanted || (option.dataset.folded || fold(option.textContent)).indexOf(wanted) !== -1;
      option.classList.toggle("filtered-out", !match);
      if (match) shown += 1;
    });
    var more = facet.querySelector(".facet-more");
    if (more && wanted) more.open = true;
    var none = facet.querySelector(".facet-none");
    if (none) none.hidden = shown > 0;
  });

  // Enter in a filter box narrows the list; it does not send the search form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList && event.target.classList.contains("facet-filter")) {
      event.preventDefault();
    }
  });

  document.querySelectorAll(".facet-filter-field").forEach(function (field) { field.hidden = false; });
  // Listings that swap their results in place announce it with this event.
  document.addEventListener("portal:updated", function () {
    document.querySelectorAll(".facet-filter-field").forEach(function (field) { field.hidden = false; });
  });

  // Place pickers (portal.places.forms.PlaceInput): suggestions in the visitor's language.
  var placeTimer = null;
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.dataset || !input.dataset.placeSuggest || !window.fetch) return;
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || input.value.trim().length < 2) return;
    clearTimeout(placeTimer);
    placeTimer = setTimeout(function () {
      fetch(input.dataset.placeSuggest + "?q=" + encodeURIComponent(input.value.trim()))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
