/*
 * Samverkan atlas: turns the server-rendered atlas page into a WebGL network graph of the actors.
 *
 * Needs vendor/sigma-graphology.min.js before it (window.Sigma, window.graphology); loaded with <script defer>.
 * No inline code and no eval, so it runs under the site's CSP. Without JavaScript or WebGL the page keeps its
 * table. The graph JSON and the DOM it enhances are described with the atlas page's template.
 *
 * For tests: window.samverkanAtlas = { graph, renderer, selected, highlighted, ready, fps, select(id), clear(),
 * search(q), reload() }, and on #atlas: data-ready ("false" while loading, "true" once the graph is drawn or
 * the status says why not), data-node-count, data-edge-count and, with ?fps=1 in the URL, data-fps.
 */
(() => {
  'use strict';

  const root = document.getElementById('atlas');
  const container = document.getElementById('atlas-graph');
  if (!root || !container) return;
  const panel = document.getElementById('atlas-panel');
  const legend = document.getElementById('atlas-legend');
  const status = document.getElementById('atlas-status');
  const form = document.getElementById('atlas-filters');
  const searchInput = document.getElementById('atlas-search');

  const lang = root.dataset.lang || document.documentElement.lang || 'en';
  const FILTERS = ['campus', 'kind', 'ownership', 'tag', 'area']; // sent to the graph API; `size` stays client-side
  const NODE_SIZE = [5, 18];          // node radius range in px at zoom 1 (sqrt scale)...
  const CROWDED_NODES = 2000;         // ...shrunk from this many nodes (by the square root, at most to half):
                                      // dense networks stay legible, and a software rasteriser draws less
  const DIM_NODE = '#d5dbe3';         // everything outside the selection
  const DIM_EDGE = '#e8ecf1';
  const INK = '#1b2430';
  const MUTED = '#4a5563';
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  const SMALL_GRAPH_NODES = 100;      // label every node of graphs this small, else only the bigger ones
  const SMALL_GRAPH_EDGES = 150;      // label every edge of graphs this small...
  const EDGE_LABEL_RATIO = 0.5;       // ...else only from this zoom on (camera ratio; smaller is closer)
  const MAX_EDGE_LABELS = 250;        // edge labels per frame at most
  const MAX_FORCED_LABELS = 60;       // show all neighbours' labels for selections up to this size
  const Z_ORDER_MAX_EDGES = 10000;    // draw the selection on top (sigma's zIndex sort) up to this many edges
  const BIG_GRAPH_EDGES = 20000;      // hide edges while the camera moves from this many (any WebGL)
  const SOFTWARE_GL_EDGES = 1000;     // ...and from this many when WebGL runs in software (no GPU)
  const MAX_RELATIONS = 20;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  // ---- Strings: the server gives them in the page language; English is the fallback. ----
  const EN = {
    showing: 'Showing {nodes} actors and {edges} relations', noMatch: 'No actor has that name',
    selected: '{name} and {count} neighbours are highlighted', close: 'Close', openActor: "Open the actor's page",
    degree: 'Connections', betweenness: 'Betweenness', community: 'Cluster', kind: 'Type', ownership: 'Ownership',
    campuses: 'Campus', relations: 'Relations', webglMissing: 'The graph needs WebGL; use the table below.',
    loading: 'Loading the graph…', loadFailed: 'The graph could not be loaded; use the table below.',
    noRelations: 'No relations are recorded.',
    tableStale: 'The table could not be updated for these filters. Press the filter button to reload the page.',
  };
  let strings = {};
  try { strings = JSON.parse(document.getElementById('atlas-i18n').textContent) || {}; } catch (_) { /* EN */ }
  const t = (key, vars) => String(strings[key] || EN[key] || key)
    .replace(/\{(\w+)\}/g, (m, name) => (vars && name in vars ? String(vars[name]) : m));
  const text = (v) => (v == null ? '' : typeof v === 'object' ? v[lang] || v.en || v.sv || '' : String(v));
  const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  const setStatus = (msg) => { if (status) status.textContent = msg; };

  // ---- State; the public parts are mirrored into window.samverkanAtlas. ----
  const state = {
    graph: null, renderer: null, selected: null, highlighted: new Set(), highlightedEdges: new Set(),
    forceNeighbourLabels: true, sizeBy: 'degree', returnFocus: null, controller: null, fetchedFilters: null,
    softwareGL: false, searchIndex: [], kinds: new Map(), relationKinds: new Map(), ownerships: new Map(),
    campuses: new Map(),
  };
  const api = window.samverkanAtlas = {
    graph: null, renderer: null, selected: null, highlighted: state.highlighted, ready: false, fps: null,
    select: (id) => select(id, { user: true }), clear: () => clearSelection({ user: true }),
    search: (q) => runSearch(q, { user: true }), reload: () => reload(),
  };

  // Returns null without WebGL, else whether it is a software rasteriser (slow with big graphs).
  function probeWebGL() {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return document.createElement('canvas').getContext('webgl') ? { software: false } : null;
      let name = String(gl.getParameter(gl.RENDERER));   // Chromium and WebKit mask it: ask the extension
      const info = /^webkit webgl$/i.test(name) && gl.getExtension('WEBGL_debug_renderer_info');
      if (info) name = String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();   // give the probe's context back at once
      return { software: /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name) };
    } catch (_) { return null; }
  }

  // Edge-label text takes the relation's colour when that reads at 4.5:1 on white, else the muted ink.
  const readable = new Map();
  function readableOnWhite(hex) {
    if (!readable.has(hex)) {
      const m = /^#([0-9a-f]{6})$/i.exec(hex || '');
      const n = m ? parseInt(m[1], 16) : 0xffffff;
      const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      const l = 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
      readable.set(hex, 1.05 / (l + 0.05) >= 4.5 ? hex : MUTED);
    }
    return readable.get(hex);
  }

  // ---- The graphology graph. ----
  const indexById = (list) => new Map((Array.isArray(list) ? list : []).filter((i) => i && i.id != null)
    .map((i) => [String(i.id), i]));
  const labelOf = (map, id) => text(map.get(String(id)) && map.get(String(id)).label) || String(id);

  function buildGraph(data) {
    state.kinds = indexById(data.kinds);
    state.relationKinds = indexById(data.relation_kinds);
    state.ownerships = indexById(data.ownerships);
    state.campuses = indexById(data.campuses);
    // A directed multigraph: a pair may have several relations of different kinds.
    const graph = new window.graphology.MultiDirectedGraph();
    state.searchIndex = [];
    for (const n of data.nodes) {
      if (!n || n.id == null || graph.hasNode(String(n.id))) continue;
      const id = String(n.id), kind = state.kinds.get(String(n.kind)), label = text(n.label) || id;
      graph.addNode(id, { x: Number(n.x) || 0, y: Number(n.y) || 0, size: NODE_SIZE[0], label,
        color: (kind && kind.color) || '#5f6b7a', raw: n });
      state.searchIndex.push({ id, label, folded: fold(label), foldedId: fold(id), degree: Number(n.degree) || 0 });
    }
    // Relations between the same two actors overlap, so only the first edge of a pair carries a label,
    // naming every relation kind between them.
    const pairs = new Map();
    for (const e of data.edges) {
      const source = String(e && e.source), target = String(e && e.target);
      if (source === target || !graph.hasNode(source) || !graph.hasNode(target)) continue;
      const rel = state.relationKinds.get(String(e.kind));
      const color = (rel && rel.color) || '#6b7280';
      const key = graph.addEdge(source, target, { kind: String(e.kind), color, size: 1, type: 'arrow',
        labelColor: readableOnWhite(color) });
      const pairKey = source < target ? source + '\u0000' + target : target + '\u0000' + source;
      const relLabel = labelOf(state.relationKinds, e.kind), pair = pairs.get(pairKey);
      if (!pair) pairs.set(pairKey, { key, labels: [relLabel] });
      else if (!pair.labels.includes(relLabel)) pair.labels.push(relLabel);
    }
    for (const { key, labels } of pairs.values()) {
      graph.mergeEdgeAttributes(key, labels.length > 1 ? { label: labels.join(' · '), labelColor: MUTED } : { label: labels[0] });
    }
    return graph;
  }

  // Node radius from degree or betweenness, sqrt-scaled into NODE_SIZE (smaller for crowded networks).
  function applySizes(graph) {
    const key = state.sizeBy === 'betweenness' ? 'betweenness' : 'degree';
    const metric = (a) => Math.sqrt(Math.max(0, Number(a.raw[key]) || 0));
    let lo = Infinity, hi = -Infinity;
    graph.forEachNode((_, a) => { const v = metric(a); lo = Math.min(lo, v); hi = Math.max(hi, v); });
    const shrink = Math.max(0.5, Math.min(1, Math.sqrt(CROWDED_NODES / Math.max(1, graph.order))));
    const [min, max] = NODE_SIZE.map((s) => s * shrink);
    graph.updateEachNodeAttributes((_, a) => {
      a.size = hi > lo ? min + (max - min) * (metric(a) - lo) / (hi - lo) : (min + max) / 2;
      return a;
    }, { attributes: ['size'] });
  }

  // ---- Rendering. Sigma runs the reducers only when it reprocesses (graph change, refresh), not per frame;
  // they change the copy sigma hands them and only look up sets computed once per selection. ----
  function nodeReducer(node, data) {
    if (state.selected === null) return data;
    if (node === state.selected) Object.assign(data, { highlighted: true, forceLabel: true, zIndex: 2 });
    else if (state.highlighted.has(node)) { data.forceLabel = state.forceNeighbourLabels; data.zIndex = 1; }
    else { data.color = DIM_NODE; data.label = null; data.zIndex = 0; }
    return data;
  }

  function edgeReducer(edge, data) {
    if (state.selected === null) return data;
    if (state.highlightedEdges.has(edge)) { data.size = 2; data.zIndex = 1; }
    else { data.color = DIM_EDGE; data.zIndex = 0; }
    return data;
  }

  // After a selection change. Without the zIndex sort (big graphs) positions and the label grid stay valid,
  // so only the display data is recomputed.
  function refreshStyles() {
    const r = state.renderer, g = state.graph;
    if (r.getSetting('zIndex')) r.refresh();
    else r.refresh({ partialGraph: { nodes: g.nodes(), edges: g.edges() }, skipIndexation: true });
  }

  // Edge labels: sigma's own visit every edge each frame and shorten labels letter by letter, so we draw
  // them after each frame on sigma's (otherwise unused) edge-label canvas: the selection's edges, or, when
  // zoomed in or the graph is small, edges between two nodes whose labels sigma shows.
  const labelWidths = new Map();      // few distinct labels: measure each once
  let labelCtx = null;
  function drawEdgeLabels() {
    const r = state.renderer, g = state.graph, { width, height } = r.getDimensions();
    labelCtx.clearRect(0, 0, width, height);
    // A canvas resize resets the context, so set it up every frame.
    Object.assign(labelCtx, { font: '500 11px ' + FONT, lineWidth: 3, lineJoin: 'round',
      strokeStyle: 'rgba(255, 255, 255, 0.9)' });
    let drawn = 0;
    const draw = (attrs, source, target) => {
      if (drawn < MAX_EDGE_LABELS && attrs.label && drawEdgeLabel(attrs, source, target, width, height)) drawn++;
    };
    if (state.selected !== null) {
      for (const e of state.highlightedEdges) draw(g.getEdgeAttributes(e), g.source(e), g.target(e));
    } else if (g.size <= SMALL_GRAPH_EDGES || r.getCamera().ratio <= EDGE_LABEL_RATIO) {
      const shown = r.getNodeDisplayedLabels();
      for (const node of shown) {
        if (drawn >= MAX_EDGE_LABELS) break;
        g.forEachOutEdge(node, (e, attrs, s, target) => { if (shown.has(target)) draw(attrs, s, target); });
      }
    }
  }

  function drawEdgeLabel(attrs, sourceId, targetId, width, height) {
    const r = state.renderer, g = state.graph, ctx = labelCtx;
    const sa = g.getNodeAttributes(sourceId), ta = g.getNodeAttributes(targetId);
    const s = r.graphToViewport(sa), e = r.graphToViewport(ta);
    const sSize = r.scaleSize(sa.size), tSize = r.scaleSize(ta.size);
    const dx = e.x - s.x, dy = e.y - s.y, dist = Math.hypot(dx, dy), room = dist - sSize - tSize - 8;
    const mid = (sSize + dist - tSize) / 2 / dist;     // middle of the visible part of the edge
    const x = s.x + dx * mid, y = s.y + dy * mid;
    if (room < 30 || x < -50 || y < -50 || x > width + 50 || y > height + 50) return false;
    let label = attrs.label, w = labelWidths.get(label);
    if (w === undefined) labelWidths.set(label, w = ctx.measureText(label).width);
    if (w > room) {                   // shorten once, by the share that fits
      const chars = Math.floor(label.length * room / w) - 1;
      if (chars < 4) return false;
      label = label.slice(0, chars) + '…';
      w = room;
    }
    let angle = Math.atan2(dy, dx);
    if (Math.abs(angle) > Math.PI / 2) angle += Math.PI;  // keep the text upright
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(angle);
    ctx.fillStyle = attrs.labelColor || MUTED;
    ctx.strokeText(label, -w / 2, -4);  // white halo over crossing lines
    ctx.fillText(label, -w / 2, -4);
    ctx.restore();
    return true;
  }

  // While the camera moves on a big graph: sigma draws every node twice a frame, once on screen and once into the
  // picking buffer that finds the node under the pointer, and the layers it leaves empty during a move (relations,
  // labels) are still composited. Both were half of a frame's time with WebGL in software at 10,000 actors. So the
  // picking pass is skipped and the empty layers hidden during a move; the frame after it ends draws them again
  // (nothing can be pointed at mid-drag anyway). Uses sigma 3.0's program objects (the vendored version is pinned);
  // without them this does nothing.
  function lightenMoves(renderer) {
    const programs = Object.values(renderer.nodePrograms || {}).filter((p) => p && 'pickProgram' in p);
    const captor = renderer.getMouseCaptor();
    const canvases = renderer.getCanvases();
    const layers = ['edges', 'edgeLabels', 'labels'].map((k) => canvases[k]).filter(Boolean);
    const moving = () => renderer.getCamera().isAnimated() || captor.isMoving || captor.draggedEvents > 0 ||
      Boolean(captor.currentWheelDirection);
    let skipped = false;
    for (const program of programs) {
      const render = program.render.bind(program);
      const pick = program.pickProgram;
      program.render = (params) => {
        if (!skipped) return render(params);
        program.pickProgram = null;
        try { return render(params); } finally { program.pickProgram = pick; }
      };
    }
    renderer.on('beforeRender', () => {
      const now = moving();
      if (now !== skipped) layers.forEach((c) => { c.style.visibility = now ? 'hidden' : ''; });
      skipped = now;
    });
    renderer.on('afterRender', () => { if (skipped) requestAnimationFrame(() => renderer.scheduleRender()); });
  }

  // One renderer per loaded graph: its settings depend on the graph's size, and changing settings on a live
  // renderer reprocesses everything. kill() releases the WebGL contexts.
  let resizeObserver = null;
  function createRenderer(graph) {
    if (state.renderer) state.renderer.kill();
    if (resizeObserver) resizeObserver.disconnect();
    const slow = graph.size >= (state.softwareGL ? SOFTWARE_GL_EDGES : BIG_GRAPH_EDGES);
    const renderer = new window.Sigma(graph, container, {
      defaultEdgeType: 'arrow', allowInvalidContainer: true, enableCameraRotation: false,
      zIndex: graph.size <= Z_ORDER_MAX_EDGES, hideEdgesOnMove: slow, hideLabelsOnMove: slow,
      labelFont: FONT, labelSize: 13, labelWeight: '600', labelColor: { color: INK }, labelDensity: 0.9,
      labelRenderedSizeThreshold: graph.order <= SMALL_GRAPH_NODES ? 0 : 7,
      renderEdgeLabels: false, minCameraRatio: 0.03, maxCameraRatio: 4, nodeReducer, edgeReducer,
    });
    labelCtx = renderer.getCanvases().edgeLabels.getContext('2d');
    labelWidths.clear();
    renderer.on('afterRender', drawEdgeLabels);
    if (slow) lightenMoves(renderer);
    renderer.on('clickNode', ({ node }) => select(node, { user: true }));
    renderer.on('clickStage', () => clearSelection({ user: true }));
    renderer.on('enterNode', () => container.classList.add('is-pointing'));
    renderer.on('leaveNode', () => container.classList.remove('is-pointing'));
    // Sigma follows window resizes only; opening the panel narrows the graph too.
    resizeObserver = new ResizeObserver(() => {
      const { width, height } = renderer.getDimensions();
      if (container.offsetWidth && (container.offsetWidth !== width || container.offsetHeight !== height)) {
        renderer.scheduleRefresh();
      }
    });
    resizeObserver.observe(container);
    return renderer;
  }

  function showGraph(data) {
    const graph = buildGraph(data);
    applySizes(graph);
    const keep = state.selected;      // kept across refetches when the actor is still there
    state.selected = api.selected = null;
    state.highlighted.clear();
    state.highlightedEdges.clear();
    state.graph = api.graph = graph;
    state.renderer = api.renderer = createRenderer(graph);
    drawEdgeLabels();                 // sigma's first frame came before our afterRender listener
    fillLegend(graph);
    fillDatalist();
    root.dataset.nodeCount = String(graph.order);
    root.dataset.edgeCount = String(graph.size);
    if (keep !== null && graph.hasNode(keep)) return select(keep, { user: false });
    closePanel();
    if (keep !== null) syncUrl();
    setStatus(showingText());
  }

  const showingText = () => t('showing', { nodes: state.graph.order, edges: state.graph.size });

  // ---- Legend and datalist. ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = v;
      else if (v != null) node.setAttribute(k === 'className' ? 'class' : k, v);
    }
    node.append(...children.filter((c) => c != null));
    return node;
  }

  function legendGroup(id, title, defs, counts, swatchClass) {
    const list = el('ul', { className: 'atlas-legend-list', 'aria-labelledby': id });
    for (const [kind, count] of counts) {
      const def = defs.get(kind);
      const swatch = el('span', { className: 'atlas-swatch ' + swatchClass, 'aria-hidden': 'true' });
      swatch.style.color = (def && def.color) || '#5f6b7a';   // CSSOM: allowed by the CSP
      list.append(el('li', null, swatch, labelOf(defs, kind) + ' (' + count + ')'));
    }
    return el('div', { className: 'atlas-legend-group' }, el('p', { className: 'atlas-legend-title', id, text: title }), list);
  }

  function fillLegend(graph) {
    if (!legend) return;
    const kinds = new Map(), rels = new Map();
    graph.forEachNode((_, a) => kinds.set(String(a.raw.kind), (kinds.get(String(a.raw.kind)) || 0) + 1));
    graph.forEachEdge((_, a) => rels.set(a.kind, (rels.get(a.kind) || 0) + 1));
    legend.replaceChildren(
      legendGroup('atlas-legend-kinds', t('kind'), state.kinds, kinds, 'atlas-swatch-node'),
      legendGroup('atlas-legend-relations', t('relations'), state.relationKinds, rels, 'atlas-swatch-edge'));
  }

  function fillDatalist() {
    if (!searchInput) return;
    let list = document.getElementById(searchInput.getAttribute('list') || 'atlas-names');
    if (!list) {
      list = el('datalist', { id: 'atlas-names' });
      searchInput.setAttribute('list', 'atlas-names');
      searchInput.after(list);
    }
    const labels = [...new Set(state.searchIndex.map((e) => e.label))].sort((a, b) => a.localeCompare(b, lang));
    list.replaceChildren(...labels.map((value) => el('option', { value })));
  }

  // ---- Selection, panel, search. ----
  function select(id, { user = false } = {}) {
    const graph = state.graph;
    if (!graph || !graph.hasNode(id)) return false;
    if (user && state.selected === null && !state.returnFocus) {
      const active = document.activeElement;
      state.returnFocus = active !== document.body && !(panel && panel.contains(active)) ? active : null;
    }
    state.selected = api.selected = id;
    state.highlighted.clear();
    state.highlightedEdges.clear();
    state.highlighted.add(id);
    graph.forEachNeighbor(id, (n) => state.highlighted.add(n));
    graph.forEachEdge(id, (e) => state.highlightedEdges.add(e));
    state.forceNeighbourLabels = state.highlighted.size <= MAX_FORCED_LABELS;
    openPanel(id, user);              // first, so that sigma already sees the graph's new width
    refreshStyles();
    focusCamera(id);
    syncUrl();
    setStatus(t('selected', { name: graph.getNodeAttribute(id, 'label'), count: state.highlighted.size - 1 }));
    return true;
  }

  function clearSelection({ user = false } = {}) {
    const back = state.returnFocus, focusInPanel = panel && panel.contains(document.activeElement);
    state.returnFocus = null;
    if (state.selected === null) return;
    state.selected = api.selected = null;
    state.highlighted.clear();
    state.highlightedEdges.clear();
    closePanel();
    refreshStyles();
    syncUrl();
    setStatus(showingText());
    if (user && back && back.isConnected) back.focus();
    else if (focusInPanel && searchInput) searchInput.focus();
  }

  // Centre the node, zoomed so that its neighbours stay in view (camera units: about 0..1 across the graph).
  function focusCamera(id) {
    const r = state.renderer, d = r.getNodeDisplayData(id);
    let reach = 0;
    for (const n of state.highlighted) {
      const nd = r.getNodeDisplayData(n);
      reach = Math.max(reach, Math.abs(nd.x - d.x), Math.abs(nd.y - d.y));
    }
    const target = { x: d.x, y: d.y, ratio: Math.min(1.2, Math.max(0.15, reach * 2.4)) };
    if (reducedMotion) r.getCamera().setState(target);
    else r.getCamera().animate(target, { duration: 500 });
  }

  function facts(raw) {
    const nf = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const has = (v) => v !== null && v !== undefined && v !== '';
    const rows = [
      ['kind', has(raw.kind) ? labelOf(state.kinds, raw.kind) : ''],
      ['ownership', has(raw.ownership) ? labelOf(state.ownerships, raw.ownership) : ''],
      ['campuses', (Array.isArray(raw.campuses) ? raw.campuses : []).map((c) => labelOf(state.campuses, c)).join(', ')],
      ['degree', has(raw.degree) ? String(raw.degree) : ''],
      ['betweenness', has(raw.betweenness) && Number.isFinite(Number(raw.betweenness)) ? nf.format(raw.betweenness) : ''],
      ['community', has(raw.community) ? String(raw.community) : ''],
    ];
    const dl = el('dl', { className: 'atlas-facts' });
    for (const [key, value] of rows) dl.append(el('dt', { text: t(key) }), el('dd', { text: value || '–' }));
    return dl;
  }

  // The actor's relations, best-connected neighbours first; edges read "source <kind> target".
  function relationList(id) {
    const g = state.graph, name = g.getNodeAttribute(id, 'label'), rels = [];
    g.forEachOutEdge(id, (e, a, s, other) => rels.push({ other, kind: a.kind, out: true }));
    g.forEachInEdge(id, (e, a, other) => rels.push({ other, kind: a.kind, out: false }));
    const degree = (n) => Number(g.getNodeAttribute(n, 'raw').degree) || 0;
    rels.sort((a, b) => degree(b.other) - degree(a.other));
    const list = el('ul', { className: 'atlas-relations' });
    for (const r of rels.slice(0, MAX_RELATIONS)) {
      const kind = el('span', { className: 'atlas-rel-kind', text: labelOf(state.relationKinds, r.kind) });
      const other = el('button', { type: 'button', className: 'atlas-link-button', 'data-node': r.other,
        text: g.getNodeAttribute(r.other, 'label') });
      list.append(r.out ? el('li', null, kind, ' ', other) : el('li', null, other, ' ', kind, ' ', name));
    }
    return { list, total: rels.length };
  }

  const closePanel = () => { if (panel) { panel.hidden = true; panel.replaceChildren(); } };

  function openPanel(id, user) {
    if (!panel) return;
    const raw = state.graph.getNodeAttribute(id, 'raw'), rel = relationList(id), href = text(raw.href);
    const close = el('button', { type: 'button', className: 'atlas-panel-close', text: t('close') });
    close.addEventListener('click', () => clearSelection({ user: true }));
    // replaceChildren would write a null as the text "null": parts the actor lacks are left out first.
    panel.replaceChildren(...[
      el('div', { className: 'atlas-panel-head' },
        el('h2', { id: 'atlas-panel-title', text: state.graph.getNodeAttribute(id, 'label') }), close),
      facts(raw),
      href ? el('p', { className: 'atlas-panel-link' }, el('a', { href, text: t('openActor') })) : null,
      rel.total ? el('h3', { text: t('relations') + ' (' + rel.total + ')' }) : null,
      rel.total ? rel.list : el('p', { text: t('noRelations') }),
    ].filter((c) => c != null));
    panel.hidden = false;
    if (user) panel.focus();
  }

  // Best match, case- and diacritic-insensitive: exact label or id, then starts-with, then contains; among
  // equals the best-connected actor.
  function findNode(query) {
    const q = fold(query);
    let best = null, bestRank = 3;
    for (const e of state.searchIndex) {
      if (e.folded === q || e.foldedId === q) return e.id;
      const rank = e.folded.startsWith(q) ? 1 : e.folded.includes(q) ? 2 : 3;
      if (rank < bestRank || (rank === bestRank && best && e.degree > best.degree)) { best = e; bestRank = rank; }
    }
    return best ? best.id : null;
  }

  function runSearch(query, { user = false } = {}) {
    if (!state.graph) return;
    if (!fold(query || '')) { clearSelection({ user }); return; }
    const id = findNode(query);
    if (id === null) { setStatus(t('noMatch')); return; }
    if (user && state.selected === null && searchInput) state.returnFocus = searchInput;
    select(id, { user });
  }

  // ---- URL, filters, fetching. ----
  // The form's non-empty fields; with onlyFilters, just those the graph API takes.
  function formParams(onlyFilters) {
    const params = new URLSearchParams();
    for (const [name, value] of form ? new FormData(form) : []) {
      const v = typeof value === 'string' ? value.trim() : '';
      if (v && (!onlyFilters || FILTERS.includes(name))) params.append(name, v);
    }
    return params;
  }

  // A URL with the form's non-empty fields and the selection in its query; other parameters (the table's
  // sorting and paging, say) stay.
  function withState(href) {
    const url = new URL(href, location.href);
    const names = new Set(form ? Array.from(form.elements, (f) => f.name).filter(Boolean) : []);
    for (const name of [...names, 'selected']) url.searchParams.delete(name);
    for (const [name, v] of formParams()) url.searchParams.append(name, v);
    if (state.selected !== null) url.searchParams.set('selected', state.selected);
    return url.pathname + url.search + url.hash;
  }

  // The page URL mirrors the filters and the selection; a change of filters starts the table at its first page.
  function syncUrl(filtersChanged) {
    const url = new URL(withState(location.href), location.href);
    if (filtersChanged) url.searchParams.delete('page');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  // The table under the graph is the server's own for the page URL: when the filters change it is fetched and
  // swapped in, so the table and its summary always show what the graph shows. The newest fetch wins; if it
  // fails, the table says it is out of date and the filters' button reloads the page.
  let tableFetch = 0;
  async function refreshTable() {
    const part = document.getElementById('atlas-table-part');
    if (!part) return;
    const mine = ++tableFetch;
    part.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(location.href, { headers: { Accept: 'text/html' } });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('atlas-table-part');
      if (!fresh) throw new Error('no table');
      if (mine !== tableFetch) return;
      part.replaceWith(document.importNode(fresh, true));
      window.SamverkanKit?.scan();
    } catch (_) {
      if (mine !== tableFetch) return;
      part.removeAttribute('aria-busy');
      const summary = document.getElementById('atlas-table-summary');
      if (summary) summary.textContent = t('tableStale');
      state.tableStale = true;
    }
  }

  function reload() {
    const url = new URL(root.dataset.graphUrl, location.href), filters = formParams(true);
    for (const name of FILTERS) url.searchParams.delete(name);
    for (const [name, v] of filters) url.searchParams.append(name, v);
    state.fetchedFilters = filters.toString();
    return load(url.href);
  }

  async function load(url) {
    if (state.controller) state.controller.abort();   // a newer request wins
    const controller = state.controller = new AbortController();
    root.dataset.ready = 'false';
    setStatus(t('loading'));
    const fail = (key) => {
      container.hidden = true;
      closePanel();
      setStatus(t(key));
      root.dataset.ready = 'true';
      return false;
    };
    let data;
    try {
      const res = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      data = await res.json();
      if (!data || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) throw new Error('not a graph');
    } catch (_) {
      if (controller.signal.aborted) return false;
      state.controller = null;
      return fail('loadFailed');
    }
    if (controller !== state.controller) return false;
    state.controller = null;
    container.hidden = false;
    try {
      showGraph(data);
    } catch (_) {                     // sigma failing to get a WebGL context ends up here
      return fail(state.renderer ? 'loadFailed' : 'webglMissing');
    }
    api.ready = true;
    root.dataset.ready = 'true';
    return true;
  }

  function bindEvents() {
    form?.addEventListener('change', (e) => {
      if (e.target.tagName !== 'SELECT') return;
      if (e.target.name === 'size') {
        state.sizeBy = e.target.value;
        if (state.graph) applySizes(state.graph);   // sigma redraws on attribute changes
        syncUrl(false);
      } else if (FILTERS.includes(e.target.name)) {
        syncUrl(true);
        reload();
        refreshTable();
      } else syncUrl(false);
    });
    form?.addEventListener('submit', async (e) => {
      if (state.tableStale) return;       // the table could not follow: let the page reload with the filters
      e.preventDefault();
      const changed = formParams(true).toString() !== state.fetchedFilters;
      syncUrl(changed);
      refreshTable();                     // the table also narrows to the names that match the search
      const ok = changed ? await reload() : true;
      if (ok && searchInput) runSearch(searchInput.value, { user: true });
    });
    // Picking a name from the datalist selects it at once.
    searchInput?.addEventListener('input', (e) => {
      if (e.inputType && e.inputType !== 'insertReplacementText') return;
      const q = fold(searchInput.value);
      if (q && state.searchIndex.some((entry) => entry.folded === q)) runSearch(searchInput.value, { user: true });
    });
    panel?.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-node]');
      if (button) select(button.dataset.node, { user: true });
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && state.selected !== null) clearSelection({ user: true });
    });
  }

  // ?fps=1: move the camera for 5 s and put the frames per second in data-fps (read by the benchmark).
  async function measureFps() {
    const camera = state.renderer.getCamera();
    const steps = [{ ratio: 0.2 }, { x: 0.3, y: 0.7, ratio: 0.6 }, { x: 0.7, y: 0.35, ratio: 0.3 },
      { x: 0.5, y: 0.5, ratio: 1.4 }, { x: 0.45, y: 0.55, ratio: 1 }];
    let frames = 0, running = true;
    const tick = () => { frames++; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const start = performance.now();
    for (let i = 0; performance.now() - start < 5000; i++) {
      await camera.animate(steps[i % steps.length], { duration: 700, easing: 'quadraticInOut' });
    }
    running = false;
    api.fps = frames / ((performance.now() - start) / 1000);
    root.dataset.fps = api.fps.toFixed(1);
  }

  async function start() {
    const webgl = window.Sigma && window.graphology ? probeWebGL() : null;
    if (!webgl) {                     // the table stays the way in
      container.hidden = true;
      setStatus(t(window.Sigma ? 'webglMissing' : 'loadFailed'));
      root.dataset.ready = 'true';
      return;
    }
    state.softwareGL = webgl.software;
    const size = form && form.elements.namedItem('size');
    if (size && size.value) state.sizeBy = size.value;
    bindEvents();
    container.hidden = false;
    state.fetchedFilters = formParams(true).toString();
    if (!await load(root.dataset.graphUrl)) return;
    const params = new URLSearchParams(location.search);
    const initial = root.dataset.selected || params.get('selected');
    if (initial) select(initial, { user: false });
    else if (searchInput && searchInput.value.trim()) runSearch(searchInput.value, { user: false });
    if (params.get('fps') === '1') measureFps();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
