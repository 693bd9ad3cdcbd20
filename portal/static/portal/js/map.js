// Maps of results and places (Leaflet, served by the portal). Each [data-map] element names the
// JSON block of its points (data-points); without tiles (data-tiles empty) the markers still
// show, on a plain background. The lists beside the maps work without this file.
(function () {
  "use strict";
  if (!window.L) return;
  document.querySelectorAll("[data-map]").forEach(function (element) {
    var source = document.getElementById(element.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length) return;
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name, keyboard: true }).addTo(map);
      if (point.url) {
        var link = document.createElement("a");
        link.href = point.url;
        link.textContent = point.name;
        var popup = document.createElement("div");
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
    } else {
      map.fitBounds(bounds, { padding: [48, 48], maxZoom: 14 });
    }
    element.classList.add("map-ready");
  });
})();
