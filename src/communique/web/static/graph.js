// Communiqué: the relationship graph, a small force-directed layout drawn in SVG (no library).
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]); }
    if (parent) parent.appendChild(node);
    return node;
  }

  function draw(svg, data) {
    var W = 900, H = 600;
    var center = svg.getAttribute("data-center");
    var nodes = data.nodes.map(function (n, i) {
      var a = (i / Math.max(1, data.nodes.length)) * Math.PI * 2;
      var r = n.id === center ? 0 : 180 + (i % 5) * 20;
      return { id: n.id, name: n.name || n.id, type: n.type, weight: n.weight,
               x: W / 2 + Math.cos(a) * r, y: H / 2 + Math.sin(a) * r, vx: 0, vy: 0, fixed: false };
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; })
      .map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.weight }; });

    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var view = el("g", { "class": "view" }, svg);
    var edgeLayer = el("g", { "class": "edges" }, view);
    var nodeLayer = el("g", { "class": "nodes" }, view);
    if (!nodes.length) {
      el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty" }, svg).textContent = "—";
      return;
    }
    edges.forEach(function (e) {
      e.line = el("line", { "class": "edge", "stroke-width": Math.min(8, 1 + Math.log2(1 + e.w) * 1.5) }, edgeLayer);
      el("title", {}, e.line).textContent = e.s.name + " — " + e.t.name + ": " + e.w;
    });
    nodes.forEach(function (n) {
      var g = el("g", { "class": "node " + n.type + (n.id === center ? " center" : ""), tabindex: "0" }, nodeLayer);
      var r = 5 + Math.min(14, Math.sqrt(n.weight) * 2.2);
      el("circle", { r: r }, g);
      var label = el("text", { x: r + 3, y: 4 }, g);
      label.textContent = n.name.length > 40 ? n.name.slice(0, 38) + "…" : n.name;
      el("title", {}, g).textContent = n.name;
      n.g = g;
      g.addEventListener("dblclick", function () { open(n); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(n); });
      g.addEventListener("pointerdown", function (ev) { startDrag(ev, n); });
    });

    function open(n) { window.location.href = "/entities/" + encodeURIComponent(n.id); }

    // layout: repulsion between all nodes, springs along edges, a pull to the middle
    var alpha = 1, scale = 1, panX = 0, panY = 0;
    function step() {
      var i, j, a, b, dx, dy, d2, d, f;
      for (i = 0; i < nodes.length; i++) {
        a = nodes[i];
        for (j = i + 1; j < nodes.length; j++) {
          b = nodes[j];
          dx = a.x - b.x; dy = a.y - b.y; d2 = dx * dx + dy * dy + 0.01;
          if (d2 > 90000) continue;
          f = 900 / d2;
          a.vx += dx * f * alpha; a.vy += dy * f * alpha; b.vx -= dx * f * alpha; b.vy -= dy * f * alpha;
        }
      }
      edges.forEach(function (e) {
        dx = e.t.x - e.s.x; dy = e.t.y - e.s.y; d = Math.sqrt(dx * dx + dy * dy) || 1;
        f = (d - 110) * 0.02 * alpha * Math.min(3, e.w);
        e.s.vx += dx / d * f; e.s.vy += dy / d * f; e.t.vx -= dx / d * f; e.t.vy -= dy / d * f;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.02 * alpha; n.vy += (H / 2 - n.y) * 0.02 * alpha;
        if (!n.fixed) { n.x += Math.max(-30, Math.min(30, n.vx)); n.y += Math.max(-30, Math.min(30, n.vy)); }
        n.vx *= 0.55; n.vy *= 0.55;
      });
      // keep the drawing centred: move the centroid back to the middle
      var cx = 0, cy = 0;
      nodes.forEach(function (n) { cx += n.x; cy += n.y; });
      cx = cx / nodes.length - W / 2; cy = cy / nodes.length - H / 2;
      nodes.forEach(function (n) { if (!n.fixed) { n.x -= cx; n.y -= cy; } });
      alpha *= 0.985;
    }
    function fit() {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      nodes.forEach(function (n) { x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y); x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y); });
      var k = Math.min(1.6, (W - 160) / Math.max(1, x1 - x0), (H - 80) / Math.max(1, y1 - y0));
      scale = k; panX = W / 2 - (x0 + x1) / 2 * k; panY = H / 2 - (y0 + y1) / 2 * k;
      transform();
    }
    var running = false;
    var userMoved = false;
    function tick() {
      step();
      render();
      if (!userMoved) fit();
      if (alpha > 0.02) window.requestAnimationFrame(tick); else running = false;
    }
    function kick() { if (!running) { running = true; window.requestAnimationFrame(tick); } }
    function render() {
      edges.forEach(function (e) {
        e.line.setAttribute("x1", e.s.x.toFixed(1)); e.line.setAttribute("y1", e.s.y.toFixed(1));
        e.line.setAttribute("x2", e.t.x.toFixed(1)); e.line.setAttribute("y2", e.t.y.toFixed(1));
      });
      nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    }

    // dragging a node; a click without a drag opens it
    function toSvg(ev) {
      var rect = svg.getBoundingClientRect();
      return { x: ((ev.clientX - rect.left) / rect.width * W - panX) / scale,
               y: ((ev.clientY - rect.top) / rect.height * H - panY) / scale };
    }
    function startDrag(ev, n) {
      ev.preventDefault(); ev.stopPropagation();
      var moved = false, start = toSvg(ev);
      userMoved = true;
      n.fixed = true;
      function move(e2) {
        var p = toSvg(e2);
        if (Math.abs(p.x - start.x) + Math.abs(p.y - start.y) > 3) moved = true;
        n.x = p.x; n.y = p.y; render();
      }
      function up() {
        window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up);
        n.fixed = false;
        if (!moved) open(n); else { alpha = Math.max(alpha, 0.3); kick(); }
      }
      window.addEventListener("pointermove", move); window.addEventListener("pointerup", up);
    }
    // wheel zooms, dragging the background pans
    function transform() { view.setAttribute("transform", "translate(" + panX + "," + panY + ") scale(" + scale + ")"); }
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      userMoved = true;
      var k = ev.deltaY < 0 ? 1.15 : 1 / 1.15;
      var rect = svg.getBoundingClientRect();
      var mx = (ev.clientX - rect.left) / rect.width * W, my = (ev.clientY - rect.top) / rect.height * H;
      panX = mx - (mx - panX) * k; panY = my - (my - panY) * k; scale *= k; transform();
    }, { passive: false });
    svg.addEventListener("pointerdown", function (ev) {
      var sx = ev.clientX, sy = ev.clientY, px = panX, py = panY, rect = svg.getBoundingClientRect();
      userMoved = true;
      function move(e2) { panX = px + (e2.clientX - sx) / rect.width * W; panY = py + (e2.clientY - sy) / rect.height * H; transform(); }
      function up() { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); }
      window.addEventListener("pointermove", move); window.addEventListener("pointerup", up);
    });
    // settle most of the layout before the first paint, then animate the rest
    for (var k = 0; k < 200; k++) step();
    render();
    fit();
    svg.setAttribute("data-ready", "1");
    kick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var svg = document.getElementById("graph");
    if (!svg) return;
    fetch(svg.getAttribute("data-src"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { draw(svg, data); })
      .catch(function (err) { svg.setAttribute("data-error", String(err)); });
  });
})();
