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

  function refresh(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    var partial = url + (url.indexOf("?") === -1 ? "?" : "&") + "partial=1";
    root.setAttribute("aria-busy", "true");
    fetch(partial, { signal: controller.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var active = document.activeElement && document.activeElement.id;
        root.innerHTML = html;
        root.removeAttribute("aria-busy");
        if (push) history.pushState({}, "", url);
        if (active && document.getElementById(active)) document.getElementById(active).focus();
        bind();
      })
      .catch(function () { root.removeAttribute("aria-busy"); });
  }

  // Fill a <datalist> with what an endpoint suggests for the text typed so far.
  function suggest(input, listId, endpoint) {
    var list = document.getElementById(listId);
    if (!list || input.value.length < 2) return;
    fetch(root.dataset.partialUrl + endpoint + "?q=" + encodeURIComponent(input.value))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        list.innerHTML = "";
        data.results.forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.label;
          list.appendChild(option);
        });
      });
  }

  function bind() {
    var form = document.getElementById("directory-form");
    if (!form) return;
    form.addEventListener("change", function (event) {
      if (event.target.id === "id_q" || event.target.id === "id_near") return;
      refresh(formUrl(form), true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refresh(formUrl(form), true);
    });
    var q = document.getElementById("id_q");
    if (q) q.addEventListener("input", function () {
      suggest(q, "q-options", "suggest/");
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(formUrl(form), true); }, 350);
    });
    var near = document.getElementById("id_near");
    if (near) near.addEventListener("input", function () { suggest(near, "place-options", "places/"); });
    var apply = form.querySelector(".apply-filters");
    if (apply) apply.hidden = true;
    // On narrow screens the results come first: the filters fold away until asked for.
    // The choice survives the refreshes of the results.
    var filters = document.getElementById("filters");
    if (filters) {
      if (filtersOpen === null) filtersOpen = !window.matchMedia("(max-width: 48rem)").matches;
      filters.open = filtersOpen;
      filters.addEventListener("toggle", function () { filtersOpen = filters.open; });
    }
  }

  window.addEventListener("popstate", function () { refresh(location.href, false); });
  bind();
})();
