// Communiqué: a little plain JavaScript for the pages (the pages work without it).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Hovering a name lights every mention of the same entity in the document.
  var text = document.getElementById("doctext");
  if (text) {
    text.addEventListener("mouseover", function (e) {
      var a = e.target.closest ? e.target.closest("a.mention") : null;
      if (!a) return;
      var id = a.getAttribute("data-entity");
      text.querySelectorAll("a.mention").forEach(function (m) {
        m.classList.toggle("same", m.getAttribute("data-entity") === id);
      });
    });
    text.addEventListener("mouseleave", function () {
      text.querySelectorAll("a.mention.same").forEach(function (m) { m.classList.remove("same"); });
    });
  }
  // A sentence an answer cites (?cite=START-END) is scrolled into view.
  var cited = document.querySelector("#doctext mark.cited");
  if (cited && cited.scrollIntoView) { cited.scrollIntoView({block: "center"}); }
  // A fact named in the address (#fact-event-e1) is scrolled to and outlined.
  if (location.hash && location.hash.length > 1) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { target.classList.add("target"); }
  }
});
