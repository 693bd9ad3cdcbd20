// Progressive enhancement of the directory: the form works without this file.
(function () {
  "use strict";
  var root = document.getElementById("directory");
  if (!root || !window.fetch) return;
  var timer = null;
  var filtersOpen = null;
  var controller = null;

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (!params.get(key)) params.delete(key);
    });
    return form.action + (params.toString() ? "?" + params.toString() : "");
  }

  // The search the results show (path and query, never the #fragment).
  var shown = location.pathname + location.search;

  function refresh(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    var target = new URL(url, location.href);
    target.hash = "";
    shown = target.pathname + target.search;
    var partial = new URL(target.href);
    partial.searchParams.set("partial", "1");
    root.setAttribute("aria-busy", "true");
    fetch(partial.href, { signal: controller.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        // Whoever is typing keeps their text, caret and focus: the results change around them.
        var focused = document.activeElement;
        var inside = focused && root.contains(focused);
        var active = inside && focused.id;
        // An element without an id (a chip, "show more", a result's link) is found again by its
        // place among the focusable elements: the focus never falls to <body>.
        var place = inside && !active ? focusables().indexOf(focused) : -1;
        var typing = active && typeof focused.selectionStart === "number" && focused.type !== "checkbox"
          && focused.type !== "radio";
        var state = typing ? { value: focused.value, start: focused.selectionStart, end: focused.selectionEnd } : null;
        // The facet filter boxes and "show more" keep what the person did with them.
        var kept = Array.from(root.querySelectorAll(".facet")).map(function (facet) {
          var box = facet.querySelector(".facet-filter");
          var more = facet.querySelector(".facet-more");
          return { id: facet.id, text: box ? box.value : "", open: more ? more.open : false };
        });
        root.innerHTML = html;
        Object.keys(suggested).forEach(fillList);
        kept.forEach(function (state) {
          var facet = document.getElementById(state.id);
          if (!facet) return;
          var more = facet.querySelector(".facet-more");
          if (more) more.open = state.open;
          var box = facet.querySelector(".facet-filter");
          if (box && state.text) {
            box.value = state.text;
            box.dispatchEvent(new Event("input", { bubbles: true }));
          }
        });
        document.dispatchEvent(new CustomEvent("portal:updated"));
        root.removeAttribute("aria-busy");
        if (push) history.pushState({}, "", target.href);
        keepFiltersInLanguageLinks();
        // Before the focus moves: the new panel comes unfolded, and folding it after the focus
        // scrolled to the count would pull the count out of sight.
        bind();
        var again = active && document.getElementById(active);
        if (again) {
          again.focus();
          if (state) {
            again.value = state.value;
            again.setSelectionRange(state.start, state.end);
          }
        } else if (inside) {
          var list = focusables();
          var near = place >= 0 ? list[Math.min(place, list.length - 1)] : null;
          (near || document.getElementById("result-count") || root).focus();
        }
      })
      .catch(function () { root.removeAttribute("aria-busy"); });
  }

  function focusables() {
    return Array.from(root.querySelectorAll("a[href], button, input, select, textarea, summary"))
      .filter(function (el) { return !el.disabled && el.offsetParent !== null; });
  }

  // The labels last suggested for each <datalist>: the results' refresh, 350 ms after each
  // keystroke, redraws the search box with an empty list, which is filled again from here.
  var suggested = {};

  function fillList(listId) {
    var list = document.getElementById(listId);
    if (!list) return;
    list.innerHTML = "";
    (suggested[listId] || []).forEach(function (label) {
      var option = document.createElement("option");
      option.value = label;
      list.appendChild(option);
    });
  }

  // Fill a <datalist> with what an endpoint suggests for the text typed so far. An answer
  // for text typed since ("lo" arriving after "lott") is dropped.
  function suggest(input, listId, endpoint) {
    var typed = input.value;
    if (typed.length < 2) {
      delete suggested[listId];
      fillList(listId);
      return;
    }
    if (!document.getElementById(listId)) return;
    fetch(root.dataset.partialUrl + endpoint + "?q=" + encodeURIComponent(typed))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var box = document.getElementById(input.id) || input;  // redrawn by a refresh meanwhile
        if (box.value !== typed) return;
        suggested[listId] = data.results.map(function (item) { return item.label; });
        fillList(listId);
      });
  }

  function bind() {
    var form = document.getElementById("directory-form");
    if (!form) return;
    form.addEventListener("change", function (event) {
      if (event.target.id === "id_q" || event.target.id === "id_near") return;
      if (event.target.classList.contains("facet-filter")) return;
      refresh(formUrl(form), true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refresh(formUrl(form), true);
      // On a phone the results are below the long filter panel: its button folds the panel
      // and takes the visitor to the count of what the filters found.
      if (event.submitter && event.submitter.classList.contains("apply-filters")) {
        var panel = document.getElementById("filters");
        if (panel) { panel.open = false; filtersOpen = false; }
        var count = document.getElementById("result-count");
        if (count) {
          count.focus({ preventScroll: true });
          count.scrollIntoView({ block: "start" });
        }
      }
    });
    form.querySelectorAll(".chips a").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        refresh(link.href, true);
        var heading = document.getElementById("result-count");
        if (heading) heading.focus();
      });
    });
    var q = document.getElementById("id_q");
    if (q) q.addEventListener("input", function () {
      suggest(q, "q-options", "suggest/");
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(formUrl(form), true); }, 350);
    });
    // Each choice updates the results at once; on a phone they are out of sight below the
    // panel, so the button stays there to show them.
    var apply = form.querySelector(".apply-filters");
    if (apply) apply.hidden = !window.matchMedia("(max-width: 48rem)").matches;
    // On narrow screens the results come first: the filters fold away until asked for.
    // The choice survives the refreshes of the results.
    var filters = document.getElementById("filters");
    if (filters) {
      if (filtersOpen === null) filtersOpen = !window.matchMedia("(max-width: 48rem)").matches;
      filters.open = filtersOpen;
      filters.addEventListener("toggle", function () { filtersOpen = filters.open; });
    }
  }

  // The language switcher was written for the page as first loaded: give its links the
  // current filters (the other languages' directory takes the same parameters).
  function keepFiltersInLanguageLinks() {
    document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
      // Each link leads to this page in another language (path segments translated);
      // rel=nofollow marks a language without it, whose link goes elsewhere.
      if (link.rel === "nofollow") return;
      var other = new URL(link.href, location.href);
      other.search = location.search;
      link.href = other.href;
    });
  }

  // Back and forward between searches; a jump to an #anchor (the skip link) is not one.
  window.addEventListener("popstate", function () {
    if (location.pathname + location.search === shown) return;
    refresh(location.href, false);
  });
  bind();
})();
