// netspec HTML report. Plain JavaScript and SVG, no library, no network.
// Every piece of data goes into the page through textContent or a numeric/enumerated attribute:
// names, labels and messages are never parsed as markup.
(function () {
  'use strict';
  var started = performance.now();
  var D = JSON.parse(document.getElementById('netspec-data').textContent);
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var FULL_LIMIT = 120;      // at most this many nodes are drawn one by one without a namespace chosen
  var PEER_LIMIT = 60;       // a drill-down draws at most this many peers one by one, else by namespace
  var EDGE_LIMIT = 400;      // edges drawn in one view; the table lists them all
  var PAGE = 200;            // table rows per "Show more"
  var DIFF = D.mode === 'diff';

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'class') { e.className = attrs[k]; } else if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function sv(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function button(text, onclick, cls) {
    var b = el('button', { type: 'button', 'class': cls || 'link' }, text);
    b.addEventListener('click', onclick);
    return b;
  }
  function where(file, line) { return file + ':' + line; }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

  // ------------------------------------------------------------------ indexes
  var nodes = D.nodes, namespaces = D.namespaces, policies = D.policies, conns = D.conns;
  var findings = D.findings || [];
  var files = D.files;
  nodes.forEach(function (n, i) {
    n.i = i; n.out = []; n.inc = []; n.findings = [];
    if (n.t === undefined) { n.t = 'w'; n.id = namespaces[n.ns] + '/' + n.name + '[' + n.kind + ']'; n.file = files[n.f]; }
    else { n.ns = -1; n.name = n.id; }
  });
  policies.forEach(function (p) { p.file = files[p.f]; });
  findings.forEach(function (f) { f.file = files[f.f]; });
  var edges = new Array(D.edges.length / 4);
  for (var k = 0; k < edges.length; k++) {
    edges[k] = { i: k, s: D.edges[4 * k], d: D.edges[4 * k + 1], c: D.edges[4 * k + 2], layer: D.layers[D.edges[4 * k + 3]],
      ex: -1, st: 'same', add: -1, rem: -1 };
  }
  D.edgeInfo.forEach(function (r) {
    var e = edges[r[0]];
    e.ex = r[1]; e.st = D.statuses[r[2]]; e.add = r[3]; e.rem = r[4];
  });
  edges.forEach(function (e) { nodes[e.s].out.push(e); nodes[e.d].inc.push(e); });
  findings.forEach(function (f, i) { f.i = i; if (f.node >= 0) { nodes[f.node].findings.push(f); } });
  nodes.forEach(function (n) {
    if (n.t === 'w') { n.group = 'ns:' + n.ns; }
    else if (n.t === 'i') { n.group = 'ingress'; }
    else { n.group = n.inc.length === 0 ? 'ext-src' : 'ext-dst'; }
  });
  function groupName(g) {
    if (g === 'ingress') { return 'ingress controller'; }
    if (g === 'ext-src') { return 'outside the cluster (sources)'; }
    if (g === 'ext-dst') { return 'outside the cluster'; }
    return namespaces[+g.slice(3)];
  }
  function nodeLabel(n) { return n.t === 'w' ? n.name + ' [' + n.kind + ']' : n.id; }

  // ------------------------------------------------------------------ state and filters
  var state = { ns: '', node: -1, port: null, finding: '', change: '', shown: PAGE };

  function parsePort(text) {
    var m = /^\s*(\d{1,5})\s*(?:\/\s*([A-Za-z]+))?\s*$/.exec(text);
    if (!m) { return null; }
    return { port: +m[1], proto: (m[2] || 'TCP').toUpperCase() };
  }
  function connHas(ci, p) {
    return conns[ci].ranges.some(function (r) { return r[0] === p.proto && r[1] <= p.port && p.port <= r[2]; });
  }
  function nodeHasFinding(n) {
    if (state.finding === '*') { return n.findings.length > 0; }
    return n.findings.some(function (f) { return f.rule === state.finding; });
  }
  function edgePasses(e) {
    if (state.port && !connHas(e.c, state.port) && !(e.add >= 0 && connHas(e.add, state.port)) && !(e.rem >= 0 && connHas(e.rem, state.port))) { return false; }
    if (state.finding && !nodeHasFinding(nodes[e.s]) && !nodeHasFinding(nodes[e.d])) { return false; }
    if (state.change === 'changed' && e.st === 'same') { return false; }
    if (state.change === 'added' && e.st !== 'added' && e.st !== 'changed') { return false; }
    if (state.change === 'removed' && e.st !== 'removed' && e.st !== 'changed') { return false; }
    if (state.node >= 0 && e.s !== state.node && e.d !== state.node) { return false; }
    if (state.ns !== '' && nodes[e.s].group !== state.ns && nodes[e.d].group !== state.ns) { return false; }
    return true;
  }
  function filteredEdges() { return edges.filter(edgePasses); }

  // ------------------------------------------------------------------ the view: which boxes and lines to draw
  // An item is one node, or a whole group drawn as one box (aggregation); a line joins two items
  // and stands for one or more edges.
  function buildView(list) {
    var items = {}, lines = {}, order = [];
    var focusGroup = state.node >= 0 ? nodes[state.node].group : state.ns;
    var involved = {};
    list.forEach(function (e) { involved[e.s] = true; involved[e.d] = true; });
    var anyFilter = state.port || state.finding || state.change;
    var candidates = nodes.filter(function (n) {
      if (state.node >= 0) { return n.i === state.node || involved[n.i]; }
      if (state.ns !== '') { return n.group === state.ns || involved[n.i]; }
      if (anyFilter) { return involved[n.i] || (state.finding && nodeHasFinding(n)) || (DIFF && n.change && !state.port); }
      return n.t === 'w' || involved[n.i];
    });
    var aggregate;
    if (state.node < 0 && state.ns === '') {
      aggregate = candidates.length > FULL_LIMIT;
    } else {
      var peers = candidates.filter(function (n) { return n.group !== focusGroup; }).length;
      aggregate = peers > PEER_LIMIT;
    }
    function itemOf(n) {
      if (aggregate && n.group !== focusGroup && n.i !== state.node) {
        return { key: n.group, group: n.group, agg: true, label: groupName(n.group) };
      }
      return { key: 'n' + n.i, group: n.group, node: n, label: nodeLabel(n) };
    }
    candidates.forEach(function (n) {
      var it = itemOf(n);
      if (!items[it.key]) { items[it.key] = it; it.members = []; order.push(it); }
      items[it.key].members.push(n);
    });
    list.forEach(function (e) {
      var a = itemOf(nodes[e.s]).key, b = itemOf(nodes[e.d]).key;
      if (!items[a] || !items[b]) { return; }
      var k = a + '>' + b;
      if (!lines[k]) { lines[k] = { key: k, from: items[a], to: items[b], edges: [] }; }
      lines[k].edges.push(e);
    });
    return { items: order, lines: Object.keys(lines).map(function (k) { return lines[k]; }), aggregate: aggregate };
  }

  // ------------------------------------------------------------------ layout: groups in columns by rank
  var ITEM_W = 210, ITEM_H = 26, GAP = 8, GROUP_PAD = 10, TITLE_H = 20, COL_GAP = 150, MAX_ROWS = 14;

  function layout(view) {
    var groups = {}, gorder = [];
    view.items.forEach(function (it) {
      if (!groups[it.group]) { groups[it.group] = { key: it.group, items: [], rank: 0 }; gorder.push(groups[it.group]); }
      groups[it.group].items.push(it);
    });
    // rank: sources to the left. A depth-first walk from the most source-like groups drops the
    // edges that close a cycle; the longest path over the rest is the column.
    var out = {}, score = {};
    gorder.forEach(function (g) { out[g.key] = []; score[g.key] = 0; });
    view.lines.forEach(function (l) {
      var a = l.from.group, b = l.to.group;
      if (a !== b && out[a].indexOf(b) < 0) { out[a].push(b); score[a]++; score[b]--; }
    });
    if (score['ext-src'] !== undefined) { score['ext-src'] = 1e9; }
    if (score['ext-dst'] !== undefined) { score['ext-dst'] = -1e9; }
    function byScore(a, b) { return score[b] - score[a] || (a < b ? -1 : a > b ? 1 : 0); }
    var onStack = {}, seen = {}, forward = [];
    function visit(k) {
      seen[k] = true; onStack[k] = true;
      out[k].slice().sort(byScore).forEach(function (m) {
        if (onStack[m]) { return; }
        forward.push([k, m]);
        if (!seen[m]) { visit(m); }
      });
      onStack[k] = false;
    }
    gorder.map(function (g) { return g.key; }).sort(byScore).forEach(function (k) { if (!seen[k]) { visit(k); } });
    for (var pass = 0; pass <= gorder.length; pass++) {
      var changed = false;
      forward.forEach(function (f) {
        if (groups[f[1]].rank < groups[f[0]].rank + 1) { groups[f[1]].rank = groups[f[0]].rank + 1; changed = true; }
      });
      if (!changed) { break; }
    }
    // as many columns as the panel shows without scrolling (at least 3): ranks are squeezed into them
    var maxRank = 0;
    gorder.forEach(function (g) { maxRank = Math.max(maxRank, g.rank); });
    var fit = Math.max(3, Math.floor(($('graph-wrap').clientWidth || 1200) / (ITEM_W + COL_GAP)));
    var columns = [];
    gorder.forEach(function (g) {
      var c = maxRank < fit ? g.rank : Math.round(g.rank * (fit - 1) / maxRank);
      (columns[c] = columns[c] || []).push(g);
    });
    columns = columns.filter(Boolean);
    var x = 20, height = 0;
    columns.forEach(function (col) {
      var y = 20, colW = 0;
      col.sort(function (a, b) { return a.rank - b.rank || (groupName(a.key) < groupName(b.key) ? -1 : 1); });
      col.forEach(function (g) {
        g.items.sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; });
        var cols = Math.ceil(g.items.length / MAX_ROWS), rows = Math.min(g.items.length, MAX_ROWS);
        g.x = x; g.y = y;
        g.w = cols * ITEM_W + (cols - 1) * GAP + 2 * GROUP_PAD;
        g.h = TITLE_H + rows * (ITEM_H + GAP) + GROUP_PAD;
        g.items.forEach(function (it, k) {
          it.x = x + GROUP_PAD + Math.floor(k / MAX_ROWS) * (ITEM_W + GAP);
          it.y = y + TITLE_H + (k % MAX_ROWS) * (ITEM_H + GAP);
        });
        y += g.h + 24;
        colW = Math.max(colW, g.w);
      });
      x += colW + COL_GAP;
      height = Math.max(height, y);
    });
    return { groups: gorder, width: Math.max(x - COL_GAP + 160, 400), height: Math.max(height + 20, 200) };
  }

  // ------------------------------------------------------------------ drawing
  function lineLabel(l) {
    if (l.edges.length > 1) { return l.edges.length + ' connections'; }
    var e = l.edges[0];
    if (e.st === 'added') { return '+ ' + conns[e.c].text; }
    if (e.st === 'removed') { return '\u2212 ' + conns[e.c].text; }
    if (e.st === 'changed') {
      return (e.add >= 0 ? '+ ' + conns[e.add].text : '') + (e.add >= 0 && e.rem >= 0 ? ' ' : '') + (e.rem >= 0 ? '\u2212 ' + conns[e.rem].text : '');
    }
    return conns[e.c].text;
  }
  function lineClass(l) {
    var rank = { added: 3, removed: 2, changed: 4, same: 0 };
    var st = 'same', layer = 'no-policy', lrank = { 'admin': 2, 'network-policy': 1, 'no-policy': 0 };
    l.edges.forEach(function (e) {
      if (rank[e.st] > rank[st]) { st = e.st; }
      if (lrank[e.layer] > lrank[layer]) { layer = e.layer; }
    });
    return { st: st, layer: layer };
  }
  function describeLine(l) {
    var c = lineClass(l);
    return 'connection from ' + l.from.label + ' to ' + l.to.label + ': ' + lineLabel(l)
      + (DIFF ? ' (' + c.st + ')' : '') + ', governed by ' + c.layer.replace('-', ' ');
  }

  function draw() {
    var list = filteredEdges();
    var view = buildView(list);
    var lay = layout(view);
    var svg = $('graph');
    clear(svg);
    svg.setAttribute('class', DIFF ? 'diff' : '');
    svg.setAttribute('width', lay.width);
    svg.setAttribute('height', lay.height);
    svg.setAttribute('viewBox', '0 0 ' + lay.width + ' ' + lay.height);
    var defs = sv('defs');
    var marker = sv('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '12', markerHeight: '12', markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
    marker.appendChild(sv('path', { d: 'M 0 0 L 10 5 L 0 10 z', 'class': 'arrow' }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    lay.groups.forEach(function (g) {
      var box = sv('g', { 'class': 'group' });
      box.appendChild(sv('rect', { 'class': 'group-box', x: g.x, y: g.y, width: g.w, height: g.h, rx: 6 }));
      var t = sv('text', { 'class': 'group-title', x: g.x + GROUP_PAD, y: g.y + 14 });
      t.textContent = truncate(groupName(g.key), 34);
      box.appendChild(t);
      svg.appendChild(box);
    });
    var drawn = view.lines.slice(0, EDGE_LIMIT);
    var edgeLayer = sv('g', { 'class': 'edges' });
    var labelLayer = sv('g', { 'class': 'edge-labels' });
    var placed = [];
    drawn.forEach(function (l, k) { l.index = k; drawLine(l, edgeLayer, labelLayer, placed); });
    svg.appendChild(edgeLayer);
    view.items.forEach(function (it) { svg.appendChild(drawItem(it)); });
    svg.appendChild(labelLayer); // labels above lines and boxes, so a click on one reaches it
    var note = [];
    if (view.aggregate) { note.push('Namespaces with many workloads are drawn as one box: choose one (click it, or the Namespace filter) to see its workloads.'); }
    if (view.lines.length > drawn.length) { note.push('Drawing ' + drawn.length + ' of ' + view.lines.length + ' lines; the table below lists every connection. Narrow the view with the filters.'); }
    if (view.items.length === 0) { note.push('Nothing matches the filters.'); }
    $('graph-note').textContent = note.join(' ');
    $('graph').setAttribute('aria-label', 'connectivity graph: ' + view.items.length + ' boxes, ' + view.lines.length + ' lines');
    renderCrumbs();
    renderTable(list);
    renderFindings();
  }

  function drawItem(it) {
    var n = it.node;
    var cls = 'node' + (it.agg ? ' agg' : ' t-' + n.t);
    if (n && n.findings.length) { cls += ' has-finding'; }
    if (n && n.change) { cls += ' ch-' + n.change; }
    if (n && n.i === state.node) { cls += ' selected'; }
    var g = sv('g', { 'class': cls, tabindex: '0', role: 'button', 'data-id': n ? n.id : it.group });
    var label = it.agg ? it.label + ' (' + it.members.length + ')' : it.label;
    var prefix = n && n.change === 'added' ? '+ ' : n && n.change === 'removed' ? '\u2212 ' : '';
    var warn = n && n.findings.length ? ' \u26a0' : '';
    g.setAttribute('aria-label', (it.agg ? 'namespace ' : '') + (n ? n.id : label) + (n && n.change ? ' (' + n.change + ')' : '')
      + (n && n.findings.length ? ', ' + n.findings.length + ' finding(s)' : ''));
    g.appendChild(sv('rect', { x: it.x, y: it.y, width: ITEM_W, height: ITEM_H, rx: it.agg ? 10 : 3 }));
    var t = sv('text', { x: it.x + 8, y: it.y + 17 });
    t.textContent = truncate(prefix + label + warn, 30);
    g.appendChild(t);
    var title = sv('title');
    title.textContent = (n ? n.id : label) + (n && n.change ? ' (' + n.change + ')' : '');
    g.appendChild(title);
    function open() {
      if (it.agg) { setNamespace(it.group); } else { showNode(n, true); }
    }
    g.addEventListener('click', open);
    g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
    return g;
  }

  // a label is moved up or down, a line at a time, until it covers no label placed before it
  function place(x, y, w, placed) {
    var offsets = [0, 18, -18, 36, -36, 54, -54, 72, -72, 90, -90];
    for (var k = 0; k < offsets.length; k++) {
      var r = { x: x, y: y + offsets[k], w: w, h: 17 };
      var clash = placed.some(function (p) { return r.x < p.x + p.w && p.x < r.x + r.w && r.y < p.y + p.h && p.y < r.y + r.h; });
      if (!clash) { placed.push(r); return r; }
    }
    var last = { x: x, y: y, w: w, h: 17 };
    placed.push(last);
    return last;
  }

  function drawLine(l, layer, labels, placed) {
    var c = lineClass(l);
    var g = sv('g', { 'class': 'edge st-' + c.st + ' l-' + c.layer, tabindex: '0', role: 'button',
      'data-from': l.from.node ? l.from.node.id : l.from.group, 'data-to': l.to.node ? l.to.node.id : l.to.group,
      'data-change': c.st, 'aria-label': describeLine(l) });
    var x1 = l.from.x + ITEM_W, y1 = l.from.y + ITEM_H / 2, x2 = l.to.x, y2 = l.to.y + ITEM_H / 2, d, mx, my;
    if (l.from === l.to) {
      d = 'M ' + x1 + ' ' + (y1 - 6) + ' C ' + (x1 + 60) + ' ' + (y1 - 40) + ', ' + (x1 + 60) + ' ' + (y1 + 40) + ', ' + x1 + ' ' + (y1 + 6);
      mx = x1 + 45; my = y1;
    } else if (x2 > x1 + 20) {
      var dx = (x2 - x1) / 2;
      d = 'M ' + x1 + ' ' + y1 + ' C ' + (x1 + dx) + ' ' + y1 + ', ' + (x2 - dx) + ' ' + y2 + ', ' + x2 + ' ' + y2;
      // labels of lines that meet at one box would sit on each other at t = 0.5: spread them
      var t = 0.3 + 0.4 * ((l.index * 0.618) % 1), u = 1 - t;
      mx = u * u * u * x1 + 3 * u * u * t * (x1 + dx) + 3 * u * t * t * (x2 - dx) + t * t * t * x2;
      my = u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2;
    } else {
      // same column or backwards: leave and enter on the right-hand side, bowing outwards
      x2 = l.to.x + ITEM_W;
      var bow = Math.max(x1, x2) + 60 + Math.min(Math.abs(y2 - y1) / 4, 80);
      d = 'M ' + x1 + ' ' + y1 + ' C ' + bow + ' ' + y1 + ', ' + bow + ' ' + y2 + ', ' + x2 + ' ' + y2;
      mx = 0.125 * x1 + 0.75 * bow + 0.125 * x2; my = (y1 + y2) / 2;
    }
    g.appendChild(sv('path', { 'class': 'hit', d: d }));
    g.appendChild(sv('path', { 'class': 'line', d: d, 'marker-end': 'url(#arrow)' }));
    var text = truncate(lineLabel(l), 28);
    var w = text.length * 6.2 + 10;
    var lab = sv('g', { 'class': 'edge-label label st-' + c.st, 'data-from': g.getAttribute('data-from'),
      'data-to': g.getAttribute('data-to'), 'aria-hidden': 'true' });
    var spot = place(mx - w / 2, my - 9, w, placed);
    lab.appendChild(sv('rect', { x: spot.x, y: spot.y, width: w, height: 17, rx: 3 }));
    var t = sv('text', { x: spot.x + 5, y: spot.y + 13 });
    t.textContent = text;
    lab.appendChild(t);
    labels.appendChild(lab);
    var title = sv('title');
    title.textContent = describeLine(l);
    g.appendChild(title);
    lab.appendChild(title.cloneNode(true));
    function open() {
      Array.prototype.forEach.call(document.querySelectorAll('.edge.selected'), function (x) { x.classList.remove('selected'); });
      g.classList.add('selected');
      Array.prototype.forEach.call(document.querySelectorAll('.edge-label.selected'), function (x) { x.classList.remove('selected'); });
      lab.classList.add('selected');
      if (l.edges.length === 1) { showEdge(l.edges[0]); } else { showLine(l); }
    }
    g.addEventListener('click', open);
    lab.addEventListener('click', open);
    g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
    g.addEventListener('focus', function () { lab.classList.add('focused'); });
    g.addEventListener('blur', function () { lab.classList.remove('focused'); });
    layer.appendChild(g);
  }

  // ------------------------------------------------------------------ details panel
  function details(title) {
    var d = $('details');
    clear(d);
    d.appendChild(el('h2', null, title));
    return d;
  }
  function focusDetails() { $('details').focus({ preventScroll: false }); }

  function nodeButton(n) { return button(n.id, function () { showNode(n, true); }); }
  function edgeChange(e) {
    if (!DIFF || e.st === 'same') { return null; }
    return el('span', { 'class': 'badge ' + e.st }, e.st);
  }

  function showEdge(e) {
    var s = nodes[e.s], t = nodes[e.d];
    var d = details('Connection');
    d.setAttribute('data-kind', 'edge');
    var dl = el('dl');
    dl.appendChild(el('dt', null, 'from'));
    dl.appendChild(el('dd', null, nodeButton(s)));
    dl.appendChild(el('dt', null, 'to'));
    dl.appendChild(el('dd', null, nodeButton(t)));
    dl.appendChild(el('dt', null, 'allowed'));
    dl.appendChild(el('dd', null, conns[e.c].text));
    if (DIFF) {
      dl.appendChild(el('dt', null, 'change'));
      var what = e.st === 'same' ? 'unchanged' : '';
      if (e.st === 'changed' && e.add >= 0) { what += ' added ' + conns[e.add].text; }
      if (e.st === 'changed' && e.rem >= 0) { what += ' removed ' + conns[e.rem].text; }
      dl.appendChild(el('dd', null, edgeChange(e) || '', ' ', what));
    }
    dl.appendChild(el('dt', null, 'governed by'));
    dl.appendChild(el('dd', null, e.layer.replace('-', ' ')));
    d.appendChild(dl);
    d.appendChild(el('h3', null, 'Why'));
    if (e.ex >= 0) {
      var x = D.explanations[e.ex];
      if (x.side === 'old') { d.appendChild(el('p', null, 'One end no longer exists; this is why the OLD manifests allowed it:')); }
      else if (DIFF && e.st === 'removed') { d.appendChild(el('p', null, 'Why the NEW manifests no longer allow it:')); }
      d.appendChild(renderExplanation(x.evidence));
    } else {
      d.appendChild(el('p', null, 'This report embeds explanations for ' + D.explanations.length + ' connections; for this one run:'));
      d.appendChild(el('pre', { 'class': 'reason' }, 'netspec explain MANIFESTS --from \'' + s.id + '\' --to \'' + t.id + '\''));
    }
    focusDetails();
  }

  function ruleItem(r, kind) {
    var li = el('li', { 'class': 'rule' });
    var policy = typeof r.policy === 'string' ? r.policy : r.policy.kind + ' ' + (r.policy.namespace ? r.policy.namespace + '/' : '') + r.policy.name;
    li.appendChild(el('span', null, kind + ': ' + policy + ' ' + r.direction + ' rule ' + r.number + (r.action ? ' (' + r.action + ')' : '') + ' '));
    li.appendChild(el('span', { 'class': 'where' }, where(r.file, r.line)));
    return li;
  }

  function renderExplanation(x) {
    var box = el('div', { 'class': 'explanation' });
    var verdict = x.allowed === 'No Connections' ? 'denied (No Connections)' : 'allowed: ' + x.allowed;
    box.appendChild(el('p', { 'class': 'verdict' }, x.source + ' \u21d2 ' + x.destination + ': ' + verdict));
    (x.notes || []).forEach(function (n) { box.appendChild(el('p', { 'class': 'reason' }, 'note: ' + n)); });
    (x.parts || []).forEach(function (p) {
      var part = el('div', { 'class': 'part ' + (p.allowed ? 'allowed' : 'denied') });
      part.appendChild(el('p', null, el('strong', null, p.allowed ? 'allowed ' : 'denied '), p.connections));
      var rules = el('ul', { 'class': 'rules' });
      (p.egressRules || []).forEach(function (r) { rules.appendChild(ruleItem(r, 'egress allowed by')); });
      (p.ingressRules || []).forEach(function (r) { rules.appendChild(ruleItem(r, 'ingress allowed by')); });
      (p.tierRules || []).forEach(function (r) { rules.appendChild(ruleItem(r, 'tier ' + r.tier + ' rule')); });
      if (rules.childNodes.length) { part.appendChild(rules); }
      if (p.deniedBy && p.deniedBy.length) { part.appendChild(el('p', null, 'denied by the ' + p.deniedBy.join(' and ') + ' side')); }
      var reasons = el('ul', { 'class': 'reasons' });
      (p.reasons || []).forEach(function (r) { reasons.appendChild(el('li', { 'class': 'reason' }, r)); });
      part.appendChild(reasons);
      box.appendChild(part);
    });
    (x.pieces || []).forEach(function (p) { box.appendChild(renderExplanation(p)); });
    return box;
  }

  function showLine(l) {
    var d = details(l.from.label + ' \u2192 ' + l.to.label);
    d.setAttribute('data-kind', 'line');
    d.appendChild(el('p', null, l.edges.length + ' connections. Choose one:'));
    var ul = el('ul');
    l.edges.slice(0, 500).forEach(function (e) {
      ul.appendChild(el('li', null, button(nodes[e.s].id + ' \u2192 ' + nodes[e.d].id + ' : ' + conns[e.c].text, function () { showEdge(e); }), ' ', edgeChange(e)));
    });
    d.appendChild(ul);
    if (l.edges.length > 500) { d.appendChild(el('p', null, (l.edges.length - 500) + ' more in the table below.')); }
    focusDetails();
  }

  function edgeList(list, other) {
    var ul = el('ul');
    list.slice(0, 300).forEach(function (e) {
      ul.appendChild(el('li', null, nodeButton(nodes[other(e)]), ' : ' + conns[e.c].text + ' ', edgeChange(e),
        ' ', button('why?', function () { showEdge(e); })));
    });
    if (list.length > 300) { ul.appendChild(el('li', null, (list.length - 300) + ' more in the table below')); }
    if (!list.length) { ul.appendChild(el('li', null, 'nothing')); }
    return ul;
  }

  function showNode(n, focusGraph) {
    if (focusGraph && n.i !== state.node) {
      state.node = n.i;
      $('f-workload').value = String(n.i);
      ensureWorkloadOption(n);
      state.shown = PAGE;
      draw();
    }
    var d = details(n.id);
    d.setAttribute('data-kind', 'node');
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
    if (n.t === 'w') {
      row('namespace', button(namespaces[n.ns], function () { setNamespace(n.group); }));
      row('kind', n.kind);
      row('defined at', el('span', { 'class': 'where' }, where(n.file, n.line)));
      var labels = Object.keys(n.labels || {}).map(function (k) { return k + '=' + n.labels[k]; });
      row('pod labels', labels.length ? labels.join(', ') : 'none');
      if (n.pol) { row('isolated for', n.iso || 'neither direction'); }
    } else {
      row('kind', n.t === 'i' ? 'the ingress controller of Ingress/Route objects' : 'IPv4 addresses outside the cluster');
    }
    if (n.change) { row('change', el('span', { 'class': 'badge ' + n.change }, n.change)); }
    d.appendChild(dl);
    if (n.t === 'w') {
      d.appendChild(el('h3', null, 'Policies selecting it'));
      var pl = el('ul');
      (n.pol || []).forEach(function (pi) {
        var p = policies[pi];
        pl.appendChild(el('li', null, p.kind + ' ' + (p.ns ? p.ns + '/' : '') + p.name + ' (' + p.types + ') ', el('span', { 'class': 'where' }, where(p.file, p.line))));
      });
      if (!n.pol || !n.pol.length) { pl.appendChild(el('li', null, n.pol ? 'none: it is not isolated' : 'not in the NEW manifests')); }
      d.appendChild(pl);
    }
    d.appendChild(el('h3', null, 'Reaches'));
    d.appendChild(edgeList(n.out, function (e) { return e.d; }));
    d.appendChild(el('h3', null, 'Reached by'));
    d.appendChild(edgeList(n.inc, function (e) { return e.s; }));
    if (n.findings.length) {
      d.appendChild(el('h3', null, 'Findings'));
      var fl = el('ul');
      n.findings.forEach(function (f) { fl.appendChild(el('li', null, button(f.severity + ' [' + f.rule + '] ' + f.message, function () { showFinding(f); }))); });
      d.appendChild(fl);
    }
    focusDetails();
  }

  function showFinding(f) {
    var d = details('[' + f.rule + '] ' + f.title);
    d.setAttribute('data-kind', 'finding');
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
    row('severity', el('span', { 'class': 'sev ' + f.severity }, f.severity));
    row('object', f.node >= 0 ? nodeButton(nodes[f.node]) : f.object);
    if (f.policy >= 0) { var p = policies[f.policy]; row('policy', p.kind + ' ' + (p.ns ? p.ns + '/' : '') + p.name); }
    if (f.ns >= 0) { row('namespace', button(namespaces[f.ns], function () { setNamespace('ns:' + f.ns); })); }
    row('where', el('span', { 'class': 'where' }, where(f.file, f.line)));
    row('message', f.message);
    row('fix', f.remediation);
    if (f.waived !== undefined) { row('waived', f.waived); }
    d.appendChild(dl);
    focusDetails();
  }

  function showNamespace(g) {
    var d = details(groupName(g));
    d.setAttribute('data-kind', 'namespace');
    var members = nodes.filter(function (n) { return n.group === g; });
    d.appendChild(el('p', null, members.length + ' endpoint(s)'));
    var ul = el('ul');
    members.slice(0, 300).forEach(function (n) { ul.appendChild(el('li', null, nodeButton(n), n.findings.length ? ' \u26a0 ' + n.findings.length : '')); });
    d.appendChild(ul);
  }

  // ------------------------------------------------------------------ crumbs, tables
  function renderCrumbs() {
    var c = $('crumbs');
    clear(c);
    c.appendChild(button('all namespaces', function () { setNamespace(''); }));
    if (state.ns) { c.appendChild(el('span', null, '\u203a')); c.appendChild(button(groupName(state.ns), function () { setNamespace(state.ns); })); }
    if (state.node >= 0) { c.appendChild(el('span', null, '\u203a')); c.appendChild(el('span', null, nodes[state.node].id)); }
    $('view-title').textContent = state.node >= 0 ? 'Connections of ' + nodes[state.node].id
      : state.ns ? 'Namespace ' + groupName(state.ns) : 'Connectivity';
  }

  function renderTable(list) {
    var body = $('conn-table').tBodies[0];
    clear(body);
    var sorted = list.slice().sort(function (a, b) {
      var ra = a.st === 'same' ? 1 : 0, rb = b.st === 'same' ? 1 : 0;
      return ra - rb || a.i - b.i;
    });
    sorted.slice(0, state.shown).forEach(function (e) {
      var tr = el('tr', { 'data-change': e.st });
      tr.appendChild(el('td', null, DIFF ? (e.st === 'added' ? '+ added' : e.st === 'removed' ? '\u2212 removed' : e.st === 'changed' ? '\u00b1 changed' : '') : ''));
      tr.appendChild(el('td', null, nodeButton(nodes[e.s])));
      tr.appendChild(el('td', null, nodeButton(nodes[e.d])));
      tr.appendChild(el('td', null, conns[e.c].text));
      tr.appendChild(el('td', null, e.layer.replace('-', ' ')));
      tr.appendChild(el('td', null, button('explain', function () { showEdge(e); })));
      body.appendChild(tr);
    });
    $('conns-title').textContent = 'Connections (' + list.length + (list.length > state.shown ? ', showing ' + state.shown : '') + ')';
    $('more').hidden = list.length <= state.shown;
  }

  function renderFindings() {
    var sec = $('findings-section');
    if (!D.findings) { sec.hidden = true; return; }
    var body = $('findings').tBodies[0];
    clear(body);
    var shown = findings.filter(function (f) {
      if (state.ns && state.ns !== 'ns:' + f.ns) { return false; }
      if (state.finding && state.finding !== '*' && f.rule !== state.finding) { return false; }
      if (state.node >= 0 && f.node !== state.node) { return false; }
      return true;
    });
    shown.slice(0, 1000).forEach(function (f) {
      var tr = el('tr');
      tr.appendChild(el('td', null, el('span', { 'class': 'sev ' + f.severity }, f.severity + (f.waived !== undefined ? ' (waived)' : ''))));
      tr.appendChild(el('td', null, f.rule));
      tr.appendChild(el('td', null, f.node >= 0 ? nodeButton(nodes[f.node]) : f.object));
      tr.appendChild(el('td', null, button(f.message, function () { showFinding(f); })));
      tr.appendChild(el('td', { 'class': 'where' }, where(f.file, f.line)));
      body.appendChild(tr);
    });
    $('findings-title').textContent = 'Findings (' + shown.length + (shown.length > 1000 ? ', showing 1000' : '') + ')';
  }

  // ------------------------------------------------------------------ controls
  function setNamespace(g) {
    state.ns = g; state.node = -1; state.shown = PAGE;
    $('f-namespace').value = g;
    $('f-workload').value = '';
    fillWorkloads();
    draw();
    if (g) { showNamespace(g); }
  }
  function ensureWorkloadOption(n) {
    var sel = $('f-workload');
    if (!sel.querySelector('option[value="' + n.i + '"]')) { sel.appendChild(el('option', { value: String(n.i) }, n.id)); }
    sel.value = String(n.i);
  }
  function fillWorkloads() {
    var sel = $('f-workload');
    while (sel.options.length > 1) { sel.remove(1); }
    var list = nodes.filter(function (n) { return state.ns ? n.group === state.ns : true; });
    list.slice(0, 2000).forEach(function (n) { sel.appendChild(el('option', { value: String(n.i) }, n.id)); });
  }

  function search(q) {
    var out = $('search-results');
    clear(out);
    q = q.trim().toLowerCase();
    if (!q) { return; }
    var results = [];
    namespaces.forEach(function (ns, i) { if (ns.toLowerCase().indexOf(q) >= 0) { results.push(['namespace ' + ns, function () { setNamespace('ns:' + i); }]); } });
    for (var i = 0; i < nodes.length && results.length < 40; i++) {
      (function (n) { if (n.id.toLowerCase().indexOf(q) >= 0) { results.push([n.id, function () { showNode(n, true); }]); } })(nodes[i]);
    }
    policies.forEach(function (p) {
      var name = p.kind + ' ' + (p.ns ? p.ns + '/' : '') + p.name;
      if (results.length < 60 && name.toLowerCase().indexOf(q) >= 0) {
        results.push([name + ' (' + where(p.file, p.line) + ')', function () { showPolicy(p); }]);
      }
    });
    findings.forEach(function (f) {
      if (results.length < 80 && (f.rule + ' ' + f.message).toLowerCase().indexOf(q) >= 0) { results.push(['[' + f.rule + '] ' + f.message, function () { showFinding(f); }]); }
    });
    results.slice(0, 80).forEach(function (r) {
      out.appendChild(el('li', null, button(r[0], function () { clear(out); r[1](); }, 'result')));
    });
    if (!results.length) { out.appendChild(el('li', null, 'no match')); }
  }

  function showPolicy(p) {
    var pi = policies.indexOf(p);
    var d = details(p.kind + ' ' + (p.ns ? p.ns + '/' : '') + p.name);
    d.setAttribute('data-kind', 'policy');
    d.appendChild(el('p', null, p.types + ' ', el('span', { 'class': 'where' }, where(p.file, p.line))));
    d.appendChild(el('h3', null, 'Selects'));
    var ul = el('ul');
    nodes.filter(function (n) { return n.pol && n.pol.indexOf(pi) >= 0; }).slice(0, 300)
      .forEach(function (n) { ul.appendChild(el('li', null, nodeButton(n))); });
    if (!ul.childNodes.length) { ul.appendChild(el('li', null, 'no workload')); }
    d.appendChild(ul);
    focusDetails();
  }

  function renderLegend() {
    var lg = $('legend');
    function sample(cls, text) {
      var g = sv('g', { 'class': 'edge ' + cls });
      g.appendChild(sv('path', { 'class': 'line', d: 'M 2 5 L 38 5' }));
      var wrap = el('span');
      var holder = sv('svg', { width: '40', height: '10', 'class': DIFF ? 'diff' : '', 'aria-hidden': 'true' });
      holder.appendChild(g);
      wrap.appendChild(holder);
      wrap.appendChild(document.createTextNode(' ' + text));
      lg.appendChild(wrap);
    }
    if (DIFF) {
      sample('st-added', '+ added (thick)');
      sample('st-removed', '\u2212 removed (dotted)');
      sample('st-changed', '\u00b1 ports changed (dashed)');
      sample('st-same', 'unchanged (thin)');
    } else {
      sample('l-admin', 'admin policy tier (dash-dot)');
      sample('l-network-policy', 'NetworkPolicy (solid)');
      sample('l-no-policy', 'no policy applies (dashed)');
    }
    lg.appendChild(el('span', null, '\u26a0 has findings; dashed box: outside the cluster'));
  }

  function init() {
    $('title').textContent = D.title;
    document.title = D.title;
    var workloads = nodes.filter(function (n) { return n.t === 'w'; }).length;
    var parts = [plural(namespaces.length, 'namespace'), plural(workloads, 'workload'), plural(edges.length, 'connection')];
    if (D.findings) { parts.push(plural(findings.length, 'finding')); }
    if (DIFF) {
      var count = function (st) { return edges.filter(function (e) { return e.st === st; }).length; };
      parts.push(plural(count('added'), 'connection') + ' added, ' + count('removed') + ' removed, ' + count('changed') + ' changed');
      parts.push(plural(nodes.filter(function (n) { return n.change === 'added'; }).length, 'workload') + ' added, '
        + nodes.filter(function (n) { return n.change === 'removed'; }).length + ' removed');
      $('f-change-label').hidden = false;
    }
    $('summary').textContent = parts.join(' \u00b7 ');
    $('footer').textContent = 'netspec ' + D.version + ' \u00b7 ' + D.explanations.length + ' explanations embedded'
      + (D.explanationsOmitted ? ', ' + D.explanationsOmitted + ' connections without one (run netspec explain)' : '')
      + ' \u00b7 this file makes no network request';
    var nsSel = $('f-namespace');
    namespaces.forEach(function (ns, i) { nsSel.appendChild(el('option', { value: 'ns:' + i }, ns)); });
    var groups = {};
    nodes.forEach(function (n) { if (n.t !== 'w') { groups[n.group] = true; } });
    Object.keys(groups).sort().forEach(function (g) { nsSel.appendChild(el('option', { value: g }, groupName(g))); });
    var rules = {};
    findings.forEach(function (f) { rules[f.rule] = true; });
    Object.keys(rules).sort().forEach(function (r) { $('f-finding').appendChild(el('option', { value: r }, r)); });
    fillWorkloads();
    nsSel.addEventListener('change', function () { setNamespace(nsSel.value); });
    $('f-workload').addEventListener('change', function () {
      var v = $('f-workload').value;
      if (v === '') { state.node = -1; draw(); } else { showNode(nodes[+v], true); }
    });
    $('f-port').addEventListener('input', function () {
      var v = $('f-port').value;
      state.port = parsePort(v);
      $('f-port').setAttribute('aria-invalid', v.trim() && !state.port ? 'true' : 'false');
      state.shown = PAGE;
      draw();
    });
    $('f-finding').addEventListener('change', function () { state.finding = $('f-finding').value; state.shown = PAGE; draw(); });
    $('f-change').addEventListener('change', function () { state.change = $('f-change').value; state.shown = PAGE; draw(); });
    $('reset').addEventListener('click', function () {
      state = { ns: '', node: -1, port: null, finding: '', change: '', shown: PAGE };
      $('f-port').value = ''; $('f-finding').value = ''; $('f-change').value = ''; $('search').value = '';
      clear($('search-results'));
      setNamespace('');
    });
    $('more').addEventListener('click', function () { state.shown += PAGE; renderTable(filteredEdges()); });
    var timer = null;
    $('search').addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search($('search').value); }, 120);
    });
    $('search').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') { ev.preventDefault(); search($('search').value); var first = $('search-results').querySelector('button'); if (first) { first.focus(); } }
      if (ev.key === 'Escape') { clear($('search-results')); }
    });
    $('search-results').addEventListener('keydown', function (ev) {
      var items = Array.prototype.slice.call($('search-results').querySelectorAll('button'));
      var k = items.indexOf(document.activeElement);
      if (ev.key === 'ArrowDown' && k < items.length - 1) { ev.preventDefault(); items[k + 1].focus(); }
      if (ev.key === 'ArrowUp') { ev.preventDefault(); if (k > 0) { items[k - 1].focus(); } else { $('search').focus(); } }
      if (ev.key === 'Escape') { clear($('search-results')); $('search').focus(); }
    });
    renderLegend();
    draw();
    // milliseconds from the start of navigation to a drawn page, and of that, in this script
    document.body.setAttribute('data-ready', String(Math.round(performance.now())));
    document.body.setAttribute('data-script-ms', String(Math.round(performance.now() - started)));
  }

  init();
})();
