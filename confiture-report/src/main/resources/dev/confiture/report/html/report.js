// A long migration's SQL starts folded, its lines in an inert <script> block (HtmlReport's SqlLines):
// they become elements only when it is opened, or when a finding links to one of its lines.
(function () {
  function fill(d) {
    var src = d.querySelector('script[type="text/x-confiture-sql"]');
    if (src) { d.querySelector('code').innerHTML = src.textContent; src.parentNode.removeChild(src); }
  }
  var lazy = Array.prototype.slice.call(document.querySelectorAll('details.lazy'));
  lazy.forEach(function (d) { d.addEventListener('toggle', function () { if (d.open) { fill(d); } }); });
  function reveal(hash) {
    var m = /^#(.+)-l\d+$/.exec(hash || '');
    if (!m || document.getElementById(hash.slice(1))) { return; }
    lazy.forEach(function (d) {
      if (d.getAttribute('data-change') !== m[1]) { return; }
      fill(d);
      d.open = true;
      var line = document.getElementById(hash.slice(1));
      if (line) { line.scrollIntoView({ block: 'center' }); }
    });
  }
  // runs before the browser follows the link, so the line it names exists by then
  document.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a.line') : null;
    if (a) { reveal(a.getAttribute('href')); }
  });
  reveal(location.hash);
})();
// The ER diagram's search, focus, pan and zoom. The layout itself is done when the report is made
// (ELK); focus shows one table and its neighbours around it, the full picture stays as laid out.
(function () {
  var svg = document.getElementById('er');
  if (!svg) { return; }
  var NS = 'http://www.w3.org/2000/svg';
  var tables = Array.prototype.slice.call(svg.querySelectorAll('g.t'));
  var byName = {};
  tables.forEach(function (g) { byName[g.getAttribute('data-n')] = g; });
  var links = Array.prototype.map.call(svg.querySelectorAll('#edges .fk'), function (e) {
    return [+e.getAttribute('data-f'), +e.getAttribute('data-t')];
  });
  var neighbours = tables.map(function () { return []; });
  links.forEach(function (l) {
    if (neighbours[l[0]].indexOf(l[1]) < 0) { neighbours[l[0]].push(l[1]); }
    if (neighbours[l[1]].indexOf(l[0]) < 0) { neighbours[l[1]].push(l[0]); }
  });
  var status = document.getElementById('status');
  var full = [0, 0, +svg.getAttribute('data-w') || 1, +svg.getAttribute('data-h') || 1];
  var view = full.slice();

  // At a scale where a 12 px column line would be a few pixels high, the columns (and then the
  // names) are hidden: nobody can read them, and drawing thousands of texts is most of the cost of
  // showing a large schema whole. Zooming in or focusing brings them back.
  // ErSvg writes class far already where even the largest canvas would set it (same 0.3).
  var size = svg.getBoundingClientRect();
  window.addEventListener('resize', function () { size = svg.getBoundingClientRect(); });
  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', v.join(' '));
    var z = Math.min((size.width || 1000) / v[2], (size.height || 600) / v[3]);
    svg.classList.toggle('far', z < 0.3);
    svg.classList.toggle('farther', z < 0.12);
  }
  // Shows box [x, y, w, h] whole and centred, never larger than life: a small schema is not blown up.
  function fit(b) {
    var cw = size.width || 1000, ch = size.height || 600;
    var s = Math.max(b[2] / cw, b[3] / ch, 1);
    setView([b[0] + b[2] / 2 - (cw * s) / 2, b[1] + b[3] / 2 - (ch * s) / 2, cw * s, ch * s]);
  }
  function num(g, a) { return +g.getAttribute(a); }
  function place(g, x, y) { g.setAttribute('transform', 'translate(' + x + ',' + y + ')'); }

  // On load the picture is already as laid out: only the view is set, no table is touched.
  function showAll(onLoad) {
    svg.classList.remove('focused');
    if (!onLoad) {
      tables.forEach(function (g) { g.classList.remove('off', 'center', 'hit'); place(g, num(g, 'data-x'), num(g, 'data-y')); });
      document.getElementById('focus-edges').innerHTML = '';
    }
    fit(full);
    status.textContent = tables.length + ' tables';
  }

  // The table in the middle, its neighbours on a ring around it, keys as straight arrows.
  function focus(i) {
    var center = tables[i];
    var around = neighbours[i].filter(function (j) { return j !== i; });
    var shown = {}; shown[i] = true; around.forEach(function (j) { shown[j] = true; });
    svg.classList.add('focused');
    tables.forEach(function (g, j) { g.classList.toggle('off', !shown[j]); g.classList.remove('center', 'hit'); });
    center.classList.add('center');
    var maxW = num(center, 'data-w'), maxH = num(center, 'data-h');
    around.forEach(function (j) { maxW = Math.max(maxW, num(tables[j], 'data-w')); maxH = Math.max(maxH, num(tables[j], 'data-h')); });
    var n = around.length;
    var radius = n === 0 ? 0 : Math.max(maxW + 60, (n * (Math.min(maxW, maxH) + 40)) / (2 * Math.PI)) + maxH / 2;
    var pos = {};
    pos[i] = [-num(center, 'data-w') / 2, -num(center, 'data-h') / 2];
    around.forEach(function (j, k) {
      var a = (2 * Math.PI * k) / n - Math.PI / 2;
      var g = tables[j];
      pos[j] = [radius * 1.5 * Math.cos(a) - num(g, 'data-w') / 2, radius * Math.sin(a) - num(g, 'data-h') / 2];
    });
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    Object.keys(pos).forEach(function (j) {
      var g = tables[j], p = pos[j];
      place(g, p[0], p[1]);
      minX = Math.min(minX, p[0]); minY = Math.min(minY, p[1]);
      maxX = Math.max(maxX, p[0] + num(g, 'data-w')); maxY = Math.max(maxY, p[1] + num(g, 'data-h'));
    });
    var layer = document.getElementById('focus-edges');
    layer.innerHTML = '';
    links.forEach(function (l) {
      if (!shown[l[0]] || !shown[l[1]] || (l[0] !== i && l[1] !== i) || l[0] === l[1]) { return; }
      var a = tables[l[0]], b = tables[l[1]];
      var line = document.createElementNS(NS, 'line');
      line.setAttribute('class', 'fe');
      line.setAttribute('x1', pos[l[0]][0] + num(a, 'data-w') / 2); line.setAttribute('y1', pos[l[0]][1] + num(a, 'data-h') / 2);
      line.setAttribute('x2', pos[l[1]][0] + num(b, 'data-w') / 2); line.setAttribute('y2', pos[l[1]][1] + num(b, 'data-h') / 2);
      layer.appendChild(line);
    });
    var pad = 40;
    fit([minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad]);
    status.textContent = center.getAttribute('data-n') + ': ' + n + ' neighbour' + (n === 1 ? '' : 's');
  }

  function find(text) {
    text = (text || '').trim().toLowerCase();
    if (!text) { return -1; }
    if (byName[text]) { return +byName[text].getAttribute('data-i'); }
    var hits = tables.filter(function (g) {
      var n = g.getAttribute('data-n').toLowerCase();
      return n === text || n.split('.').pop() === text;
    });
    if (hits.length === 0) {
      hits = tables.filter(function (g) { return g.getAttribute('data-n').toLowerCase().indexOf(text) >= 0; });
    }
    return hits.length ? +hits[0].getAttribute('data-i') : -1;
  }

  var search = document.getElementById('search');
  function focusSearch() {
    var i = find(search.value);
    if (i < 0) { status.textContent = 'No table matches "' + search.value + '"'; return; }
    focus(i);
  }
  search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { focusSearch(); } });
  search.addEventListener('change', focusSearch);
  document.getElementById('focus').addEventListener('click', focusSearch);
  document.getElementById('all').addEventListener('click', function () { search.value = ''; showAll(false); });
  tables.forEach(function (g, i) {
    g.addEventListener('click', function (e) { if (!dragged) { search.value = g.getAttribute('data-n'); focus(i); } e.stopPropagation(); });
  });

  function zoom(factor, cx, cy) {
    var w = view[2] * factor, h = view[3] * factor;
    if (cx === undefined) { cx = view[0] + view[2] / 2; cy = view[1] + view[3] / 2; }
    setView([cx - (cx - view[0]) * factor, cy - (cy - view[1]) * factor, w, h]);
  }
  function toView(e) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(view[2] / r.width, view[3] / r.height);
    var ox = view[0] + view[2] / 2 - (r.width * s) / 2, oy = view[1] + view[3] / 2 - (r.height * s) / 2;
    return [ox + (e.clientX - r.left) * s, oy + (e.clientY - r.top) * s, s];
  }
  document.getElementById('zin').addEventListener('click', function () { zoom(0.7); });
  document.getElementById('zout').addEventListener('click', function () { zoom(1 / 0.7); });
  svg.addEventListener('wheel', function (e) { e.preventDefault(); var p = toView(e); zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]); }, { passive: false });
  var drag = null, dragged = false;
  svg.addEventListener('mousedown', function (e) { drag = [e.clientX, e.clientY, view.slice(), toView(e)[2]]; dragged = false; });
  window.addEventListener('mousemove', function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag[0], dy = e.clientY - drag[1];
    if (Math.abs(dx) + Math.abs(dy) > 3) { dragged = true; }
    setView([drag[2][0] - dx * drag[3], drag[2][1] - dy * drag[3], drag[2][2], drag[2][3]]);
  });
  window.addEventListener('mouseup', function () { drag = null; setTimeout(function () { dragged = false; }, 0); });
  showAll(true);
  var m = /[#&]table=([^&]+)/.exec(location.hash);
  if (m) { search.value = decodeURIComponent(m[1]); focusSearch(); }
})();
