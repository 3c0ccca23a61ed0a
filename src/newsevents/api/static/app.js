// newsevents dashboard: plain JavaScript over the JSON API of the same server (no external requests).
"use strict";

(() => {
  const PAGE = 50;
  const $ = (id) => document.getElementById(id);
  const state = {
    events: { params: { modality: "asserted" }, offset: 0, total: 0 },
    quotes: { params: {}, offset: 0, total: 0, loaded: false },
    clusters: { params: {}, offset: 0, total: 0, loaded: false },
    selected: null,
  };

  // -- helpers ------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const join = (...parts) => parts.filter((p) => p !== null && p !== undefined && p !== "").join(" ");

  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== "" && value !== null && value !== undefined) query.set(key, value);
    }
    const qs = query.toString();
    const response = await fetch("api/" + path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail : response.statusText;
      throw new Error(body.error || detail);
    }
    return body;
  }

  function showError(error) {
    const box = $("error");
    box.textContent = error ? String(error.message || error) : "";
    box.hidden = !error;
  }

  async function guarded(work) {
    try {
      await work();
      showError(null);
    } catch (error) {
      showError(error);
    }
  }

  function formParams(form) {
    const params = {};
    for (const [key, value] of new FormData(form).entries()) {
      const text = String(value).trim();
      if (text) params[key] = text;
    }
    return params;
  }

  function actorCell(row, side) {
    const code = row[side + "_code"];
    const label = row[side + "_name"] || row[side + "_text"];
    if (!code && !label) return el("td", null, "—");
    return el("td", null, el("span", { className: "code-inline" }, code || ""), code && label ? " " : "",
      label ? el("span", { className: "sub" }, label) : "");
  }

  function renderPager(id, view, load) {
    const pager = $(id);
    const { offset, total } = state[view];
    const prev = el("button", { type: "button", disabled: offset <= 0 }, "Previous");
    const next = el("button", { type: "button", disabled: offset + PAGE >= total }, "Next");
    prev.addEventListener("click", () => { state[view].offset = Math.max(0, offset - PAGE); guarded(load); });
    next.addEventListener("click", () => { state[view].offset = offset + PAGE; guarded(load); });
    const pages = Math.max(1, Math.ceil(total / PAGE));
    const info = el("span", { className: "hint" }, `Page ${Math.floor(offset / PAGE) + 1} of ${pages}`);
    pager.replaceChildren(prev, next, info);
  }

  function caption(id, noun, body) {
    const text = body.total === 0
      ? `No ${noun} match these filters.`
      : `${noun[0].toUpperCase() + noun.slice(1)} ${body.offset + 1}–${body.offset + body.items.length} of ${body.total}`;
    $(id).textContent = text;
  }

  function activate(row, handler) {
    row.tabIndex = 0;
    row.addEventListener("click", handler);
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        handler();
      }
    });
  }

  // -- header, tabs -------------------------------------------------------------------------------
  async function loadHealth() {
    const { counts } = await api("health");
    $("counts").textContent = ["articles", "events", "quotes", "clusters", "failures"]
      .map((t) => `${counts[t]} ${t}`).join(" · ");
  }

  async function loadRoots() {
    const { roots } = await api("cameo/roots");
    for (const select of [$("root-select"), $("cluster-root-select")]) {
      for (const r of roots) select.append(el("option", { value: r.root }, `${r.root} ${r.name}`));
    }
  }

  const TABS = ["events", "quotes", "clusters"];

  function showTab(name, focus) {
    for (const tab of TABS) {
      const button = $("tab-" + tab);
      const on = tab === name;
      button.setAttribute("aria-selected", String(on));
      button.tabIndex = on ? 0 : -1;
      $("panel-" + tab).hidden = !on;
      if (on && focus) button.focus();
    }
    if (name === "quotes" && !state.quotes.loaded) guarded(loadQuotes);
    if (name === "clusters" && !state.clusters.loaded) guarded(loadClusters);
  }

  function setUpTabs() {
    TABS.forEach((name, i) => {
      const button = $("tab-" + name);
      button.addEventListener("click", () => showTab(name, false));
      button.addEventListener("keydown", (event) => {
        const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (step) showTab(TABS[(i + step + TABS.length) % TABS.length], true);
      });
    });
  }

  // -- events -------------------------------------------------------------------------------------
  async function loadEvents() {
    const body = await api("events", { ...state.events.params, limit: PAGE, offset: state.events.offset });
    state.events.total = body.total;
    const rows = body.items.map((r) => {
      const tr = el("tr", { "data-event-id": r.event_id },
        el("td", { className: "code" }, r.date || "—"),
        actorCell(r, "source"),
        el("td", null, el("span", { className: "code-inline" }, r.cameo_code || ""), " ",
          el("span", { className: "sub" }, r.cameo_name || r.trigger_text || "")),
        actorCell(r, "target"),
        el("td", null, join(r.location_name, r.location_country ? `(${r.location_country})` : "") || "—"),
        el("td", null, r.modality || ""));
      if (r.event_id === state.selected) tr.setAttribute("aria-current", "true");
      activate(tr, () => guarded(() => selectEvent(r.event_id)));
      return tr;
    });
    $("events-table").tBodies[0].replaceChildren(...rows);
    caption("events-status", "events", body);
    renderPager("events-pager", "events", loadEvents);
  }

  async function loadStats() {
    const stats = await api("stats", state.events.params);
    const days = stats.by_day;
    const dyad = stats.top_dyads[0];
    const place = stats.top_locations[0];
    const items = [
      ["Events", stats.total],
      ["Days", days.length ? `${days.length} (${days[0].day} – ${days[days.length - 1].day})` : "—"],
      ["Top dyad", dyad ? `${dyad.source_code} → ${dyad.target_code} (${dyad.n})` : "—"],
      ["Top location", place ? join(place.location_name, place.location_country ? `(${place.location_country})` : "", `· ${place.n}`) : "—"],
    ];
    for (const q of stats.by_quad_class) {
      if (q.quad_class !== null) items.push([q.name || `QuadClass ${q.quad_class}`, q.n]);
    }
    $("summary").replaceChildren(...items.flatMap(([k, v]) => [el("dt", null, k), el("dd", null, v)]));

    const max = Math.max(1, ...stats.by_root.map((r) => r.n));
    const current = state.events.params.root || "";
    const bars = stats.by_root.map((r) => {
      const label = r.root ? `${r.root} ${r.name || ""}` : "no code";
      const button = el("button", { type: "button", "aria-pressed": String(current === r.root), title: label,
        "aria-label": `${label}: ${r.n} events` }, label);
      button.addEventListener("click", () => {
        $("root-select").value = current === r.root ? "" : (r.root || "");
        applyEvents();
      });
      const bar = el("span", { className: "bar" });
      bar.style.width = `${(100 * r.n) / max}%`;
      return el("li", { "data-root": r.root || "" }, button, el("span", { className: "bar-track", "aria-hidden": "true" }, bar),
        el("span", { className: "bar-n" }, r.n));
    });
    $("root-chart").replaceChildren(...(bars.length ? bars : [el("li", null, "No events.")]));
  }

  function applyEvents() {
    const form = $("event-filters");
    if (!form.reportValidity()) return;
    state.events.params = formParams(form);
    state.events.offset = 0;
    guarded(() => Promise.all([loadEvents(), loadStats()]));
  }

  function evidenceNodes(row) {
    const chars = Array.from(row.evidence || ""); // code points, as the stored offsets count them
    const start = row.trigger_start - row.evidence_start;
    const end = row.trigger_end - row.evidence_start;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= chars.length)) {
      return [chars.join("")];
    }
    return [chars.slice(0, start).join(""), el("mark", null, chars.slice(start, end).join("")), chars.slice(end).join("")];
  }

  async function selectEvent(eventId) {
    state.selected = eventId;
    for (const tr of $("events-table").tBodies[0].rows) {
      if (tr.dataset.eventId === eventId) tr.setAttribute("aria-current", "true");
      else tr.removeAttribute("aria-current");
    }
    const { event: e, quote, article } = await api("events/" + encodeURIComponent(eventId));
    $("evidence").replaceChildren(...evidenceNodes(e));
    const actor = (side) => join(e[side + "_code"], e[side + "_name"] || e[side + "_text"]) || "—";
    const fields = [
      ["Source", actor("source")],
      ["Event", join(e.cameo_code, e.cameo_name, e.trigger_text ? `(“${e.trigger_text}”)` : "")],
      ["Target", actor("target")],
      ["PLOVER", join(e.plover_type, e.plover_mode) || "—"],
      ["Goldstein", e.goldstein ?? "—"],
      ["Date", join(e.date, e.date_text ? `(“${e.date_text}”)` : "") || "—"],
      ["Location", join(e.location_name, e.location_country ? `(${e.location_country})` : "") || "—"],
      ["Modality", e.modality || "—"],
      ["Confidence", e.confidence ?? "—"],
    ];
    const dl = fields.flatMap(([k, v]) => [el("dt", null, k), el("dd", null, v)]);
    if (e.cluster_id) {
      const link = el("button", { type: "button", className: "linkish" }, e.cluster_id);
      link.addEventListener("click", () => showCluster(e.cluster_id));
      dl.push(el("dt", null, "Cluster"), el("dd", null, link));
    }
    $("detail-fields").replaceChildren(...dl);
    $("detail-quote").hidden = !quote;
    if (quote) {
      $("quote-text").textContent = quote.content_text || "";
      $("quote-speaker").textContent = "— " + join(quote.speaker_text, quote.speaker_code ? `(${quote.speaker_code})` : "",
        quote.cue_text ? `· ${quote.cue_text}` : "", quote.kind ? `· ${quote.kind}` : "");
    }
    const title = (article && article.title) || e.article_id;
    const url = article && article.url;
    const link = url && /^https?:\/\//i.test(url)
      ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, title)
      : el("strong", null, title);
    const meta = article ? join(article.source, article.published) : "";
    $("detail-article").replaceChildren(link, meta ? el("span", { className: "meta" }, ` · ${meta}`) : "");
    $("detail-hint").hidden = true;
    $("detail-body").hidden = false;
  }

  function clearForm(form) {
    for (const field of form.elements) {
      if (field instanceof HTMLSelectElement) {
        field.selectedIndex = Math.max(0, Array.from(field.options).findIndex((o) => o.defaultSelected));
      } else if (field instanceof HTMLInputElement) {
        field.value = field.defaultValue;
      }
    }
  }

  function showCluster(clusterId) {
    const form = $("event-filters");
    clearForm(form);
    form.elements.namedItem("cluster_id").value = clusterId;
    showTab("events", false);
    applyEvents();
  }

  // -- quotes -------------------------------------------------------------------------------------
  async function loadQuotes() {
    const body = await api("quotes", { ...state.quotes.params, limit: PAGE, offset: state.quotes.offset });
    state.quotes.total = body.total;
    state.quotes.loaded = true;
    const rows = body.items.map((q) => el("tr", { "data-quote-id": q.quote_id },
      el("td", { className: "code" }, q.article_id),
      el("td", null, el("span", { className: "code-inline" }, q.speaker_code || ""), q.speaker_code ? " " : "",
        el("span", { className: "sub" }, q.speaker_text || "")),
      el("td", null, q.cue_text || ""),
      el("td", null, q.kind || ""),
      el("td", null, q.content_text || "")));
    $("quotes-table").tBodies[0].replaceChildren(...rows);
    caption("quotes-status", "quotes", body);
    renderPager("quotes-pager", "quotes", loadQuotes);
  }

  // -- clusters -----------------------------------------------------------------------------------
  async function loadClusters() {
    const body = await api("clusters", { ...state.clusters.params, limit: PAGE, offset: state.clusters.offset });
    state.clusters.total = body.total;
    state.clusters.loaded = true;
    const side = (c, s) => el("td", { className: "code" }, c[s + "_code"] || c[s + "_country"] || "—");
    const rows = body.items.map((c) => {
      const tr = el("tr", { "data-cluster-id": c.cluster_id },
        el("td", { className: "code" }, c.event_date || "—"),
        side(c, "source"),
        el("td", { className: "code" }, c.cameo_code || c.cameo_root || ""),
        side(c, "target"),
        el("td", null, join(c.location_name, c.location_country ? `(${c.location_country})` : "") || "—"),
        el("td", { className: "num" }, c.num_mentions),
        el("td", { className: "num" }, c.num_articles),
        el("td", { className: "num" }, c.num_sources));
      activate(tr, () => showCluster(c.cluster_id));
      return tr;
    });
    $("clusters-table").tBodies[0].replaceChildren(...rows);
    caption("clusters-status", "clusters", body);
    renderPager("clusters-pager", "clusters", loadClusters);
  }

  // -- forms --------------------------------------------------------------------------------------
  function setUpForm(id, view, load) {
    const form = $(id);
    const apply = () => {
      if (!form.reportValidity()) return;
      state[view].params = formParams(form);
      state[view].offset = 0;
      guarded(load);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (view === "events") applyEvents();
      else apply();
    });
    form.addEventListener("reset", () => setTimeout(() => (view === "events" ? applyEvents() : apply()), 0));
  }

  async function start() {
    setUpTabs();
    setUpForm("event-filters", "events", loadEvents);
    setUpForm("quote-filters", "quotes", loadQuotes);
    setUpForm("cluster-filters", "clusters", loadClusters);
    await Promise.all([loadHealth(), loadRoots()]);
    await Promise.all([loadEvents(), loadStats()]);
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", () => guarded(start));
})();
