/* eventwire dashboard: a single-page app in plain JavaScript over the /v1 API of `eventwire serve`.
 *
 * Pages are addressed by the hash (#/events, #/map, #/network, #/actors, #/docs, #/code, #/api,
 * #/event/ID, #/actor/ID, #/doc/ID) with filters in its query string (#/events?country=SYR), so every
 * view can be linked to. Everything it loads comes from the same server: the page works offline.
 */
"use strict";

(() => {
  // ----- DOM helpers: every text goes through textContent, never innerHTML ---------------------------
  const SVGNS = "http://www.w3.org/2000/svg";
  const $ = (sel, root = document) => root.querySelector(sel);

  function setAttrs(el, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k === "dataset") Object.assign(el.dataset, v);
      else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  function appendAll(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    appendAll(el, children);
    return el;
  }
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVGNS, tag);
    setAttrs(el, attrs);
    appendAll(el, children);
    return el;
  }
  const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

  // ----- API ---------------------------------------------------------------------------------------
  async function api(path, params) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
    }
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    if (!res.ok) {
      const err = new Error((body && body.message) || `${res.status} ${res.statusText}`);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  // ----- vocabulary and colours ----------------------------------------------------------------------
  let META = { event_types: {}, quad_classes: {} };
  const QUAD_COLORS = { 1: "#2a9d8f", 2: "#3a6ea5", 3: "#e39b2d", 4: "#c0392b" };
  const QUAD_HUES = { 1: 168, 2: 212, 3: 36, 4: 4 };
  const TYPE_COLORS = {};
  const SECTOR_COLORS = {
    GOV: "#3a6ea5", MIL: "#8e2a20", REB: "#7b4fa0", OPP: "#e39b2d", CVL: "#6c8a5a", IGO: "#2a9d8f",
    NGO: "#4aa3c0", LEG: "#5d7fb5", JUD: "#466089", POL: "#a05a2c", COP: "#5b6b7b", BUS: "#9a7b3c",
    MED: "#b0568a", LAB: "#7d8f2e", EDU: "#6a7fa8", REL: "#8b6f47", ELI: "#4d5f87",
  };

  // One colour per PLOVER type, in the hue family of its quad class (greens: verbal cooperation, blues:
  // material cooperation, ambers: verbal conflict, reds and purples: material conflict).
  const PALETTE = {
    AGREE: "#1a7f72", CONSULT: "#35b5a2", SUPPORT: "#8fd8c8", CONCEDE: "#5e9c3a", COOPERATE: "#1f5fa8",
    AID: "#5b8fd6", RETREAT: "#a9c6ee", REQUEST: "#b8860b", ACCUSE: "#e39b2d", REJECT: "#f2c46d", THREATEN: "#8c6d1f",
    PROTEST: "#d16ba5", SANCTION: "#7b2d8b", MOBILIZE: "#6b3e26", COERCE: "#e0603a", ASSAULT: "#b22222",
  };
  function buildColors() {
    const byQuad = {};
    for (const [name, t] of Object.entries(META.event_types)) (byQuad[t.quad_class] ||= []).push(name);
    for (const [quad, names] of Object.entries(byQuad)) {
      names.forEach((name, i) => {
        const light = names.length === 1 ? 45 : 30 + (40 * i) / (names.length - 1);
        TYPE_COLORS[name] = PALETTE[name] || `hsl(${QUAD_HUES[quad]}, 55%, ${light}%)`;
      });
    }
  }
  const typeColor = (t) => TYPE_COLORS[t] || "#888";
  const quadOf = (t) => (META.event_types[t] || {}).quad_class || 0;
  const quadName = (q) => META.quad_classes[String(q)] || `quad class ${q}`;
  const sectorColor = (code) => SECTOR_COLORS[(code || "").slice(-3)] || "#7a8a9a";

  function typeBadge(eventType, mode) {
    const q = quadOf(eventType);
    const desc = (META.event_types[eventType] || {}).description || "";
    return h("span", null,
      h("span", { class: `badge q${q}`, title: `${quadName(q)}. ${desc}` }, eventType),
      mode ? h("span", { class: "mode" }, mode) : null);
  }

  // ----- tooltip -----------------------------------------------------------------------------------
  const tip = {
    show(ev, text) {
      const el = $("#tip");
      el.textContent = text;
      el.hidden = false;
      tip.move(ev);
    },
    move(ev) {
      const el = $("#tip");
      const x = clamp(ev.clientX + 14, 0, window.innerWidth - el.offsetWidth - 8);
      const y = ev.clientY + 16 + el.offsetHeight > window.innerHeight ? ev.clientY - el.offsetHeight - 10 : ev.clientY + 16;
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
    },
    hide() { $("#tip").hidden = true; },
  };
  function withTip(el, text) {
    el.addEventListener("mouseenter", (ev) => tip.show(ev, typeof text === "function" ? text() : text));
    el.addEventListener("mousemove", (ev) => tip.move(ev));
    el.addEventListener("mouseleave", () => tip.hide());
    return el;
  }

  // ----- routing -----------------------------------------------------------------------------------
  const FILTER_KEYS = ["date_from", "date_to", "country", "actor", "event_type", "quad_class", "place"];
  const FILTER_PAGES = new Set(["", "events", "map", "network"]);

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const q = raw.indexOf("?");
    const path = q >= 0 ? raw.slice(0, q) : raw;
    const query = q >= 0 ? raw.slice(q + 1) : "";
    const parts = path.split("/").filter(Boolean).map((p) => {
      try { return decodeURIComponent(p); } catch (_) { return p; }
    });
    return { parts, params: Object.fromEntries(new URLSearchParams(query)) };
  }
  function link(path, params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
    const query = qs.toString();
    return `#/${path}${query ? `?${query}` : ""}`;
  }
  const go = (path, params) => { location.hash = link(path, params); };
  const filtersOf = (params) => Object.fromEntries(FILTER_KEYS.filter((k) => params[k]).map((k) => [k, params[k]]));
  const eventLink = (id) => link(`event/${encodeURIComponent(id)}`);
  const actorLink = (id) => link(`actor/${encodeURIComponent(id)}`);
  const docLink = (id, params) => link(`doc/${encodeURIComponent(id)}`, params);

  function actorName(name, id, fallback) {
    if (!name && !id) return h("span", { class: "muted" }, fallback || "–");
    if (!id) return h("span", null, name);
    return h("a", { href: actorLink(id), onclick: (e) => e.stopPropagation() }, name || id);
  }

  let renderToken = 0;
  async function render() {
    const { parts, params } = parseHash();
    const page = parts[0] || "";
    const route = ROUTES[page] || pageNotFound;
    for (const a of document.querySelectorAll("#nav a")) {
      const target = a.dataset.page === "overview" ? "" : a.dataset.page;
      const owner = { event: "events", actor: "actors", doc: "docs" }[page] ?? page;
      a.classList.toggle("active", target === owner);
    }
    showFilters(FILTER_PAGES.has(page), params);
    const view = $("#view");
    const token = ++renderToken;
    tip.hide();
    view.replaceChildren(h("p", { class: "loading" }, "Loading…"));
    try {
      const node = await route(parts.slice(1), params);
      if (token !== renderToken) return;
      view.replaceChildren(node);
      if (node.afterMount) node.afterMount();
      window.scrollTo(0, 0);
    } catch (err) {
      if (token !== renderToken) return;
      view.replaceChildren(h("div", { class: "error", role: "alert" }, err.message || String(err)));
    }
  }

  // ----- filter bar ----------------------------------------------------------------------------------
  function setupFilters() {
    const form = $("#filters");
    const typeSel = form.elements.event_type;
    for (const name of Object.keys(META.event_types)) typeSel.append(h("option", { value: name }, name));
    const quadSel = form.elements.quad_class;
    for (const [q, name] of Object.entries(META.quad_classes)) quadSel.append(h("option", { value: q }, `${q} ${name.toLowerCase()}`));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!form.reportValidity()) return;
      const { parts, params } = parseHash();
      const next = {};
      for (const [k, v] of Object.entries(params)) if (!FILTER_KEYS.includes(k) && k !== "offset") next[k] = v;
      for (const k of FILTER_KEYS) {
        let v = form.elements[k].value.trim();
        if (v && ["country"].includes(k)) v = v.toUpperCase();
        if (v) next[k] = v;
      }
      go(parts.join("/") || "", next);
    });
    $("#clear-filters").addEventListener("click", () => {
      const { parts } = parseHash();
      go(parts.join("/") || "", {});
    });
  }
  function showFilters(visible, params) {
    const form = $("#filters");
    form.hidden = !visible;
    for (const k of FILTER_KEYS) form.elements[k].value = params[k] || "";
  }
  function filterChips(params, page) {
    const active = FILTER_KEYS.filter((k) => params[k]);
    if (!active.length) return null;
    return h("div", { class: "chips" }, active.map((k) => {
      const rest = { ...params };
      delete rest[k];
      delete rest.offset;
      return h("span", { class: "chip" }, `${k.replace("_", " ")}: ${params[k]}`,
        h("button", { type: "button", title: "Remove this filter", onclick: () => go(page, rest) }, "×"));
    }));
  }

  // ----- small components ----------------------------------------------------------------------------
  function card(title, tools, ...body) {
    return h("section", { class: "card" },
      title || tools ? h("div", { class: "card-head" }, title ? h("h2", null, title) : null,
        tools ? h("div", { class: "tools" }, tools) : null) : null,
      body);
  }
  function segmented(options, current, onPick) {
    return h("div", { class: "seg", role: "group" }, options.map(([value, label]) =>
      h("button", { type: "button", class: value === current ? "on" : null, "aria-pressed": value === current,
                    onclick: () => onPick(value) }, label)));
  }
  function pager(total, limit, offset, onGo) {
    const end = Math.min(total, offset + limit);
    return h("div", { class: "pager" },
      h("span", null, total ? `${fmt(offset + 1)}–${fmt(end)} of ${fmt(total)}` : "nothing found"),
      h("button", { type: "button", disabled: offset <= 0, onclick: () => onGo(Math.max(0, offset - limit)) }, "‹ Previous"),
      h("button", { type: "button", disabled: end >= total, onclick: () => onGo(offset + limit) }, "Next ›"));
  }
  function hbars(items, onClick) {
    const max = Math.max(1, ...items.map((i) => i.value));
    return h("ul", { class: "hbars" }, items.map((item) => {
      const fill = h("div", { class: "fill" });
      fill.style.width = `${(100 * item.value) / max}%`;
      if (item.color) fill.style.background = item.color;
      return h("li", null,
        h("span", { class: "name", title: item.label },
          onClick ? h("a", { href: onClick(item) }, item.label) : item.label),
        h("div", { class: "track" }, fill),
        h("span", { class: "num" }, fmt(item.value)));
    }));
  }
  function sentenceWithTrigger(sentence, trigger) {
    if (!sentence) return "";
    const text = sentence.trim();
    const i = trigger ? text.indexOf(trigger) : -1;
    if (i < 0) return text;
    return [text.slice(0, i), h("b", null, trigger), text.slice(i + trigger.length)];
  }
  // Evidence windows are cut from the text at fixed offsets: do not show half words at their ends.
  function snippet(text) {
    const t = (text || "").replace(/\s+/g, " ").trim();
    if (t.length < 120) return t;
    const a = /^[a-z]/.test(t) ? t.indexOf(" ") + 1 : 0;
    const b = /[.!?"”]$/.test(t) ? t.length : t.lastIndexOf(" ");
    return `${a ? "…" : ""}${t.slice(a, b)}${b < t.length ? "…" : ""}`;
  }
  const placeText = (e) => (e.location_name ? `${e.location_name}${e.location_country ? ` (${e.location_country})` : ""}` : "");

  function eventsTable(events, { showDoc = true } = {}) {
    if (!events.length) return h("p", { class: "muted" }, "No events match.");
    return h("div", { class: "table-wrap" }, h("table", { class: "events" },
      h("thead", null, h("tr", null, h("th", null, "Date"), h("th", null, "Type"), h("th", null, "Source"),
        h("th", null, ""), h("th", null, "Target"), h("th", null, "Place"), h("th", null, "Evidence"),
        showDoc ? h("th", null, "Doc") : null)),
      h("tbody", null, events.map((e) => h("tr", {
        class: "clickable", dataset: { eventId: e.event_id }, title: "Open the event and its evidence",
        onclick: () => { location.hash = eventLink(e.event_id); },
      },
      h("td", { class: "date" }, e.date || "–"),
      h("td", null, typeBadge(e.event_type, e.mode)),
      h("td", null, actorName(e.source_name, e.source_id)),
      h("td", { class: "arrow" }, "→"),
      h("td", null, actorName(e.target_name, e.target_id)),
      h("td", null, placeText(e)),
      h("td", { class: "sentence" }, sentenceWithTrigger(e.sentence, e.trigger_text)),
      showDoc ? h("td", { class: "nowrap" }, h("a", { href: docLink(e.doc_id, { event: e.event_id }), class: "mono",
                                       onclick: (ev) => ev.stopPropagation() }, e.doc_id)) : null)))));
  }

  // ----- dates for charts ----------------------------------------------------------------------------
  const DAY = 86400000;
  const parseDay = (d) => { const [y, m = 1, dd = 1] = String(d).split("-").map(Number); return Date.UTC(y, m - 1, dd); };
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
  function bucketStart(t, interval) {
    const d = new Date(t);
    if (interval === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
    if (interval === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (interval === "year") return Date.UTC(d.getUTCFullYear(), 0, 1);
    return t;
  }
  function nextBucket(t, interval) {
    const d = new Date(t);
    if (interval === "week") return t + 7 * DAY;
    if (interval === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    if (interval === "year") return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    return t + DAY;
  }
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function bucketLabel(t, interval) {
    const d = new Date(t);
    if (interval === "year") return String(d.getUTCFullYear());
    if (interval === "month") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  function autoInterval(span) {
    if (span <= 62 * DAY) return "day";
    if (span <= 550 * DAY) return "week";
    if (span <= 12 * 366 * DAY) return "month";
    return "year";
  }
  function niceStep(max, ticks) {
    const raw = max / ticks;
    const pow = 10 ** Math.floor(Math.log10(raw));
    const n = raw / pow;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * pow;
  }

  // ----- (1) events over time: stacked bars ----------------------------------------------------------
  function timeChart(rows, { by, interval, full, params }) {
    const keys = by === "quad_class" ? ["1", "2", "3", "4"] : Object.keys(META.event_types);
    const color = (k) => (by === "quad_class" ? QUAD_COLORS[k] : typeColor(k));
    const label = (k) => (by === "quad_class" ? `${k} · ${quadName(k)}` : k);
    const points = rows.map((r) => ({ t: parseDay(r.day), key: String(r.key), n: r.events })).sort((a, b) => a.t - b.t);
    const total = points.reduce((a, p) => a + p.n, 0);
    if (!total) return { svg: h("p", { class: "muted" }, "No dated events match."), hidden: 0, interval };
    // Articles mention past events ("since 1964"): unless asked, start where the bulk of the events is.
    let start = points[0].t;
    let hidden = 0;
    if (!full && !params.date_from) {
      let acc = 0;
      for (const p of points) {
        if (acc + p.n > total * 0.05) { start = p.t; break; }
        acc += p.n;
      }
      hidden = acc;
    }
    const end = points[points.length - 1].t;
    const iv = interval === "auto" ? autoInterval(end - start) : interval;
    const buckets = [];
    for (let t = bucketStart(start, iv); t <= end; t = nextBucket(t, iv)) buckets.push(t);
    if (buckets.length > 1500) return timeChart(rows, { by, interval: "year", full, params });
    const index = new Map(buckets.map((t, i) => [t, i]));
    const stacks = buckets.map(() => ({}));
    for (const p of points) {
      if (p.t < start) continue;
      const i = index.get(bucketStart(p.t, iv));
      if (i !== undefined) stacks[i][p.key] = (stacks[i][p.key] || 0) + p.n;
    }
    const W = 960, H = 300, M = { l: 40, r: 12, t: 12, b: 34 };
    const pw = W - M.l - M.r, ph = H - M.t - M.b;
    const maxY = Math.max(1, ...stacks.map((st) => Object.values(st).reduce((a, b) => a + b, 0)));
    const step = Math.max(1, niceStep(maxY, 4));
    const top = Math.ceil(maxY / step) * step;
    const y = (v) => M.t + ph - (ph * v) / top;
    const bw = pw / buckets.length;
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "Events over time" });
    const grid = s("g", { class: "axis" });
    for (let v = 0; v <= top + 1e-9; v += step) {
      grid.append(s("line", { class: "gridline", x1: M.l, x2: W - M.r, y1: y(v), y2: y(v) }),
        s("text", { x: M.l - 6, y: y(v) + 4, "text-anchor": "end" }, fmt(v)));
    }
    svg.append(grid);
    const bars = s("g", { class: "bars" });
    const present = new Map();
    buckets.forEach((t, i) => {
      let acc = 0;
      for (const k of keys) {
        const n = stacks[i][k];
        if (!n) continue;
        present.set(k, (present.get(k) || 0) + n);
        const x = M.l + i * bw + (bw > 4 ? 1 : 0);
        const rect = s("rect", {
          class: "bar", x, y: y(acc + n), width: Math.max(1, bw - (bw > 4 ? 2 : 0)), height: Math.max(0.5, y(acc) - y(acc + n)),
          fill: color(k), dataset: { key: k, day: isoDay(t) },
        });
        const tEnd = nextBucket(t, iv) - DAY;
        withTip(rect, `${bucketLabel(t, iv)}${iv === "week" ? " (week)" : ""}\n${label(k)}: ${n} event${n > 1 ? "s" : ""}\nclick to list them`);
        rect.addEventListener("click", () => go("events", {
          ...filtersOf(params), date_from: isoDay(t), date_to: isoDay(tEnd), [by]: k,
        }));
        bars.append(rect);
        acc += n;
      }
    });
    svg.append(bars);
    const axis = s("g", { class: "axis" }, s("line", { x1: M.l, x2: W - M.r, y1: M.t + ph, y2: M.t + ph }));
    const every = Math.max(1, Math.ceil(buckets.length / 8));
    buckets.forEach((t, i) => {
      if (i % every) return;
      const x = M.l + i * bw + bw / 2;
      axis.append(s("line", { x1: x, x2: x, y1: M.t + ph, y2: M.t + ph + 4 }),
        s("text", { x, y: M.t + ph + 18, "text-anchor": "middle" }, bucketLabel(t, iv)));
    });
    svg.append(axis);
    const legend = h("div", { class: "legend" }, keys.filter((k) => present.has(k)).map((k) => {
      const sw = h("span", { class: "swatch" });
      sw.style.background = color(k);
      return h("span", null, sw, `${label(k)} (${present.get(k)})`);
    }));
    return { svg: h("div", null, svg, legend), hidden, interval: iv };
  }

  // ----- pages ---------------------------------------------------------------------------------------
  async function pageOverview(_, params) {
    const flt = filtersOf(params);
    const by = params.by === "quad_class" ? "quad_class" : "event_type";
    const interval = ["day", "week", "month", "year"].includes(params.interval) ? params.interval : "auto";
    const full = params.range === "all";
    const [stats, counts] = await Promise.all([api("/v1/stats"), api("/v1/counts", { ...flt, by })]);
    const set = (k, v) => go("", { ...params, [k]: v });
    const chart = timeChart(counts.counts, { by, interval, full, params });
    const docs = Object.values(stats.documents).reduce((a, b) => a + b, 0);
    const [first, last] = stats.date_range || [];
    const statCard = (value, labelText) => h("div", { class: "card stat" },
      h("div", { class: "value" }, value), h("div", { class: "label" }, labelText));
    const note = chart.hidden
      ? h("p", { class: "note" }, `${chart.hidden} earlier event${chart.hidden > 1 ? "s" : ""} (past events the articles mention) not shown · `,
        h("a", { href: link("", { ...params, range: "all" }) }, "show the whole range"))
      : full ? h("p", { class: "note" }, h("a", { href: link("", { ...params, range: "" }) }, "focus on recent events")) : null;
    return h("div", { class: "overview" },
      h("div", { class: "page-head" }, h("h1", null, "Overview"), filterChips(params, "")),
      h("div", { class: "grid stats" },
        statCard(fmt(docs), "documents"),
        statCard(fmt(stats.event_mentions), "event mentions"),
        statCard(fmt(stats.events), "distinct events"),
        statCard(fmt(stats.quotes), "quotes"),
        statCard(first ? `${first.slice(0, 4)}–${(last || "").slice(0, 4)}` : "–", "event dates")),
      card("Events over time", [
        segmented([["event_type", "by type"], ["quad_class", "by quad class"]], by, (v) => set("by", v)),
        segmented([["auto", "auto"], ["day", "day"], ["week", "week"], ["month", "month"], ["year", "year"]],
          interval, (v) => set("interval", v === "auto" ? "" : v)),
      ], h("div", { id: "time-chart" }, chart.svg), note,
      h("p", { class: "note" }, `Distinct real-world events per ${chart.interval}; click a bar to list them.`)),
      h("div", { class: "grid two" },
        card("Event types", null, hbars(Object.entries(stats.by_type).map(([k, v]) => ({ label: k, value: v, color: typeColor(k) })),
          (item) => link("events", { event_type: item.label }))),
        card("Most active actors", null, hbars(stats.top_actors.map((a) => ({ label: a.name, value: a.mentions })),
          (item) => link("events", { actor: item.label }))),
        card("Places with most events", null, hbars(stats.top_places.map((p) => ({ label: `${p.name} (${p.country})`, value: p.mentions, name: p.name })),
          (item) => link("events", { place: item.name })))));
  }

  async function pageEvents(_, params) {
    const flt = filtersOf(params);
    const limit = 50;
    const offset = Math.max(0, parseInt(params.offset || "0", 10) || 0);
    const page = await api("/v1/events", { ...flt, limit, offset });
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, "Events"),
        h("span", { class: "sub" }, `${fmt(page.total)} event mention${page.total === 1 ? "" : "s"}`), filterChips(params, "events")),
      card(null, null, eventsTable(page.events),
        pager(page.total, limit, offset, (o) => go("events", { ...params, offset: o || "" }))));
  }

  async function pageEvent([id]) {
    const e = await api(`/v1/events/${encodeURIComponent(id)}`);
    const q = e.quad_class;
    const actorsOf = (list, name, actorId) => (list && list.length
      ? list.map((a, i) => [i ? ", " : "", actorName(a.name, a.actor_id), a.code ? h("span", { class: "tag" }, a.code) : null,
        a.title ? h("span", { class: "muted small" }, ` ${a.title}`) : null])
      : actorName(name, actorId));
    const sentence = e.sentence || "";
    let sentenceNode = sentence.trim();
    if (e.trigger_start != null && e.sentence_start != null) {
      const a = e.trigger_start - e.sentence_start, b = e.trigger_end - e.sentence_start;
      if (a >= 0 && b <= sentence.length && sentence.slice(a, b) === e.trigger_text) {
        sentenceNode = [sentence.slice(0, a).trimStart(), h("mark", null, sentence.slice(a, b)), sentence.slice(b).trimEnd()];
      }
    }
    const fact = (k, v) => (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length) ? null : [h("dt", null, k), h("dd", null, v)]);
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, typeBadge(e.event_type, e.mode), " ",
        [e.source_name || "?", " → ", e.target_name || "—"].join("")),
      h("span", { class: "sub" }, `CAMEO ${e.cameo} · ${quadName(q)} · Goldstein ${e.goldstein}`)),
      h("div", { class: "grid side" },
        h("div", null,
          card("Evidence sentence", null, h("p", { class: "sentence-box" }, sentenceNode),
            h("p", { class: "note" }, "From ", h("a", { href: docLink(e.doc_id, { event: e.event_id }) }, e.title || e.doc_id),
              e.outlet ? ` · ${e.outlet}` : "", e.published ? ` · ${e.published}` : "")),
          card(`Reports of this event (${e.evidence.length})`, null,
            h("ul", { class: "evidence" }, e.evidence.map((ev) => h("li", null,
              h("div", { class: "meta" }, [ev.outlet, ev.published].filter(Boolean).join(" · "),
                ev.event_id === e.event_id ? h("span", { class: "tag" }, "this mention") : null),
              h("a", { href: docLink(ev.doc_id, { event: ev.event_id }) }, ev.title || ev.doc_id),
              h("div", { class: "small" }, (ev.sentence || "").trim())))))),
        card("Coded as", null, h("dl", { class: "facts" },
          fact("Type", typeBadge(e.event_type, e.mode)),
          fact("Source", actorsOf(e.source, e.source_name, e.source_id)),
          fact("Target", actorsOf(e.target, e.target_name, e.target_id)),
          fact("Date", e.date ? `${e.date} (${e.date_precision || "?"}, from the ${e.date_source || "?"})` : null),
          fact("Place", e.location_name ? [placeText(e), e.admin1 ? `, ${e.admin1}` : "",
            h("div", { class: "muted small" }, `${e.lat}, ${e.lon} · ${e.location_precision || ""}`)] : null),
          fact("Trigger", e.trigger_text),
          fact("Modes", (e.aux_modes || []).join(", ")),
          fact("Reported by", e.reported_by_name),
          fact("CAMEO", e.cameo),
          fact("Goldstein", e.goldstein),
          fact("Confidence", e.confidence),
          fact("Rule", h("span", { class: "mono" }, e.rule || "")),
          fact("Articles", e.num_articles),
          fact("Event id", h("span", { class: "mono" }, e.event_id))))));
  }

  // ----- (2) map -------------------------------------------------------------------------------------
  // Equal Earth projection (Šavrič, Patterson & Jenny 2018): equal-area, pleasant for world maps.
  const EE = { A1: 1.340264, A2: -0.081106, A3: 0.000893, A4: 0.003796, M: Math.sqrt(3) / 2 };
  function equalEarth(lon, lat) {
    const l = (lon * Math.PI) / 180, p = (lat * Math.PI) / 180;
    const th = Math.asin(EE.M * Math.sin(p)), t2 = th * th, t6 = t2 * t2 * t2;
    const x = (2 * Math.sqrt(3) * l * Math.cos(th)) / (3 * (EE.A1 + 3 * EE.A2 * t2 + t6 * (7 * EE.A3 + 9 * EE.A4 * t2)));
    const y = th * (EE.A1 + EE.A2 * t2 + t6 * (EE.A3 + EE.A4 * t2));
    return [x, y];
  }
  const MAP = { W: 960, H: 468, scale: 174 };
  function project(lon, lat) {
    const [x, y] = equalEarth(lon, lat);
    return [MAP.W / 2 + x * MAP.scale, MAP.H / 2 - y * MAP.scale];
  }
  function ringPath(ring) {
    let d = "";
    ring.forEach(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      d += `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    });
    return `${d}Z`;
  }
  function geometryPath(g) {
    if (!g) return "";
    if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
    if (g.type === "MultiPolygon") return g.coordinates.map((poly) => poly.map(ringPath).join("")).join("");
    return "";
  }
  function lineThrough(points) {
    return points.map(([lon, lat], i) => { const [x, y] = project(lon, lat); return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`; }).join("");
  }
  let WORLD;
  async function loadWorld() {
    if (WORLD !== undefined) return WORLD;
    try { WORLD = await api("/v1/geo/countries"); } catch (err) { WORLD = null; }
    return WORLD;
  }

  function panZoom(svg, layer, onZoom) {
    let k = 1, tx = 0, ty = 0, drag = null;
    const apply = () => { layer.setAttribute("transform", `translate(${tx},${ty}) scale(${k})`); onZoom(k); };
    const toSvg = (ev) => {
      const r = svg.getBoundingClientRect();
      return [((ev.clientX - r.left) / r.width) * MAP.W, ((ev.clientY - r.top) / r.height) * MAP.H];
    };
    const zoomAt = (factor, cx, cy) => {
      const nk = clamp(k * factor, 1, 40);
      tx = cx - ((cx - tx) * nk) / k;
      ty = cy - ((cy - ty) * nk) / k;
      k = nk;
      if (k === 1) { tx = 0; ty = 0; }
      apply();
    };
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const [cx, cy] = toSvg(ev);
      zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, cx, cy);
    }, { passive: false });
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, tx, ty, moved: false };
    });
    window.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const r = svg.getBoundingClientRect();
      const dx = ((ev.clientX - drag.x) / r.width) * MAP.W, dy = ((ev.clientY - drag.y) / r.height) * MAP.H;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; svg.classList.add("dragging"); }
      tx = drag.tx + dx;
      ty = drag.ty + dy;
      apply();
    });
    window.addEventListener("pointerup", () => { drag = null; svg.classList.remove("dragging"); });
    return {
      zoomIn: () => zoomAt(1.5, MAP.W / 2, MAP.H / 2),
      zoomOut: () => zoomAt(1 / 1.5, MAP.W / 2, MAP.H / 2),
      reset: () => { k = 1; tx = 0; ty = 0; apply(); },
    };
  }

  async function pageMap(_, params) {
    const flt = filtersOf(params);
    const [world, data] = await Promise.all([loadWorld(), api("/v1/places", flt)]);
    const places = data.places;
    const byCountry = {};
    for (const p of places) if (p.country) byCountry[p.country] = (byCountry[p.country] || 0) + p.events;
    const svg = s("svg", { viewBox: `0 0 ${MAP.W} ${MAP.H}`, class: "map", role: "img", "aria-label": "Map of event locations" });
    const layer = s("g", { class: "layer" });
    const outline = [];
    for (let lat = -90; lat <= 90; lat += 2) outline.push([-180, lat]);
    for (let lat = 90; lat >= -90; lat -= 2) outline.push([180, lat]);
    layer.append(s("path", { class: "sphere", d: `${lineThrough(outline)}Z` }));
    const grat = [];
    for (let lon = -180; lon <= 180; lon += 30) {
      const pts = [];
      for (let lat = -90; lat <= 90; lat += 3) pts.push([lon, lat]);
      grat.push(lineThrough(pts));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const pts = [];
      for (let lon = -180; lon <= 180; lon += 3) pts.push([lon, lat]);
      grat.push(lineThrough(pts));
    }
    layer.append(s("path", { class: "graticule", d: grat.join("") }));
    if (world) {
      const countries = s("g", { class: "countries" });
      for (const f of world.features) {
        const n = byCountry[f.id] || 0;
        const path = s("path", { class: `country${n ? " has-events" : ""}`, d: geometryPath(f.geometry), dataset: { id: f.id || "" } });
        withTip(path, `${(f.properties || {}).name || f.id}${n ? `\n${n} event mention${n > 1 ? "s" : ""} placed here` : ""}`);
        countries.append(path);
      }
      layer.append(countries);
    }
    const dots = s("g", { class: "places" });
    const circles = [];
    const side = h("div");
    const showPlace = async (p, circle) => {
      for (const c of circles) c.classList.toggle("selected", c === circle);
      side.replaceChildren(h("p", { class: "loading" }, "Loading…"));
      const page = await api("/v1/events", { ...flt, place: p.name, limit: 200 });
      const events = page.events.filter((e) => e.location_name === p.name);
      side.replaceChildren(
        h("h2", null, `${p.name}${p.country ? ` (${p.country})` : ""}`),
        h("p", { class: "muted small" }, `${p.events} event mention${p.events > 1 ? "s" : ""} · ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`),
        h("ul", { class: "side-list" }, events.map((e) => h("li", { onclick: () => { location.hash = eventLink(e.event_id); } },
          h("div", { class: "who" }, typeBadge(e.event_type, e.mode), " ", e.source_name || "?", " → ", e.target_name || "—"),
          h("div", { class: "what" }, `${e.date || ""} · ${(e.sentence || "").trim().slice(0, 140)}`)))),
        h("p", null, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showList(); } }, "‹ all places")));
    };
    const sorted = [...places].sort((a, b) => b.events - a.events);
    for (const p of sorted) {
      const [x, y] = project(p.lon, p.lat);
      const top = Object.entries(p.by_quad_class).sort((a, b) => b[1] - a[1])[0];
      const r0 = 3 + 2.5 * Math.sqrt(p.events);
      const c = s("circle", { class: "place", cx: x.toFixed(1), cy: y.toFixed(1), r: r0, fill: QUAD_COLORS[top ? top[0] : 4] || "#888",
                              dataset: { name: p.name, r0 } });
      withTip(c, () => `${p.name}${p.country ? ` (${p.country})` : ""}\n${p.events} event mention${p.events > 1 ? "s" : ""}\n` +
        Object.entries(p.by_type).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t}: ${n}`).join(", "));
      c.addEventListener("click", () => showPlace(p, c));
      circles.push(c);
      dots.append(c);
    }
    layer.append(dots);
    svg.append(layer);
    const zoom = panZoom(svg, layer, (k) => { for (const c of circles) c.setAttribute("r", (Number(c.dataset.r0) / Math.sqrt(k)).toFixed(2)); });
    const showList = () => {
      for (const c of circles) c.classList.remove("selected");
      side.replaceChildren(h("h2", null, `Places (${places.length})`),
        places.length ? h("ul", { class: "place-list" }, sorted.map((p, i) => h("li", { onclick: () => showPlace(p, circles[i]) },
          h("span", null, p.name, h("span", { class: "muted" }, p.country ? ` ${p.country}` : "")), h("span", { class: "muted" }, fmt(p.events)))))
          : h("p", { class: "muted" }, "No located events match."));
    };
    showList();
    const legend = h("div", { class: "legend" }, Object.entries(QUAD_COLORS).map(([q, col]) => {
      const sw = h("span", { class: "swatch" });
      sw.style.background = col;
      return h("span", null, sw, quadName(q));
    }), h("span", null, "· circle size: number of event mentions · scroll to zoom, drag to pan"));
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, "Map"),
        h("span", { class: "sub" }, `${fmt(places.length)} places · ${fmt(places.reduce((a, p) => a + p.events, 0))} located event mentions`),
        filterChips(params, "map")),
      h("div", { class: "grid side" },
        card(null, null, h("div", { class: "map-wrap" }, svg, h("div", { class: "map-tools" },
          h("button", { type: "button", title: "Zoom in", onclick: zoom.zoomIn }, "+"),
          h("button", { type: "button", title: "Zoom out", onclick: zoom.zoomOut }, "−"),
          h("button", { type: "button", title: "Reset", onclick: zoom.reset }, "⟲"))), legend,
          world ? null : h("p", { class: "note" }, "World outlines are not installed (pip install 'eventwire[serve]'): showing the places only.")),
        card(null, null, side)));
  }

  // ----- (3) network -----------------------------------------------------------------------------------
  // Components (who is connected to whom) are laid out apart with a small force layout each, then packed
  // in rows, biggest first: news dyads are mostly small separate groups, which one global layout tangles.
  const labelWidth = (text) => 7 * String(text || "").length;
  function components(nodes, edges) {
    const parent = new Map(nodes.map((v) => [v, v]));
    const find = (v) => { while (parent.get(v) !== v) { parent.set(v, parent.get(parent.get(v))); v = parent.get(v); } return v; };
    for (const e of edges) parent.set(find(e.s), find(e.t));
    const groups = new Map();
    for (const v of nodes) { const r = find(v); if (!groups.has(r)) groups.set(r, []); groups.get(r).push(v); }
    return [...groups.values()].sort((a, b) => b.length - a.length || a[0].label.localeCompare(b[0].label));
  }
  function layoutComponent(nodes, edges, k) {
    const m = nodes.length;
    const R = m === 1 ? 0 : m === 2 ? 26 : k * Math.max(0.5, Math.sqrt(m) / 2);
    nodes.forEach((v, i) => {  // start on a circle; two nodes start one above the other (labels go right)
      const a = -Math.PI / 2 + (2 * Math.PI * i) / m;
      v.x = R * Math.cos(a);
      v.y = R * Math.sin(a);
    });
    let temp = k;
    for (let it = 0; it < 300 && m > 2; it++) {
      for (const v of nodes) { v.dx = 0; v.dy = 0; }
      for (let i = 0; i < m; i++) {
        for (let j = i + 1; j < m; j++) {
          const a = nodes[i], b = nodes[j];
          const dx = a.x - b.x, dy = a.y - b.y, d = Math.hypot(dx, dy) || 0.01;
          const f = (k * k) / d;
          a.dx += (dx / d) * f; a.dy += (dy / d) * f; b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const a = e.s, b = e.t;
        if (a === b) continue;
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.hypot(dx, dy) || 0.01;
        const f = (d * d) / k;
        a.dx -= (dx / d) * f; a.dy -= (dy / d) * f; b.dx += (dx / d) * f; b.dy += (dy / d) * f;
      }
      for (const v of nodes) {
        v.dx -= v.x * 0.05; v.dy -= v.y * 0.05;
        const d = Math.hypot(v.dx, v.dy) || 0.01;
        v.x += (v.dx / d) * Math.min(d, temp);
        v.y += (v.dy / d) * Math.min(d, temp);
      }
      temp = Math.max(0.5, temp * 0.97);
    }
    if (m > 2) {
      // turn the component so that its longest extent is horizontal (labels run to the right, the page is
      // wider than tall), then give the labels room
      const cx = nodes.reduce((a, v) => a + v.x, 0) / m, cy = nodes.reduce((a, v) => a + v.y, 0) / m;
      let sxx = 0, syy = 0, sxy = 0;
      for (const v of nodes) { sxx += (v.x - cx) ** 2; syy += (v.y - cy) ** 2; sxy += (v.x - cx) * (v.y - cy); }
      const th = 0.5 * Math.atan2(2 * sxy, sxx - syy), cos = Math.cos(-th), sin = Math.sin(-th);
      for (const v of nodes) {
        const x = v.x - cx, y = v.y - cy;
        v.x = (x * cos - y * sin) * 1.5;
        v.y = x * sin + y * cos;
      }
    }
  }
  function packComponents(groups, edges, W, radius) {
    const gap = 28, k = 60;
    let x = 0, y = 0, rowH = 0;
    for (const group of groups) {
      const set = new Set(group);
      layoutComponent(group, edges.filter((e) => set.has(e.s)), k);
      const box = {
        x0: Math.min(...group.map((v) => v.x - radius(v))), x1: Math.max(...group.map((v) => v.x + radius(v) + 6 + labelWidth(v.label))),
        y0: Math.min(...group.map((v) => v.y - radius(v) - 4)), y1: Math.max(...group.map((v) => v.y + radius(v) + 4)),
      };
      let w = box.x1 - box.x0;
      const hgt = box.y1 - box.y0;
      if (w > W) {  // too wide for the drawing: squeeze it
        const sc = (W - 10) / w;
        for (const v of group) v.x = box.x0 + (v.x - box.x0) * sc;
        w = W;
      }
      if (x > 0 && x + w > W) { x = 0; y += rowH + gap; rowH = 0; }
      for (const v of group) { v.x += x - box.x0; v.y += y - box.y0; }
      x += w + gap;
      rowH = Math.max(rowH, hgt);
    }
    return y + rowH;
  }
  const goldsteinColor = (g) => (g == null ? "#999" : g <= -5 ? "#c0392b" : g < 0 ? "#e39b2d" : g === 0 ? "#8a97a5" : "#2a9d8f");

  async function pageNetwork(_, params) {
    const flt = filtersOf(params);
    const level = params.level === "code" ? "code" : "actor";
    const data = await api("/v1/dyads", { ...flt, level, limit: 120 });
    const nodes = new Map();
    const edges = [];
    const node = (id, label, code, actorId) => {
      if (!nodes.has(id)) nodes.set(id, { id, label, code, actorId, weight: 0, degree: 0 });
      return nodes.get(id);
    };
    for (const d of data.dyads) {
      if (d.source === "?" || d.target === "?") continue;
      const a = node(d.source, d.source_label, d.source_code, d.source_id);
      const b = node(d.target, d.target_label, d.target_code, d.target_id);
      a.weight += d.events; b.weight += d.events; a.degree += 1; b.degree += 1;
      edges.push({ s: a, t: b, events: d.events, g: d.mean_goldstein });
    }
    const list = [...nodes.values()];
    const radius = (v) => 5 + 2.2 * Math.sqrt(v.weight);
    const W = 1100, M = 20;
    const innerH = list.length ? packComponents(components(list, edges), edges, W - 2 * M, radius) : 0;
    for (const v of list) { v.x += M; v.y += M; }
    const H = Math.max(200, innerH + 2 * M);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "Network of who acts on whom" });
    const defs = s("defs");
    for (const col of ["#c0392b", "#e39b2d", "#8a97a5", "#2a9d8f", "#999"]) {
      defs.append(s("marker", { id: `arrow-${col.slice(1)}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
                                 markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", fill: col })));
    }
    svg.append(defs);
    const edgeLayer = s("g");
    const nodeLayer = s("g");
    for (const e of edges) {
      const { s: a, t: b } = e;
      const col = goldsteinColor(e.g);
      if (a === b) {  // an actor acting on itself (a government's own institutions): a loop above the node
        const r = radius(a);
        const loop = s("path", { class: "edge", d: `M${(a.x - r * 0.6).toFixed(1)},${(a.y - r * 0.8).toFixed(1)} C${(a.x - 22).toFixed(1)},${(a.y - r - 26).toFixed(1)} ${(a.x + 22).toFixed(1)},${(a.y - r - 26).toFixed(1)} ${(a.x + r * 0.6).toFixed(1)},${(a.y - r * 0.8).toFixed(1)}`,
                                 stroke: col, "stroke-width": (1 + 1.5 * Math.log2(1 + e.events)).toFixed(2), "marker-end": `url(#arrow-${col.slice(1)})` });
        withTip(loop, `${a.label} → itself\n${e.events} event${e.events > 1 ? "s" : ""} · mean Goldstein ${e.g}`);
        e.el = loop;
        edgeLayer.append(loop);
        continue;
      }
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
      // a slight curve so that A→B and B→A do not overlap; stop at the target's rim for the arrow
      const mx = (a.x + b.x) / 2 - (dy / d) * 18, my = (a.y + b.y) / 2 + (dx / d) * 18;
      const ex = b.x - ((b.x - mx) / Math.hypot(b.x - mx, b.y - my)) * (radius(b) + 2);
      const ey = b.y - ((b.y - my) / Math.hypot(b.x - mx, b.y - my)) * (radius(b) + 2);
      const path = s("path", { class: "edge", d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
                               stroke: col, "stroke-width": (1 + 1.5 * Math.log2(1 + e.events)).toFixed(2), "marker-end": `url(#arrow-${col.slice(1)})` });
      withTip(path, `${a.label} → ${b.label}\n${e.events} event${e.events > 1 ? "s" : ""} · mean Goldstein ${e.g}`);
      e.el = path;
      edgeLayer.append(path);
    }
    for (const v of list) {
      const g = s("g", { class: "node", transform: `translate(${v.x.toFixed(1)},${v.y.toFixed(1)})`, dataset: { id: v.id } },
        s("circle", { r: radius(v).toFixed(1), fill: sectorColor(v.code) }),
        s("text", { x: radius(v) + 3, y: 4 }, v.label));
      v.el = g;
      withTip(g, `${v.label}${v.code ? ` [${v.code}]` : ""}\n${v.weight} event${v.weight > 1 ? "s" : ""} with ${v.degree} partner${v.degree > 1 ? "s" : ""}\nclick to open`);
      g.addEventListener("mouseenter", () => {
        svg.classList.add("focus");
        v.el.classList.add("hot");
        for (const e of edges) if (e.s === v || e.t === v) { e.el.classList.add("hot"); e.s.el.classList.add("hot"); e.t.el.classList.add("hot"); }
      });
      g.addEventListener("mouseleave", () => {
        svg.classList.remove("focus");
        for (const el of svg.querySelectorAll(".hot")) el.classList.remove("hot");
      });
      g.addEventListener("click", () => {
        if (v.actorId) location.hash = actorLink(v.actorId);
        else go("events", { ...flt, country: v.code.slice(0, 3) });
      });
      nodeLayer.append(g);
    }
    svg.append(edgeLayer, nodeLayer);
    const legend = h("div", { class: "legend" },
      [["#c0392b", "hostile (Goldstein ≤ −5)"], ["#e39b2d", "negative"], ["#8a97a5", "neutral"], ["#2a9d8f", "cooperative"]].map(([col, text]) => {
        const sw = h("span", { class: "swatch" });
        sw.style.background = col;
        return h("span", null, sw, text);
      }), h("span", null, "· arrows point from source to target · node colour: sector · size: number of events"));
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, "Network"),
        h("span", { class: "sub" }, `${fmt(list.length)} ${level === "actor" ? "actors" : "actor codes"} · ${fmt(edges.length)} dyads`),
        filterChips(params, "network")),
      card(level === "actor" ? "Who acts on whom" : "Dyads by actor code (country + sector)",
        segmented([["actor", "actors"], ["code", "codes"]], level, (v) => go("network", { ...params, level: v === "actor" ? "" : v })),
        list.length ? svg : h("p", { class: "muted" }, "No source–target pairs match."), legend));
  }

  async function pageActors(_, params) {
    const limit = 50;
    const offset = Math.max(0, parseInt(params.offset || "0", 10) || 0);
    const page = await api("/v1/actors", { name: params.name, limit, offset });
    const input = h("input", { type: "search", name: "name", value: params.name || "", placeholder: "Search actors", size: 28, maxlength: 200 });
    const form = h("form", { class: "row", onsubmit: (ev) => { ev.preventDefault(); go("actors", { name: input.value.trim() }); } },
      input, " ", h("button", { type: "submit", class: "primary" }, "Search"));
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, "Actors"), h("span", { class: "sub" }, `${fmt(page.total)} actors`), form),
      card(null, null, h("div", { class: "table-wrap" }, h("table", null,
        h("thead", null, h("tr", null, ["Name", "Code", "Kind", "Country", "Sector", "Events"].map((c) => h("th", null, c)))),
        h("tbody", null, page.actors.map((a) => h("tr", { class: "clickable", onclick: () => { location.hash = actorLink(a.actor_id); } },
          h("td", null, h("a", { href: actorLink(a.actor_id) }, a.name || a.actor_id)),
          h("td", { class: "mono" }, a.code || ""), h("td", null, a.kind || ""), h("td", null, a.country || ""),
          h("td", null, a.sector || ""), h("td", { class: "num" }, fmt(a.events))))))),
      pager(page.total, limit, offset, (o) => go("actors", { ...params, offset: o || "" }))));
  }

  // ----- (6) actor page with the role timeline -------------------------------------------------------------
  function roleTimeline(timeline, events) {
    const W = 960, M = { l: 70, r: 20, t: 10 };
    const roleRows = timeline.filter((r) => r.day);
    const times = [...roleRows.map((r) => parseDay(r.day)), ...roleRows.filter((r) => r.role_end).map((r) => parseDay(r.role_end)),
      ...events.filter((e) => e.date).map((e) => parseDay(e.date))];
    if (!times.length) return h("p", { class: "muted" }, "No dated roles or events.");
    let t0 = Math.min(...times), t1 = Math.max(...times);
    if (t1 - t0 < 60 * DAY) { t0 -= 30 * DAY; t1 += 30 * DAY; }
    const pad = (t1 - t0) * 0.04;
    t0 -= pad; t1 += pad;
    const x = (t) => M.l + ((W - M.l - M.r) * (t - t0)) / (t1 - t0);
    const laneH = 34;
    const H = M.t + laneH * 2 + 40;
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart timeline", role: "img", "aria-label": "Role timeline" });
    const yRoles = M.t + 4, yEvents = M.t + laneH + 14;
    svg.append(s("text", { class: "lane-label", x: 0, y: yRoles + 17 }, "roles"), s("text", { class: "lane-label", x: 0, y: yEvents + 5 }, "events"));
    // The same role seen again in later articles is one segment; a role lasts until the next one starts.
    const merged = [];
    for (const r of [...roleRows].sort((a, b) => parseDay(a.day) - parseDay(b.day))) {
      const last = merged[merged.length - 1];
      if (last && !last.role_end && last.title === r.title && last.country === r.country && last.sector === r.sector) {
        last.seen.push(r.day);
        last.role_end = r.role_end;
        continue;
      }
      merged.push({ ...r, seen: [r.day] });
    }
    merged.forEach((r, i) => {
      const start = parseDay(r.day);
      const next = merged.slice(i + 1).find((o) => parseDay(o.day) > start);
      const stop = r.role_end ? parseDay(r.role_end) : next ? parseDay(next.day) : t1;
      const x0 = x(start), x1 = Math.max(x(stop), x0 + 6);
      const text = [r.title, [r.country, r.sector].filter(Boolean).join(" ")].filter(Boolean).join(" · ") || "role";
      const inside = x1 - x0 > labelWidth(text) + 12;
      const label = inside ? s("text", { x: x0 + 6, y: yRoles + 16 }, text)
        : x1 + 6 + labelWidth(text) < W - M.r ? s("text", { class: "outside", x: x1 + 6, y: yRoles + 16 }, text)
          : s("text", { class: "outside", x: x0 - 6, y: yRoles + 16, "text-anchor": "end" }, text);
      const g = s("g", { class: "role" },
        s("rect", { x: x0, y: yRoles, width: x1 - x0, height: 24, rx: 4, fill: sectorColor(r.sector), opacity: 0.9 }),
        label, r.role_end ? s("line", { class: "end-cap", x1, x2: x1, y1: yRoles - 3, y2: yRoles + 27 }) : null);
      withTip(g, `${r.seen.join(", ")}${r.role_end ? ` – ${r.role_end} (ended)` : " (as of)"}\n${text}\n${snippet(r.evidence).slice(0, 220)}`);
      svg.append(g);
    });
    for (const e of events.filter((ev) => ev.date)) {
      const c = s("circle", { class: "event-dot", cx: x(parseDay(e.date)), cy: yEvents, r: 6, fill: typeColor(e.event_type) });
      withTip(c, `${e.date} · ${e.event_type}\n${e.source_name || "?"} → ${e.target_name || "—"}\n${(e.sentence || "").trim().slice(0, 160)}`);
      c.addEventListener("click", () => { location.hash = eventLink(e.event_id); });
      svg.append(c);
    }
    const axisY = yEvents + 18;
    const axis = s("g", { class: "axis" }, s("line", { x1: M.l, x2: W - M.r, y1: axisY, y2: axisY }));
    const iv = autoInterval(t1 - t0);
    const stepIv = iv === "day" ? "week" : iv === "week" ? "month" : "year";
    let ticks = [];
    for (let t = nextBucket(bucketStart(t0, stepIv), stepIv); t < t1; t = nextBucket(t, stepIv)) ticks.push(t);
    if (ticks.length > 10) ticks = ticks.filter((_, i) => i % Math.ceil(ticks.length / 10) === 0);
    for (const t of ticks) {
      axis.append(s("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4 }),
        s("text", { x: x(t), y: axisY + 17, "text-anchor": "middle" }, bucketLabel(t, stepIv === "week" ? "day" : stepIv)));
    }
    svg.append(axis);
    return svg;
  }

  async function pageActor([id], params) {
    const limit = 100;
    const offset = Math.max(0, parseInt(params.offset || "0", 10) || 0);
    const d = await api(`/v1/actors/${encodeURIComponent(id)}`, { limit, offset });
    const a = d.actor;
    const roles = d.timeline;
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, a.name || a.actor_id),
        h("span", { class: "sub" }, [a.code, a.kind, a.country, a.sector].filter(Boolean).join(" · ")),
        h("span", { class: "sub mono" }, a.actor_id)),
      card("Role timeline", null, roleTimeline(roles, d.events.events),
        roles.length ? h("div", { class: "table-wrap" }, h("table", { class: "roles" },
          h("thead", null, h("tr", null, ["Date", "Title", "Country", "Sector", "Ended", "Evidence"].map((c) => h("th", null, c)))),
          h("tbody", null, roles.map((r) => h("tr", null,
            h("td", { class: "date" }, r.day || "–"), h("td", null, r.title || ""), h("td", null, r.country || ""),
            h("td", null, r.sector || ""), h("td", { class: "date" }, r.role_end || ""),
            h("td", { class: "sentence" }, snippet(r.evidence), " ",
              r.doc_id ? h("a", { href: docLink(r.doc_id), class: "mono" }, r.doc_id) : null))))))
          : h("p", { class: "muted" }, "No roles recorded for this actor (roles come from titles and resignations in the articles).")),
      card(`Events (${fmt(d.events.total)})`, null, eventsTable(d.events.events),
        d.events.total > limit ? pager(d.events.total, limit, offset, (o) => go(`actor/${encodeURIComponent(id)}`, { offset: o || "" })) : null));
  }

  async function pageDocs(_, params) {
    const limit = 50;
    const offset = Math.max(0, parseInt(params.offset || "0", 10) || 0);
    const page = await api("/v1/documents", { q: params.q, limit, offset });
    const input = h("input", { type: "search", name: "q", value: params.q || "", placeholder: "Search titles", size: 28, maxlength: 200 });
    const form = h("form", { onsubmit: (ev) => { ev.preventDefault(); go("docs", { q: input.value.trim() }); } },
      input, " ", h("button", { type: "submit", class: "primary" }, "Search"));
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, "Documents"), h("span", { class: "sub" }, `${fmt(page.total)} documents`), form),
      card(null, null, h("div", { class: "table-wrap" }, h("table", null,
        h("thead", null, h("tr", null, ["Published", "Title", "Outlet", "Events", "Quotes", "Status"].map((c) => h("th", null, c)))),
        h("tbody", null, page.documents.map((d) => h("tr", { class: "clickable", onclick: () => { location.hash = docLink(d.doc_id); } },
          h("td", { class: "date" }, d.published || "–"),
          h("td", null, h("a", { href: docLink(d.doc_id) }, d.title || d.doc_id)),
          h("td", null, d.outlet || ""), h("td", { class: "num" }, fmt(d.n_events)), h("td", { class: "num" }, fmt(d.n_quotes)),
          h("td", null, d.status === "coded" ? "coded" : `${d.status}: ${d.reason || ""}`)))))),
      pager(page.total, limit, offset, (o) => go("docs", { ...params, offset: o || "" }))));
  }

  // ----- (5) document view: displaCy-style highlighting ------------------------------------------------------
  const KIND_LABEL = { actor: "Actors", trigger: "Event triggers", place: "Places", quote: "Quotes" };
  function markedText(text, spans) {
    // Actors, triggers and places are marks that do not overlap (the longest wins); quotes are a layer below.
    const ents = spans.filter((sp) => sp.kind !== "quote").sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
    const chosen = [];
    let lastEnd = 0;
    for (const e of ents) if (e.start >= lastEnd) { chosen.push(e); lastEnd = e.end; }
    const quotes = spans.filter((sp) => sp.kind === "quote");
    const inQuote = (pos) => quotes.find((q) => q.start <= pos && pos < q.end);
    const out = h("div", { class: "doc-text", "data-testid": "doc-text" });
    const plain = (a, b) => {
      const cuts = new Set([a, b]);
      for (const q of quotes) { if (q.start > a && q.start < b) cuts.add(q.start); if (q.end > a && q.end < b) cuts.add(q.end); }
      const pts = [...cuts].sort((x, y) => x - y);
      for (let i = 0; i + 1 < pts.length; i++) {
        const piece = text.slice(pts[i], pts[i + 1]);
        const q = inQuote(pts[i]);
        out.append(q ? h("span", { class: "quote", title: `${q.label} quote`, dataset: { quoteId: q.quote_id || "" } }, piece) : document.createTextNode(piece));
      }
    };
    let pos = 0;
    for (const e of chosen) {
      if (e.start > pos) plain(pos, e.start);
      const attrs = { class: `ent ent-${e.kind}`, dataset: { kind: e.kind } };
      let href = null;
      if (e.kind === "actor" && e.actor_id) { href = actorLink(e.actor_id); attrs.dataset.actorId = e.actor_id; }
      if (e.kind === "trigger" && e.event_id) { href = eventLink(e.event_id); attrs.dataset.eventId = e.event_id; }
      const mark = h(href ? "a" : "mark", { ...attrs, href }, h("span", { class: "ent-text" }, text.slice(e.start, e.end)),
        h("span", { class: "ent-label" }, e.label));
      const q = inQuote(e.start);
      out.append(q ? h("span", { class: "quote" }, mark) : mark);
      pos = e.end;
    }
    if (pos < text.length) plain(pos, text.length);
    return out;
  }
  function docLegend(textEl, spans) {
    const counts = {};
    for (const sp of spans) counts[sp.kind] = (counts[sp.kind] || 0) + 1;
    return h("div", { class: "doc-legend" }, Object.keys(KIND_LABEL).map((kind) => {
      const box = h("input", { type: "checkbox", checked: true, onchange: (ev) => textEl.classList.toggle(`hide-${kind}`, !ev.target.checked) });
      return h("label", { class: `l-${kind}` }, box, `${KIND_LABEL[kind]} (${counts[kind] || 0})`);
    }));
  }
  function flashEvent(root, eventId) {
    const mark = root.querySelector(`[data-event-id="${CSS.escape(eventId)}"]`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.classList.add("flash");
    setTimeout(() => mark.classList.remove("flash"), 2500);
  }
  function docEventsList(events, textEl) {
    return h("ul", { class: "side-list" }, events.map((e) => h("li", { onclick: () => flashEvent(textEl, e.event_id) },
      h("div", { class: "who" }, typeBadge(e.event_type, e.mode), " ", e.source_name || (e.source && e.source[0] && e.source[0].name) || "?", " → ",
        e.target_name || (e.target && e.target[0] && e.target[0].name) || "—"),
      h("div", { class: "what" }, `“${(e.trigger_text || (e.trigger && e.trigger.text) || "")}” · ${e.date || "no date"}`,
        e.event_id && !e.trigger ? [" · ", h("a", { href: eventLink(e.event_id), onclick: (ev) => ev.stopPropagation() }, "details")] : null))));
  }
  function quotesList(quotes) {
    if (!quotes.length) return h("p", { class: "muted" }, "No quotes.");
    return h("ul", { class: "side-list" }, quotes.map((q) => h("li", null,
      h("div", { class: "who" }, q.speaker_name || (q.speaker && q.speaker.name) || h("span", { class: "muted" }, "unattributed")),
      h("div", { class: "what" }, `${q.kind}: “${q.text.slice(0, 160)}${q.text.length > 160 ? "…" : ""}”`))));
  }

  async function pageDoc([id], params) {
    const d = await api(`/v1/documents/${encodeURIComponent(id)}`);
    const textEl = markedText(d.text, d.spans);
    const node = h("div", null,
      h("div", { class: "page-head" }, h("div", null, h("h1", { class: "doc-title" }, d.title || d.doc_id),
        h("div", { class: "sub" }, [d.outlet, d.published, d.doc_id].filter(Boolean).join(" · "), d.url ? " · " : "",
          d.url ? h("a", { href: d.url, rel: "noopener noreferrer", target: "_blank" }, "source") : null))),
      d.status !== "coded" ? h("div", { class: "error" }, `Not coded: ${d.reason || d.status} ${d.detail || ""}`) : null,
      h("div", { class: "grid doc" },
        card(null, null, docLegend(textEl, d.spans), textEl),
        h("div", null,
          card(`Events (${d.events.length})`, null, d.events.length ? docEventsList(d.events, textEl) : h("p", { class: "muted" }, "No events.")),
          card(`Quotes (${d.quotes.length})`, null, quotesList(d.quotes)))));
    if (params.event) node.afterMount = () => flashEvent(textEl, params.event);
    return node;
  }

  // ----- code a text ------------------------------------------------------------------------------------
  const EXAMPLE = {
    title: "Rebels attack army base near Aleppo",
    published: "2020-03-04",
    text: "Rebels attacked an army base near Aleppo on Monday, the Syrian Observatory for Human Rights said.\n\n" +
      "The United Nations called on both sides to respect the ceasefire agreed in Moscow last week.",
  };
  function codedSpans(result) {
    const spans = [];
    const seen = new Set();
    const add = (sp) => {
      const key = `${sp.kind}:${sp.start}:${sp.end}`;
      if (sp.start == null || sp.end == null || seen.has(key)) return;
      seen.add(key);
      spans.push(sp);
    };
    const actorSpan = (a) => add({ kind: "actor", start: a.start, end: a.end, label: a.code || a.country || a.kind.toUpperCase(), actor_id: null });
    for (const e of result.events) {
      add({ kind: "trigger", start: e.trigger.start, end: e.trigger.end, label: e.event_type, event_id: e.event_id });
      e.source.concat(e.target).forEach(actorSpan);
      if (e.location && e.location.start != null) add({ kind: "place", start: e.location.start, end: e.location.end, label: e.location.country });
    }
    result.actors.forEach(actorSpan);
    for (const q of result.quotes) add({ kind: "quote", start: q.start, end: q.end, label: q.kind, quote_id: q.quote_id });
    return spans;
  }

  async function pageCode() {
    const title = h("input", { type: "text", name: "title", size: 50, maxlength: 500, value: EXAMPLE.title });
    const published = h("input", { type: "date", name: "published", value: EXAMPLE.published });
    const text = h("textarea", { name: "text", required: true, maxlength: 900000 }, EXAMPLE.text);
    const result = h("div", { id: "code-result" });
    const button = h("button", { type: "submit", class: "primary" }, "Code it");
    const form = h("form", { class: "code-form", onsubmit: async (ev) => {
      ev.preventDefault();
      button.disabled = true;
      result.replaceChildren(h("p", { class: "loading" }, "Coding… (the first text loads the language model)"));
      try {
        const res = await fetch("/v1/code", {
          method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ text: text.value, title: title.value, published: published.value || null }),
        });
        const body = await res.json().catch(() => null);
        if (!res.ok) throw new Error((body && body.message) || `${res.status} ${res.statusText}`);
        if (body.status === "skipped") {
          result.replaceChildren(card("Skipped", null, h("p", null, `Not coded: ${body.skipped.reason}`), h("p", { class: "muted" }, body.skipped.detail || "")));
          return;
        }
        const spans = codedSpans(body);
        const textEl = markedText(body.article.text, spans);
        result.replaceChildren(h("div", { class: "grid doc" },
          card(body.article.title || "Result", null, docLegend(textEl, spans), textEl),
          h("div", null, card(`Events (${body.events.length})`, null, body.events.length ? docEventsList(body.events, textEl) : h("p", { class: "muted" }, "No events found.")),
            card(`Quotes (${body.quotes.length})`, null, quotesList(body.quotes)))));
      } catch (err) {
        result.replaceChildren(h("div", { class: "error", role: "alert" }, err.message));
      } finally {
        button.disabled = false;
      }
    } },
    h("div", { class: "row" }, h("label", null, "Title", title), h("label", null, "Published", published)),
    h("label", null, "Text (the article body)", text),
    h("div", null, button, h("span", { class: "muted small note-inline" }, "Nothing is stored: the text is coded and shown here.")));
    return h("div", null, h("div", { class: "page-head" }, h("h1", null, "Code a text")), card(null, null, form), result);
  }

  // ----- API reference from the OpenAPI spec ---------------------------------------------------------------
  async function pageApi() {
    const spec = await api("/openapi.json");
    const typeOf = (schema) => {
      if (!schema) return "";
      if (schema.enum) return schema.enum.join(" | ");
      if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
      return schema.format ? `${schema.type} (${schema.format})` : schema.type || (schema.$ref || "").split("/").pop();
    };
    const ops = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters || [];
        ops.push(h("div", { class: "op" },
          h("div", null, h("span", { class: `method ${method}` }, method.toUpperCase()), h("span", { class: "mono" }, path), "  ", h("b", null, op.summary || "")),
          op.description ? h("div", { class: "muted small" }, op.description) : null,
          params.length ? h("table", { class: "params" }, h("tbody", null, params.map((p) => h("tr", null,
            h("td", { class: "mono" }, p.name), h("td", { class: "muted" }, p.in), h("td", null, typeOf(p.schema)),
            h("td", { class: "muted" }, p.description || (p.schema && p.schema.description) || ""))))) : null,
          op.requestBody ? h("div", { class: "params muted" }, "JSON body: ", h("span", { class: "mono" },
            Object.keys(((spec.components.schemas[(op.requestBody.content["application/json"].schema.$ref || "").split("/").pop()] || {}).properties) || {}).join(", "))) : null,
          h("div", { class: "params muted" }, "responses: ", Object.keys(op.responses || {}).join(", "))));
      }
    }
    return h("div", null,
      h("div", { class: "page-head" }, h("h1", null, spec.info.title, " API ", h("span", { class: "sub" }, spec.info.version)),
        h("a", { href: "/openapi.json" }, "openapi.json")),
      card(null, null, h("p", { class: "muted" }, spec.info.summary || "", " ", spec.info.description || ""), ops));
  }

  async function pageNotFound(parts) {
    return h("div", { class: "error" }, `No page here. Try the `, h("a", { href: "#/" }, "overview"), ".");
  }

  const ROUTES = {
    "": pageOverview, events: pageEvents, event: pageEvent, map: pageMap, network: pageNetwork, actors: pageActors,
    actor: pageActor, docs: pageDocs, doc: pageDoc, code: pageCode, api: pageApi,
  };

  // ----- start ------------------------------------------------------------------------------------------
  async function start() {
    try {
      META = await api("/v1/meta");
    } catch (err) {
      $("#view").replaceChildren(h("div", { class: "error" }, `Cannot reach the eventwire API: ${err.message}`));
      return;
    }
    buildColors();
    const storeName = $("#store-name");
    storeName.textContent = META.store ? `store: ${META.store.split(/[\\/]/).pop()}` : "no store";
    storeName.title = META.store || "started without --db";
    setupFilters();
    window.addEventListener("hashchange", render);
    await render();
    document.body.dataset.ready = "true";
  }
  document.addEventListener("DOMContentLoaded", start);
})();
