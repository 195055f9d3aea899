// The report's own script, allowed by its hash in the page's Content-Security-Policy.
// It draws the charts, renders the event list from the embedded JSON (every event, newest
// first, page by page), filters it, opens an actor's view, and turns chart clicks into
// filters. Article text is only ever set as text (textContent), never parsed as HTML.
(function () {
  'use strict';
  var status = document.getElementById('render-status');
  function fail(msg) {
    status.dataset.errors = (status.dataset.errors ? status.dataset.errors + ' | ' : '') + msg;
  }
  window.addEventListener('error', function (e) { fail(String(e.message || e)); });
  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  var WEB = /^https?:\/\//i;

  var events = json('event-data') || [];
  var actors = json('actor-data') || [];
  var meta = json('page-meta') || { basis: {}, factual: ['asserted'] };
  var actorById = {};
  actors.forEach(function (a) { actorById[a.id] = a; });
  var ARTICLE_DATED = { publication: true, reference: true };
  var PAGE = 50;

  // ---------------------------------------------------------------- the event list
  var state = { q: '', type: '', actor: '', counterpart: '', fact: '', basis: '', from: '', to: '', event: '' };
  var matches = [];
  var shown = 0;
  var searchText = null;
  var list = document.getElementById('event-list');
  var countEl = document.getElementById('match-count');
  var moreBtn = document.getElementById('more');
  var inputs = {
    q: document.getElementById('filter'), type: document.getElementById('f-type'),
    actor: document.getElementById('f-actor'), fact: document.getElementById('f-fact'),
    basis: document.getElementById('f-basis'), from: document.getElementById('f-from'),
    to: document.getElementById('f-to')
  };

  function haystack(e) {
    var parts = [e.t, e.d, e.f, e.b, e.src, e.tgt, e.loc, e.sum, e.trig, e.id];
    (e.ms || []).forEach(function (m) { parts.push(m.x, m.ti, m.sn, m.pub); });
    return parts.filter(function (p) { return p; }).join('\n').toLowerCase();
  }
  function isFactual(f) { return meta.factual.indexOf(f) >= 0; }
  function keep(e, i) {
    if (state.event) { return e.id === state.event; }
    if (state.type && e.t !== state.type) { return false; }
    if (state.actor && e.si !== state.actor && e.ti !== state.actor) { return false; }
    if (state.counterpart) {
      var other = e.si === state.actor ? e.ti : e.si;
      if (other !== state.counterpart) { return false; }
    }
    if (state.fact === 'factual' ? !isFactual(e.f) : (state.fact && e.f !== state.fact)) { return false; }
    if (state.basis === 'article' && !ARTICLE_DATED[e.b]) { return false; }
    if (state.basis === 'text' && (ARTICLE_DATED[e.b] || !e.s)) { return false; }
    if (state.basis === 'undated' && e.s) { return false; }
    if ((state.from || state.to) && !e.s) { return false; }
    if (state.from && e.e < state.from) { return false; }
    if (state.to && e.s > state.to) { return false; }
    if (state.q) {
      if (searchText === null) { searchText = events.map(haystack); }
      var words = state.q.toLowerCase().split(/\s+/).filter(function (w) { return w; });
      for (var w = 0; w < words.length; w++) {
        if (searchText[i].indexOf(words[w]) < 0) { return false; }
      }
    }
    return true;
  }

  function marked(text, marks) {
    // The sentence as text nodes and <span>s: cut at every mark boundary, each piece carries
    // the classes of the marks covering it (overlaps nest safely).
    var frag = document.createDocumentFragment();
    var cuts = [0, text.length];
    marks.forEach(function (m) { cuts.push(Math.max(0, m[0]), Math.min(text.length, m[1])); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var piece = text.slice(a, b);
      var on = marks.filter(function (m) { return m[0] <= a && b <= m[1]; });
      if (!on.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var classes = [];
      var titles = [];
      on.forEach(function (m) {
        m[2].split(' ').forEach(function (c) { if (classes.indexOf(c) < 0) { classes.push(c); } });
        if (m[3] && titles.indexOf(m[3]) < 0) { titles.push(m[3]); }
      });
      frag.appendChild(el('span', { 'class': classes.sort().join(' '), title: titles.join(' | ') }, piece));
    }
    return frag;
  }

  function actorLink(name, id) {
    if (!id) { return document.createTextNode(name || '?'); }
    return el('a', { href: '#actor=' + encodeURIComponent(id), 'class': 'actor-link' }, name || id);
  }

  function factClass(f) { return 'fact-' + String(f || 'unknown').replace(/[^a-z]+/gi, '-'); }

  function renderEvent(e) {
    var articleDated = !!ARTICLE_DATED[e.b];
    var d = el('details', { 'class': 'event ' + factClass(e.f) + (articleDated ? ' basis-article' : ''), id: 'e-' + e.id });
    d.dataset.eventId = e.id;
    var s = el('summary');
    s.appendChild(el('span', { 'class': 'date' + (articleDated ? ' article-dated' : ''), title: 'date basis: ' + (meta.basis[e.b] || e.b) }, e.d));
    if (articleDated) { s.appendChild(el('span', { 'class': 'tag basis-article', title: meta.basis[e.b] || e.b }, 'article date')); }
    s.appendChild(document.createTextNode(' · '));
    s.appendChild(el('span', { 'class': 'etype' }, e.t));
    if (e.src || e.tgt) {
      s.appendChild(document.createTextNode(' · '));
      s.appendChild(actorLink(e.src, e.si));
      s.appendChild(document.createTextNode(' → '));
      s.appendChild(actorLink(e.tgt, e.ti));
    }
    if (e.sum) { s.appendChild(el('span', { 'class': 'esum' }, ' — ' + e.sum)); }
    if (e.loc) { s.appendChild(el('span', { 'class': 'tag' }, e.loc)); }
    s.appendChild(el('span', { 'class': 'tag fact ' + factClass(e.f), title: 'factuality' }, e.f));
    s.appendChild(el('span', { 'class': 'tag' }, e.mc + (e.mc === 1 ? ' mention, ' : ' mentions, ') + e.ac + (e.ac === 1 ? ' article' : ' articles')));
    d.appendChild(s);
    d.appendChild(el('p', { 'class': 'muted basis' }, 'date basis: ' + (meta.basis[e.b] || e.b)));
    var ul = el('ul', { 'class': 'sentences' });
    (e.ms || []).forEach(function (m) {
      var li = el('li');
      li.appendChild(document.createTextNode('\u201c'));
      li.appendChild(marked(m.x || '', m.k || []));
      li.appendChild(document.createTextNode('\u201d \u2014 '));
      li.appendChild(el('a', { href: m.pg }, m.ti || 'article'));
      if (m.pub) { li.appendChild(document.createTextNode(' (' + m.pub + ')')); }
      if (m.sn) { li.appendChild(document.createTextNode(', ' + m.sn)); }
      if (m.fl) {
        li.appendChild(document.createTextNode(' · '));
        li.appendChild(el('a', { href: m.fl }, 'source file'));
      }
      if (m.u && WEB.test(m.u)) {
        li.appendChild(document.createTextNode(' · '));
        li.appendChild(el('a', { href: m.u, rel: 'noopener noreferrer' }, 'original'));
      }
      var notes = ['date basis: ' + (m.b || 'unknown')];
      if (m.f && m.f !== e.f) { notes.push('factuality here: ' + m.f); }
      if (m.mr) { notes.push('merged: ' + m.mr); }
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', { 'class': 'muted' }, notes.join(' · ')));
      ul.appendChild(li);
    });
    if (e.more) { ul.appendChild(el('li', { 'class': 'muted' }, 'and ' + e.more + ' more mentions')); }
    d.appendChild(ul);
    return d;
  }

  function showMore() {
    var upto = Math.min(matches.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (; shown < upto; shown++) { frag.appendChild(renderEvent(events[matches[shown]])); }
    list.appendChild(frag);
    if (moreBtn) {
      moreBtn.hidden = shown >= matches.length;
      moreBtn.textContent = 'show ' + Math.min(PAGE, matches.length - shown) + ' more of ' + (matches.length - shown);
    }
  }

  function describe() {
    var bits = [];
    if (state.event) { bits.push('the event clicked in a chart'); }
    if (state.actor) { bits.push('actor ' + ((actorById[state.actor] || {}).n || state.actor)); }
    if (state.counterpart) { bits.push('with ' + ((actorById[state.counterpart] || {}).n || state.counterpart)); }
    return bits.length ? ' (' + bits.join(', ') + ')' : '';
  }

  function apply() {
    if (!list) { return; }
    matches = [];
    for (var i = 0; i < events.length; i++) { if (keep(events[i], i)) { matches.push(i); } }
    list.textContent = '';
    shown = 0;
    countEl.dataset.count = String(matches.length);
    countEl.textContent = (matches.length === events.length ? 'All ' + events.length + ' events'
      : matches.length + ' of ' + events.length + ' events match') + describe();
    showMore();
  }

  function readInputs() {
    Object.keys(inputs).forEach(function (k) { if (inputs[k]) { state[k] = inputs[k].value; } });
    state.event = '';
    if (!state.actor) { state.counterpart = ''; }
  }
  function writeInputs() {
    Object.keys(inputs).forEach(function (k) { if (inputs[k]) { inputs[k].value = state[k]; } });
  }
  function setFilter(changes, scroll) {
    Object.keys(state).forEach(function (k) { state[k] = ''; });
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    writeInputs();
    apply();
    if (scroll) {
      var first = list.querySelector('details.event');
      if (state.event && first) { first.open = true; }
      document.getElementById('events').scrollIntoView();
    }
  }
  window.datelineFilter = setFilter;  // for a reader's console and the browser tests

  if (list) {
    if (inputs.actor) {
      actors.forEach(function (a) { inputs.actor.appendChild(el('option', { value: a.id }, a.n + ' (' + a.ev + ')')); });
    }
    Object.keys(inputs).forEach(function (k) {
      if (inputs[k]) { inputs[k].addEventListener(k === 'q' ? 'input' : 'change', function () { readInputs(); apply(); }); }
    });
    document.getElementById('event-filters').addEventListener('submit', function (ev) { ev.preventDefault(); });
    document.getElementById('f-clear').addEventListener('click', function () { setFilter({}, false); });
    if (moreBtn) { moreBtn.addEventListener('click', showMore); }
    apply();
  }

  // ---------------------------------------------------------------- counts toggle
  var views = {};
  var countAll = document.getElementById('count-all');
  function applyCounts() {
    document.body.classList.toggle('count-all', !!(countAll && countAll.checked));
    Object.keys(views).forEach(function (id) {
      try {
        views[id].signal('all_events', !!countAll.checked).runAsync();
      } catch (err) { /* a chart without the toggle */ }
    });
  }
  if (countAll) { countAll.addEventListener('change', applyCounts); }

  // ---------------------------------------------------------------- actor view
  var actorView = document.getElementById('actor-view');
  function monthOf(iso) { return iso ? iso.slice(0, 7) : null; }
  function showActor(id) {
    var a = actorById[id] || (events.some(function (e) { return e.si === id || e.ti === id; }) ? { id: id, n: id } : null);
    document.querySelectorAll('section.overview').forEach(function (s) { s.hidden = !!a; });
    actorView.hidden = !a;
    if (!a) { return; }
    document.getElementById('actor-name').textContent = a.n;
    var own = events.filter(function (e) { return e.si === id || e.ti === id; });
    document.getElementById('actor-info').textContent = [a.ty, a.cc].filter(function (x) { return x; }).join(' · ') +
      ' · ' + own.length + ' events, ' + own.filter(function (e) { return isFactual(e.f); }).length + ' asserted or reported';
    var partners = {};
    own.forEach(function (e) {
      var other = e.si === id ? e.ti : e.si;
      if (!other || other === id) { return; }
      var p = partners[other] || (partners[other] = { n: 0, out: 0, inn: 0, types: {} });
      p.n += 1;
      if (e.si === id) { p.out += 1; } else { p.inn += 1; }
      p.types[e.t] = true;
    });
    var body = document.querySelector('#actor-counterparts tbody');
    body.textContent = '';
    Object.keys(partners).sort(function (x, y) { return partners[y].n - partners[x].n || (x < y ? -1 : 1); }).forEach(function (other) {
      var p = partners[other];
      var tr = el('tr');
      var td = el('td');
      td.appendChild(actorLink((actorById[other] || {}).n || other, other));
      tr.appendChild(td);
      var pair = el('td', { 'class': 'num' });
      var link = el('a', { href: '#events', 'class': 'pair-link' }, String(p.n));
      link.addEventListener('click', function () { setFilter({ actor: id, counterpart: other }, false); });
      pair.appendChild(link);
      tr.appendChild(pair);
      tr.appendChild(el('td', { 'class': 'num' }, p.out));
      tr.appendChild(el('td', { 'class': 'num' }, p.inn));
      tr.appendChild(el('td', {}, Object.keys(p.types).sort().join(', ')));
      body.appendChild(tr);
    });
    if (!Object.keys(partners).length) { body.appendChild(el('tr', {}, '')).appendChild(el('td', { colspan: '5', 'class': 'muted' }, 'No counterpart in any event.')); }
    drawActorChart(own);
    setFilter({ actor: id }, false);
    window.scrollTo(0, 0);
  }
  function monthsBetween(months) {
    // every 'YYYY-MM' from the first to the last, so empty months show as gaps
    var sorted = months.slice().sort();
    var out = [];
    if (!sorted.length) { return out; }
    var y = Number(sorted[0].slice(0, 4)), m = Number(sorted[0].slice(5, 7));
    var last = sorted[sorted.length - 1];
    while (out.length < 1200) {
      var key = y + '-' + (m < 10 ? '0' : '') + m;
      out.push(key);
      if (key >= last) { break; }
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }
  function drawActorChart(own) {
    var box = document.getElementById('chart-actor');
    box.textContent = '';
    var counts = {};
    own.forEach(function (e) {
      if (!e.s) { return; }
      var key = monthOf(e.s) + '|' + e.f;
      counts[key] = (counts[key] || 0) + 1;
    });
    var values = Object.keys(counts).map(function (k) {
      var parts = k.split('|');
      return { month: parts[0], factuality: parts[1], events: counts[k] };
    });
    if (!values.length) { box.appendChild(el('p', { 'class': 'muted' }, 'None of its events is dated.')); return; }
    var perMonth = {};
    values.forEach(function (v) { perMonth[v.month] = (perMonth[v.month] || 0) + v.events; });
    var peak = Math.max.apply(null, Object.keys(perMonth).map(function (k) { return perMonth[k]; }));
    if (typeof vegaEmbed === 'undefined') { box.appendChild(el('p', { 'class': 'chart-error' }, 'This chart needs Vega, which could not be loaded.')); return; }
    var spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 700, height: 180,
      data: { values: values }, mark: { type: 'bar', cursor: 'pointer' },
      encoding: {
        x: { field: 'month', type: 'ordinal', scale: { domain: monthsBetween(values.map(function (v) { return v.month; })) },
             title: 'month (by the start of the dated period)', axis: { labelAngle: -45, labelOverlap: true } },
        y: { field: 'events', type: 'quantitative', aggregate: 'sum', title: 'events',
             axis: { tickMinStep: 1, format: 'd', tickCount: Math.max(1, Math.min(5, peak)) } },
        color: { field: 'factuality', type: 'nominal', title: 'factuality' },
        tooltip: [{ field: 'month', type: 'nominal' }, { field: 'factuality', type: 'nominal' }, { field: 'events', type: 'quantitative', aggregate: 'sum' }]
      }
    };
    vegaEmbed(box, spec, { renderer: 'svg', ast: true, actions: false }).then(function (res) {
      box.dataset.rendered = '1';
      res.view.addEventListener('click', function (ev, item) {
        var d = item && item.datum;
        if (d && d.month) { filterMonth(d.month, { actor: state.actor, fact: d.factuality || '' }, false); }
      });
    }).catch(function (err) { fail('chart-actor: ' + err); });
  }
  function route() {
    var m = /^#actor=(.+)$/.exec(location.hash);
    if (m) { showActor(decodeURIComponent(m[1])); return; }
    if (actorView && !actorView.hidden) {
      actorView.hidden = true;
      document.querySelectorAll('section.overview').forEach(function (s) { s.hidden = false; });
      if (list) { setFilter({}, false); }
    }
  }
  window.addEventListener('hashchange', route);

  // ---------------------------------------------------------------- chart clicks
  function monthRange(month) {
    var d = new Date(typeof month === 'number' ? month : String(month).slice(0, 7) + '-01T00:00:00Z');
    var y = d.getUTCFullYear(), mo = d.getUTCMonth();
    var last = new Date(Date.UTC(y, mo + 1, 0));
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return [y + '-' + pad(mo + 1) + '-01', y + '-' + pad(mo + 1) + '-' + pad(last.getUTCDate())];
  }
  function filterMonth(month, extra, countedOnly) {
    // countedOnly: the chart counted asserted and reported events only (the toggle is off)
    var r = monthRange(month);
    var f = { from: r[0], to: r[1] };
    Object.keys(extra || {}).forEach(function (k) { f[k] = extra[k]; });
    if (countedOnly && countAll && !countAll.checked) { f.fact = 'factual'; }
    setFilter(f, true);
  }
  function onChartClick(id, datum) {
    if (!datum) { return; }
    if (id === 'chart-network') {
      if (datum.counterpart_id) { setFilter({ actor: datum.actor_id, counterpart: datum.counterpart_id }, true); }
      else if (datum.actor_id) { location.hash = '#actor=' + encodeURIComponent(datum.actor_id); }
    } else if (datum.event_id) {
      setFilter({ event: datum.event_id }, true);
    } else if (datum.month && datum.event_type) {
      filterMonth(datum.month, { type: datum.event_type }, true);
    } else if (datum.month && datum.actor_id) {
      filterMonth(datum.month, { actor: datum.actor_id }, true);
    }
  }

  // ---------------------------------------------------------------- charts
  var specs = json('chart-specs') || {};
  var ids = Object.keys(specs);
  if (!ids.length) { status.dataset.done = '1'; route(); return; }
  if (typeof vegaEmbed === 'undefined') {
    ids.forEach(function (id) {
      var box = document.getElementById(id);
      if (box) { box.textContent = ''; box.appendChild(el('p', { 'class': 'chart-error' }, 'This chart needs Vega, which could not be loaded (offline without an embedded copy).')); }
    });
    fail('vegaEmbed is not available');
    status.dataset.done = '1';
    route();
    return;
  }
  var done = 0;
  ids.forEach(function (id) {
    var box = document.getElementById(id);
    vegaEmbed(box, specs[id], { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function (res) {
        if (res && res.view) {
          views[id] = res.view;
          res.view.addEventListener('click', function (ev, item) { onChartClick(id, item && item.datum); });
        }
        status.dataset.rendered = String(Number(status.dataset.rendered) + 1);
      })
      .catch(function (err) { box.appendChild(el('p', { 'class': 'chart-error' }, 'Chart failed: ' + err)); fail(id + ': ' + err); })
      .finally(function () {
        done += 1;
        if (done === ids.length) { applyCounts(); route(); status.dataset.done = '1'; }
      });
  });
})();
