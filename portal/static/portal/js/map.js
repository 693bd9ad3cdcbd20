// Maps of results and places (Leaflet, served by the portal). Each [data-map] element names the
// JSON block of its points (data-points); without tiles (data-tiles empty) the markers still
// show, on a plain background. The lists beside the maps carry the same links, so the markers
// are not tab stops; the map's box stays hidden without JavaScript (an empty region otherwise).
(function () {
  "use strict";
  if (!window.L) return;

  function draw(element) {
    var source = document.getElementById(element.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut }).addTo(map);
    // Leaflet's own credit, without its English tooltip.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
    }
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", element.dataset.close || "Close");
    });
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name, keyboard: false }).addTo(map);
      if (point.url) {
        var popup = document.createElement("div");
        var link = document.createElement("a");
        link.href = point.url;
        link.textContent = point.name;
        popup.appendChild(link);
        if (point.kind) {
          var kind = document.createElement("div");
          kind.textContent = point.kind;
          popup.appendChild(kind);
        }
        marker.bindPopup(popup);
      }
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], Number(element.dataset.zoom || 13));
    } else if (bounds.length) {
      map.fitBounds(bounds, { padding: [48, 48], maxZoom: 14 });
    }
    element.classList.add("map-ready");
    return map;
  }

  document.querySelectorAll("[data-map]").forEach(function (element) {
    var box = element.closest(".map-box");
    if (box) box.hidden = false;
    var folded = box && box.tagName === "DETAILS";
    if (!folded || box.open) {
      draw(element);
      return;
    }
    // Folded (a phone): drawn when opened, at its real size.
    var map = null;
    box.addEventListener("toggle", function () {
      if (box.open && !map) map = draw(element);
      else if (box.open) map.invalidateSize();
    });
  });
})();
